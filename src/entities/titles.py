"""Titles that stand for a named person (``data/titles.toml``).

News names a person once with a title («وزير الخارجية الروسي سيرغي لافروف») and then often by the title
alone («وأكد الوزير الروسي …»). After entity resolution, each title written right before a person's name
is remembered for that person; a later title with no name after it that fits exactly one remembered
person becomes a mention of that person, with ``kind="title"``. The relation rules then see the person
where the text only gives the title.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .clitics import NAME_PROCLITICS
from .normalize import fold
from .schema import Entity, Mention
from .tokenize import Sentence, Token, token_owners

# Longest first, so «وب» is tried before «و».
_PROCLITICS = tuple(sorted(NAME_PROCLITICS, key=len, reverse=True))


@dataclass(frozen=True)
class TitleLexicon:
    heads: frozenset[str]
    honorifics: frozenset[str]
    nouns: frozenset[str]
    max_words: int

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> TitleLexicon:
        data = tomllib.loads(resources.files("entities").joinpath("data/titles.toml").read_text("utf-8"))
        return cls(
            heads=frozenset(_strip_article(fold(w)) for w in data["heads"]),
            honorifics=frozenset(fold(w) for w in data["honorifics"]),
            nouns=frozenset(fold(w) for w in data["nouns"]),
            max_words=int(data["max_words"]),
        )

    def key(self, word: str) -> tuple[str, str]:
        """``(proclitic, word without proclitic or article)`` in the folded form titles are compared in."""
        return _title_key(word, self)

    def is_title_word(self, word: str) -> bool:
        return _is_title_word(word, self)


# Remembered per word: titles look at every token of every sentence, and words repeat.
@lru_cache(maxsize=1 << 16)
def _title_key(word: str, lexicon: TitleLexicon) -> tuple[str, str]:
    word = fold(word)
    for clitic in _PROCLITICS:
        rest = word[len(clitic) :]
        if not word.startswith(clitic) or len(rest) < 3:
            continue
        if clitic.endswith("ل") and rest.startswith("ل"):  # «للرئيس» = ل + الرئيس
            return clitic, _strip_article("ا" + rest)
        if rest.startswith("ال") or _strip_article(rest) in lexicon.heads:
            return clitic, _strip_article(rest)
    return "", _strip_article(word)


@lru_cache(maxsize=1 << 16)
def _is_title_word(word: str, lexicon: TitleLexicon) -> bool:
    folded = fold(word)
    clitic, bare = _title_key(word, lexicon)
    return (
        bare in lexicon.heads
        or folded in lexicon.honorifics
        or folded in lexicon.nouns
        or _has_article(folded)
        or (clitic != "" and _has_article(folded[len(clitic) :]))
    )


def _has_article(word: str) -> bool:
    """Whether ``word`` (folded) begins with the article: «الخارجية», «للأمم»; not «إلى» (folded «الي»)."""
    return word.startswith(("ال", "لل")) and len(word) > 3


@dataclass(frozen=True)
class _Known:
    entity_id: str
    words: tuple[str, ...]  # head first, article-free
    end: int  # where the name it precedes ends: only later titles refer to it


def title_mentions(
    text: str,
    sentences: Sequence[Sentence],
    mentions: list[Mention],
    entities: Sequence[Entity],
    lexicon: TitleLexicon | None = None,
) -> list[Mention]:
    """``mentions`` plus a ``kind="title"`` mention for each title that refers to a named person."""
    lexicon = lexicon or TitleLexicon.default()
    people = {e.id for e in entities if e.label == "PER"}
    known: dict[str, list[_Known]] = defaultdict(list)  # by head word
    added: list[Mention] = []
    mentions = sorted(mentions, key=lambda m: m.start)
    for sentence, owner in zip(sentences, token_owners(sentences, mentions), strict=True):
        tokens = sentence.tokens
        starts_person = {i for i, m in owner.items() if m.entity_id in people and (i == 0 or owner.get(i - 1) is not m)}
        position = 0
        while position < len(tokens):
            if position in starts_person:
                for title in _titles_before(position, tokens, owner, owner[position], lexicon):
                    known[title.words[0]].append(title)
            clitic, head = lexicon.key(tokens[position].text)
            if head not in lexicon.heads or position in owner:
                position += 1
                continue
            last = position
            while (
                last + 1 < len(tokens)
                and last + 1 - position < lexicon.max_words
                and last + 1 not in owner
                and lexicon.is_title_word(tokens[last + 1].text)
                and fold(tokens[last + 1].text) not in lexicon.honorifics
            ):
                last += 1
            after = last + 1
            while after < len(tokens) and after not in owner and fold(tokens[after].text) in lexicon.honorifics:
                after += 1
            if after in starts_person:  # a title with its name: remembered when the name is reached
                position = after
                continue
            going_on = owner.get(last + 1)
            if going_on is not None:  # «ملك البحرين»: the title goes on with the name of a place
                while owner.get(last + 1) is going_on:
                    last += 1
            words = tuple(lexicon.key(t.text)[1] for t in tokens[position : last + 1])
            start, end = tokens[position].start + len(clitic), tokens[last].end
            referent = _referent(words, start, known[words[0]])
            previous = owner.get(position - 1) if position > 0 else None
            named_before = previous.entity_id if previous is not None and previous.entity_id in people else None
            if referent is not None and referent != named_before:
                added.append(
                    Mention(text=text[start:end], label="PER", start=start, end=end, entity_id=referent, kind="title")
                )
            elif named_before is not None:  # «محمد السادس ملك المغرب»: an apposition, remembered for later
                known[words[0]].append(_Known(named_before, words, end))
            position = last + 1
    return sorted([*mentions, *added], key=lambda m: m.start)


def _titles_before(
    index: int, tokens: Sequence[Token], owner: dict[int, Mention], name: Mention, lexicon: TitleLexicon
) -> list[_Known]:
    """The titles written right before the name starting at token ``index``."""
    run: list[int] = []
    position = index - 1
    while position >= 0 and index - position <= lexicon.max_words and position not in owner:
        if not lexicon.is_title_word(tokens[position].text):
            break
        run.insert(0, position)
        position -= 1
    found = []
    assert name.entity_id is not None
    for i, at in enumerate(run):
        head = lexicon.key(tokens[at].text)[1]
        if head not in lexicon.heads:
            continue
        words = [head]
        for later in run[i + 1 :]:
            word = tokens[later].text
            if fold(word) not in lexicon.honorifics:
                words.append(lexicon.key(word)[1])
        found.append(_Known(name.entity_id, tuple(words), name.end))
    return found


def _referent(words: tuple[str, ...], start: int, known: Sequence[_Known]) -> str | None:
    """The one person whose earlier title ``words`` fits, else None."""
    fits = {
        k.entity_id
        for k in known
        if k.end <= start and k.words[0] == words[0] and len(words) > 1 and set(words[1:]) <= set(k.words[1:])
    }
    return fits.pop() if len(fits) == 1 else None


def _strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word
