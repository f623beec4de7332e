"""Mentions made wider from a list of longer names (``places.widen_to_places``, ``known_names``).

Both read a sentence's tokens around a mention, find a longer listed name it is part of («إسلام [آباد]»,
«[كي مون]» of «بان كي مون»), and replace it with that name when every mention the name covers lies wholly
inside it and is of a kind the name may take in; those mentions go into it («[باراك] [أوباما]» → one).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Sequence

from .normalize import fold
from .schema import Mention
from .tokenize import Sentence, token_owners, token_ranges

#: ``(first token, last token, the wider mention, the labels it may take in)`` of one candidate.
Candidate = tuple[int, int, Mention, Container[str]]

#: ``wider(sentence, folded words, mention, first token, last token)``: its candidates, best first.
Wider = Callable[[Sentence, list[str], Mention, int, int], Iterator[Candidate]]


def widen_mentions(sentences: Sequence[Sentence], mentions: Sequence[Mention], wider: Wider) -> list[Mention]:
    """``mentions`` (sorted by start) with each one replaced by the first candidate of ``wider`` whose
    tokens hold only mentions wholly inside it, of the labels it may take in, and none widened already;
    the mentions inside go into it. Sorted by start."""
    dropped: set[int] = set()
    replaced: dict[int, Mention] = {}
    position = {id(m): n for n, m in enumerate(mentions)}
    for sentence, owner in zip(sentences, token_owners(sentences, mentions), strict=True):
        if not owner:
            continue
        words = [fold(t.text) for t in sentence.tokens]
        ranges = token_ranges(owner, position)
        for n, (first, last) in sorted(ranges.items()):
            if n in dropped:
                continue
            for begin, final, wide, labels in wider(sentence, words, mentions[n], first, last):
                inside = {position[id(owner[j])] for j in range(begin, final + 1) if j in owner}
                if all(
                    begin <= ranges[k][0] <= ranges[k][1] <= final and mentions[k].label in labels and k not in replaced
                    for k in inside
                ):
                    replaced[n] = wide
                    dropped |= inside - {n}
                    break
    if not replaced:
        return list(mentions)
    kept = (replaced.get(n, m) for n, m in enumerate(mentions) if n not in dropped)
    return sorted(kept, key=lambda m: m.start)
