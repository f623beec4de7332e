"""Names found by pattern where the tagger's training data is silent (``data/entity_patterns.toml``).

Run after the tagger: a pattern match that overlaps a tagged name is dropped, so the tagger keeps the
last word wherever it spoke, except where the pattern takes that kind of name in («مسجد الحسن الثاني»).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .clitics import WordRank, article_forms
from .normalize import fold, words_key
from .places import default_places
from .schema import Label, Mention
from .tokenize import DASHES, NEXT_WORD, Sentence, Token, token_owners, word_before


@dataclass(frozen=True)
class NamePattern:
    label: Label
    heads: frozenset[str]
    min_words: int
    max_words: int
    absorbs: frozenset[str] = frozenset()  # tagged labels the match may take in («مسجد الحسن الثاني»)
    continues: tuple[str, ...] = ("ال",)  # how each following word of the name begins
    ends: tuple[str, ...] = ()  # how each following word ends, if it must agree with the head («المملكة المغربية»)
    after_title: bool = False  # the name goes on only with a personal title after the head («مدينة الملك …»)
    coordinates: bool = False  # after a word with «لل», one with «وال» goes on with the name («للإغاثة والأعمال»)
    # how many words may follow a person's name taken in: «مستشفى الملك فهد التخصصي», not «… الصرح الطبي»
    after_person: int | None = None
    ends_from: int = 1  # the first word after the head that ``ends`` holds for: 2 leaves the name itself free


@dataclass(frozen=True)
class NameWords:
    never: frozenset[str]  # begin with «ال» yet never continue a name («الذي», «الدكتور», «إلى»)
    personal_titles: frozenset[str]  # a personal name follows them inside a name («جامعة الملك سعود»)
    before_person: frozenset[str] = frozenset()  # stand before a person's name, not in it («الحارس»)
    prayers: frozenset[str] = frozenset()  # with «الله» after them, follow a person's name («حفظه الله»)
    other_place: frozenset[str] = frozenset()  # head a place named after another («بحر جدة»), as words_key spells them
    # after a place, make another of it («أفريقيا الوسطى»), as words_key spells them
    other_place_after: frozenset[str] = frozenset()
    club_first: frozenset[str] = frozenset()  # begin a football club's name («دينامو كييف»)
    media: frozenset[str] = frozenset()  # the name after them is a newspaper's or channel's («صحيفة مكة»)
    not_in_name: frozenset[str] = frozenset()  # describe a moment or a judgement, end a name («الأسبوعية»)
    name_particles: frozenset[str] = frozenset()  # never end a person's name («بن», «آل»)
    person_after: frozenset[str] = frozenset()  # a one-word name after them is a person («الملك [فهد]»)
    one_words: frozenset[str] = frozenset()  # a proclitic and a name in form, one word in use («لصالح»)
    divine_names: frozenset[str] = frozenset()  # God's names said after «الله» («العلي القدير»)


@lru_cache(maxsize=1)
def pattern_data() -> dict[str, Any]:
    return tomllib.loads(resources.files("entities").joinpath("data/entity_patterns.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def default_words() -> NameWords:
    words = pattern_data()["words"]
    return NameWords(
        frozenset(fold(w) for w in words["never"]),
        frozenset(fold(w) for w in words["personal_titles"]),
        frozenset(fold(w) for w in words["before_person"]),
        frozenset(fold(w) for w in words["prayers"]),
        frozenset(words_key(w)[0] for w in words["other_place"]),
        frozenset(words_key(w)[0] for w in words["other_place_after"]),
        frozenset(fold(w) for w in words["club_first"]),
        frozenset(fold(w) for w in words["media"]),
        frozenset(fold(w) for w in words["not_in_name"]),
        frozenset(fold(w) for w in words["name_particles"]),
        frozenset(fold(w) for w in words["person_after"]),
        frozenset(words_key(w)[0] for w in words["one_words"]),
        frozenset(fold(w) for w in words["divine_names"]),
    )


def person_start(tokens: Sequence[Token], first: int, last: int, words: NameWords | None = None) -> int:
    """The token a person's name spanning tokens ``first..last`` really begins at.

    Leading words that only describe the person («للحارس هيلتون», «والبرتغالي تياغو») are skipped, but
    the last token is always kept: a lone «البرازيلي» stays what the tagger said.
    """
    lexicon = words or default_words()
    while first < last and _describes(fold(tokens[first].text), lexicon.before_person):
        first += 1
    return first


def name_end(tokens: Sequence[Token], first: int, last: int, words: NameWords | None = None) -> int:
    """The last token of a name spanning tokens ``first..last``: the name ends before the first word after
    its first that describes a moment or a judgement (``not_in_name``): «مجلس الوزراء [الموافقة]», «تنظيم
    القاعدة [الإرهابي]»."""
    lexicon = words or default_words()
    for i in range(first + 1, last + 1):
        if fold(tokens[i].text) in lexicon.not_in_name:
            return i - 1
    return last


def person_parts(
    tokens: Sequence[Token], first: int, last: int, words: NameWords | None = None
) -> list[tuple[int, int]]:
    """The people in a person's name spanning tokens ``first..last``, as ``(first, last)`` token pairs.

    The tagger sometimes runs two people joined by «و» and a title into one name («الملكين فهد والملك
    عبد الله» → «فهد والملك عبد الله»): the name is cut at each such word, which belongs to neither. It
    also runs a name on into the prayer after it («سلمان بن عبدالعزيز حفظه الله»): the name ends before
    the prayer, and a span that is only a prayer («رحمه الله») is no name. A listed place behind a
    proclitic is where the person is, not part of the name: the name ends before it («قاسم سليماني
    [لموسكو]», «صالح [بعدن]») or begins after it («[بأفغانستان] هانز أوليش»). Each part then starts
    where ``person_start`` says.
    """
    lexicon = words or default_words()
    for i in range(first, last):
        if fold(tokens[i].text).strip(DASHES) in lexicon.prayers and fold(tokens[i + 1].text) == "الله":
            if i == first:
                return []
            last = i - 1
            break
    places = default_places()
    if first < last and places.place_behind_proclitic(tokens[first].text):
        first += 1
    last = next((i - 1 for i in range(first + 1, last + 1) if places.place_behind_proclitic(tokens[i].text)), last)
    parts, begin = [], first
    for i in range(first + 1, last):  # a title with a name on each side of it
        forms = article_forms(fold(tokens[i].text), lexicon.before_person)
        if any(clitic.startswith("و") for clitic, _ in forms):
            parts.append((begin, i - 1))
            begin = i + 1
    parts.append((begin, last))
    return [(person_start(tokens, a, b, lexicon), b) for a, b in parts]


def join_name_particles(text: str, mentions: Sequence[Mention], words: NameWords | None = None) -> list[Mention]:
    """``mentions`` (sorted by start) with each person's name of two words or more that ends on a particle
    («بن», «آل»: ``name_particles``) going on over the next word, or over the person's name that begins
    there: «عبدالعزيز بن] سطام بن عبدالعزيز» is one name. A next word that is no word of letters (a
    number, a comma) or begins a name of another kind leaves the name as it was."""
    lexicon = words or default_words()
    found: list[Mention] = []
    skip = -1
    for i, m in enumerate(mentions):
        if i == skip:
            continue
        parts = m.text.split() if m.label == "PER" else []
        after = NEXT_WORD.match(text, m.end) if len(parts) >= 2 and fold(parts[-1]) in lexicon.name_particles else None
        if after is not None:
            word_start, end = after.span(1)
            following = mentions[i + 1] if i + 1 < len(mentions) else None
            if following is not None and following.start < end:  # a name begins at the next word
                if following.start == word_start and following.label == "PER":
                    end, skip = following.end, i + 1
                else:
                    end = m.end
            m = Mention(text=text[m.start : end], label="PER", start=m.start, end=end)
        found.append(m)
    return found


def persons_after_titles(text: str, mentions: Sequence[Mention], words: NameWords | None = None) -> list[Mention]:
    """``mentions`` with each one-word place or organisation right after a royal or religious title
    (``person_after``) labelled PER: «فهد» in «مستشفى الملك فهد» is the king the hospital is named after."""
    lexicon = words or default_words()
    found: list[Mention] = []
    for m in mentions:
        one_word = m.label in ("LOC", "ORG") and " " not in m.text.strip()
        if one_word and fold(word_before(text, m.start)) in lexicon.person_after:
            m = m.model_copy(update={"label": "PER"})
        found.append(m)
    return found


def drop_divine_names(text: str, mentions: Sequence[Mention], words: NameWords | None = None) -> list[Mention]:
    """``mentions`` without the persons right after «الله» whose words are all God's names or praises
    (``divine_names``): «الله [العلي القدير]» names no one else."""
    lexicon = words or default_words()
    return [
        m
        for m in mentions
        if not (
            m.label == "PER"
            and fold(word_before(text, m.start)) in _GOD
            and all(_divine(fold(w), lexicon) for w in m.text.split())
        )
    ]


def _divine(word: str, lexicon: NameWords) -> bool:
    """Whether folded ``word`` is one of God's names or praises, a «و» allowed («وتعالى»)."""
    return word in lexicon.divine_names or (word.startswith("و") and word[1:] in lexicon.divine_names)


