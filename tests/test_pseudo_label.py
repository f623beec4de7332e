"""training/pseudo_label.py: the agreement filter and the IOB2 it writes."""

from __future__ import annotations

from entities.ner import TaggedSpan, spans_from_tags
from entities.tokenize import split_sentences
from training_scripts import load_training_script

pseudo_label = load_training_script("pseudo_label")


class Scripted:
    """A tagger that gives fixed spans: ``{sentence index: [(first, last, label)]}``."""

    def __init__(self, spans: dict[int, list[tuple[int, int, str]]]):
        self.spans = spans

    def tag(self, sentences):
        return [TaggedSpan(i, a, b, label) for i, found in self.spans.items() for a, b, label in found]


def test_sentences_are_kept_only_where_every_tagger_gives_the_same_names():
    sentences = split_sentences("زار بوتين بكين. التقى لافروف كيم. قال الرئيس شيئا.")
    one = Scripted({0: [(1, 1, "PER"), (2, 2, "LOC")], 1: [(1, 1, "PER")]})
    other = Scripted({0: [(2, 2, "LOC"), (1, 1, "PER")], 1: [(1, 2, "PER")]})
    kept = pseudo_label.agreed([one, other], sentences)
    assert kept == [{(1, 1, "PER"), (2, 2, "LOC")}, None, set()]


def test_iob2_round_trips_adjacent_names_of_one_label():
    spans = {(0, 1, "PER"), (2, 2, "PER"), (4, 6, "ORG")}
    tags = pseudo_label.iob2(8, spans)
    assert tags == ["B-PER", "I-PER", "B-PER", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
    assert set(spans_from_tags(tags)) == spans
