"""Sentences and tokens for Arabic news, with exact character offsets.

spaCy's blank Arabic tokenizer already matches ANERcorp's conventions (punctuation split off, clitics left
attached). These changes fit news text better:

- a hyphen between letters stays inside the token, so that transliterated names such as «سون-هوي» remain
  one token; a hyphen or dash before a word is split off («-حفظه الله-», else the tagger runs the name
  before it on into the prayer). One after a word stays on it: split off, it turned the place in 16 of
  144 datelines («سبق- الباحة:») into an organisation; the pipeline leaves it out of the name instead;
- a slash or full stop after a word or number is split off («حزيران/» → «حزيران» «/»): a full stop after
  any letter or diacritic («عامًا.», «عليٌّ.»; spaCy's own rule wants two letters before it), a closing
  quote or bracket («“تاس”.» → «“» «تاس» «”» «.») or another stop («كانت!.»);
- an opening quote or bracket right after a letter is split off with the letters before it
  («لـ«الشرق الأوسط»» → «لـ» «« » «الشرق» …; else the tagger sees one word «لـ«الشرق» and the newspaper's
  name loses its first word), and so is any quote between letters («ل"الوطن"», «فيديريكا»والكل»,
  «العزيز:»إن»);
- «د.» (doctor), «م.» (engineer) and «أ.» (professor) are one token, also written against the name
  («د.ماجد» → «د.» «ماجد»: the person is «ماجد …», not «د.ماجد …»), and «د. » or «أ. » ends no sentence;
- a comma, semicolon or full stop with no space after it, between words («الإفطار،وقال», «العالم.نشرت»),
  is split off; a full stop inside dotted letters («او.سي.اي», «ص.ب») is not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# A sentence ends at . ! ? ؟ or a line break; a full stop between digits (3.5) is not an end, nor the
# one of «د.» (doctor) or «أ.» (professor) before a name: «استقبل الأمير د. ماجد القحطاني».
_NOT_AFTER_TITLE = r"(?<!\s[دأ])(?<!^[دأ])"
# A full stop glued between two words of three letters or more ends a sentence too: «الأردن.وفي».
_SENTENCE_END = re.compile(
    rf"(?<!\d){_NOT_AFTER_TITLE}[.!?؟]+(?=\s|$)|(?<=\S){_NOT_AFTER_TITLE}[.!?؟]+[\"”»’)]*(?=\s)|\n+"
    r"|(?<=[\u0620-\u064a]{3})\.(?=[\u0620-\u064a]{3})"
)
_HYPHEN_BETWEEN_LETTERS = "(?:-|–|—|--|---|——|~)"
_OPENING_AFTER_LETTER = r"(?<=[\u0620-\u064a\u0640])[«“(\[]"  # «لـ«الشرق», «و(داعش»; tatweel counts
_QUOTE_BEFORE_LETTER = r"(?<=[\u0620-\u064a\u0640:])[«»“”\"](?=[\u0620-\u064a])"  # «ل"الوطن», «:»إن»
_COLON_BEFORE_LETTER = r"(?<=[\u0620-\u064a]):(?=[«»“”\"\u0620-\u064a])"  # «العزيز:»إن»
_STOP_BETWEEN_WORDS = (
    r"(?<=[\u0620-\u064a\u064b-\u0652])[،؛](?=[\u0620-\u064a])|(?<=[\u0620-\u064a]{3})\.(?=[\u0620-\u064a]{3})"
)
_WORDS_JOINED_BY_DOT = re.compile(r"[\u0620-\u064a]{3}\.[\u0620-\u064a]{3}")
#: Hyphen and dashes: one before a word is split off; one after a word stays on it («البرقاوي-»).
DASHES = "-–—"
_DASH_BEFORE_WORD = rf"[{DASHES}](?=[\u0620-\u064a])"  # «-حفظه»
_TITLES = "دمأ"  # «د.» doctor, «م.» engineer, «أ.» professor: one token each, also against the name
# «د.ماجد», «أ.د.محمد», but not the agency «د.ب.أ»: a prefix, taken before the URL match
_TITLE_AGAINST_NAME = rf"[{_TITLES}]\.(?=[\u0620-\u064a]{{2}}|[{_TITLES}]\.)"

#: The letters of the word right after a span, with only spaces between: «سطام» of « سطام،». Used as
#: ``NEXT_WORD.match(text, span_end)``.
NEXT_WORD = re.compile(r" +([^\W\d_]+)")


def word_before(text: str, start: int, reach: int = 32) -> str:
    """The word that ends right before ``start``, spaces between; "" if none does (the text begins there,
    or a mention runs into it). Reads only ``reach`` characters back, whatever the text before."""
    window = text[max(0, start - reach) : start]
    words = window.split()
    return words[-1] if words and window[-1].isspace() else ""


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Spanned)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


@lru_cache(maxsize=1)
def arabic_tokenizer() -> Language:
    """A blank spaCy Arabic pipeline with the project's tokenizer rules (cached per process)."""
    nlp = spacy.blank("ar")
    tokenizer: Tokenizer = nlp.tokenizer
    infixes = [p for p in nlp.Defaults.infixes or () if not (isinstance(p, str) and _HYPHEN_BETWEEN_LETTERS in p)]
    infixes += [_OPENING_AFTER_LETTER, _QUOTE_BEFORE_LETTER, _COLON_BEFORE_LETTER, _STOP_BETWEEN_WORDS]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = [*(nlp.Defaults.suffixes or ()), r"/", r"(?<=[0-9\u0660-\u0669])\.", r"(?<=[”\"’»)\]])\."]
    suffixes += [r"(?<=[\u0620-\u064a\u064b-\u0652\u0670])\.", r"(?<=[!?؟])\."]  # «عامًا.», «عليٌّ.», «كانت!.»
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.prefix_search = compile_prefix_regex(
        [_TITLE_AGAINST_NAME, _DASH_BEFORE_WORD, *(nlp.Defaults.prefixes or ())]
    ).search
    tokenizer.url_match = _web_address_matcher(tokenizer.url_match)
    for letter in _TITLES:  # «د. ماجد»: one token, as in «د.ماجد»
        tokenizer.add_special_case(letter + ".", [{ORTH: letter + "."}])
    return nlp