#: «الله» as a word before a name, with or without a proclitic: «الله», «والله», «لله», «بالله».
_GOD = frozenset({"الله", "والله", "لله", "بالله", "تالله"})


def retype_clubs(text: str, mentions: Sequence[Mention], words: NameWords | None = None) -> list[Mention]:
    """``mentions`` (sorted by start) with each name that begins like a football club's labelled ORG
    («دينامو كييف» read as a person), and a name right after such a word that the tagger left out, or
    tagged as a name of its own, taken into it («سسكا [موسكو]», «[سبورتينغ] [لشبونة]»)."""
    lexicon = words or default_words()
    found: list[Mention] = []
    for m in mentions:
        before = word_before(text, m.start)
        forms = article_forms(fold(before), lexicon.club_first) if before else []
        # the club word's start, after its proclitic: «لسسكا موسكو» → «سسكا موسكو»
        start = m.start
        if forms:
            window = text[max(0, m.start - 32) : m.start]  # the spaces between, without copying the text before
            start = m.start - (len(window) - len(window.rstrip())) - len(before) + len(forms[0][0])
        if forms and found and found[-1].start == start and not text[found[-1].end : m.start].strip():
            found[-1] = Mention(text=text[start : m.end], label="ORG", start=start, end=m.end)  # «[سبورتينغ] [لشبونة]»
        elif forms and (not found or found[-1].end <= start):
            found.append(Mention(text=text[start : m.end], label="ORG", start=start, end=m.end))
        elif m.label != "ORG" and m.text.strip() and article_forms(fold(m.text.split()[0]), lexicon.club_first):
            found.append(m.model_copy(update={"label": "ORG"}))
        else:
            found.append(m)
    return found


