from entities.propagate import (
    extend_to_known_forms,
    propagate_mentions,
    quoted_organisations,
    split_run_together,
)
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


def test_a_common_family_name_is_spread_only_when_the_tagger_also_found_it_alone():
    text = "قال بشار الأسد إن الحرب طويلة. ورد الأسد على المعارضة. ويبقى نظام الأسد معزولا."
    rank = {"الأسد": 877}.get
    full = mention(text, "بشار الأسد", "PER")
    found = propagate_mentions(text, split_sentences(text), [full], rank)
    assert [m.text for m in found] == ["بشار الأسد"]  # a common word; no sign it is him alone
    found = propagate_mentions(text, split_sentences(text), [full, mention(text, "الأسد", "PER", 1)], rank)
    assert [m.text for m in found] == ["بشار الأسد", "الأسد", "الأسد"]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_a_word_that_only_looks_like_a_proclitic_and_the_name_is_not_taken():
    text = "التقى علي عبدالله صالح قادة الحزب. وقال صالح إن الاتفاق لصالح اليمن، وهم الموالون لصالح وحلفائه."
    rank = {"صالح": 277}.get
    tagged = [mention(text, "علي عبدالله صالح", "PER"), mention(text, "صالح", "PER", 1)]
    found = propagate_mentions(text, split_sentences(text), tagged, rank)
    assert [m.text for m in found] == ["علي عبدالله صالح", "صالح"]
    text = "الاهتمام بحسن المظهر مهم. وقال حسن المظهر إنه راض."
    found = propagate_mentions(text, split_sentences(text), [mention(text, "حسن المظهر", "PER", 1)])
    assert [m.text for m in found] == ["حسن المظهر"]


def test_a_dash_or_tatweel_on_the_token_stays_out_of_the_name_found_in_it():
    text = "زار الوفد كمبوديا أمس. وعاد من كمبوديا- بعد أسبوع إلى لـالديرة ثم إلى الديرة."
    tagged = [mention(text, "كمبوديا", "LOC"), mention(text, "الديرة", "LOC", nth=1)]
    found = propagate_mentions(text, split_sentences(text), tagged)
    assert [m.text for m in found] == ["كمبوديا", "كمبوديا", "الديرة", "الديرة"]
    assert all(text[m.start : m.end] == m.text for m in found)


def extended(text: str, tagged: list[Mention]) -> list[tuple[str, str]]:
    found = extend_to_known_forms(text, split_sentences(text), sorted(tagged, key=lambda m: m.start))
    assert all(text[m.start : m.end] == m.text for m in found)
    return [(m.text, m.label) for m in found]


def test_a_name_found_short_becomes_the_longer_name_the_document_has_where_it_stands():
    text = "وصل الأمين العام بان كي مون إلى جنيف. ثم قال بان كي مون إن مدرب الفريق ديل بوسكي راض، وديل بوسكي هادئ."
    tagged = [mention(text, "بان كي مون", "PER"), mention(text, "كي مون", "PER", 1)]
    tagged += [mention(text, "ديل بوسكي", "PER"), mention(text, "بوسكي", "PER", 1)]
    assert extended(text, tagged) == [
        ("بان كي مون", "PER"),
        ("بان كي مون", "PER"),
        ("ديل بوسكي", "PER"),
        ("ديل بوسكي", "PER"),
    ]


def test_a_longer_name_of_another_type_or_over_another_name_is_not_taken():
    text = "زار الوفد جامعة القاهرة، ثم حاضر في جامعة القاهرة. وقال بان كي مون إن بان كي مون سيعود."
    tagged = [mention(text, "جامعة القاهرة", "ORG"), mention(text, "القاهرة", "LOC", 1)]
    tagged += [mention(text, "بان كي مون", "PER"), mention(text, "بان", "PER", 1), mention(text, "كي مون", "PER", 1)]
    assert extended(text, tagged) == [
        ("جامعة القاهرة", "ORG"),
        ("القاهرة", "LOC"),
        ("بان كي مون", "PER"),
        ("بان", "PER"),
        ("كي مون", "PER"),
    ]


