import pytest

from entities.dates import MonthWords, default_month_words, drop_dates
from entities.schema import Mention
from entities.tokenize import split_sentences


def tagged(text: str, surface: str, label: str = "ORG", nth: int = 0) -> Mention:
    """A name the tagger is taken to have found: occurrence ``nth`` of ``surface``."""
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
    assert start >= 0
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def kept(text: str, mentions: list[Mention], words: MonthWords | None = None) -> list[str]:
    return [m.text for m in drop_dates(split_sentences(text), mentions, words)]


@pytest.mark.parametrize(
    "text",
    [
        "قتل في 22 أبريل (نيسان) الماضي وسط المقاتلين.",  # Gulf month, the Levantine one in brackets
        "أعلنت موسكو في نيسان/ أبريل الماضي استعادة المنطقة.",  # Levantine first, a slash between
        "وصل الوفد في نيسان 2024 إلى العاصمة.",  # a year after it
        "وصل الوفد في ١٢ نيسان ٢٠٢٤ إلى العاصمة.",  # Arabic-Indic digits
        "وصل الوفد في 3 نيسان إلى العاصمة.",  # a day before it
        "انتهت المفاوضات في شهر نيسان دون اتفاق.",  # «شهر» before it
        "انتهت المفاوضات في نيسان الماضي دون اتفاق.",  # «الماضي» after it
        "انتهت المفاوضات في أواخر نيسان دون اتفاق.",
    ],
)
def test_a_month_in_a_date_is_no_name(text):
    assert kept(text, [tagged(text, "نيسان")]) == []


def test_two_word_months_and_a_proclitic_on_the_month():
    text = "جرى ذلك في تشرين الأول/أكتوبر 2023، ثم وبأيار 2024."
    mentions = [tagged(text, "تشرين الأول"), tagged(text, "أكتوبر", "MISC"), tagged(text, "بأيار")]
    assert kept(text, mentions) == []


def test_a_month_outside_a_date_stays_what_the_tagger_said():
    text = "قالت شركة نيسان إن مبيعاتها ارتفعت. وتحدث طه ياسين رمضان إلى الصحفيين. ووصل رمضان أمس."
    mentions = [tagged(text, "نيسان"), tagged(text, "طه ياسين رمضان", "PER"), tagged(text, "رمضان", "PER", nth=1)]
    assert kept(text, mentions) == ["نيسان", "طه ياسين رمضان", "رمضان"]


def test_a_name_longer_than_the_month_is_kept_even_in_a_date():
    # «نيسان باترول» is a car, not a month, though a year follows it.
    text = "أطلقت الشركة نيسان باترول 2024 في أبريل (نيسان) الماضي."
    mentions = [tagged(text, "نيسان باترول", "MISC"), tagged(text, "نيسان", nth=1)]
    assert kept(text, mentions) == ["نيسان باترول"]


def test_only_the_dated_mention_goes_and_the_others_keep_their_order():
    text = "زار لافروف بيونغ يانغ في نيسان 2025 والتقى كيم جونغ أون."
    mentions = [
        tagged(text, "لافروف", "PER"),
        tagged(text, "بيونغ يانغ", "LOC"),
        tagged(text, "نيسان"),
        tagged(text, "كيم جونغ أون", "PER"),
    ]
    assert kept(text, mentions) == ["لافروف", "بيونغ يانغ", "كيم جونغ أون"]


def test_the_month_list_is_data_and_can_be_replaced():
    text = "وصل الوفد في نيسان 2024 إلى العاصمة."
    only_may = MonthWords.from_lists(["أيار"], ["شهر"], ["الماضي"])
    assert kept(text, [tagged(text, "نيسان")], only_may) == ["نيسان"]


def test_the_shipped_list_folds_spellings():
    months = default_month_words().months
    assert ("ابريل",) in months  # «أبريل» and «إبريل» alike
    assert ("تشرين", "الاول") in months
