"""Arabic character normalisation.

Two strengths, both pure functions of a string, so a token's offsets never move (the tagger sees the
normalised form; results point at the caller's original characters):

- ``for_tagger``: removes what carries no name information for the tagger (diacritics, tatweel,
  bidi and other invisible format marks), writes Arabic-Indic digits as ASCII and the presentation
  forms of letters (text copied out of PDFs: «ﻗﺎﻝ ﻣﺼﺪﺭ») as the letters themselves. Used identically
  when training and tagging.
- ``match_key``: a stronger key for deciding that two spellings name the same thing (hamza and alef
  forms, ى/ي, ة/ه, hyphens and spaces, and two spellings news uses side by side: «أمريكا» and «أميركا»,
  «سوريا» and «سورية»), used by graph merging across documents. It also writes the «g» of foreign names,
  which news spells غ or ج («سيرغي» and «سيرجي لافروف», «غوغل» and «جوجل»), one way. ``words_key``, which
  resolution and propagation compare words with inside one document, keeps غ and ج apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")
# Spellings of one name that news writes side by side, as parts of the folded key: «الأميركية» and
# «الأمريكية» (83 and 21 mentions of the United States' full name in 3,000 SaudiNewsNet articles),
# «سورية» and «سوريا» (117 and 365).
_SPELLINGS = re.compile("اميرك|سوريه")
_SPELLING_OF = {"اميرك": "امريك", "سوريه": "سوريا"}
_G_SOUND = str.maketrans({"غ": "ج"})  # match_key only: «سيرغي» / «سيرجي»


def _one_spelling(key: str) -> str:
    return _SPELLINGS.sub(lambda found: _SPELLING_OF[found.group()], key)


def _presentation_forms() -> dict[int, str]:
    """Unicode's presentation forms of Arabic letters (U+FB50–FDFF, U+FE70–FEFF) → the letters (NFKC).

    A shape that stands for a phrase with spaces inside («ﷺ») is left alone: one token stays one word.
    """
    table = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        letters = unicodedata.normalize("NFKC", chr(code)).lstrip()  # «ﹰ» is a space and a fathatan
        if letters != chr(code) and letters and " " not in letters:
            table[code] = letters
    return table


_PRESENTATION = _presentation_forms()
_PRESENTATION_RANGE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _drop_format_marks(text: str) -> str:
    """Invisible format marks (bidi, zero-width) and control characters carry no letters."""
    return "".join(c for c in text if unicodedata.category(c) not in {"Cf", "Cc"})


def for_tagger(text: str) -> str:
    """The form a token is given to the NER model in (training and inference alike)."""
    letters = text.translate(_PRESENTATION) if _PRESENTATION_RANGE.search(text) else text
    cleaned = _drop_format_marks(_DIACRITICS.sub("", letters.replace(_TATWEEL, "")))
    return cleaned.translate(_DIGITS) or text


#: Invisible format marks (Unicode category Cf) that news text carries at a word's edge: bidi marks,
#: embeddings and isolates, zero-width characters, the byte-order mark.
EDGE_MARKS = "".join(chr(c) for c in [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF])

_ALEF_YAA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})


def fold(word: str) -> str:
    """The form rule words are compared in: ``for_tagger`` with alef and yaa forms folded, ة kept
    (so «زيارة» and «زيارته» stay apart)."""
    return _fold_word(word) if len(word) <= 40 else for_tagger(word).translate(_ALEF_YAA)


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    """``fold`` for word-sized strings, remembered: every stage folds the same words again."""
    return for_tagger(word).translate(_ALEF_YAA)


def match_key(text: str) -> str:
    """A spelling-insensitive key: «بيونغ يانغ», «بيونغيانغ» and «بيونغ-يانغ» share one."""
    key = _one_spelling(for_tagger(text).translate(_LETTER_VARIANTS)).translate(_G_SOUND)
    return _SEPARATORS.sub("", key).lower()


def words_key(text: str) -> tuple[str, ...]:
    """Like ``match_key`` but keeps word boundaries, for whole-word comparisons."""
    return _words_key(text) if len(text) <= 80 else _split_key(text)


@lru_cache(maxsize=1 << 16)
def _words_key(text: str) -> tuple[str, ...]:
    """``words_key`` for name-sized strings, remembered: tokens and names recur."""
    return _split_key(text)


def _split_key(text: str) -> tuple[str, ...]:
    key = _one_spelling(for_tagger(text).translate(_LETTER_VARIANTS)).lower()
    return tuple(w for w in _SEPARATORS.split(key) if w)