def _web_address_matcher(url_match: Callable[[str], object] | None) -> Callable[[str], object] | None:
    """spaCy's URL match, except for Arabic words joined by a dot with no scheme or «www.» («العالم.نشرت»),
    which it would keep as one address-like token. Dotted letters («إن.بي.سي», «او.سي.اي») stay whole."""
    if url_match is None:
        return None

    def match(text: str) -> object:
        if _WORDS_JOINED_BY_DOT.search(text) and "://" not in text and not text.lower().startswith("www."):
            return None
        return url_match(text)

    return match


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    doc = arabic_tokenizer().make_doc(text[start:end])
    return [Token(t.text, start + t.idx, start + t.idx + len(t.text)) for t in doc if not t.is_space]


def split_sentences(text: str, max_tokens: int = 200) -> list[Sentence]:
    """Split ``text`` into sentences of at most ``max_tokens`` tokens, offsets into ``text``.

    Overlong sentences are cut into windows: the tagger's cost grows with sentence length and a
    run-on paragraph without punctuation must not exhaust memory.
    """
    sentences: list[Sentence] = []
    begin = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not bounds or bounds[-1] != len(text):
        bounds.append(len(text))
    for stop in bounds:
        tokens = tokenize(text, begin, stop)
        for i in range(0, len(tokens), max_tokens):
            chunk = tuple(tokens[i : i + max_tokens])
            sentences.append(Sentence(chunk[0].start, chunk[-1].end, chunk))
        begin = stop
    return sentences


def token_owners(sentences: Sequence[Sentence], spans: Sequence[_S]) -> Iterator[dict[int, _S]]:
    """For each sentence, which span covers each of its tokens: ``{token index: span}``.

    ``spans`` must be sorted by start. One pass over both lists, so a document of any length costs time in
    proportion to its size (a name that runs over a sentence end counts in both sentences).
    """
    cursor = 0
    for sentence in sentences:
        while cursor < len(spans) and spans[cursor].end <= sentence.start:
            cursor += 1
        starts = [t.start for t in sentence.tokens]
        owner: dict[int, _S] = {}
        position = cursor
        while position < len(spans) and spans[position].start < sentence.end:
            span = spans[position]
            first = max(0, bisect_right(starts, span.start) - 1)
            for i in range(first, len(sentence.tokens)):
                token = sentence.tokens[i]
                if token.start >= span.end:
                    break
                if token.end > span.start:
                    owner[i] = span
            position += 1
        yield owner


def token_ranges(owner: dict[int, _S], position: dict[int, int]) -> dict[int, tuple[int, int]]:
    """``{n: (first token, last token)}`` of each span in one sentence of ``token_owners``, where ``n`` is
    ``position[id(span)]``, the span's place in the list given to ``token_owners``."""
    ranges: dict[int, tuple[int, int]] = {}
    for i, span in owner.items():
        n = position[id(span)]
        first, last = ranges.get(n, (i, i))
        ranges[n] = (min(first, i), max(last, i))
    return ranges
