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
from .tokenize import Sentence


@dataclass(frozen=True)
class NamePattern:
    label: Label
    heads: frozenset[str]
    min_words: int
    max_words: int


@lru_cache(maxsize=1)
def default_patterns() -> tuple[NamePattern, ...]:
    text = resources.files("entities").joinpath("data/entity_patterns.toml").read_text("utf-8")
    return tuple(
        NamePattern(p["label"], frozenset(fold(h) for h in p["heads"]), int(p["min_words"]), int(p["max_words"]))
        for p in tomllib.loads(text)["pattern"]
    )


def pattern_mentions(
    text: str, sentences: Sequence[Sentence], tagged: Sequence[Mention], patterns: Sequence[NamePattern] = ()
) -> list[Mention]:
    """``tagged`` plus the pattern matches that overlap none of them, sorted by offset."""
    patterns = patterns or default_patterns()
    taken = [(m.start, m.end) for m in tagged]
    found: list[Mention] = []
    for sentence in sentences:
        words = [fold(t.text) for t in sentence.tokens]
        for i, word in enumerate(words):
            for pattern in patterns:
                forms = bare_forms(word, pattern.heads)
                if not forms:
                    continue
                clitic = forms[0][0]
                run = 0
                while run < pattern.max_words and i + run + 1 < len(words) and words[i + run + 1].startswith("ال"):
                    run += 1
                if run < pattern.min_words:
                    continue
                start, end = sentence.tokens[i].start + len(clitic), sentence.tokens[i + run].end
                if any(start < e and s < end for s, e in taken):
                    continue
                found.append(Mention(text=text[start:end], label=pattern.label, start=start, end=end))
                taken.append((start, end))
    return sorted([*tagged, *found], key=lambda m: m.start)
