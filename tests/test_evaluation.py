"""NER scoring on `token TAG` files: the pipeline's names against the tagger alone, with a tagger stub."""

from collections.abc import Sequence
from pathlib import Path

import pytest

import entities
from entities.evaluation import evaluate_ner
from entities.ner import TaggedSpan
from entities.pipeline import Pipeline
from entities.tokenize import Sentence

GOLD = """\
وصل O
سيرغي B-PERS
لافروف I-PERS
إلى O
بكين B-LOC
. O

والتقى O
ولافروف B-PERS
نظيره O
في O
وزارة O
الخارجية O
. O
"""


class FirstSentenceTagger:
    """Tags «سيرغي لافروف» as a person, and «بكين» as a place, in the first sentence only."""

    def tag(self, sentences: Sequence[Sentence]) -> list[TaggedSpan]:
        found = []
        for index, sentence in enumerate(sentences):
            words = [t.text for t in sentence.tokens]
            if words[:3] == ["وصل", "سيرغي", "لافروف"]:
                found += [TaggedSpan(index, 1, 2, "PER"), TaggedSpan(index, 4, 4, "LOC")]
        return found

    def word_rank(self, word: str) -> int | None:
        return {"لافروف": 40000}.get(word)


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.txt"
    path.write_text(GOLD, "utf-8")
    return path


def test_tagger_only_scores_the_model_spans(gold):
    report = evaluate_ner(Pipeline(FirstSentenceTagger()), gold, tagger_only=True)
    assert (report.per_type["PER"].tp, report.per_type["PER"].fn) == (1, 1)
    assert "ORG" not in report.per_type


def test_pipeline_names_count_propagation_with_the_clitic_token_and_patterns(gold):
    report = evaluate_ner(Pipeline(FirstSentenceTagger()), gold)
    assert (report.per_type["PER"].tp, report.per_type["PER"].fn) == (2, 0)  # «ولافروف»: the whole token
    assert report.per_type["ORG"].fp == 1  # «وزارة الخارجية» by pattern, which this corpus leaves untagged
    assert report.per_type["LOC"].tp == 1


def test_one_sentence_documents_stop_propagation(gold):
    report = evaluate_ner(Pipeline(FirstSentenceTagger()), gold, document_sentences=1)
    assert report.per_type["PER"].fn == 1
    with pytest.raises(entities.InvalidInputError):
        evaluate_ner(Pipeline(FirstSentenceTagger()), gold, document_sentences=0)


def test_corpus_labels_are_mapped_and_others_are_not_names(tmp_path: Path):
    # Wojood-style labels: GPE is a place, DATE is not one of the four types
    path = tmp_path / "wojood.txt"
    path.write_text("وصل O\nلافروف B-PERS\nإلى O\nبكين B-GPE\nأمس B-DATE\n. O\n", "utf-8")
    report = evaluate_ner(Pipeline(FirstSentenceTagger()), path, tagger_only=True)
    assert {kind: (s.tp, s.fp, s.fn) for kind, s in report.per_type.items()} == {"LOC": (0, 0, 1), "PER": (0, 0, 1)}


def test_errors_list_each_missed_and_wrong_name_with_its_sentence_and_tokens(gold):
    report = evaluate_ner(Pipeline(FirstSentenceTagger()), gold, tagger_only=True)
    assert report.errors == [{"sentence": 2, "kind": "fn", "label": "PER", "text": "ولافروف", "tokens": [1, 1]}]
    report = evaluate_ner(Pipeline(FirstSentenceTagger()), gold)  # the pattern's ministry, untagged here
    assert report.errors == [{"sentence": 2, "kind": "fp", "label": "ORG", "text": "وزارة الخارجية", "tokens": [4, 5]}]
    assert len(report.errors) == report.micro.fp + report.micro.fn


def test_a_wrong_type_on_the_right_tokens_names_the_gold_type(tmp_path: Path):
    path = tmp_path / "gold.txt"
    path.write_text("وصل O\nسيرغي B-PERS\nلافروف I-PERS\nإلى O\nبكين B-ORG\n. O\n", "utf-8")
    errors = evaluate_ner(Pipeline(FirstSentenceTagger()), path, tagger_only=True).errors
    assert errors == [
        {"sentence": 1, "kind": "fn", "label": "ORG", "text": "بكين", "tokens": [4, 4]},
        {"sentence": 1, "kind": "fp", "label": "LOC", "text": "بكين", "tokens": [4, 4], "gold": "ORG"},
    ]


class NoTagger:
    """Finds nothing."""

    def tag(self, sentences: Sequence[Sentence]) -> list[TaggedSpan]:
        return []

    def word_rank(self, word: str) -> int | None:
        return None


def test_sentence_scores_add_up_to_the_micro_score(gold):
    from entities.evaluation import sentence_scores

    for tagger_only in (True, False):
        report = evaluate_ner(Pipeline(FirstSentenceTagger()), gold, tagger_only=tagger_only)
        scores = sentence_scores(Pipeline(FirstSentenceTagger()), gold, tagger_only=tagger_only)
        assert len(scores) == 2
        summed = tuple(sum(getattr(s, name) for s in scores) for name in ("tp", "fp", "fn"))
        assert summed == (report.micro.tp, report.micro.fp, report.micro.fn)


def test_bootstrap_difference_is_zero_for_a_model_against_itself_and_negative_for_one_that_finds_nothing(
    tmp_path: Path,
):
    from entities.evaluation import bootstrap_difference, sentence_scores

    many = tmp_path / "many.txt"
    many.write_text((GOLD + "\n") * 30, "utf-8")
    found = sentence_scores(Pipeline(FirstSentenceTagger()), many, tagger_only=True)
    assert bootstrap_difference(found, found) == (0.0, 0.0, 0.0)
    nothing = sentence_scores(Pipeline(NoTagger()), many, tagger_only=True)
    difference, low, high = bootstrap_difference(found, nothing, resamples=500)
    assert difference == pytest.approx(-evaluate_ner(Pipeline(FirstSentenceTagger()), many, tagger_only=True).micro.f1)
    assert low <= difference <= high < 0
    with pytest.raises(entities.InvalidInputError, match="same sentences"):
        bootstrap_difference(found, nothing[:-1])


def test_bootstrap_over_runs_of_sentences_widens_the_interval_when_errors_come_in_runs():
    from entities.evaluation import Score, bootstrap_difference

    # 40 sentences of one name each: the other model finds the first 20 and misses the last 20, the
    # baseline the other way round. Drawn one by one the sentences mix; drawn as two runs they do not.
    baseline = [Score(tp=0, fp=0, fn=1)] * 20 + [Score(tp=1, fp=0, fn=0)] * 20
    other = list(reversed(baseline))
    single = bootstrap_difference(baseline, other, resamples=500, seed=3)
    assert single == bootstrap_difference(baseline, other, resamples=500, seed=3, block=1)
    difference, low, high = bootstrap_difference(baseline, other, resamples=500, seed=3, block=20)
    assert difference == single[0] == 0.0
    assert high - low > single[2] - single[1]
    assert low == pytest.approx(-1.0) and high == pytest.approx(1.0)  # 2 runs: all of one, or one of each
    whole = bootstrap_difference(baseline, [Score(tp=1, fp=0, fn=0)] * 40, resamples=50, block=40)
    assert whole[0] == whole[1] == whole[2] == pytest.approx(1.0 - 2 * 20 / 60)  # one run: no spread
    with pytest.raises(entities.InvalidInputError, match="block"):
        bootstrap_difference(baseline, other, block=0)
