"""Month names in dates are not names: «في 22 أبريل (نيسان) الماضي», «في نيسان/ أبريل 2024».

The tagger reads «نيسان» as the car maker, which is how ANERcorp's car news tags it, so without this an
organisation «نيسان» turns up wherever a Levantine month is given beside the Gulf one. A mention whose
words are a month name (``data/months.toml``), in a date by its neighbours, is dropped; a month name
elsewhere («نيسان» the maker, «رمضان» a family name) is left as the tagger gave it.

The checks run on the pipeline's own tokens and mentions, not on a spaCy ``Doc``: what they ask (is the
word before a number, a month, «شهر»?) is one look to each side, simpler written than a ``Matcher``
pattern per month and context.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from .clitics import bare_forms
from .normalize import fold
from .schema import Mention
from .tokenize import Sentence, Token, token_owners

_NUMBER = re.compile(r"\d+(?:م|هـ|ه)?")  # «22», «2024», «٢٠٢٤», «2024م», «1436هـ»
_SKIPPED = frozenset("()/-")  # «أبريل (نيسان)», «نيسان/ أبريل»


@dataclass(frozen=True)
class MonthWords:
    months: frozenset[tuple[str, ...]]  # each month name's folded words
    before: frozenset[str]  # «شهر نيسان»
    after: frozenset[str]  # «نيسان الماضي»

    @classmethod
    def from_lists(cls, months: Sequence[str], before: Sequence[str], after: Sequence[str]) -> MonthWords:
        """Folded as the rules compare words: ``MonthWords.from_lists(["نيسان", "تشرين الأول"], ["شهر"], [])``."""
        return cls(
            frozenset(tuple(fold(w) for w in month.split()) for month in months),
            frozenset(fold(w) for w in before),
            frozenset(fold(w) for w in after),
        )

    @cached_property
    def by_first_word(self) -> dict[str, list[tuple[str, ...]]]:
        """The month names by their first word, longest first («تشرين الأول» before «تشرين»)."""
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for month in sorted(self.months, key=len, reverse=True):
            grouped.setdefault(month[0], []).append(month)
        return grouped

    @cached_property
    def longest(self) -> int:
        return max((len(month) for month in self.months), default=0)


@lru_cache(maxsize=1)
def default_month_words() -> MonthWords:
    data = tomllib.loads(resources.files("entities").joinpath("data/months.toml").read_text("utf-8"))
    return MonthWords.from_lists(data["months"], data["before"], data["after"])


def drop_dates(
    sentences: Sequence[Sentence], mentions: list[Mention], words: MonthWords | None = None
) -> list[Mention]:
    """``mentions`` without those that are a month name in a date. ``mentions`` must be sorted by start."""
    lexicon = words or default_month_words()
    dropped: set[int] = set()
    for sentence, owner in zip(sentences, token_owners(sentences, mentions), strict=True):
        covered: dict[int, list[int]] = {}
        for index, mention in owner.items():
            covered.setdefault(id(mention), []).append(index)
        for indices in covered.values():
            first, last = min(indices), max(indices)
            if _in_date(sentence.tokens, first, last, lexicon):
                dropped.add(id(owner[first]))
    return [m for m in mentions if id(m) not in dropped] if dropped else mentions


def _in_date(tokens: Sequence[Token], first: int, last: int, lexicon: MonthWords) -> bool:
    if _month_length(tokens, first, lexicon) != last - first + 1:
        return False
    before = _neighbour(tokens, first, -1)
    after = _neighbour(tokens, last, +1)
    return (before is not None and _dates_from_before(tokens, before, lexicon)) or (
        after is not None and _dates_from_after(tokens, after, lexicon)
    )


def _month_length(tokens: Sequence[Token], at: int, lexicon: MonthWords) -> int:
    """How many tokens from ``at`` on spell a month name (a proclitic allowed on the first); 0 if none."""
    by_first_word = lexicon.by_first_word
    for _, bare in bare_forms(fold(tokens[at].text), by_first_word):
        for month in by_first_word[bare]:
            if tuple(fold(t.text) for t in tokens[at + 1 : at + len(month)]) == month[1:]:
                return len(month)
    return 0


def _month_ends_at(tokens: Sequence[Token], at: int, lexicon: MonthWords) -> bool:
    starts = range(max(0, at - lexicon.longest + 1), at + 1)
    return any(_month_length(tokens, start, lexicon) == at - start + 1 for start in starts)


def _neighbour(tokens: Sequence[Token], at: int, step: int) -> int | None:
    """The nearest token before (``step`` -1) or after (+1) ``at`` that is not a bracket or a slash."""
    at += step
    while 0 <= at < len(tokens) and tokens[at].text in _SKIPPED:
        at += step
    return at if 0 <= at < len(tokens) else None


def _dates_from_before(tokens: Sequence[Token], at: int, lexicon: MonthWords) -> bool:
    word = fold(tokens[at].text)
    if _NUMBER.fullmatch(word) or bare_forms(word, lexicon.before):
        return True
    return _month_ends_at(tokens, at, lexicon)


def _dates_from_after(tokens: Sequence[Token], at: int, lexicon: MonthWords) -> bool:
    word = fold(tokens[at].text)
    if _NUMBER.fullmatch(word) or word in lexicon.after:
        return True
    return _month_length(tokens, at, lexicon) > 0
