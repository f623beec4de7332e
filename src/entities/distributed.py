"""Scale-out extraction on Dask: many machines (or many local processes), one graph.

    pip install "entities[dask]"        # dask[distributed]

    from dask.distributed import Client
    from pathlib import Path
    import entities.distributed as ed

    client = Client("tcp://scheduler-host:8786")           # a running cluster; or Client() / LocalCluster(...)
    paths = sorted(Path("/data/news").rglob("*.txt"))       # Path items are read on the workers
    graph = ed.extract_graph_dask(paths, partition_size=64, scheduler=client)
    entities.write_graphml(graph, "news.graphml")

To run the cluster yourself: ``dask scheduler`` on one machine (it prints its ``tcp://HOST:8786``
address), then ``dask worker tcp://HOST:8786 --nworkers N --nthreads 1`` on each worker machine. Every
worker needs the same environment as the client (``pip install "entities[dask]"``, same version), the
model (the shipped one, or the ``model`` directory at the same path on every machine), and, for
``Path`` items, the files at the same paths (a shared file system). Use one thread per worker process
and as many worker processes as cores: torch is set to one thread per process, and a process runs
one partition at a time.

Why Dask rather than Ray
    Dask is pip-installable pure Python (``dask[distributed]``), needs no separate runtime or object
    store, and gives a real multi-process cluster in a test with ``LocalCluster(processes=True)``.
    The work is an embarrassingly parallel map over partitions of texts followed by one reduction,
    which is exactly what ``dask.bag`` expresses (``from_sequence`` → ``map_partitions`` → gather),
    and the same code runs on the threaded, multiprocessing or distributed scheduler. Ray would add a
    large binary dependency and an actor model this job does not need.

How the work is split
    The input becomes a ``dask.bag`` of texts, ``(text, doc_id)`` pairs or ``Path`` objects, in
    partitions of ``partition_size`` items. Each partition runs through :meth:`Pipeline.pipe` on a
    worker, with the pipeline loaded once per worker process and cached for the next partitions
    (:func:`worker_pipeline`). Failures stay per document: an unreadable file or a text the pipeline
    fails on becomes a Document with ``error`` set, as in :meth:`Pipeline.pipe`.

How the graphs are merged (the reduce)
    Per-partition graphs cannot simply be unioned: entity merging in :func:`entities.build_graph` is
    global. A one-word name («لافروف») joins a multi-word entity only if no other multi-word entity
    *anywhere in the corpus* claims that word; a multi-word alias joins the unique longer entity
    across the corpus; display names, mention counts and node ids (``#2`` suffixes) depend on all
    documents in input order. A correct graph-level merge would therefore have to carry, per node,
    every member entity with its aliases and mention counts, and per edge the relations with their
    document and sentence, i.e. the documents' entities and relations all over again.

    So each partition returns its Documents in a compact form (the text dropped; entities, mentions
    and relations kept, which is everything :func:`~entities.build_graph` reads), the client gathers
    them in input order and calls :func:`~entities.build_graph` once. The result is, by construction,
    the graph a single process gets from the same Documents. The cost: the client holds every
    document's entities and relations (not the texts) and runs the graph build alone; that build is
    linear and takes seconds for a hundred thousand articles, small beside the NER it follows.
    :func:`documents_bag` gives the full Documents instead, e.g. to write JSONL from the workers:
    ``documents_bag(paths).map(lambda d: d.model_dump_json()).to_textfiles("out/*.jsonl")``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InvalidInputError
from .graph import build_graph
from .schema import Document

if TYPE_CHECKING:
    import dask.bag
    import networkx as nx

    from .pipeline import Pipeline

#: Items per partition by default: a few NER batches, small enough to spread over many workers.
DEFAULT_PARTITION_SIZE = 64

_PipelineKey = tuple[str | None, int, int, int | None]
_pipelines: dict[_PipelineKey, Pipeline] = {}
_pipelines_lock = threading.Lock()
_run_lock = threading.Lock()


def _bag_module() -> Any:
    try:
        import dask.bag
    except ImportError as exc:  # an optional dependency
        raise ImportError(
            'entities.distributed needs Dask: pip install "entities[dask]" (or "dask[distributed]")'
        ) from exc
    return dask.bag


def _model_argument(model: str | os.PathLike[str] | None) -> str | None:
    """``model`` as it travels to the workers: a plain string, a model directory made absolute."""
    if model is None:
        return None
    spec = os.fspath(model)
    if spec == "stanza" or spec.startswith("stanza:"):
        return spec
    return os.path.abspath(spec)


def worker_pipeline(
    model: str | None = None, ner_batch_size: int = 64, max_sentence_tokens: int = 150, torch_threads: int | None = 1
) -> Pipeline:
    """This process's pipeline for ``model``: loaded on first use, then reused by every partition it runs.

    ``torch_threads`` (if not None) sets torch's thread count for the process when the model is loaded.
    """
    key = (model, ner_batch_size, max_sentence_tokens, torch_threads)
    with _pipelines_lock:
        pipeline = _pipelines.get(key)
        if pipeline is None:
            from .pipeline import ModelSpec

            if torch_threads is not None:
                import torch

                torch.set_num_threads(torch_threads)
            pipeline = ModelSpec(model, ner_batch_size).load()
            pipeline.max_sentence_tokens = max_sentence_tokens
            _pipelines[key] = pipeline
        return pipeline


def _read(path: Path) -> tuple[str | None, str | None]:
    """``(text, None)``, or ``(None, why)`` when the file cannot be read as UTF-8 text."""
    try:
        return path.read_bytes().decode("utf-8-sig"), None
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8"


def for_graph(document: Document) -> Document:
    """``document`` without its text: all that :func:`~entities.build_graph` reads, smaller to ship.

    Only for building graphs: its spans no longer point into its (empty) text.
    """
    return document.model_copy(update={"text": ""})


def extract_partition(
    items: Iterable[object],
    model: str | None = None,
    *,
    batch_size: int = 32,
    ner_batch_size: int = 64,
    max_sentence_tokens: int = 150,
    torch_threads: int | None = 1,
    compact: bool = False,
) -> list[Document]:
    """One Document per item of a partition, in order; ``Path`` items are read here, on the worker."""
    pipeline = worker_pipeline(model, ner_batch_size, max_sentence_tokens, torch_threads)
    texts: list[Any] = []  # what Pipeline.pipe takes; it turns anything else into an error Document
    unreadable: list[Document | None] = []  # per item: the error Document of an unreadable file, or None
    for item in items:
        if isinstance(item, os.PathLike):
            path = Path(item)
            text, error = _read(path)
            if text is None:
                unreadable.append(Document(id=str(path), text="", error=error))
                continue
            item = text, str(path)
        unreadable.append(None)
        texts.append(item)
    with _run_lock:  # one partition at a time per process: the model is shared and not known to be thread-safe
        extracted = iter(list(pipeline.pipe(texts, batch_size=batch_size)))
    documents = [failed if failed is not None else next(extracted) for failed in unreadable]
    return [for_graph(d) for d in documents] if compact else documents


def documents_bag(
    items: dask.bag.Bag | Iterable[str | tuple[str, str] | os.PathLike[str]],
    model: str | os.PathLike[str] | None = None,
    *,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    batch_size: int = 32,
    ner_batch_size: int = 64,
    max_sentence_tokens: int = 150,
    torch_threads: int | None = 1,
    compact: bool = False,
) -> dask.bag.Bag:
    """A lazy ``dask.bag`` of Documents, one per item, in input order.

    ``items``: a ``dask.bag.Bag`` or an iterable of texts, ``(text, doc_id)`` pairs and ``Path``
    objects (read on the workers; the id is the path). An iterable is materialised into a bag of
    ``partition_size`` items per partition (the items, not the texts they name: pass paths for big
    corpora). ``model`` is as in :func:`entities.load` and must exist on every worker. ``compact``
    drops each Document's text (see :func:`for_graph`).
    """
    bag_module = _bag_module()
    if partition_size < 1:
        raise InvalidInputError(f"partition_size must be at least 1, not {partition_size}")
    bag: Any = (
        items
        if isinstance(items, bag_module.Bag)
        else bag_module.from_sequence(list(items), partition_size=partition_size)
    )
    result: dask.bag.Bag = bag.map_partitions(
        extract_partition,
        _model_argument(model),
        batch_size=batch_size,
        ner_batch_size=ner_batch_size,
        max_sentence_tokens=max_sentence_tokens,
        torch_threads=torch_threads,
        compact=compact,
    )
    return result


def extract_graph_dask(
    paths_or_texts_bag: dask.bag.Bag | Iterable[str | tuple[str, str] | os.PathLike[str]],
    model: str | os.PathLike[str] | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    *,
    batch_size: int = 32,
    scheduler: Any = None,
) -> nx.MultiDiGraph:
    """The merged graph of a corpus extracted on Dask; equal to ``build_graph`` of a single-process run.

    ``paths_or_texts_bag``: a ``dask.bag.Bag`` or an iterable of texts, ``(text, doc_id)`` pairs or
    ``Path`` objects (see :func:`documents_bag`). ``scheduler``: passed to ``compute`` (a
    ``distributed.Client``, ``"processes"``, ``"threads"``, ``"sync"``); ``None`` uses Dask's default,
    which is the active ``Client`` when one exists. Partitions are extracted on the workers, and their
    compact Documents are gathered in input order into one :func:`~entities.build_graph` call.
    """
    bag: Any = documents_bag(
        paths_or_texts_bag, model, partition_size=partition_size, batch_size=batch_size, compact=True
    )
    documents: list[Document] = list(bag.compute(scheduler=scheduler))
    return build_graph(documents)
