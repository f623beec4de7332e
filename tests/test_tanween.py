from entities.schema import Mention
from entities.tanween import cut_at_tanween


def tag(text: str, surface: str, label: str) -> Mention:
    start = text.find(surface)
    return Mention(text=surface, label=label, start=start, end=start + len(surface))


def cut(text: str, *tagged: tuple[str, str]) -> list[tuple[str, str, int, int]]:
    found = cut_at_tanween(text, [tag(text, surface, label) for surface, label in tagged])
    return [(m.text, m.label, m.start, m.end) for m in found]


def test_a_name_ends_before_a_word_in_the_indefinite_accusative():
    text = "وقع النادي مع يوسف عمر مساعداً وأحمد الحداد مدرباً للحراس."
    found = cut(text, ("يوسف عمر مساعداً", "PER"), ("أحمد الحداد مدرباً", "PER"))
    assert [f[:2] for f in found] == [("يوسف عمر", "PER"), ("أحمد الحداد", "PER")]
    for surface, _, start, end in found:
        assert text[start:end] == surface


def test_a_name_that_begins_with_such_a_word_is_dropped_whatever_its_form():
    # the mark written before the alef or after it
    text = "عالجت العيادة لاجئًا سوريًا، ووجد ذئباً رمادياً طريقه."
    assert cut(text, ("سوريًا", "LOC"), ("رمادياً", "PER")) == []


def test_punctuation_before_the_cut_stays_out_of_the_name():
    text = "تعاقد مع عماد، مدرباً للفريق."
    start = text.find("عماد")
    assert cut(text, ("عماد، مدرباً", "PER")) == [("عماد", "PER", start, start + len("عماد"))]


def test_a_currency_and_names_without_the_mark_are_kept():
    text = "بلغ سعر النفط 50 دولاراً، وقال خالد الفالح إن قيسٍ شاعر."
    tagged = (("دولاراً", "MISC"), ("خالد الفالح", "PER"), ("قيسٍ", "PER"))
    assert [f[:2] for f in cut(text, *tagged)] == [("دولاراً", "MISC"), ("خالد الفالح", "PER"), ("قيسٍ", "PER")]
