"""Proclitics the tagger includes in a name's first token, and when to leave them out of the mention.

ANERcorp-style tokens keep clitics attached, so the tagger marks «وبلير» or «لفرنسا» as names. The mention
should be «بلير» / «فرنسا». A letter is taken off only when the evidence says it is a clitic: the rest
starts with the article («والعطية»), or the rest is a more frequent word than the whole in the model's
vocabulary («بكابيلو» → «كابيلو», but «وليد», «بوش», «لبنان» stay whole). «للولايات» keeps its «ل»:
the bare form «لولايات» is no word.
"""

from __future__ import annotations

from collections.abc import Callable

_PREFIXES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")  # shortest first

WordRank = Callable[[str], "int | None"]


def proclitic_length(word: str, rank: WordRank | None = None) -> int:
    """How many leading characters of ``word`` are a proclitic to drop from a name (0 if none)."""
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < 2:
            continue
        if prefix.endswith("ل") and rest.startswith("ل"):
            return 0
        if rest.startswith("ال") and len(rest) > 3:
            return len(prefix)
        if rank is not None:
            rest_rank, word_rank = rank(rest), rank(word)
            if rest_rank is not None and (word_rank is None or rest_rank < word_rank):
                return len(prefix)
    return 0
