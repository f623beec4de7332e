"""Persons' full names the model knows from its training data (``person_names.txt`` beside the model).

The tagger often finds only part of a well-known name: «[كي مون]» of «بان كي مون» («بان» is also a verb,
"appeared"), «[خامنئي]» of «علي خامنئي», or a name cut in two, «[باراك] [أوباما]». A person mention that is
part of a known full name standing there becomes that name, and the person mentions wholly inside it go into
it. The list is built by ``training/build_person_names.py`` from the names of two words or more that the
training corpora tag as persons, titles («الملك», «الشيخ») left out; a model without the file (Stanza's
official models) simply has no known names. The words that begin several known names are its first names:
a person's name that runs on over «و» and one of them is two people («عبدالرحمن ومحمد»).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path

from .clitics import bare_forms
from .normalize import fold
from .schema import Mention
from .tokenize import Sentence, Token
from .widening import Candidate, widen_mentions

#: The file beside the model's weights that lists its known names, one a line, as ``fold`` spells them.
NAMES_FILE = "person_names.txt"

Words = tuple[str, ...]

#: A word is a first name the model knows when at least this many of its known names begin with it.
FIRST_NAME_NAMES = 3

#: A word never taken into a name from outside the tagged part: «على» (on) folds to the name «علي», and
#: «القبض على محمد» is no «علي محمد».
_NEVER_ADDED = frozenset({"على"})


@dataclass(frozen=True)
class KnownNames:
    """Known full names, looked up by each of their words."""

    by_word: dict[str, tuple[tuple[Words, int], ...]]  # word -> (name, the word's place in it), longest first

    @classmethod
    def from_names(cls, names: Sequence[str]) -> KnownNames:
        table: dict[str, list[tuple[Words, int]]] = {}
        full = {tuple(fold(w) for w in n.split()) for n in names if len(n.split()) > 1}
        for name in sorted(full, key=len, reverse=True):
            for place, word in enumerate(name):
                table.setdefault(word, []).append((name, place))
        return cls({word: tuple(found) for word, found in table.items()})

    @classmethod
    def load(cls, path: Path) -> KnownNames:
        return cls.from_names([line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()])

    def __len__(self) -> int:
        return len({name for found in self.by_word.values() for name, _ in found})

    @cached_property
    def first_names(self) -> frozenset[str]:
        """The words that begin at least ``FIRST_NAME_NAMES`` known names («محمد», «عبدالرحمن», «بندر»)."""
        return frozenset(
            word for word, found in self.by_word.items() if sum(place == 0 for _, place in found) >= FIRST_NAME_NAMES
        )


def widen_to_known_names(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], names: KnownNames | None
) -> list[Mention]:
    """``mentions`` (sorted by start) with each person mention that is part of a longer known name standing
    there made that name («[كي مون]» → «بان كي مون»); the person mentions wholly inside it go into it
    («[باراك] [أوباما]» → one name). No name is widened over a mention of another kind or one that reaches
    past it, nor over «على»; a proclitic before the name's first word is left out of it («وبان كي مون»)."""
    if not names or not names.by_word:
        return list(mentions)
    known = names

    def wider(sentence: Sentence, words: list[str], mention: Mention, first: int, last: int) -> Iterator[Candidate]:
        found = _longest_name(known, words, sentence.tokens, first, last) if mention.label == "PER" else None
        if found is not None:
            begin, final, clitic = found
            start = mention.start if begin == first else sentence.tokens[begin].start + len(clitic)
            end = mention.end if final == last else sentence.tokens[final].end
            yield begin, final, Mention(text=text[start:end], label="PER", start=start, end=end), _PERSONS

    return widen_mentions(sentences, mentions, wider)


_PERSONS = frozenset({"PER"})


def _longest_name(
    names: KnownNames, words: list[str], tokens: Sequence[Token], first: int, last: int
) -> tuple[int, int, str] | None:
    """``(first token, last token, proclitic)`` of the longest known name that tokens ``first..last`` are a
    strict part of, standing at its place in ``words``; None if there is none."""
    for name, place in names.by_word.get(words[first], ()):
        begin, final = first - place, first - place + len(name) - 1
        if begin < 0 or final >= len(words) or final < last or len(name) <= last - first + 1:
            continue
        if tuple(words[begin + 1 : final + 1]) != name[1:]:
            continue
        clitic = ""
        if begin < first:
            forms = bare_forms(words[begin], {name[0]})
            if not forms:
                continue
            clitic = forms[0][0]
        if any(tokens[j].text in _NEVER_ADDED for j in range(begin, final + 1) if not first <= j <= last):
            continue
        return begin, final, clitic
    return None


#: The shortest first name a person's name is cut before: «ولي العهد» is no «و» + «لي».
_SHORTEST_FIRST_NAME = 3


def split_at_first_names(text: str, mentions: Sequence[Mention], names: KnownNames | None) -> list[Mention]:
    """``mentions``, each person's name that runs two people together over «و» and a first name the model
    knows cut there, the «و» left out («[عبدالرحمن ومحمد]» → «عبدالرحمن», «محمد»; «محمد وياسر وهاني» →
    three). A word that is itself part of a known name stays in («هيفاء وهبي», «إسماعيل ولد الشيخ»)."""
    if not names or not names.by_word:
        return list(mentions)
    out: list[Mention] = []
    for mention in mentions:
        if mention.label != "PER" or " " not in mention.text.strip():
            out.append(mention)
            continue
        words = list(re.finditer(r"\S+", mention.text))
        begin = 0  # offset in the mention of the part being built
        for previous, word in pairwise(words):
            folded = fold(word.group())
            rest = folded[1:]
            if (
                folded.startswith("و")
                and len(rest) >= _SHORTEST_FIRST_NAME
                and rest in names.first_names
                and folded not in names.by_word
            ):
                end = mention.start + previous.end()
                out.append(
                    Mention(text=text[mention.start + begin : end], label="PER", start=mention.start + begin, end=end)
                )
                begin = word.start() + 1
        if begin == 0:
            out.append(mention)
        else:
            start = mention.start + begin
            out.append(Mention(text=text[start : mention.end], label="PER", start=start, end=mention.end))
    return out
