"""Well-known organisations by their one unmistakable name (``data/organisations.toml``): «داعش», «رويترز».

The tagger finds these where the sentence gives it context and misses them in whole documents where it
gives little («مثل داعش», «على تويتر»); ``propagate`` cannot spread a name the document never tagged.
After the document is read as a whole, each listed name that no mention covers is added as ORG, and a
mention whose whole text is a listed name becomes ORG («داعش» tagged as a place, «بالكونغرس» as a person),
except a maker's name tagged MISC, which also names its product («طائرة إيرباص»).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalize import fold
from .places import Words, longest_name_at, names_by_first_word
from .schema import Mention
from .tokenize import Sentence, token_owners

#: The labels a maker's name loses: a place or a person it is not. A product of its name stays MISC
#: («طائرة [إيرباص] A380», «مركبة من نوع [تويوتا]»).
_MAKER_RETYPED = frozenset({"LOC", "PER"})
_RETYPED = frozenset({"LOC", "PER", "MISC"})


@dataclass(frozen=True)
class Organisations:
    by_first: dict[str, tuple[Words, ...]]  # the listed names as folded words, by first word, longest first
    makers: frozenset[Words]  # companies, whose name also names their product: a MISC of theirs stays


@lru_cache(maxsize=1)
def default_organisations() -> Organisations:
    data = tomllib.loads(resources.files("entities").joinpath("data/organisations.toml").read_text("utf-8"))
    makers = {tuple(fold(w) for w in name.split()) for name in data["makers"]}
    names = makers | {tuple(fold(w) for w in name.split()) for name in data["names"]}
    return Organisations(names_by_first_word(names), frozenset(makers))


def add_organisations(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    names: Organisations | None = None,
) -> list[Mention]:
    """``mentions`` (sorted by start) with each listed name no mention covers added as ORG, and each mention
    that is exactly a listed name (its proclitic left out; a maker's only as a place or a person) labelled
    ORG; sorted by start."""
    listed = names if names is not None else default_organisations()
    retyped: dict[int, Mention] = {}
    added: list[Mention] = []
    position = {id(m): n for n, m in enumerate(mentions)}
    for sentence, owner in zip(sentences, token_owners(sentences, mentions), strict=True):
        words = [fold(t.text) for t in sentence.tokens]
        i = 0
        while i < len(words):
            found = longest_name_at(listed.by_first, words, i)
            if found is None:
                i += 1
                continue
            clitic, name = found
            last = i + len(name) - 1
            start, end = sentence.tokens[i].start + len(clitic), sentence.tokens[last].end
            while start < end and text[start] == "\u0640":  # «لـداعش»
                start += 1
            inside = {id(m): m for j in range(i, last + 1) if (m := owner.get(j)) is not None}
            if not inside:
                added.append(Mention(text=text[start:end], label="ORG", start=start, end=end))
            elif len(inside) == 1:
                (mention,) = inside.values()
                lost = _MAKER_RETYPED if name in listed.makers else _RETYPED
                if mention.start == start and mention.end == end and mention.label in lost:
                    retyped[position[id(mention)]] = mention.model_copy(update={"label": "ORG"})
            i = last + 1
    if not added and not retyped:
        return list(mentions)
    kept = [retyped.get(n, m) for n, m in enumerate(mentions)]
    return sorted([*kept, *added], key=lambda m: m.start)
