"""Names found by pattern where the tagger's training data is silent (``data/entity_patterns.toml``).

Run after the tagger: a pattern match that overlaps a tagged name is dropped, so the tagger keeps the
last word wherever it spoke.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .clitics import bare_forms
from .normalize import fold
from .schema import Label, Mention
from .tokenize import Sentence, token_owners


@dataclass(frozen=True)
class NamePattern:
    label: Label
    heads: frozenset[str]
    min_words: int
    max_words: int
    absorbs: frozenset[str] = frozenset()  # tagged labels the match may take in («مسجد الحسن الثاني»)
    continues: tuple[str, ...] = ("ال",)  # how each following word of the name begins


@lru_cache(maxsize=1)
def default_patterns() -> tuple[NamePattern, ...]:
    text = resources.files("entities").joinpath("data/entity_patterns.toml").read_text("utf-8")
    return tuple(
        NamePattern(
            p["label"],
            frozenset(fold(h) for h in p["heads"]),
            int(p["min_words"]),
            int(p["max_words"]),
            frozenset(p.get("absorbs", ())),
            tuple(fold(c) for c in p.get("continues", ["ال"])),
        )
        for p in tomllib.loads(text)["pattern"]
    )


def pattern_mentions(
    text: str, sentences: Sequence[Sentence], tagged: Sequence[Mention], patterns: Sequence[NamePattern] = ()
) -> list[Mention]:
    """``tagged`` plus the pattern matches, sorted by offset.

    A match that overlaps a tagged name is dropped, unless the pattern absorbs that name's label and the
    name lies inside the match: then the match replaces it.
    """
    patterns = patterns or default_patterns()
    tagged = sorted(tagged, key=lambda m: m.start)
    dropped: set[int] = set()
    found: list[Mention] = []
    for sentence, owner in zip(sentences, token_owners(sentences, tagged), strict=True):
        words = [fold(t.text) for t in sentence.tokens]
        matched: set[int] = set()  # tokens of this sentence already in a pattern match
        for i, word in enumerate(words):
            for pattern in patterns:
                forms = bare_forms(word, pattern.heads)
                if not forms:
                    continue
                clitic = forms[0][0]
                run = 0
                while (
                    run < pattern.max_words
                    and i + run + 1 < len(words)
                    and (
                        words[i + run + 1].startswith(pattern.continues)
                        or getattr(owner.get(i + run + 1), "label", None) in pattern.absorbs
                    )
                ):
                    run += 1
                if run < pattern.min_words or matched.intersection(range(i, i + run + 1)):
                    continue
                start, end = sentence.tokens[i].start + len(clitic), sentence.tokens[i + run].end
                inside = {id(m): m for j in range(i, i + run + 1) if (m := owner.get(j)) is not None}
                if any(m.label not in pattern.absorbs or m.start < start or m.end > end for m in inside.values()):
                    continue
                dropped.update(inside)
                found.append(Mention(text=text[start:end], label=pattern.label, start=start, end=end))
                matched.update(range(i, i + run + 1))
    kept = [m for m in tagged if id(m) not in dropped]
    return sorted([*kept, *found], key=lambda m: m.start)
