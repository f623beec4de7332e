"""Pipeline.pipe with worker processes: same Documents, same order, bounded reading, clean early close.

Each n_process=2 stream starts a spawned worker that loads the model (a few seconds) while the calling
process tags batches too, so the tests here start as few pools as they can.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Iterator

import pytest

import entities
from entities.parallel import WorkerPool, split_batches

TEXTS: list[object] = [
    "استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة.",
    42,  # not a text: an error Document, in its place
    ("زار الرئيس فلاديمير بوتين العاصمة الصينية بكين.", "putin"),
    "",
    ("التقى الملك عبدالله الثاني الرئيس إيمانويل ماكرون في عمان.", "amman"),
    ("not", "a", "pair"),
    "وصل وزير الخارجية الروسي سيرغي لافروف إلى بيونغ يانغ.",
]


def _dumps(documents: list[entities.Document]) -> list[dict[str, object]]:
    return [document.model_dump() for document in documents]


def test_two_processes_give_the_same_documents_in_the_same_order(pipeline, monkeypatch):
    one = list(pipeline.pipe(TEXTS, batch_size=2))
    in_parent: list[int] = []
    tag_here = pipeline._extract_batch_safely

    def counted(pairs):
        in_parent.append(len(pairs))
        return tag_here(pairs)

    monkeypatch.setattr(pipeline, "_extract_batch_safely", counted)
    two = list(pipeline.pipe(iter(TEXTS), batch_size=2, n_process=2))
    monkeypatch.undo()
    assert in_parent, "the calling process is one of the two and tags batches while its worker loads"
    assert _dumps(two) == _dumps(one)
    assert len(two) == len(TEXTS)
    assert (two[2].id, two[4].id) == ("putin", "amman")
    assert two[1].error and "not int" in two[1].error
    assert two[5].error and "not tuple" in two[5].error
    assert two[0].mentions and two[2].mentions and not two[3].mentions and two[3].error is None
    assert not multiprocessing.active_children()


def test_batches_are_shared_out_in_pieces_of_about_equal_length():
    batch = [("ب" * size, f"d{i}") for i, size in enumerate([900, 50, 60, 40, 800, 70, 30, 50])]
    pieces = list(split_batches([batch, [("قصير", None)], []], 2))
    assert [pair for piece in pieces[:2] for pair in piece] == batch  # nothing lost, order kept
    lengths = [sum(len(text) for text, _ in piece) for piece in pieces[:2]]
    assert lengths == [1010, 990]
    assert pieces[2:] == [[("قصير", None)], []]  # a single text, or none, is not cut
    assert list(split_batches([batch], 1)) == [batch]
    assert list(split_batches([[(42, None), (None, None)]], 2)) == [[(42, None), (None, None)]]


def _endless(counter: list[int]) -> Iterator[str]:
    while True:
        counter[0] += 1
        yield "التقى الملك عبدالله الثاني الرئيس إيمانويل ماكرون في عمان."


def test_input_is_read_lazily_in_one_process(pipeline):
    pulled = [0]
    stream = pipeline.pipe(_endless(pulled), batch_size=3)
    assert [next(stream).error for _ in range(4)] == [None] * 4
    stream.close()
    assert pulled[0] == 6  # two batches of three, nothing more


def test_closing_early_stops_the_workers_without_hanging(pipeline):
    pulled = [0]
    stream = pipeline.pipe(_endless(pulled), batch_size=1, n_process=2)
    first = [next(stream) for _ in range(3)]
    assert all(d.mentions and d.error is None for d in first)
    assert pulled[0] <= 3 + 4 * 2 + 1  # handed out, at most 4 × n_process in flight (the parent tags too), one more

    closer = threading.Thread(target=stream.close)
    started = time.monotonic()
    closer.start()
    closer.join(timeout=30)
    assert not closer.is_alive(), "closing the stream hung"
    assert time.monotonic() - started < 30
    assert not multiprocessing.active_children()


def test_worker_processes_need_a_loaded_pipeline(pipeline):
    by_hand = entities.Pipeline(pipeline.tagger)
    with pytest.raises(entities.InvalidInputError, match=r"entities\.load"):
        next(by_hand.pipe(["نص"], n_process=2))
    with pytest.raises(entities.InvalidInputError, match="n_process"):
        next(pipeline.pipe(["نص"], n_process=0))
    with pytest.raises(entities.InvalidInputError, match="start_method"):
        WorkerPool(pipeline, 2, start_method="fork")
