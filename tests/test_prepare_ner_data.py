"""training/prepare_ner_data.py: one tag set per corpus (``--heads``), and how often each corpus is seen."""

from __future__ import annotations

import json
import random
import sys

import pytest

from training_scripts import load_training_script

NEWS = ["وصل O", "لافروف B-PERS", "إلى O", "القاهرة B-LOC", ". O"]
WIKI = ["الذرة O", "في O", "اليابان B-LOC"]


def _corpus(path, sentences: list[list[str]]):
    path.write_text("\n\n".join("\n".join(s) for s in sentences) + "\n", "utf-8")
    return path


def _run(monkeypatch, *argv: str) -> None:
    monkeypatch.setattr(sys, "argv", ["prepare_ner_data.py", *argv])
    load_training_script("prepare_ner_data").main()


@pytest.fixture
def corpora(tmp_path):
    return _corpus(tmp_path / "anercorp.txt", [NEWS] * 10), _corpus(tmp_path / "aqmar.txt", [WIKI] * 3)


def test_each_head_learns_its_corpora_and_leaves_the_others_blank(tmp_path, monkeypatch, corpora):
    news, wiki = corpora
    out = tmp_path / "data"
    _run(monkeypatch, "--anercorp", str(news), "--extra", str(wiki), "--heads", "0", "1", "0,1", "--out", str(out))
    train = json.loads((out / "train.json").read_text("utf-8"))
    assert len(train) == 9 + 3
    assert train[0][1] == {"text": "لافروف", "multi_ner": ["B-PER", "-", "B-PER"]}
    assert train[-1][2] == {"text": "اليابان", "multi_ner": ["-", "B-LOC", "B-LOC"]}
    assert all("ner" not in token for sentence in train for token in sentence)
    dev = json.loads((out / "dev.json").read_text("utf-8"))
    assert [t["multi_ner"] for t in dev[0]][3] == ["B-LOC", "-", "B-LOC"]  # dev is scored on head 0
    assert (out / "dev.txt").read_text("utf-8").split("\n")[1] == "لافروف B-PER"


def test_a_head_can_learn_nothing_in_a_second_stage(tmp_path, monkeypatch, corpora):
    news, _ = corpora
    out = tmp_path / "data"
    _run(monkeypatch, "--anercorp", str(news), "--heads", "0", "-", "0", "--out", str(out))
    train = json.loads((out / "train.json").read_text("utf-8"))
    assert len(train) == 9 and train[0][1]["multi_ner"] == ["B-PER", "-", "B-PER"]


def test_repeat_and_sample_set_how_often_each_corpus_is_seen(tmp_path, monkeypatch, corpora):
    news, wiki = corpora
    out = tmp_path / "data"
    _run(monkeypatch, "--anercorp", str(news), "--extra", str(wiki), "--repeat", "2", "1", "--sample", "0", "2",
         "--out", str(out))  # fmt: skip
    train = json.loads((out / "train.json").read_text("utf-8"))
    assert [len(s) for s in train] == [5] * 18 + [3] * 2
    assert train[0][1] == {"text": "لافروف", "ner": "B-PER"}


def test_sample_draws_short_sentences_reproducibly():
    prepare = load_training_script("prepare_ner_data")
    sentences = [[("كلمة", "O")] * n for n in (1, 3, 5, 121, 7, 9)]
    drawn = prepare.sample(sentences, 3)
    assert drawn == prepare.sample(sentences, 3) and len(drawn) == 3
    assert all(len(s) <= prepare.SAMPLE_MAX_TOKENS for s in drawn)
    assert prepare.sample(sentences, 0) is sentences


@pytest.mark.parametrize(
    "options",
    [["--heads", "1", "0"], ["--heads", "0", "2"], ["--heads", "0", "a"], ["--repeat", "1"], ["--sample", "0", "-1"]],
)
def test_bad_head_or_corpus_options_are_refused_before_writing(tmp_path, monkeypatch, capsys, corpora, options):
    news, wiki = corpora
    with pytest.raises(SystemExit):
        _run(monkeypatch, "--anercorp", str(news), "--extra", str(wiki), *options, "--out", str(tmp_path / "data"))
    assert options[0] in capsys.readouterr().err
    assert not (tmp_path / "data").exists()


