"""A word written with tanween al-fath (ً, the indefinite accusative) is no part of a name.

The mark ends adverbs and circumstantial or specifying nouns and adjectives: «عماد مدرباً» (Imad, as
coach), «لاجئًا سوريًا» (a Syrian refugee), «ذئبًا رماديًا» (a grey wolf). The tagger never sees it, for
diacritics are taken off before tagging (``normalize.for_tagger``), and so reads «سوريًا» as «سوريا».
ANERcorp's training file bears this out: of its 523 tokens with the mark, two are inside a name, one an
organisation in the accusative («قريشاً») and one a currency («درهماً», MISC). A currency stays a
currency here too («50 دولاراً»): MISC names are left as they are. The other two tanween marks (ٌ ٍ) are
not used: the few names on news that carry them are as often real ones, poets' names in verse («قيسٍ
وعنترةٍ»).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .schema import Mention

#: U+064B ARABIC FATHATAN.
FATHATAN = "\u064b"

_WORD = re.compile(r"\S+")


def cut_at_tanween(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` with each name other than MISC ending before its first word that carries fathatan
    («يوسف عمر مساعداً» → «يوسف عمر»), and dropped when that is its first word («سوريًا», «رماديًا»)."""
    kept: list[Mention] = []
    for mention in mentions:
        if mention.label == "MISC" or FATHATAN not in mention.text:
            kept.append(mention)
            continue
        end = mention.start
        for word in _WORD.finditer(mention.text):
            if FATHATAN in word.group():
                break
            end = mention.start + word.end()
        while end > mention.start and unicodedata.category(text[end - 1]).startswith("P"):  # «عمر،» + «مساعداً»
            end -= 1
        if end > mention.start:
            kept.append(mention.model_copy(update={"text": text[mention.start : end], "end": end}))
    return kept
