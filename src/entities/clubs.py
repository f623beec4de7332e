"""Clubs named right after the word «نادي» («نادي الهلال», «ناديا الهلال والنصر»), and spread in their document.

Saudi and Gulf clubs are named with ordinary words («الهلال» the crescent, «الشباب» youth, «الفتح»
conquest, «التعاون» cooperation), so the tagger often leaves them untagged, and ``propagate`` does not
spread a common word through a document. After «نادي» (a proclitic و/ب/ل/ف allowed), the word with the
article is the club's name: ANERcorp's training part tags it ORG and leaves «نادي» out in 5 of its 6
cases («نادي الوحدة», «بنادي الزمالك»). After the dual «ناديا»/«ناديي» the word after «و» is a club too
(«ناديي الهلال والنصر»). A word that only describes («نادي [الإسباني]») or names a moment is no club, and
a listed place is left to the tagger («نادي الأحساء الأدبي», the city's literary club).

Well-known Arab clubs named with common words (``known``: «السد», «الريان», «الهلال») are clubs without
«نادي» too, where they stand right after a word for a team, its coach or its opponent («فريق [السد]»,
«أمام [الهلال]») or are joined by «و» to another club («[الريان] و[العربي]»): ``known_clubs``.

All of this holds only in a document about sport (``about_sport``): elsewhere «نادي القصة» (a literary
club) would make every «القصة» of its document a club once ``propagate`` spread it. The one-word
organisations right after a club word, the tagger's and these, and those the tagger found twice, are the
document's clubs (``club_forms``): ``propagate`` spreads them though they are common words, so the «الهلال»
of a sports report that speaks of «نادي الهلال» is the club wherever the tagger left it out.
The words and thresholds are data: the ``[clubs]`` table of ``data/entity_patterns.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .clitics import article_forms, bare_forms
from .normalize import fold, words_key
from .patterns import NameWords, default_words, pattern_data
from .places import Places, default_places
from .schema import Mention
from .tokenize import Sentence, word_before


@dataclass(frozen=True)
class ClubWords:
    words: frozenset[str]  # the word for a club («نادي»), folded
    duals: frozenset[str]  # its dual («ناديا»): two clubs follow, the second after «و»
    not_clubs: frozenset[str]  # common nouns after «نادي» that name no club («نادي الحي»), folded
    sports_words: frozenset[str]  # words of a sports report («المباراة», «الدوري»), folded
    min_sports_words: int  # how many different ones make a document a sports report
    known: frozenset[str] = frozenset()  # well-known clubs named with common words («السد»), folded
    team_words: frozenset[str] = frozenset()  # a known club right after one is the club («فريق السد»), folded


@lru_cache(maxsize=1)
def default_club_words() -> ClubWords:
    table = pattern_data()["clubs"]
    return ClubWords(
        frozenset(fold(w) for w in table["words"]),
        frozenset(fold(w) for w in table["duals"]),
        frozenset(fold(w) for w in table["not_clubs"]),
        frozenset(fold(w) for w in table["sports_words"]),
        int(table["min_sports_words"]),
        frozenset(fold(w) for w in table["known"]),
        frozenset(fold(w) for w in table["team_words"]),
    )


def _clubs_after(word: str, clubs: ClubWords) -> int:
    """How many clubs are named after ``word``: 1 after «نادي», 2 after its dual (a proclitic allowed), else 0."""
    folded = fold(word)
    if bare_forms(folded, clubs.words):
        return 1
    return 2 if bare_forms(folded, clubs.duals) else 0


def _club_name(word: str, words: NameWords, clubs: ClubWords, *, after_and: bool = False) -> int:
    """How many leading characters of ``word`` are a proclitic left out of the club's name (the «و» of
    the second club after a dual, ``after_and``), or -1 when ``word`` is no club's name: the article must
    begin it, and it must be no word that describes a person or a moment («الإسباني», «الماضي») nor a
    common noun listed as no club («الحي»)."""
    folded = fold(word)
    clitic = 1 if after_and and folded.startswith("و") else 0
    if after_and and not clitic:
        return -1
    rest = folded[clitic:]
    if len(rest) < 4 or not rest.startswith("ال") or not rest.isalpha():
        return -1
    if rest in clubs.not_clubs or rest in words.never or rest in words.before_person or rest in words.not_in_name:
        return -1
    return clitic


def clubs_after_club_words(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    clubs: ClubWords | None = None,
    words: NameWords | None = None,
    places: Places | None = None,
) -> list[Mention]:
    """``mentions`` plus, as ORG, each untagged word with the article right after «نادي» (and the word
    after «و» that follows it, after the dual «ناديا»), sorted by offset."""
    clubs, words, places = clubs or default_club_words(), words or default_words(), places or default_places()
    taken = [False] * len(text)
    for mention in mentions:
        taken[mention.start : mention.end] = [True] * (mention.end - mention.start)
    added: list[Mention] = []
    for sentence in sentences:
        tokens = sentence.tokens
        for i, token in enumerate(tokens[:-1]):
            named = _clubs_after(token.text, clubs)
            for position in range(i + 1, min(i + 1 + named, len(tokens))):
                name = tokens[position]
                clitic = _club_name(name.text, words, clubs, after_and=position > i + 1)
                if clitic < 0 or places.name_at([fold(t.text) for t in tokens[position : position + 3]], 0):
                    break
                start, end = name.start + clitic, name.end
                if any(taken[start:end]):
                    break
                added.append(Mention(text=text[start:end], label="ORG", start=start, end=end))
                taken[start:end] = [True] * (end - start)
    return sorted([*mentions, *added], key=lambda m: m.start) if added else list(mentions)


def known_clubs(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], clubs: ClubWords | None = None
) -> list[Mention]:
    """``mentions`` plus, as ORG, each untagged well-known club (``known``, a proclitic allowed and left out)
    right after a word for a team or its opponent («فريق [السد]», «أمام [الهلال]»), or joined by «و» to
    another known club or a tagged organisation («[السد] و[الريان]»), sorted by offset. For a sports report."""
    clubs = clubs or default_club_words()
    taken = [False] * len(text)
    org_starts, org_ends = set(), set()  # where the organisations found begin and end
    for mention in mentions:
        taken[mention.start : mention.end] = [True] * (mention.end - mention.start)
        if mention.label == "ORG":
            org_starts.add(mention.start)
            org_ends.add(mention.end)
    added: list[Mention] = []
    for sentence in sentences:
        tokens = sentence.tokens
        # the proclitic before each token that is a known club («و» of «والريان»), None for other tokens
        clitics = [next((c for c, _ in article_forms(fold(t.text), clubs.known)), None) for t in tokens]
        for i, (token, clitic) in enumerate(zip(tokens, clitics, strict=True)):
            if clitic is None:
                continue
            start = token.start + len(clitic)
            if any(taken[start : token.end]):
                continue
            after_team_word = i > 0 and bool(bare_forms(fold(tokens[i - 1].text), clubs.team_words))
            # «[السد] والريان» / «السد و[الريان]», or the same with an organisation the tagger found
            joined_before = clitic.startswith("و") and i > 0
            joined_before = joined_before and (clitics[i - 1] is not None or tokens[i - 1].end in org_ends)
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            joined_after = following is not None and (
                (clitics[i + 1] or "").startswith("و")
                or (following.text.startswith("و") and following.start + 1 in org_starts)
            )
            if after_team_word or joined_before or joined_after:
                added.append(Mention(text=text[start : token.end], label="ORG", start=start, end=token.end))
                taken[start : token.end] = [True] * (token.end - start)
    return sorted([*mentions, *added], key=lambda m: m.start) if added else list(mentions)


def about_sport(sentences: Sequence[Sentence], clubs: ClubWords | None = None) -> bool:
    """Whether the document has at least ``min_sports_words`` different words of a sports report."""
    clubs = clubs or default_club_words()
    seen: set[str] = set()
    for sentence in sentences:
        for token in sentence.tokens:
            for _, word in bare_forms(fold(token.text), clubs.sports_words):
                seen.add(word)
                if len(seen) >= clubs.min_sports_words:
                    return True
    return False


def club_forms(
    text: str,
    mentions: Sequence[Mention],
    clubs: ClubWords | None = None,
    places: Places | None = None,
    *,
    twice: bool = True,
) -> frozenset[tuple[str, ...]]:
    """The one-word organisations named right after a club word in ``text`` («نادي [الهلال]»), or, with
    ``twice``, found twice («[الهلال] و[النصر] … مهاجم [النصر]»), as ``words_key`` spells them; a listed
    place or a listed common noun («السوبر», the Super Cup) is none."""
    clubs = clubs or default_club_words()
    places = places or default_places()
    forms = set()
    seen: set[tuple[str, ...]] = set()
    for mention in mentions:
        if mention.label != "ORG" or " " in mention.text.strip():
            continue
        form = words_key(mention.text)
        before = word_before(text, mention.start)
        if (before and _clubs_after(before, clubs)) or (
            twice and form in seen and fold(form[0]) not in clubs.not_clubs and not places.name_at([fold(form[0])], 0)
        ):
            forms.add(form)
        seen.add(form)
    return frozenset(forms)
