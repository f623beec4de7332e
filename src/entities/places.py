"""States, capitals, the Kingdom's regions and other cities, and continents by name (``data/places.toml``).

The tagger learnt places from ANERcorp, where many states occur a handful of times: it reads «كوت ديفوار»
as a person and leaves «لاتفيا» untagged. A person or MISC mention whose whole text is such a name is made
a place, and so is an organisation named by several words («المملكة العربية السعودية»); a one-word
organisation keeps its label, as clubs and newspapers take cities' names («روما», «الرياض»). An untagged
run of words that is such a name is added as a place. Names that are also ordinary words («مالي»:
financial, «المغرب»: the sunset prayer) are neither retyped nor added, and «السعودية» describing the noun
before it («الحكومة السعودية») is not added.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from .clitics import article_forms
from .normalize import fold, match_key, words_key
from .schema import Mention
from .tokenize import NEXT_WORD, Sentence, token_owners, word_before
from .widening import Candidate, widen_mentions

Words = tuple[str, ...]

#: The labels a listed place's mention is taken from; an organisation only when its name has several words.
_RETYPED = frozenset({"PER", "MISC"})


@dataclass(frozen=True)
class Places:
    """The listed names as folded words, looked up by their first word."""

    by_first: dict[str, tuple[Words, ...]]  # folded first word -> the names it begins, longest first
    ambiguous: frozenset[Words]
    adjectives: frozenset[Words] = frozenset()  # also a feminine adjective («السعودية»)
    guarded: dict[str, tuple[Words, ...]] = field(default_factory=dict)  # only after ``place_words``, by first word
    place_words: frozenset[str] = frozenset()  # «محافظة», «منطقة»: a place's name follows
    waterways: frozenset[Words] = frozenset()  # «قناة السويس»: take in a one-word organisation
    cities: frozenset[str] = frozenset()  # one-word capitals and cities that are no state («روما»)
    club_adjectives: frozenset[str] = frozenset()  # «الإيطالي»: after a city, make it a club
    not_places: dict[str, tuple[Words, ...]] = field(default_factory=dict)  # «الرباط الصليبي», by first word
    states: frozenset[str] = frozenset()  # one-word states («قطر», «موناكو»), folded
    continents: frozenset[str] = frozenset()  # one-word continents («آسيا»), folded

    def guarded_at(self, words: Sequence[str], i: int) -> tuple[str, Words] | None:
        """``(proclitic, name)`` of an ambiguous name at ``words[i]`` right after a place word, else None."""
        if not i or not article_forms(words[i - 1], self.place_words):
            return None
        return longest_name_at(self.guarded, words, i)

    def name_at(self, words: Sequence[str], i: int) -> tuple[str, Words] | None:
        """``(proclitic, name)`` of the longest place name beginning at folded ``words[i]``."""
        return longest_name_at(self.by_first, words, i, skip=self.ambiguous)

    @cached_property
    def longest(self) -> int:
        """The most words a listed name has."""
        return max(len(name) for names in self.by_first.values() for name in names)

    def place_behind_proclitic(self, word: str) -> bool:
        """Whether the one word ``word`` is a listed name behind a proclitic, ambiguous names included
        («بجدة», «بتبوك»)."""
        found = longest_name_at(self.by_first, [fold(word)], 0)
        return found is not None and found[0] != "" and len(found[1]) == 1

    def is_place(self, text: str) -> bool:
        """Whether ``text`` (a mention's text, a proclitic allowed) is one of the names, not an ambiguous one."""
        words = [fold(w) for w in text.split()]
        return bool(words) and (found := self.name_at(words, 0)) is not None and len(found[1]) == len(words)


def longest_name_at(
    table: dict[str, tuple[Words, ...]], words: Sequence[str], i: int, skip: frozenset[Words] = frozenset()
) -> tuple[str, Words] | None:
    """``(proclitic, name)`` of the longest name of ``table`` (not in ``skip``) beginning at ``words[i]``."""
    for clitic, first in article_forms(words[i], table):
        for name in table[first]:
            if name not in skip and tuple(words[i + 1 : i + len(name)]) == name[1:]:
                return clitic, name
    return None


def names_by_first_word(names: set[Words] | frozenset[Words]) -> dict[str, tuple[Words, ...]]:
    """``names`` grouped by their first word, longest first."""
    grouped: dict[str, list[Words]] = {}
    for name in sorted(names, key=len, reverse=True):
        grouped.setdefault(name[0], []).append(name)
    return {first: tuple(found) for first, found in grouped.items()}


def _load(lines: dict[str, Any]) -> Places:
    def folded(key: str) -> frozenset[Words]:
        return frozenset(tuple(fold(w) for w in name.split()) for name in lines[key])

    waterways = folded("waterways")
    names = folded("states") | folded("capitals") | folded("cities") | folded("continents") | waterways
    ambiguous = folded("ambiguous")
    guarded = names_by_first_word(ambiguous | folded("after_place_word"))
    place_words = frozenset(fold(w) for w in lines["place_words"])
    cities = {name[0] for name in folded("capitals") | folded("cities") if len(name) == 1}
    return Places(
        names_by_first_word(names),
        ambiguous,
        folded("adjectives"),
        guarded,
        place_words,
        waterways,
        frozenset(cities - {name[0] for name in folded("states")}),
        frozenset(fold(w) for w in lines["club_adjectives"]),
        names_by_first_word(folded("not_places")),
        frozenset(name[0] for name in folded("states") if len(name) == 1),
        frozenset(name[0] for name in folded("continents") if len(name) == 1),
    )


#: A word with the article, after proclitics: «الحكومة», «بالسوق», «للمرأة», «وللشركة».
_WITH_ARTICLE = re.compile(r"^[وف]?(?:[بك]?ال|لل)")


def _describes(previous: str) -> bool:
    """Whether an adjective after folded word ``previous`` would describe it: it has the article or a
    feminine or plural ending («الحكومة», «بالسوق», «شركة», «قوات»)."""
    return bool(_WITH_ARTICLE.match(previous)) or previous.endswith(("ة", "ات"))


@lru_cache(maxsize=1)
def _lines() -> dict[str, Any]:
    return tomllib.loads(resources.files("entities").joinpath("data/places.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def other_names() -> dict[str, int]:
    """``match_key`` of each name in ``other_names`` -> the number of its set: names of one place."""
    return {match_key(name): number for number, names in enumerate(_lines()["other_names"]) for name in names}


@lru_cache(maxsize=1)
def default_places() -> Places:
    return _load(_lines())


def retype_places(mentions: Sequence[Mention], places: Places | None = None) -> list[Mention]:
    """``mentions`` with each one that is a listed place labelled LOC: a person or MISC, or an organisation
    of several words («المملكة العربية السعودية»; «روما» the club stays)."""
    places = places or default_places()
    return [m.model_copy(update={"label": "LOC"}) if _retyped(m) and places.is_place(m.text) else m for m in mentions]


def _retyped(mention: Mention) -> bool:
    return mention.label in _RETYPED or (mention.label == "ORG" and " " in mention.text.strip())


def widen_to_places(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], places: Places | None = None
) -> list[Mention]:
    """``mentions`` (sorted by start) with each listed place name of several words that a place, person or
    MISC mention covers part of made one place mention («إسلام [آباد]» → «إسلام آباد»). Mentions wholly
    inside it go into it («[إسلام] [آباد]», tagged as two places); none is widened over a mention that
    reaches past it, nor over an organisation (clubs take cities' names, as in ``retype_places``) except
    into a listed waterway («قناة [السويس]», which the tagger reads as a TV channel)."""
    places = places or default_places()

    def wider(sentence: Sentence, words: list[str], mention: Mention, first: int, last: int) -> Iterator[Candidate]:
        for begin in range(max(0, last - places.longest + 1), first + 1):
            found = places.name_at(words, begin)
            if found is None or begin + len(found[1]) <= last or len(found[1]) <= last - first + 1:
                continue
            final = begin + len(found[1]) - 1
            start, end = sentence.tokens[begin].start + len(found[0]), sentence.tokens[final].end
            labels = _WIDENED_WITH_ORG if found[1] in places.waterways else _WIDENED
            yield begin, final, Mention(text=text[start:end], label="LOC", start=start, end=end), labels

    return widen_mentions(sentences, mentions, wider)


#: The labels of the mentions a listed place is widened over: not an organisation (a club takes a city's
#: name), except into a waterway («قناة [السويس]»).
_WIDENED = frozenset({"LOC", "PER", "MISC"})
_WIDENED_WITH_ORG = _WIDENED | {"ORG"}


def add_places(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], places: Places | None = None
) -> list[Mention]:
    """``mentions`` (sorted by start) with each listed place no mention covers added as LOC, sorted by start.

    Run after ``propagate``, so that a longer name spread over the document («زين السعودية») is not cut.
    """
    places = places or default_places()
    added: list[Mention] = []
    for sentence, owner in zip(sentences, token_owners(sentences, mentions), strict=True):
        words = [fold(t.text) for t in sentence.tokens]
        i = 0
        while i < len(words):
            found = None if i in owner else places.name_at(words, i) or places.guarded_at(words, i)
            if found is None or any(j in owner for j in range(i, i + len(found[1]))):
                i += 1
                continue
            clitic, name = found
            if i and name in places.adjectives and _describes(words[i - 1]):
                i += 1
                continue
            start, end = sentence.tokens[i].start + len(clitic), sentence.tokens[i + len(name) - 1].end
            while text[start] == "\u0640":  # a tatweel after the proclitic: «بـالرياض»
                start += 1
            added.append(Mention(text=text[start:end], label="LOC", start=start, end=end))
            i += len(name)
    return sorted([*mentions, *added], key=lambda m: m.start) if added else list(mentions)


def clubs_after_cities(
    text: str, mentions: Sequence[Mention], places: Places | None = None, *, sport: bool = False
) -> list[Mention]:
    """``mentions`` (sorted by start) with each one-word city (not a state) right before a masculine
    adjective of nationality labelled ORG: the club «روما» in «روما الإيطالي» (the city would be «روما
    الإيطالية»), unless a person's name follows the adjective («الدوحة البرتغالي روبن أموريم»).

    In a sports report (``sport``) any one-word place the tagger found counts, not only the listed cities
    («[هامبورغ] الألماني», «[موناكو] الفرنسي»), but for a continent, a word with the article («الجولان
    السوري») and a city behind the proclitic «ب». In any
    document, a place that is one side of a line of results is a club too: its state in brackets after
    it, a dash, and another name with its state («سلتيك (اسكتلندا) - [كوبنهاغن] (الدنمارك)»)."""
    places = places or default_places()
    found: list[Mention] = []
    for i, m in enumerate(mentions):
        if m.label == "LOC" and _before_club_adjective(text, m, places, sport):
            following = mentions[i + 1] if i + 1 < len(mentions) else None
            after = NEXT_WORD.match(text, m.end)
            person_after = (
                following is not None
                and after is not None
                and following.label == "PER"
                and text[after.end(1) : following.start].strip(" ") == ""
            )
            if not person_after:
                m = m.model_copy(update={"label": "ORG"})
        elif m.label == "LOC" and _in_results_line(text, m, places):
            m = m.model_copy(update={"label": "ORG"})
        found.append(m)
    return found


def _before_club_adjective(text: str, mention: Mention, places: Places, sport: bool) -> bool:
    """Whether ``mention`` may be a club named after its city, right before a masculine adjective of
    nationality: a listed city, or in a sports report any one word without the article."""
    after = NEXT_WORD.match(text, mention.end)
    if after is None or fold(after.group(1)) not in places.club_adjectives:
        return False
    folded = fold(mention.text)
    if folded in places.cities:
        return True
    if not sport or " " in mention.text.strip() or folded.startswith("ال") or not folded.isalpha():
        return False
    # a continent is named so in sports news too («قارة [آسيا] الكوري الجنوبي»), and so is a city behind
    # «ب» («معسكره ب[فيرونا] الإيطالي»: the training camp in Verona); a state may be a club («موناكو الفرنسي»)
    return folded not in places.continents and text[max(0, mention.start - 1) : mention.start] != "ب"


#: A state in brackets right after a club's name, as lines of results write it: «كوبنهاغن ( الدنمارك )».
_STATE_IN_BRACKETS = re.compile(r"\s*\(\s*([^\W\d_]+)\s*\)")
#: The dash after those brackets, and the other club's name (one to three words) and its bracketed state.
_OTHER_SIDE_AFTER = re.compile(r"\s*[-–]\s*[^\s()]+(?:\s+[^\s()]+){0,2}\s*\(\s*([^\W\d_]+)\s*\)")
#: The other side before the name: its bracketed state and the dash, right before the name.
_OTHER_SIDE_BEFORE = re.compile(r"\(\s*([^\W\d_]+)\s*\)\s*[-–]\s*$")


def _in_results_line(text: str, mention: Mention, places: Places) -> bool:
    """Whether ``mention`` (no state itself) is one side of a line of results: its state in brackets after
    it, a dash, and the other side's name with its state («ليل (فرنسا) - ميلان (إيطاليا)»); a dateline
    («موسكو (روسيا) - أ ف ب») is none."""
    state = _STATE_IN_BRACKETS.match(text, mention.end)
    if state is None or fold(state.group(1)) not in places.states or not _no_state(mention, places):
        return False
    other = _OTHER_SIDE_AFTER.match(text, state.end()) or _OTHER_SIDE_BEFORE.search(
        text[max(0, mention.start - 40) : mention.start]
    )
    return other is not None and fold(other.group(1)) in places.states


def _no_state(mention: Mention, places: Places) -> bool:
    """Whether ``mention`` names no state nor continent: a club named after one is not spread, for the
    same report names the state («قطر» of «قطر القطري»)."""
    folded = fold(mention.text)
    return folded not in places.states and folded not in places.continents


def city_club_forms(
    text: str, mentions: Sequence[Mention], places: Places | None = None, *, sport: bool = False
) -> frozenset[tuple[str, ...]]:
    """The names (``words_key``) of the clubs named after their city that ``clubs_after_cities`` reads
    (in a sports report before a masculine adjective of nationality, or in a line of results), whoever
    labelled them ORG. Outside sport one such name is the only club: «فيلق القدس الإيراني» is no club,
    and «القدس» of the same report the city."""
    places = places or default_places()
    return frozenset(
        words_key(m.text)
        for m in mentions
        if m.label == "ORG"
        and _no_state(m, places)
        and ((sport and _before_club_adjective(text, m, places, sport)) or _in_results_line(text, m, places))
    )


def persons_after_nationalities(text: str, mentions: Sequence[Mention], places: Places | None = None) -> list[Mention]:
    """``mentions`` (sorted by start) with each organisation of one or two words right after a masculine
    adjective of nationality that stands as a noun labelled PER: «التعاقد مع الأرجنتيني [موراليز]», «ضم
    الياباني [هوندا]», a player or a coach the tagger took for a club. Not where the adjective describes
    the name before it («جازينتاب التركي فيرونا»), nor where one follows the name («فيرونا الإيطالي»: a
    club), nor a name with the article or after «و» («المصري الزمالك», «الفرنسي وسبورتنغ»)."""
    places = places or default_places()
    found: list[Mention] = []
    ends = {m.end for m in mentions}
    for m in mentions:
        if m.label == "ORG" and _after_nationality(text, m, places, ends):
            m = m.model_copy(update={"label": "PER"})
        found.append(m)
    return found


#: A word and the spaces after it, at the end of the text before a mention.
_LAST_WORD = re.compile(r"([^\W\d_]+) +$")


def _after_nationality(text: str, mention: Mention, places: Places, ends: set[int]) -> bool:
    """Whether ``mention`` is a person's name after a nationality standing as a noun."""
    words = mention.text.split()
    if (
        not 1 <= len(words) <= 2
        or words[0].startswith(("و", "ال"))
        or not all(_ARABIC_WORD.fullmatch(w) for w in words)
    ):
        return False
    before = _LAST_WORD.search(text, max(0, mention.start - 24), mention.start)
    if before is None or fold(before.group(1)) not in places.club_adjectives:
        return False
    after = NEXT_WORD.match(text, mention.end)
    if after is not None and fold(after.group(1)) in places.club_adjectives:
        return False
    window = text[max(0, before.start() - 16) : before.start()]  # the spaces before the adjective
    return before.start() - (len(window) - len(window.rstrip())) not in ends  # it describes no name before it


#: A word of Arabic letters only: a Latin name after a nationality is a website's or a firm's («الأمريكي BGR»).
_ARABIC_WORD = re.compile(r"[\u0621-\u064A]+")


#: Words before a city's name that keep it the city in a report about its club: «في», «بمدينة», «العاصمة».
_CITY_BEFORE = frozenset({"في", "مدينة", "بمدينة", "العاصمة", "بالعاصمة", "وفي"})


def spread_city_clubs(text: str, mentions: Sequence[Mention], forms: frozenset[tuple[str, ...]]) -> list[Mention]:
    """``mentions`` with each place whose name is one of ``forms`` (clubs named after their city,
    ``city_club_forms``) labelled ORG, unless it is written as the city: after «في», a word for a city or
    the proclitic «ب» («ملعب فيسر في [بريمن]», «ببرشلونة»)."""
    if not forms:
        return list(mentions)
    found: list[Mention] = []
    for m in mentions:
        if m.label == "LOC" and words_key(m.text) in forms:
            before = word_before(text, m.start)
            attached = m.start > 0 and not text[m.start - 1].isspace()
            if fold(before) not in _CITY_BEFORE and not (attached and text[m.start - 1] == "ب"):
                m = m.model_copy(update={"label": "ORG"})
        found.append(m)
    return found


def drop_not_places(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], places: Places | None = None
) -> list[Mention]:
    """``mentions`` without those inside a phrase that holds a place's name and is no place (``not_places``:
    «الرباط» in «بالرباط الصليبي», the cruciate ligament)."""
    places = places or default_places()
    folded = fold(text)
    if not any(first in folded for first in places.not_places):  # most documents hold none: one look
        return list(mentions)
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        words = [fold(t.text) for t in sentence.tokens]
        for i in range(len(words)):
            found = longest_name_at(places.not_places, words, i)
            if found is not None:
                clitic, phrase = found
                spans.append((sentence.tokens[i].start + len(clitic), sentence.tokens[i + len(phrase) - 1].end))
    if not spans:
        return list(mentions)
    return [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in spans)]
