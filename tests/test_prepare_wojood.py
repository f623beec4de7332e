"""training/prepare_wojood.py: Wojood's nested layers flattened to the outermost names."""

from __future__ import annotations

import pytest

from entities.evaluation import read_conll
from training_scripts import load_training_script

wj = load_training_script("prepare_wojood")

# Outermost layer first, as in Wojood's files; a `$#$` token ends each sentence.
TEXT = """رئيس B-OCC
اللجنة I-OCC B-ORG
القومية I-OCC I-ORG
في I-OCC
نابلس I-OCC B-GPE
زار O
جامعة B-ORG
بيرزيت I-ORG B-GPE
يوم B-DATE
$#$ O

قال O
محمد B-PERS
. O
$#$ O
"""


def test_parse_drops_sentence_markers_and_keeps_layers():
    sentences = wj.parse(TEXT)
    assert [len(s) for s in sentences] == [9, 3]
    assert sentences[0][1] == ("اللجنة", ["I-OCC", "B-ORG"])
    assert all(token != "$#$" for s in sentences for token, _ in s)


def test_outermost_name_wins_and_other_types_are_not_names():
    first, second = (wj.to_tags(s) for s in wj.parse(TEXT))
    assert [tag for _, tag in first] == [
        "O",  # an occupation is not a name ...
        "B-ORG",  # ... but the organisation inside it is
        "I-ORG",
        "O",
        "B-LOC",  # a city inside the occupation: GPE -> LOC
        "O",
        "B-ORG",  # the university, not the town inside its name
        "I-ORG",
        "O",  # dates are not names
    ]
    assert [tag for _, tag in second] == ["O", "B-PER", "O"]


def test_same_tokens_in_two_layers_keep_the_outer_label():
    sentence = [("القدس", ["B-ORG", "B-GPE"]), ("اليوم", ["O"])]
    assert wj.to_tags(sentence) == [("القدس", "B-ORG"), ("اليوم", "O")]


def test_orphan_inside_tag_starts_a_name():
    sentence = [("في", ["O"]), ("غزة", ["I-GPE"]), ("وعمان", ["I-GPE"])]
    assert [tag for _, tag in wj.to_tags(sentence)] == ["O", "B-LOC", "I-LOC"]


def test_a_line_without_tag_is_an_error_with_its_number():
    with pytest.raises(ValueError, match="line 2"):
        wj.parse("قال O\nمحمد\n")


def test_main_writes_a_file_the_evaluator_reads(tmp_path, monkeypatch, capsys):
    source = tmp_path / "wojood.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out" / "names.txt"
    monkeypatch.setattr("sys.argv", ["prepare_wojood.py", str(source), "--out", str(out)])
    wj.main()
    assert "2 sentences, 12 tokens" in capsys.readouterr().out
    sentences = list(read_conll(out))
    assert [tag for _, tag in sentences[0]][6:8] == ["B-ORG", "I-ORG"]
    assert sentences[1] == [("قال", "O"), ("محمد", "B-PER"), (".", "O")]


def test_main_names_the_file_it_cannot_read(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("قال O\nمحمد\n", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["prepare_wojood.py", str(bad), "--out", str(tmp_path / "out.txt")])
    with pytest.raises(SystemExit):
        wj.main()
    assert f"{bad}: line 2" in capsys.readouterr().err
    assert not (tmp_path / "out.txt").exists()
