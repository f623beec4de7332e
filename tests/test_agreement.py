from entities.agreement import agree_on_persons
from entities.schema import Mention


def mentions_of(text: str, *names: tuple[str, str]) -> list[Mention]:
    """A mention per (surface, label), each at the next place its surface occurs in ``text``."""
    found: list[Mention] = []
    for surface, label in names:
        start = text.find(surface, max((m.end for m in found if m.text == surface), default=0))
        found.append(Mention(text=surface, label=label, start=start, end=start + len(surface)))
    return sorted(found, key=lambda m: m.start)


def labels(text: str, mentions: list[Mention], **kwargs: frozenset[tuple[str, ...]]) -> list[str]:
    return [m.label for m in agree_on_persons(text, mentions, **kwargs)]


def test_a_person_the_tagger_once_took_for_an_organisation_is_a_person_and_a_club_once_a_person_a_club():
    text = "قال غروس إن غروس يثق بفريقه بقيادة غروس. وفاز سامبدوريا ثم خسر سامبدوريا. إلى الأمام سامبدوريا"
    found = mentions_of(
        text,
        ("غروس", "PER"),
        ("غروس", "PER"),
        ("غروس", "ORG"),
        ("سامبدوريا", "ORG"),
        ("سامبدوريا", "ORG"),
        ("سامبدوريا", "PER"),
    )
    assert labels(text, found) == ["PER", "PER", "PER", "ORG", "ORG", "ORG"]


def test_no_vote_without_two_of_one_reading_that_outnumber_the_rest():
    text = "قال دونيس ثم دونيس ثم دونيس ثم دونيس"
    even = mentions_of(text, ("دونيس", "PER"), ("دونيس", "PER"), ("دونيس", "ORG"), ("دونيس", "ORG"))
    assert labels(text, even) == ["PER", "PER", "ORG", "ORG"]
    single = mentions_of(text, ("دونيس", "PER"), ("دونيس", "ORG"))
    assert labels(text, single) == ["PER", "ORG"]


def test_readings_that_are_not_a_persons_a_work_a_listed_place_and_a_club_are_left_as_they_are():
    text = "الشرق الأوسط والشرق الأوسط والشرق الأوسط. كتاب جالينوس وكتاب جالينوس وقال جالينوس"
    media = mentions_of(text, ("الشرق الأوسط", "ORG"), ("الشرق الأوسط", "ORG"), ("الشرق الأوسط", "LOC"))
    assert labels(text, media) == ["ORG", "ORG", "LOC"]
    work = mentions_of(text, ("جالينوس", "MISC"), ("جالينوس", "MISC"), ("جالينوس", "PER"))
    assert labels(text, work) == ["MISC", "MISC", "PER"]
    places = "زار طارق وطارق جبل طارق ثم وصل روما ولقي روما وروما"
    found = mentions_of(
        places,
        ("طارق", "PER"),
        ("طارق", "PER"),
        ("طارق", "LOC"),
        ("روما", "LOC"),
        ("روما", "PER"),
        ("روما", "PER"),
    )
    assert labels(places, found) == ["PER", "PER", "LOC", "LOC", "PER", "PER"]
    club = "يجب على نيس الدفع وقال نيس إن نيس"
    found = mentions_of(club, ("نيس", "ORG"), ("نيس", "PER"), ("نيس", "PER"))
    assert labels(club, found, clubs=frozenset({("نيس",)})) == ["ORG", "PER", "PER"]
    assert labels(club, found) == ["PER", "PER", "PER"]


def test_a_person_named_after_a_child_stays_a_person():
    text = "أم سياف وأم سياف وأم سياف"
    found = mentions_of(text, ("أم سياف", "ORG"), ("أم سياف", "ORG"), ("أم سياف", "PER"))
    assert labels(text, found) == ["ORG", "ORG", "PER"]


def test_a_persons_reading_after_a_title_a_trade_or_a_nationality_wins_over_more_of_another():
    text = "بعد تداول اسم الأرجنتيني سابيلا قال سابيلا إن سابيلا مدرب."
    coach = mentions_of(text, ("سابيلا", "PER"), ("سابيلا", "ORG"), ("سابيلا", "ORG"))
    assert labels(text, coach) == ["PER", "PER", "PER"]
    # a nationality right after a name describes that name and proves nothing of the next one
    club = "فاز برشلونة الإسباني فالنسيا، وقال فالنسيا إن فالنسيا جاهز."
    found = mentions_of(club, ("برشلونة", "ORG"), ("فالنسيا", "PER"), ("فالنسيا", "ORG"), ("فالنسيا", "ORG"))
    assert labels(club, found) == ["ORG", "ORG", "ORG", "ORG"]