#: What may stand between a newspaper's word and its name: spaces and quotation marks («صحيفة “مكة”»).
_QUOTES_BEFORE = " \t\n«“\"'‘"


def retype_media(text: str, mentions: Sequence[Mention], words: NameWords | None = None) -> list[Mention]:
    """``mentions`` with each name right after a word for a newspaper or channel (``media``; a quotation
    mark between allowed) labelled ORG: the newspaper «مكة», not the city, in «بحسب صحيفة “مكة”»."""
    lexicon = words or default_words()
    found: list[Mention] = []
    for m in mentions:
        if m.label != "ORG":
            window = text[max(0, m.start - 24) : m.start]  # the word before, without copying the text before it
            kept = window.rstrip(_QUOTES_BEFORE)
            before = kept.split()[-1] if kept.strip() and len(kept) < len(window) else ""
            if before and article_forms(fold(before), lexicon.media):
                m = m.model_copy(update={"label": "ORG"})
        found.append(m)
    return found


_GROUP_ENDINGS = ("يون", "يين")


def group_noun(word: str, rank: WordRank | None) -> bool:
    """Whether ``word`` is the plural of a nisba adjective, which names a group and no person: «سياسيون»,
    «المصريون», «الحوثيين» (the singular «سياسي», «المصري», «الحوثي» is a word of the vocabulary), but not
    «نابليون» («نابلي» is none) or «ليون» (too short). ANERcorp leaves such plurals untagged (665 of 682 in
    its training part); AQMAR tags some of them as people («الصليبيين»), which the tagger learnt."""
    if rank is None or not word.endswith(_GROUP_ENDINGS):
        return False
    singular = word[:-2]
    return len(singular) >= 4 and rank(singular) is not None


def _describes(word: str, before_person: frozenset[str]) -> bool:
    """Whether ``word``, a proclitic allowed and «لل» read as «ال», is one of ``before_person``."""
    return bool(article_forms(word, before_person))


@lru_cache(maxsize=1)
def default_patterns() -> tuple[NamePattern, ...]:
    return tuple(
        NamePattern(
            p["label"],
            frozenset(fold(h) for h in p["heads"]),
            int(p["min_words"]),
            int(p["max_words"]),
            frozenset(p.get("absorbs", ())),
            tuple(fold(c) for c in p.get("continues", ["ال"])),
            tuple(p.get("ends", ())),
            bool(p.get("after_title", False)),
            bool(p.get("coordinates", False)),
            p.get("after_person"),
            int(p.get("ends_from", 1)),
        )
        for p in pattern_data()["pattern"]
    )


@lru_cache(maxsize=1)
def name_heads() -> frozenset[str]:
    """Every pattern's head words («وزارة», «جامعة», «مجلس» …), folded."""
    return frozenset().union(*(p.heads for p in default_patterns()))


