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


def test_company_name_runs_over_a_genitive_with_lil():
    text = "زار السفير الشركة السعودية للكهرباء بالرياض."
    assert names(text) == [("الشركة السعودية للكهرباء", "ORG")]


def test_building_takes_in_the_person_it_is_named_after():
    text = "قام الرئيس بزيارة إلى مسجد الحسن الثاني بالدار البيضاء."
    start = text.find("الحسن الثاني")
    tagged = [Mention(text="الحسن الثاني", label="PER", start=start, end=start + len("الحسن الثاني"))]
    assert names(text, tagged) == [("مسجد الحسن الثاني", "LOC")]


def test_building_does_not_take_in_a_name_of_another_kind():
    text = "صلى في مسجد القاهرة الكبير."
    start = text.find("القاهرة")
    tagged = [Mention(text="القاهرة", label="LOC", start=start, end=start + len("القاهرة"))]
    assert names(text, tagged) == [("القاهرة", "LOC")]


def test_university_named_after_a_place_takes_the_place_in():
    text = "استقبل السفير وفدا من جامعة جازان في أوتاوا."
    tagged = []
    for place in ("جازان", "أوتاوا"):
        start = text.find(place)
        tagged.append(Mention(text=place, label="LOC", start=start, end=start + len(place)))
    assert names(text, tagged) == [("جامعة جازان", "ORG"), ("أوتاوا", "LOC")]


def test_names_stop_before_relative_pronouns_honorifics_and_a_dangling_title():
    text = "قال مجلس الوزراء الدكتور سالم إن المجلس التنفيذي الذي اجتمع أمس وافق. وحضر مجلس القضاء الإداري الشيخ."
    assert names(text) == [("مجلس القضاء الإداري", "ORG")]


def test_a_personal_name_continues_a_name_after_a_royal_title():
    text = "وصل إلى مطار الملك خالد الدولي طلاب جامعة الإمام محمد بن سعود."
    assert names(text) == [("مطار الملك خالد الدولي", "LOC"), ("جامعة الإمام محمد بن سعود", "ORG")]


def test_a_council_does_not_run_into_the_person_named_after_it():
    assert names("قال المجلس الأعلى للقضاء الشيخ محمد العيسى إن الجلسة انتهت.") == [("المجلس الأعلى للقضاء", "ORG")]
