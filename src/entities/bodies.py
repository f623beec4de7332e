"""Bodies named by their kind and an adjective go on over what they are for: «[الجمعية السعودية] للثقافة
والفنون» is «[الجمعية السعودية للثقافة والفنون]».

The tagger often ends such a name at the adjective of nation («السعودية», «العربية») or kind
(«الخيرية», «السلفية»), and ``patterns`` cannot mend it, for a pattern's match that overlaps an
organisation the tagger found is dropped. The heads, adjectives and prepositions are data: the ``[bodies]``
table of ``data/entity_patterns.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .normalize import fold
from .patterns import NameWords, default_words, pattern_data
from .schema import Mention


@dataclass(frozen=True)
class BodyWords:
    heads: frozenset[str]  # the kinds of body («الجمعية», «شركة»), folded
    adjectives: frozenset[str]  # words after the «لل» word that go on the name though not in «ي» or «ة»
    prepositions: frozenset[str]  # after the «لل» word alone, the name is left as it was


@lru_cache(maxsize=1)
def default_body_words() -> BodyWords:
    table = pattern_data()["bodies"]
    return BodyWords(
        frozenset(fold(w) for w in table["heads"]),
        frozenset(fold(w) for w in table["adjectives"]),
        frozenset(fold(w) for w in table["prepositions"]),
    )


#: The word with «لل» right after a name, spaces only between: « للثقافة».
_FOR_WORD = re.compile(r" +(لل[\u0621-\u064A]{2,})")
#: A next word of Arabic letters, spaces only between.
_NEXT = re.compile(r" +([\u0621-\u064A]+)")
_BOARD = ("مجلس", "ادارة")  # «مجلس إدارة الشركة السعودية», folded


def extend_bodies(
    text: str, mentions: Sequence[Mention], bodies: BodyWords | None = None, words: NameWords | None = None
) -> list[Mention]:
    """``mentions`` (sorted by start) with each organisation named by a body's kind and adjectives only
    taken on over the word with «لل» after it and the adjectives and «وال» words after that; a name found
    inside that stretch becomes part of it."""
    bodies = bodies or default_body_words()
    lexicon = words or default_words()
    found: list[Mention] = []
    skip_until = -1
    for index, m in enumerate(mentions):
        if m.start < skip_until:
            continue
        end = _body_end(text, m, bodies, lexicon) if m.label == "ORG" and _kind_and_adjectives(m.text, bodies) else None
        if end is not None and all(
            other.end <= end for other in mentions[index + 1 :] if other.start < end
        ):  # a name reaching past the stretch leaves it as it was
            m = Mention(text=text[m.start : end], label="ORG", start=m.start, end=end)
            skip_until = end
        found.append(m)
    return found


def _kind_and_adjectives(name: str, bodies: BodyWords) -> bool:
    """Whether ``name`` is a body's kind and then only adjectives in «ي» or «ية» («الهيئة السعودية»), its
    own name without the article allowed right after a kind without it («جمعية إبصار الخيرية»)."""
    words = [fold(w) for w in name.split()]
    if tuple(words[:2]) == _BOARD:
        words = words[2:]
    if len(words) < 2 or words[0] not in bodies.heads:
        return False
    rest = words[1:]
    if not words[0].startswith("ال") and len(rest) >= 2 and not rest[0].startswith("ال"):
        rest = rest[1:]
    return all(w.startswith("ال") and w.endswith(("ي", "ية")) for w in rest)


def _body_end(text: str, mention: Mention, bodies: BodyWords, lexicon: NameWords) -> int | None:
    """Where the name that ``mention`` begins ends, over the word with «لل» after it; None if none follows."""
    for_word = _FOR_WORD.match(text, mention.end)
    if for_word is None:
        return None
    end, added = for_word.end(), 0
    while added < 3 and (after := _NEXT.match(text, end)) is not None:
        word = fold(after.group(1))
        if word in lexicon.never or word in lexicon.not_in_name:
            break
        coordinated = word.startswith("وال")
        adjective = word.startswith("ال") and (word.endswith(("ي", "ة")) or word in bodies.adjectives)
        if not (coordinated or adjective):
            break
        end, added = after.end(), added + 1
    if not added:
        after = _NEXT.match(text, end)
        if after is not None and fold(after.group(1)) in bodies.prepositions:
            return None
    return end