def _names(sentence):
    prepare = load_training_script("prepare_ner_data")
    return [(label, " ".join(t for t, _ in sentence[a:b])) for label, a, b in prepare.spans(sentence)]


def test_swapped_names_keep_their_type_context_and_proclitic():
    prepare = load_training_script("prepare_ner_data")
    pool = {"PER": [("سمير", "دالاني")], "LOC": [("البحيرة",)], "ORG": [("نادي", "الفجر")]}
    rank = {"تورفيك": 40, "قلعة": 90}.get  # «لتورفيك» is ل + a known word; «قلعة» no clitic
    sentence = [("قال", "O"), ("ويلمار", "B-PER"), ("أوسترا", "I-PER"), ("في", "O"), ("لتورفيك", "B-LOC"),
                ("إن", "O"), ("كأس", "B-MISC"), ("الربيع", "I-MISC"), ("للاتحاد", "B-ORG")]  # fmt: skip
    swapped = prepare.swap_names(sentence, pool, 1.0, random.Random(0), rank)
    assert _names(swapped) == [
        ("PER", "سمير دالاني"),
        ("LOC", "للبحيرة"),
        ("MISC", "كأس الربيع"),
        ("ORG", "لنادي الفجر"),
    ]
    assert [t for t, g in swapped if g == "O"] == ["قال", "في", "إن"]
    assert prepare.swap_names(sentence, pool, 1e-9, random.Random(0), rank) == sentence


def test_the_pool_holds_each_name_once_without_its_proclitic():
    prepare = load_training_script("prepare_ner_data")
    sentences = [
        [("زار", "O"), ("تورفيك", "B-LOC"), ("وتورفيك", "B-LOC")],
        [("والمرفأ", "B-LOC"), ("الأزرق", "I-LOC"), ("وليمار", "B-PER"), ("و", "O"), ("كأس", "B-MISC")],
    ]
    pool = prepare.names_by_label(sentences, {"تورفيك": 40}.get)
    assert pool == {"PER": [("وليمار",)], "LOC": [("تورفيك",), ("المرفأ", "الأزرق")], "ORG": []}


def test_swap_turns_some_of_anercorps_copies_into_swapped_ones(tmp_path, monkeypatch):
    lines = [["قابل O", "ويلمار B-PERS", "في O", "تورفيك B-LOC"], ["وصل O", "إيدار B-PERS", "إلى O", "سيلفا B-LOC"]]
    news = _corpus(tmp_path / "anercorp.txt", lines * 10)
    out = tmp_path / "data"
    _run(monkeypatch, "--anercorp", str(news), "--repeat", "3", "--swap", "1", "--swap-rate", "1", "--out", str(out))
    train = json.loads((out / "train.json").read_text("utf-8"))
    first, second, swapped = train[:18], train[18:36], train[36:]
    assert len(train) == 3 * 18 and first == second
    words = lambda sentences, kind: [t["text"] for s in sentences for t in s if (t["ner"] == "O") == kind]  # noqa: E731
    assert words(swapped, True) == words(first, True)  # the context stays
    assert set(words(swapped, False)) == set(words(first, False)) and words(swapped, False) != words(first, False)
    assert json.loads((out / "dev.json").read_text("utf-8"))[0][1]["text"] in {"ويلمار", "إيدار"}


@pytest.mark.parametrize("options", [["--swap", "2"], ["--swap", "1", "--swap-rate", "0"]])
def test_bad_swap_options_are_refused(tmp_path, monkeypatch, capsys, corpora, options):
    news, _ = corpora
    with pytest.raises(SystemExit):
        _run(monkeypatch, "--anercorp", str(news), *options, "--out", str(tmp_path / "data"))
    assert options[-2] in capsys.readouterr().err