def test_places_and_organisations_keep_the_short_name_the_tagger_gave():
    text = "رست السفينة في ميناء المكلا، ثم غادرت ميناء المكلا. وهاجم تنظيم داعش القرية، وانسحب تنظيم داعش منها."
    tagged = [mention(text, "ميناء المكلا", "LOC"), mention(text, "المكلا", "LOC", 1)]
    tagged += [mention(text, "تنظيم داعش", "ORG"), mention(text, "داعش", "ORG", 1)]
    assert extended(text, tagged) == [
        ("ميناء المكلا", "LOC"),
        ("المكلا", "LOC"),
        ("تنظيم داعش", "ORG"),
        ("داعش", "ORG"),
    ]


def test_two_people_run_together_are_cut_where_each_is_a_name_of_its_own_in_the_document():
    text = "استقبل عبدالله الثاني ضيفه محمد بن سلمان. سمات: عبدالله الثاني محمد بن سلمان. ورحب ديمتري بيسكوف ثم ديمتري"
    text += " وبيسكوف بالزيارة."
    tagged = [mention(text, "عبدالله الثاني", "PER"), mention(text, "محمد بن سلمان", "PER")]
    tagged += [mention(text, "عبدالله الثاني محمد بن سلمان", "PER"), mention(text, "ديمتري بيسكوف", "PER")]
    tagged += [mention(text, "ديمتري", "PER", 1), mention(text, "بيسكوف", "PER", 1)]
    found = split_run_together(sorted(tagged, key=lambda m: m.start))
    assert all(text[m.start : m.end] == m.text for m in found)
    assert [m.text for m in found] == [
        "عبدالله الثاني",
        "محمد بن سلمان",
        "عبدالله الثاني",
        "محمد بن سلمان",
        "ديمتري بيسكوف",
        "ديمتري",
        "بيسكوف",
    ]


def test_a_name_is_not_cut_next_to_bin():
    text = "زار الأمير محمد بن الأردن، ثم التقى سلمان بن عبد العزيز، وعاد محمد بن سلمان بن عبد العزيز."
    tagged = [mention(text, "محمد بن", "PER"), mention(text, "سلمان بن عبد العزيز", "PER")]
    tagged.append(mention(text, "محمد بن سلمان بن عبد العزيز", "PER"))
    assert [m.text for m in split_run_together(tagged)] == [
        "محمد بن",
        "سلمان بن عبد العزيز",
        "محمد بن سلمان بن عبد العزيز",
    ]


def test_a_quoted_place_is_the_organisation_the_document_quotes_by_that_name():
    text = "وقال مصدر لـ«الشرق الأوسط» إن الأزمة تهدد الشرق الأوسط. وعلمت « الشرق الأوسط » أن الوفد وصل."
    tagged = [
        mention(text, "الشرق الأوسط", "ORG"),
        mention(text, "الشرق الأوسط", "LOC", nth=1),
        mention(text, "الشرق الأوسط", "LOC", nth=2),
    ]
    found = quoted_organisations(text, tagged)
    # the region, not quoted, stays a place; the newspaper quoted again becomes the organisation
    assert [m.label for m in found] == ["ORG", "LOC", "ORG"]


def test_a_quoted_place_stays_a_place_when_no_quoted_organisation_bears_its_name():
    text = "وقال مصدر لصحيفة الشرق الأوسط إن الوضع هادئ. وعلمت «الشرق الأوسط» أن الوفد وصل إلى «الرياض»."
    tagged = [
        mention(text, "الشرق الأوسط", "ORG"),
        mention(text, "الشرق الأوسط", "LOC", nth=1),
        mention(text, "الرياض", "LOC"),
    ]
    assert [m.label for m in quoted_organisations(text, tagged)] == ["ORG", "LOC", "LOC"]


def test_a_quoted_place_told_something_or_filing_a_story_is_the_newspaper():
    text = (
        'بغداد: «الشرق الأوسط» قال مصدر أمني لـ«الشرق الأوسط» وفي تصريح ل"الرياض" إن الوفد زار «جدة» '
        'ومدينة قال "مكة" إنها الأجمل.'
    )
    tagged = [
        mention(text, "بغداد", "LOC"),
        mention(text, "الشرق الأوسط", "LOC"),
        mention(text, "الشرق الأوسط", "LOC", nth=1),
        mention(text, "الرياض", "LOC"),
        mention(text, "جدة", "LOC"),
        mention(text, "مكة", "LOC"),
    ]
    # «قال "مكة"»: a word that ends in «ل» is no «لـ»
    assert [m.label for m in quoted_organisations(text, tagged)] == ["LOC", "ORG", "ORG", "ORG", "LOC", "LOC"]
