"""Proclitics the tagger includes in a name's first token, and when to leave them out of the mention.

ANERcorp-style tokens keep clitics attached, so the tagger marks «وبلير» or «لفرنسا» as names. The mention
should be «بلير» / «فرنسا». A letter is taken off only when the evidence says it is a clitic: the rest
starts with the article («والعطية»), or the rest is a more frequent word than the whole in the model's
vocabulary («لفرنسا» → «فرنسا», but «وليد», «بوش», «بيونغ» stay whole). «للولايات» keeps its «ل»:
the bare form «لولايات» is no word. «ك» and «ف», with which many names begin, need stronger evidence
(«كتركيا», «فالدوسري»).
"""

from __future__ import annotations

from collections.abc import Callable, Container

from .normalize import fold

# Shortest first. «ك» and «ف» begin many names («كوفي», «فيصل», «كيلي»); they are taken off only on the
# stronger evidence of ``_RARE_PREFIXES``.
_PREFIXES = ("و", "ب", "ل", "وب", "ول")

# The bare form must be this many times more frequent than the whole (by Zipf, rank ratio ≈ count
# ratio): «لفرنسا»/«فرنسا» ≈ 23, but «بيونغ»/«يونغ» ≈ 2 and «بعقوبة»/«عقوبة» ≈ 3.9 must stay whole.
# «و» needs less: a country in a list («وهولندا»/«هولندا» ≈ 3.2) is common in news, and a name that
# begins with «و» and leaves a more frequent word («وجدي»/«جدي» ≈ 2.6, cut wrongly) is rare.
_RANK_RATIO = 4
_RANK_RATIO_AND = 2
_MIN_REST = 3  # «بان» (Ban Ki-moon) is not ب + «ان»

# «ك» (like) and «ف» (so) go only when the bare word is known, among the _RARE_REST_RANK most frequent, at
# least _RARE_RANK_RATIO times as frequent as the whole, and begins with neither a letter that is itself a
# clitic, nor a bare alef, nor the «ي» of a verb («كتركيا», «كعبد الحليم», «فالدوسري» lose it). Read on the
# names beginning with ك or ف in two slices of 1,050 and 1,100 news articles (session 19): «كميل» (6 times
# rarer than «ميل»), «فتحية» (4.8), «فالي» (5.2), «كييل» (ف + «ييل», rank 80,990), «فاني» (ف + «اني»),
# «فيدل», «كيفر», «كيرى» (ف/ك + a verb) stay whole.
_RARE_PREFIXES = ("ك", "ف")
_RARE_RANK_RATIO = 20
_RARE_REST_RANK = 50_000
_NOT_AFTER_RARE = ("و", "ف", "ب", "ل", "ك", "ا", "ي")

WordRank = Callable[[str], "int | None"]


def proclitic_length(
    word: str, rank: WordRank | None = None, heads: Container[str] = (), after_name: bool = False
) -> int:
    """How many leading characters of ``word`` are a proclitic to drop from a name (0 if none).

    ``heads``: words that begin names («جامعة», «مجلس»), as ``normalize.fold`` spells them; after a
    proclitic they are evidence enough («بجامعة الدول العربية», where frequency alone is not).
    ``after_name``: the name follows another with nothing but a space or comma between; a «و» there is the
    list's «and» when the vocabulary knows the word in neither form («إلهام الحقيل ونجود القرزعي») or knows
    the bare word better («تيلر وكيت مارا»).
    """
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < _MIN_REST:
            continue
        if prefix.endswith("ل") and rest.startswith("ل"):
            return 0
        if (rest.startswith("ال") and len(rest) > 3) or fold(rest) in heads:
            return len(prefix)
        if rank is not None:
            rest_rank, word_rank = rank(rest), rank(word)
            if rest_rank is None:
                continue
            if prefix in ("ب", "ل") and _and_word(rest, rest_rank, rank):
                continue  # «بوروسيا» is no ب + «وروسيا»: «و» never follows «ب» or «ل»
            ratio = _RANK_RATIO_AND if prefix == "و" else _RANK_RATIO
            if word_rank is None or word_rank > ratio * rest_rank:
                return len(prefix)
    if rank is not None and word.startswith(_RARE_PREFIXES):
        rest = word[1:]
        if len(rest) >= _MIN_REST and (rest.startswith("ال") or not rest.startswith(_NOT_AFTER_RARE)):
            rest_rank, word_rank = rank(rest), rank(word)
            if rest_rank is not None and rest_rank < _RARE_REST_RANK:
                return int(word_rank is None or word_rank > _RARE_RANK_RATIO * rest_rank)
    # after another name, «و» on a word known in neither form, or better known bare, is the list's «and»;
    # tried last, so that «ولفيتنام» still loses «ول»
    if after_name and rank is not None and word.startswith("و") and len(word) > _MIN_REST:
        whole, rest_rank = rank(word), rank(word[1:])
        if whole is None or rest_rank is None:
            return int(whole is None and rest_rank is None)
        return int(whole > rest_rank)  # the bare word is the more frequent: «تيلر وكيت مارا»
    return 0


def _and_word(rest: str, rest_rank: int, rank: WordRank) -> bool:
    """Whether ``rest`` reads as «و» + a word at least ``_RANK_RATIO`` times better known than ``rest``
    itself («وروسيا»), which no proclitic «ب» or «ل» can come before. «وزارة» in «بوزارة» does not («زارة» is
    no word), nor does a word of its own whose «و» is a root letter: «وردة» is only 2.6 times rarer than
    «ردة», «وودرو» 1.5 times rarer than «ودرو», so «لوردة» and «لوودرو ويلسون» still lose their «ل»."""
    if not rest.startswith("و") or len(rest) <= _MIN_REST:
        return False
    bare_rank = rank(rest[1:])
    return bare_rank is not None and _RANK_RATIO * bare_rank < rest_rank


#: Proclitics a known name may carry in running text («ولافروف», «بوزارة»).
NAME_PROCLITICS = ("و", "ب", "ل", "ف", "وب", "ول")


def bare_forms(word: str, known: Container[str]) -> list[tuple[str, str]]:
    """``(proclitic, rest)`` for each way ``word`` is a known form, bare first: ("", word) or ("و", rest)."""
    return [(c, word[len(c) :]) for c in ("", *NAME_PROCLITICS) if word.startswith(c) and word[len(c) :] in known]


#: «ل» before the article drops the article's alef: «للمملكة» is ل + «المملكة».
_LAM_ARTICLE = ("لل", "ولل", "فلل")


def article_forms(word: str, known: Container[str]) -> list[tuple[str, str]]:
    """``bare_forms``, and «لل» read as ل + «ال»: ("", "المملكة") for «للمملكة», ("و", …) for «وللمملكة».

    The proclitic given is what can be left out of a name: the «ل» stays, as in «للولايات», because
    without it the word would be no word («لمملكة»).
    """
    forms = bare_forms(word, known)
    for clitic in _LAM_ARTICLE:
        if word.startswith(clitic) and (form := "ال" + word[len(clitic) :]) in known:
            forms.append((clitic[:-2], form))
    return forms
