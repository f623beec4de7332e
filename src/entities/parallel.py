"""Worker processes for :meth:`entities.Pipeline.pipe` with ``n_process > 1``.

Each worker is a separate Python process started with the ``"spawn"`` (or ``"forkserver"``) start
method, never ``"fork"``: forking a process that has already imported torch can deadlock in torch's
thread pools. A worker loads the model once, in the pool's initializer, from the
:class:`~entities.pipeline.ModelSpec` that :func:`entities.load` stored on the pipeline, sets torch to
one thread (so N workers on N cores do not oversubscribe them), and ignores Ctrl-C, which the parent
handles for everyone.

The parent reads the input lazily, one batch at a time, cuts each batch into up to ``n_process``
pieces of about equal length, keeps at most ``max_in_flight`` pieces (default ``2 × n_process``, or
``4 × n_process`` when the parent tags too) submitted and not yet handed to the caller, and hands
Documents back in input order; memory stays flat however long the input is. Texts that are not ``str``
never reach a worker: the parent turns them into error Documents itself, so nothing unpicklable is
ever sent.

Shutdown: when the input is exhausted the workers are stopped and joined; when the caller stops
early (``close()`` on the generator, ``break`` then garbage collection, an exception, Ctrl-C), the
workers are terminated at once rather than left to finish their batches.

Scripts that use ``n_process > 1`` need the usual ``if __name__ == "__main__":`` guard, since spawned
workers import the main module. Workers rebuild the pipeline from what :func:`entities.load` was given
plus ``max_sentence_tokens``; rules or a tagger swapped in by hand afterwards are not carried over.

:meth:`entities.Pipeline.pipe` counts the calling process as one of its ``n_process``: it starts
``n_process - 1`` workers and tags a batch itself whenever they already have two queued each, so no
core waits while the workers start and load their model, and N processes cost N models in memory (each
about 0.6 GB peak RSS with the shipped one). A :class:`WorkerPool` made by hand has ``n_process`` workers
unless given ``parent_works=True``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InvalidInputError

if TYPE_CHECKING:
    from .pipeline import ModelSpec, Pair, Pipeline
    from .schema import Document

#: Start methods that are safe with torch (``"fork"`` is not).
START_METHODS = ("spawn", "forkserver")


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs to rebuild the caller's pipeline."""

    spec: ModelSpec
    max_sentence_tokens: int = 150
    torch_threads: int = 1


# Set in each worker process by _init_worker.
_worker_pipeline: Pipeline | None = None
_worker_error: BaseException | None = None


def _init_worker(config: WorkerConfig) -> None:
    """Pool initializer: load the model once per worker; a failure is kept and re-raised by each task."""
    global _worker_pipeline, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, str(config.torch_threads))
    try:
        import torch

        torch.set_num_threads(config.torch_threads)
        pipeline = config.spec.load()
        pipeline.max_sentence_tokens = config.max_sentence_tokens
        _worker_pipeline = pipeline
    except BaseException as exc:  # raised again, with its message, in the parent by _run_batch
        _worker_error = exc


def _run_batch(pairs: Sequence[tuple[str, str | None]]) -> list[Document]:
    """Task: one batch of texts in, one Document per text out (errors recorded on the Documents)."""
    if _worker_pipeline is None:
        raise _worker_error or RuntimeError("entities worker was not initialised")
    return _worker_pipeline._extract_batch_safely(pairs)


def worker_config(pipeline: Pipeline, torch_threads: int = 1) -> WorkerConfig:
    """The config that rebuilds ``pipeline`` in a worker; it must have been made by :func:`entities.load`."""
    if pipeline.model_spec is None:
        raise InvalidInputError(
            "n_process > 1 needs a Pipeline made by entities.load(...): workers load the model again "
            "and this pipeline does not say which model it holds"
        )
    return WorkerConfig(pipeline.model_spec, pipeline.max_sentence_tokens, torch_threads)