def pattern_mentions(
    text: str, sentences: Sequence[Sentence], tagged: Sequence[Mention], patterns: Sequence[NamePattern] = ()
) -> list[Mention]:
    """``tagged`` plus the pattern matches, sorted by offset.

    A match that overlaps a tagged name is dropped, unless the pattern absorbs that name's label and the
    name lies inside the match: then the match replaces it.
    """
    heads = frozenset().union(*(p.heads for p in patterns)) if patterns else name_heads()
    patterns = patterns or default_patterns()
    lexicon = default_words()
    tagged = sorted(tagged, key=lambda m: m.start)
    dropped: set[int] = set()
    found: list[Mention] = []
    for sentence, owner in zip(sentences, token_owners(sentences, tagged), strict=True):
        words = [fold(t.text) for t in sentence.tokens]
        matched: set[int] = set()  # tokens of this sentence already in a pattern match
        for i, word in enumerate(words):
            if not article_forms(word, heads):  # one look-up per word; most words head no name
                continue
            for pattern in patterns:
                forms = article_forms(word, pattern.heads)
                if not forms:
                    continue
                if pattern.after_title and (i + 1 == len(words) or words[i + 1] not in lexicon.personal_titles):
                    continue  # checked before the run is read: most «مركز», «مدينة» head no such name
                clitic = forms[0][0]
                run = 0
                while (
                    run < pattern.max_words
                    and i + run + 1 < len(words)
                    and _continues(i + run + 1, words, sentence.tokens, owner, pattern, lexicon, i)
                ):
                    run += 1
                while run and words[i + run] in lexicon.personal_titles:  # «… الإداري الشيخ» + no name
                    run -= 1
                if run < pattern.min_words or matched.intersection(range(i, i + run + 1)):
                    continue
                start, end = sentence.tokens[i].start + len(clitic), sentence.tokens[i + run].end
                while end > start + 1 and text[end - 1] in DASHES:  # «شارع علي بن أبي طالب-»
                    end -= 1
                inside = {id(m): m for j in range(i, i + run + 1) if (m := owner.get(j)) is not None}
                if any(m.label not in pattern.absorbs or m.start < start or m.end > end for m in inside.values()):
                    continue
                dropped.update(inside)
                found.append(Mention(text=text[start:end], label=pattern.label, start=start, end=end))
                matched.update(range(i, i + run + 1))
    kept = [m for m in tagged if id(m) not in dropped]
    return sorted([*kept, *found], key=lambda m: m.start)


def _continues(
    j: int,
    words: list[str],
    tokens: Sequence[Token],
    owner: dict[int, Mention],
    pattern: NamePattern,
    lexicon: NameWords,
    head: int,
) -> bool:
    """Whether word ``j`` goes on with the name that the word ``head`` and those after it began."""
    tagged = owner.get(j)
    if tagged is not None and tagged.label in pattern.absorbs:
        if owner.get(j - 1) is tagged:
            return True
        if tagged.start > tokens[j].start:  # a name after «و»: the next of a list («جامعة الدمام والصفا»)
            return False
        # a person's name right after the head or a title is the one it is named after; one further on is
        # someone else's («مركز الملك سلمان للإغاثة والأعمال الإنسانية رأفت الصباغ»)
        return tagged.label != "PER" or j == head + 1 or words[j - 1] in lexicon.personal_titles
    if words[j] in lexicon.never or words[j] in lexicon.not_in_name or not words[j].isalpha():
        return False
    if pattern.after_person is not None:
        person = max((k for k in range(head + 1, j) if (m := owner.get(k)) is not None and m.label == "PER"), default=0)
        if person:
            # none after a place the tagger ran the person into: «مستشفى الملك [فهد بجدة] الصرح»
            ran_on = default_places().place_behind_proclitic(tokens[person].text)
            if j - person > (0 if ran_on else pattern.after_person):
                return False
    if pattern.ends and j - head >= pattern.ends_from and not words[j].endswith(pattern.ends):
        return False
    if words[j].startswith(pattern.continues):
        return True
    if pattern.coordinates and words[j].startswith("وال") and len(words[j]) > 4:
        # the second of two things the institution is for: «للإغاثة والأعمال الإنسانية», «للعلوم والتقنية»
        return any(w.startswith("لل") for w in words[head + 1 : j])
    if "PER" not in pattern.absorbs:  # a personal name goes only into names that may hold a person's
        return False
    before = words[j - 1]  # «جامعة الملك سعود», «جامعة الإمام محمد بن سعود»
    return (
        before in lexicon.personal_titles
        or before in {"بن", "بنت"}
        or (words[j] in {"بن", "بنت"} and j >= 2 and words[j - 2] in lexicon.personal_titles)
    )
