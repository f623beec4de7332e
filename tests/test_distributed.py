"""Extraction on a real multi-process Dask cluster gives the same Documents and graph as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip(
    "dask.distributed", reason='Dask is not installed: pip install "dask[distributed]" to test entities.distributed'
)

import entities
from entities.distributed import documents_bag, extract_graph_dask, for_graph

# Lavrov is named in full in one partition and by his family name alone in others: the graph must
# merge them as a single process does, which per-partition graphs could not.
TEXTS = [
    "وصل وزير الخارجية الروسي سيرغي لافروف إلى بيونغ يانغ حيث التقى الزعيم كيم جونغ أون. وأكد لافروف أهمية الزيارة.",
    "استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة.",
    "زار الرئيس فلاديمير بوتين العاصمة الصينية بكين.",
    "التقى الملك عبدالله الثاني الرئيس إيمانويل ماكرون في عمان.",
    "وقال لافروف إن المحادثات مع كيم كانت مثمرة.",
    "أجرى الرئيس فلاديمير بوتين اتصالا هاتفيا مع الرئيس عبد الفتاح السيسي.",
    "استقبل لافروف في موسكو وزير الخارجية سامح شكري.",
]
BATCH, PARTITION = 2, 4  # partitions hold whole batches, so the NER sees the same batches as one process


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_cluster_graph_equals_single_process_graph(client, pipeline, tmp_path: Path):
    files = []
    for i, text in enumerate(TEXTS[4:]):
        files.append(tmp_path / f"{i}.txt")
        files[-1].write_text(text, "utf-8")
    unreadable = tmp_path / "missing.txt"
    items = [*TEXTS[:2], ("", "empty"), 42, TEXTS[2], (TEXTS[3], "amman"), *files, unreadable]

    single_items = [(item.read_text("utf-8"), str(item)) if isinstance(item, Path) else item for item in items[:-1]]
    single = list(pipeline.pipe(single_items, batch_size=BATCH))

    documents = documents_bag(items, partition_size=PARTITION, batch_size=BATCH).compute(scheduler=client)
    assert len(documents) == len(items)
    assert [d.model_dump() for d in documents[:-1]] == [d.model_dump() for d in single]
    assert documents[-1].id == str(unreadable) and "cannot read" in (documents[-1].error or "")
    assert documents[3].error and "not int" in documents[3].error

    graph = extract_graph_dask(items, partition_size=PARTITION, batch_size=BATCH, scheduler=client)
    expected = entities.build_graph(single)
    assert list(graph.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    [lavrov] = [data for _, data in graph.nodes(data=True) if data["label"] == "PER" and "لافروف" in data["name"]]
    assert lavrov["name"] == "سيرغي لافروف"
    naming_lavrov = [d.id for d in single if any(e.label == "PER" and "لافروف" in e.name for e in d.entities)]
    assert lavrov["documents"] == naming_lavrov
    assert documents[0].id in naming_lavrov and any(f.endswith(".txt") for f in naming_lavrov)  # across partitions


def test_compact_documents_build_the_same_graph(pipeline):
    documents = list(pipeline.pipe(TEXTS))
    full, compact = entities.build_graph(documents), entities.build_graph([for_graph(d) for d in documents])
    assert list(full.nodes(data=True)) == list(compact.nodes(data=True))
    assert list(full.edges(keys=True, data=True)) == list(compact.edges(keys=True, data=True))
