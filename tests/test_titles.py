"""Titles standing for a person named earlier, on sentences written for these tests (names marked by hand)."""

from entities.relations import RuleSet
from entities.resolve import resolve_entities
from entities.schema import Mention
from entities.titles import title_mentions
from entities.tokenize import split_sentences


def run(text: str, *names: tuple[str, str]) -> tuple[list[Mention], dict[str, str], list[tuple[str, str, str]]]:
    """Title mentions, entity names by id, and the relations (type, name, name)."""
    marked = []
    for surface, label in names:
        start = text.find(surface)
        while start != -1:
            marked.append(Mention(text=surface, label=label, start=start, end=start + len(surface)))
            start = text.find(surface, start + len(surface))
    entities, mentions = resolve_entities(sorted(marked, key=lambda m: m.start))
    sentences = split_sentences(text)
    mentions = title_mentions(text, sentences, mentions, entities)
    name = {e.id: e.name for e in entities}
    relations = [
        (r.type, name[r.source], name[r.target]) for r in RuleSet.default().apply(text, sentences, mentions, entities)
    ]
    return [m for m in mentions if m.kind == "title"], name, relations


def test_shorter_title_refers_to_the_person_it_was_written_before():
    text = (
        "وصل وزير الخارجية الروسي سيرغي لافروف إلى بكين أمس. "
        "واستقبل الرئيس الصيني شي جين بينغ الوزير الروسي في قاعة الشعب الكبرى."
    )
    titles, name, relations = run(text, ("سيرغي لافروف", "PER"), ("بكين", "LOC"), ("شي جين بينغ", "PER"))
    assert [(t.text, name[t.entity_id]) for t in titles] == [("الوزير الروسي", "سيرغي لافروف")]
    assert text[titles[0].start : titles[0].end] == "الوزير الروسي"
    assert ("MET", "شي جين بينغ", "سيرغي لافروف") in relations


def test_title_with_a_proclitic_keeps_it_outside_the_mention():
    text = "استقبل خادم الحرمين الشريفين الملك سلمان أمس الضيوف. ورحب الحضور بخادم الحرمين الشريفين في القصر."
    titles, name, _ = run(text, ("سلمان", "PER"))
    assert [(t.text, name[t.entity_id]) for t in titles] == [("خادم الحرمين الشريفين", "سلمان")]


def test_title_that_fits_two_people_is_not_guessed():
    text = (
        "التقى وزير الخارجية الروسي سيرغي لافروف وزير الدفاع الروسي سيرغي شويغو. وقال الوزير الروسي إن المحادثات مثمرة."
    )
    titles, _, _ = run(text, ("سيرغي لافروف", "PER"), ("سيرغي شويغو", "PER"))
    assert titles == []


def test_bare_head_a_different_nationality_and_an_earlier_title_name_nobody():
    text = (
        "قال الرئيس الأمريكي إن الاتفاق قريب. والتقى الرئيس الفرنسي إيمانويل ماكرون نظراءه. "
        "وأكد الرئيس أن الحوار مستمر. وقال الرئيس الأمريكي إن بلاده ملتزمة."
    )
    titles, _, _ = run(text, ("إيمانويل ماكرون", "PER"))
    assert titles == []


def test_title_right_after_the_name_is_an_apposition_not_a_new_mention():
    text = "وعقد الملك حمد بن عيسى آل خليفة ملك البحرين والرئيس حسني مبارك مباحثات في القاهرة."
    titles, _, relations = run(text, ("حمد بن عيسى آل خليفة", "PER"), ("حسني مبارك", "PER"), ("القاهرة", "LOC"))
    assert titles == []
    assert any(r[0] == "MET" for r in relations)


def test_title_before_the_preposition_ila_still_refers():
    text = (
        "التقى وزير الخارجية التونسي سامر الخطيب نظيره الليبي أمس. "
        "وأشار وزير الخارجية التونسي إلى أن المحادثات مثمرة، ثم وصل الوزير التونسي إلى طرابلس."
    )
    titles, name, relations = run(text, ("سامر الخطيب", "PER"), ("طرابلس", "LOC"))
    assert [(t.text, name[t.entity_id]) for t in titles] == [
        ("وزير الخارجية التونسي", "سامر الخطيب"),
        ("الوزير التونسي", "سامر الخطيب"),
    ]
    assert ("VISITED", "سامر الخطيب", "طرابلس") in relations
