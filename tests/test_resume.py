"""`entities extract --resume`: a run cut short mid-line is finished without duplicates, and one graph covers all."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import entities
from entities import cli

TEXTS = [
    "استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة.",
    "زار الرئيس فلاديمير بوتين العاصمة الصينية بكين.",
    "التقى الملك عبدالله الثاني الرئيس إيمانويل ماكرون في عمان.",
    "وصل وزير الخارجية الروسي سيرغي لافروف إلى بيونغ يانغ حيث التقى الزعيم كيم جونغ أون.",
    "أجرى الرئيس فلاديمير بوتين اتصالا هاتفيا مع الرئيس عبد الفتاح السيسي.",
    "استقبل لافروف في موسكو وزير الخارجية سامح شكري.",
]


pytestmark = pytest.mark.usefixtures("cli_uses_session_pipeline")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i:02d}.txt").write_text(text, "utf-8")
    (folder / "99-latin1.txt").write_bytes("caf\xe9".encode("latin-1"))  # unreadable: exit code 1 every time
    return folder


def _ids(jsonl: Path) -> list[str]:
    return [json.loads(line)["id"] for line in jsonl.read_text("utf-8").splitlines()]


def _same_graph(a: Path, b: Path) -> None:
    first, second = entities.read_graphml(a), entities.read_graphml(b)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert sorted(first.edges(keys=True, data=True)) == sorted(second.edges(keys=True, data=True))


def test_resume_after_a_crash_mid_line(corpus, tmp_path, monkeypatch, pipeline, capsys):
    reference_jsonl, reference_graph = tmp_path / "reference.jsonl", tmp_path / "reference.graphml"
    args = [str(corpus), "-q"]
    assert cli.main(["extract", *args, "--jsonl", str(reference_jsonl), "--graphml", str(reference_graph)]) == 1
    expected = _ids(reference_jsonl)
    assert len(expected) == len(TEXTS)

    # The crash: three whole lines, then the fourth cut off in the middle (inside a UTF-8 character even).
    lines = reference_jsonl.read_bytes().splitlines(keepends=True)
    jsonl, graphml = tmp_path / "run.jsonl", tmp_path / "run.graphml"
    jsonl.write_bytes(b"".join(lines[:3]) + lines[3][: len(lines[3]) // 2 + 1])
    capsys.readouterr()

    processed: list[str] = []
    original = pipeline.pipe

    def spy(texts: Iterable[tuple[str, str]], **kwargs: int) -> Iterator[entities.Document]:
        def tap() -> Iterator[tuple[str, str]]:
            for text, doc_id in texts:
                processed.append(doc_id)
                yield text, doc_id

        return original(tap(), **kwargs)

    monkeypatch.setattr(pipeline, "pipe", spy)
    resumed = ["extract", *args, "--jsonl", str(jsonl), "--graphml", str(graphml), "--resume"]
    assert cli.main([*resumed, "--processes", "2"]) == cli.EXIT_INPUT_FAILED
    err = capsys.readouterr().err
    assert "incomplete last line 4" in err and "latin1.txt: not UTF-8" in err

    assert processed == expected[3:]  # the three complete documents were not redone
    assert _ids(jsonl) == expected  # every document once, in order; the torn line is gone
    _same_graph(graphml, reference_graph)  # one graph from the earlier and the new documents

    # Nothing left to do: nothing is processed, the JSONL is unchanged, the graph is the same.
    processed.clear()
    before = jsonl.read_bytes()
    assert cli.main(resumed) == cli.EXIT_INPUT_FAILED
    assert processed == [] and jsonl.read_bytes() == before
    _same_graph(graphml, reference_graph)


def test_resume_needs_a_jsonl_and_refuses_a_damaged_one(corpus, tmp_path, capsys):
    assert cli.main(["extract", str(corpus), "--graphml", str(tmp_path / "g.graphml"), "--resume"]) == cli.EXIT_USAGE
    assert "--resume needs --jsonl" in capsys.readouterr().err

    jsonl = tmp_path / "damaged.jsonl"
    damaged = b'{"id": "x", "text": ""}\nnot json\n{"id": "y", "text": ""}\n'
    jsonl.write_bytes(damaged)
    assert cli.main(["extract", str(corpus), "--jsonl", str(jsonl), "--resume", "-q"]) == cli.EXIT_USAGE
    assert "line 2 is not a Document" in capsys.readouterr().err
    assert jsonl.read_bytes() == damaged  # left as it was


def test_resume_without_an_earlier_file_is_a_fresh_run(corpus, tmp_path):
    jsonl = tmp_path / "fresh.jsonl"
    assert cli.main(["extract", str(corpus), "--jsonl", str(jsonl), "--resume", "-q"]) == cli.EXIT_INPUT_FAILED
    assert len(_ids(jsonl)) == len(TEXTS)