class WorkerPool:
    """A pool of worker processes, each holding the pipeline's model; reusable across many streams.

    ``with WorkerPool(entities.load(), 2) as pool: docs = list(pool.pipe(texts))``.
    :meth:`entities.Pipeline.pipe` with ``n_process > 1`` makes one for the length of the stream.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        n_process: int,
        *,
        start_method: str = "spawn",
        torch_threads: int = 1,
        parent_works: bool = False,
    ):
        if n_process < 1:
            raise InvalidInputError(f"n_process must be at least 1, not {n_process}")
        if start_method not in START_METHODS:
            raise InvalidInputError(f"start_method must be one of {START_METHODS}, not {start_method!r}")
        self.pipeline = pipeline
        self.n_process = n_process
        # With parent_works the calling process is one of the n_process: it tags a batch itself whenever
        # the workers already have enough queued, from the first batch on (while they still load).
        self.parent_works = parent_works and n_process > 1
        self.workers = n_process - 1 if self.parent_works else n_process
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context(start_method),
            initializer=_init_worker,
            initargs=(worker_config(pipeline, torch_threads),),
        )

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close(terminate=exc_type is not None)

    def close(self, *, terminate: bool = False) -> None:
        """Stop the workers: let them finish their current batch, or kill them now with ``terminate``."""
        processes = list((getattr(self._executor, "_processes", None) or {}).values())
        if terminate:
            for process in processes:
                if process.is_alive():
                    process.terminate()
        self._executor.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            process.join(timeout=10)

    def pipe(self, batches: Iterable[list[Pair]], max_in_flight: int | None = None) -> Iterator[Document]:
        """Documents for ``batches`` of ``(text, doc_id)`` pairs, in order, with a bounded number of batches in flight.

        Each batch is handed out in up to ``n_process`` pieces of about equal length (see
        :func:`split_batches`). An exception raised by ``batches`` itself is raised again after the
        Documents of the batches read before it have been handed out, as a single process would.
        """
        # A parent that tags too needs a longer window: otherwise it soon waits on the oldest batch (the
        # first one above all, while the workers start) instead of tagging the next one itself.
        limit = (4 if self.parent_works else 2) * self.n_process if max_in_flight is None else max_in_flight
        if limit < 1:
            raise InvalidInputError(f"max_in_flight must be at least 1, not {limit}")
        queued_per_worker = 2
        in_flight: deque[tuple[list[Pair], Future[list[Document]] | list[Document] | None]] = deque()
        source = split_batches(batches, self.n_process)
        failure: Exception | None = None
        exhausted = False
        while True:
            while not exhausted and failure is None and len(in_flight) < limit:
                try:
                    batch = next(source)
                except StopIteration:
                    exhausted = True
                    break
                except Exception as exc:  # the caller's iterable failed: finish what was read, then raise
                    failure = exc
                    break
                texts = [(text, doc_id) for text, doc_id in batch if isinstance(text, str)]
                if not texts:
                    in_flight.append((batch, None))
                elif self.parent_works and self._queued(in_flight) >= queued_per_worker * self.workers:
                    in_flight.append((batch, self.pipeline._extract_batch_safely(texts)))
                else:
                    in_flight.append((batch, self._executor.submit(_run_batch, texts)))
            if not in_flight:
                break
            batch, work = in_flight.popleft()
            done = iter(work.result() if isinstance(work, Future) else work or ())
            for text, doc_id in batch:
                yield next(done) if isinstance(text, str) else self.pipeline._extract_one_safely(text, doc_id)
        if failure is not None:
            raise failure

    @staticmethod
    def _queued(in_flight: Iterable[tuple[object, object]]) -> int:
        return sum(1 for _, work in in_flight if isinstance(work, Future) and not work.done())


def split_batches(batches: Iterable[list[Pair]], parts: int) -> Iterator[list[Pair]]:
    """Each batch cut into up to ``parts`` consecutive pieces of about equal length in characters.

    Work is handed out a piece at a time, so the processes share a long batch instead of one of them
    working through it while the others wait at the end of the stream; the pieces keep input order.
    """
    for batch in batches:
        sizes = [len(text) if isinstance(text, str) else 0 for text, _ in batch]
        share = sum(sizes) / parts
        if parts < 2 or len(batch) < 2 or not share:
            yield batch
            continue
        piece: list[Pair] = []
        filled = 0
        for pair, size in zip(batch, sizes, strict=True):
            piece.append(pair)
            filled += size
            if filled >= share:
                yield piece
                piece, filled = [], 0
        if piece:
            yield piece


def pipe_parallel(
    pipeline: Pipeline,
    batches: Iterable[list[Pair]],
    n_process: int,
    *,
    max_in_flight: int | None = None,
    start_method: str = "spawn",
) -> Iterator[Document]:
    """Documents for ``batches`` from ``n_process`` workers, in input order; the pool lives as long as the stream.

    The workers are killed at once if the stream is left early (closed, garbage-collected, or an
    exception, Ctrl-C included); a worker that dies (out of memory, say) raises
    ``concurrent.futures.process.BrokenProcessPool``.
    """
    pool = WorkerPool(pipeline, n_process, start_method=start_method, parent_works=True)
    finished = False
    try:
        yield from pool.pipe(batches, max_in_flight)
        finished = True
    finally:
        pool.close(terminate=not finished)
