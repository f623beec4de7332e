from entities.organisations import add_organisations
from entities.schema import Mention
from entities.tokenize import split_sentences


def tag(text: str, surface: str, label: str) -> Mention:
    start = text.find(surface)
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def found(text: str, *tagged: Mention) -> list[tuple[str, str]]:
    mentions = add_organisations(text, split_sentences(text), list(tagged))
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.label) for m in mentions]


def test_a_listed_name_left_untagged_is_added_without_its_proclitic():
    text = "تسعى مجموعات متطرفة مثل داعش لحشد الشباب، وانضم لـداعش وللكونغرس رأي، كما قالت وكالة فرانس برس."
    # «لل» is ل + «ال»: the «ل» stays, for without it the word is no word (as for «للولايات»)
    assert found(text) == [("داعش", "ORG"), ("داعش", "ORG"), ("للكونغرس", "ORG"), ("فرانس برس", "ORG")]


def test_a_mention_that_is_a_listed_name_becomes_an_organisation_a_makers_product_stays():
    text = "سمات بنغازي داعش ليبيا، وقال عضو بالكونغرس إن طائرة إيرباص هبطت."
    tagged = [tag(text, "داعش", "LOC"), tag(text, "الكونغرس", "PER"), tag(text, "إيرباص", "MISC")]
    assert found(text, *tagged) == [("داعش", "ORG"), ("الكونغرس", "ORG"), ("إيرباص", "MISC")]
    text = "وقال متحدث باسم طالبان إن الهجوم وقع أمس."
    assert found(text, tag(text, "طالبان", "MISC")) == [("طالبان", "ORG")]  # no maker: no product either


def test_a_listed_name_inside_a_longer_name_and_unlisted_words_are_left_alone():
    text = "وقال رئيس مجموعة داعش للدراسات إن الحماس كبير."
    tagged = [tag(text, "مجموعة داعش للدراسات", "ORG")]
    assert found(text, *tagged) == [("مجموعة داعش للدراسات", "ORG")]
    assert found("شعر الفريق بحماس كبير بعد فتح الملعب.") == []
