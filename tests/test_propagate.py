from entities.propagate import propagate_mentions
from entities.schema import Mention
from entities.tokenize import split_sentences


def mention(text: str, surface: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def test_a_name_tagged_once_is_found_where_the_tagger_missed_it():
    text = "قال لافروف إن الزيارة ناجحة. ثم اجتمع لافروف مع نظيرته. وأكد ولافروف ذلك."
    found = propagate_mentions(text, split_sentences(text), [mention(text, "لافروف", "PER")])
    assert [(m.text, m.label) for m in found] == [("لافروف", "PER")] * 3
    assert all(text[m.start : m.end] == m.text for m in found)


def test_the_longest_known_form_wins_and_tagged_spans_are_kept():
    text = "وصل سيرغي لافروف. ثم غادر سيرغي لافروف موسكو."
    tagged = [mention(text, "سيرغي لافروف", "PER"), mention(text, "موسكو", "LOC")]
    found = propagate_mentions(text, split_sentences(text), tagged)
    assert [m.text for m in found] == ["سيرغي لافروف", "سيرغي لافروف", "موسكو"]


def test_frequent_single_words_are_not_spread():
    text = "في نيسان الماضي زار الوفد المدينة. وفي نيسان المقبل يعود."
    rank = {"نيسان": 900}.get
    found = propagate_mentions(text, split_sentences(text), [mention(text, "نيسان", "ORG")], rank)
    assert len(found) == 1


def test_family_name_of_a_tagged_person_is_found_alone():
    text = "وصل الرئيس مسعود بزشكيان إلى أنقرة. والتقى بزشكيان الرئيس التركي."
    found = propagate_mentions(text, split_sentences(text), [mention(text, "مسعود بزشكيان", "PER")])
    assert [m.text for m in found] == ["مسعود بزشكيان", "بزشكيان"]


def test_a_dash_or_tatweel_on_the_token_stays_out_of_the_name_found_in_it():
    text = "زار الوفد كمبوديا أمس. وعاد من كمبوديا- بعد أسبوع إلى لـالديرة ثم إلى الديرة."
    tagged = [mention(text, "كمبوديا", "LOC"), mention(text, "الديرة", "LOC", nth=1)]
    found = propagate_mentions(text, split_sentences(text), tagged)
    assert [m.text for m in found] == ["كمبوديا", "كمبوديا", "الديرة", "الديرة"]
    assert all(text[m.start : m.end] == m.text for m in found)
