from entities.patterns import pattern_mentions
from entities.schema import Mention
from entities.tokenize import split_sentences


def names(text: str, tagged: list[Mention] | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in pattern_mentions(text, split_sentences(text), tagged or [])]


def test_ministry_with_its_nationality_is_an_organisation():
    text = "حسبما أعلنت وزارة الخارجية الروسية في بيان."
    assert names(text) == [("وزارة الخارجية الروسية", "ORG")]


def test_proclitic_stays_outside_the_name():
    assert names("وفق بيان صادر عن ووزارة الدفاع.") == [("وزارة الدفاع", "ORG")]


def test_head_without_a_definite_word_is_not_a_name():
    assert names("قالت وزارة إن الأمر انتهى.") == []


def test_tagger_spans_are_kept_over_patterns():
    text = "أعلنت وزارة الخارجية الروسية ذلك."
    start = text.find("الخارجية")
    tagged = [Mention(text="الخارجية الروسية", label="ORG", start=start, end=start + len("الخارجية الروسية"))]
    assert names(text, tagged) == [("الخارجية الروسية", "ORG")]
