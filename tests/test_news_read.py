"""training/news_read.py: a slice of news dumped through the pipeline, two dumps diffed, a sample drawn."""

from __future__ import annotations

import json
import zipfile

import pytest

from training_scripts import load_training_script

news_read = load_training_script("news_read")

ARTICLES = [
    {"title": "زيارة", "content": "استقبل الرئيس فلاديمير بوتين في موسكو وزير الخارجية سيرغي لافروف."},
    {"title": "طقس", "content": "الجو حار اليوم."},
    {"title": "رياضة", "content": "فاز الفريق في مدينة جدة."},
]


def _zips(folder, count=2):
    folder.mkdir()
    for number in range(count):
        with zipfile.ZipFile(folder / f"2015-01-0{number + 1}.zip", "w") as archive:
            archive.writestr("articles.json", json.dumps(ARTICLES, ensure_ascii=False))
    return folder


def test_a_slice_takes_the_first_articles_of_the_chosen_archives_in_sorted_order(tmp_path):
    data = _zips(tmp_path / "news", count=3)
    got = list(news_read.slice_articles(data, 1, 3, 2))
    assert [doc_id for doc_id, _ in got] == ["2015-01-02#0", "2015-01-02#1", "2015-01-03#0", "2015-01-03#1"]
    assert got[0][1] == "زيارة\n\n" + ARTICLES[0]["content"]
    skipped = list(news_read.slice_articles(data, 0, 1, 5, skip=2))
    assert skipped == [("2015-01-01#2", "رياضة\n\n" + ARTICLES[2]["content"])]
    with pytest.raises(SystemExit, match="no SaudiNewsNet zips"):
        list(news_read.slice_articles(tmp_path, 0, 1, 1))


def test_dump_keeps_only_matching_articles_with_their_mentions(tmp_path, capsys):
    data = _zips(tmp_path / "news", count=1)
    out = tmp_path / "dump.json"
    news_read.main(["dump", str(out), "--data", str(data), "--first", "0", "--last", "1", "--per-zip", "3",
                    "--only", "بوتين|جدة"])  # fmt: skip
    docs = json.loads(out.read_text("utf-8"))
    assert [d["id"] for d in docs] == ["2015-01-01#0", "2015-01-01#2"]
    for doc in docs:
        for start, end, _label, text in doc["mentions"]:
            assert doc["text"][start:end] == text
    assert any(text == "بوتين" or text.endswith(" بوتين") for *_, text in docs[0]["mentions"])
    assert "2 articles" in capsys.readouterr().out


def _dump(path, mentions, relations=()):
    text = "استقبل بوتين لافروف في موسكو"
    doc = {"id": "a#0", "text": text, "mentions": mentions, "relations": list(relations)}
    path.write_text(json.dumps([doc, {"id": "b#0", "text": "x", "mentions": [], "relations": []}]), "utf-8")
    return path


def test_diff_prints_only_what_changed_with_its_context(tmp_path, capsys):
    before = _dump(tmp_path / "a.json", [[7, 12, "PER", "بوتين"], [23, 28, "ORG", "موسكو"]])
    after = _dump(
        tmp_path / "b.json",
        [[7, 12, "PER", "بوتين"], [23, 28, "LOC", "موسكو"]],
        [["MET", "بوتين", "لافروف", "استقبل", 0, 28]],
    )
    news_read.main(["diff", str(before), str(after)])
    out = capsys.readouterr().out
    assert "== a#0" in out and "b#0" not in out
    assert "- ORG  …استقبل بوتين لافروف في [موسكو]…" in out
    assert "+ LOC" in out and "بوتين]" not in out
    assert "+REL MET بوتين -> لافروف (استقبل)" in out
    assert out.rstrip().endswith("1 articles changed; 2 mention lines, 1 relation lines")


def test_sample_is_reproducible_and_refuses_an_empty_dump(tmp_path, capsys):
    dump = _dump(tmp_path / "a.json", [[7, 12, "PER", "بوتين"], [23, 28, "LOC", "موسكو"]])
    news_read.main(["sample", str(dump), "--n", "1", "--seed", "3"])
    first = capsys.readouterr().out
    news_read.main(["sample", str(dump), "--n", "1", "--seed", "3"])
    assert capsys.readouterr().out == first and first.startswith("  1 a#0")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", "utf-8")
    with pytest.raises(SystemExit, match="no mentions"):
        news_read.main(["sample", str(empty)])
