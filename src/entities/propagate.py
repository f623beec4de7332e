"""One name, one reading per document: a name the tagger found once is a name wherever it recurs.

The tagger decides token by token, so it can tag «لافروف» in one sentence and miss it in the next. After
tagging, every tagged form is looked for again in the whole document (also behind a proclitic:
«ولافروف»), and untagged occurrences become mentions with that form's majority label. Single words that
are frequent in ordinary text (a month name tagged once by mistake) are not spread. A person's family
name («بزشكيان» of «مسعود بزشكيان») is spread too, when it is no ordinary word or when the tagger also
found it alone in the document («بشار الأسد», «[الأسد]»: then «نظام الأسد» is his too). A word that only
looks like a proclitic and the name («لصالح», in favour of) is left alone.
Before that, a name the tagger cut short where the document has its longer form elsewhere becomes the
longer name (``extend_to_known_forms``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence

from .clitics import WordRank, bare_forms
from .normalize import words_key
from .patterns import default_words
from .schema import Label, Mention
from .tokenize import DASHES, Sentence, token_owners, token_ranges

#: Words that tie a name to the next one («محمد بن سلمان», «آل سعود»), as ``words_key`` spells them.
LINEAGE = frozenset({"بن", "بنت", "ابن", "ال"})

#: Words after which a name goes on: lineage, kunya and «عبد» («أبو», «عبد» of «عبد الله»).
_NAME_GOES_ON = LINEAGE | {"ابو", "ابي", "ام", "عبد"}

#: A single word more frequent than this rank in the model's vocabulary is an ordinary word too.
COMMON_WORD_RANK = 1500

#: A dash or tatweel at a token's edge stays on the token but out of a name found in it.
_EDGE = DASHES + "ـ"


def propagate_mentions(
    text: str,
    sentences: Sequence[Sentence],
    mentions: list[Mention],
    rank: WordRank | None = None,
    spread: Collection[tuple[str, ...]] = (),
) -> list[Mention]:
    """``mentions`` plus the untagged occurrences of their forms, sorted by offset. The forms in ``spread``
    (as ``words_key`` spells them: the document's clubs, ``clubs.club_forms``) are spread though common."""
    votes: dict[tuple[str, ...], Counter[Label]] = defaultdict(Counter)
    for mention in mentions:
        form = words_key(mention.text)
        if form and (len(form) > 1 or form in spread or _rare(mention.text, rank)):
            votes[form][mention.label] += 1
    alone = {words_key(m.text) for m in mentions if m.label == "PER" and len(m.text.split()) == 1}
    for mention in mentions:  # «مسعود بزشكيان» … «والتقى بزشكيان»: a person's family name alone
        words = mention.text.split()
        if mention.label == "PER" and len(words) > 1 and len(words[-1]) > 3:
            family = words_key(words[-1])
            # an ordinary word too («الأسد», «هادي») when the tagger also found it alone in the document
            if family not in votes and (_rare(words[-1], rank) or family in alone):
                votes[family]["PER"] += 1
    if not votes:
        return mentions
    taken = [False] * len(text)
    for mention in mentions:
        taken[mention.start : mention.end] = [True] * (mention.end - mention.start)
    added: list[Mention] = []
    one_words = default_words().one_words
    by_head: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for form in sorted(votes, key=len, reverse=True):
        by_head[form[0]].append(form)
    for sentence in sentences:
        keys = [words_key(t.text) for t in sentence.tokens]
        single = [k[0] if len(k) == 1 else "" for k in keys]
        for i, word in enumerate(single):
            for clitic, head in bare_forms(word, by_head):
                match = next(
                    (f for f in by_head[head] if tuple(single[i + 1 : i + len(f)]) == f[1:]),
                    None,
                )
                if match is None:
                    continue
                start, end = sentence.tokens[i].start + len(clitic), sentence.tokens[i + len(match) - 1].end
                if clitic and word in one_words:  # «لصالح» (in favour of) is a word of its own, no ل + «صالح»,
                    taken[start:end] = [True] * (end - start)  # and «بحسن المظهر» no «المظهر» after it
                    break
                while end > start + 1 and text[end - 1] in _EDGE:  # «كمبوديا-», «حفظه الله-»
                    end -= 1
                while start < end - 1 and text[start] in _EDGE:  # «لـ» + «ـالديرة»
                    start += 1
                if any(taken[start:end]):
                    continue
                label = votes[match].most_common(1)[0][0]
                added.append(Mention(text=text[start:end], label=label, start=start, end=end))
                taken[start:end] = [True] * (end - start)
                break
    return sorted([*mentions, *added], key=lambda m: m.start)


def _rare(word: str, rank: WordRank | None) -> bool:
    if rank is None:
        return True
    position = rank(word)
    return position is None or position >= COMMON_WORD_RANK


#: The types whose short names are made long. A longer place or organisation the tagger found is mostly
#: the short one with the noun before it that ANERcorp leaves out of the name («ميناء المكلا», «بحي
#: الحمراء», «تنظيم داعش»); a longer person or product is mostly the whole name («علي عبدالله صالح»,
#: «آيفون 7»). Read on 1,050 news articles, session 18.
EXTENDED_LABELS: frozenset[Label] = frozenset({"PER", "MISC"})

#: Longer forms are looked for up to this many words («محمد بن نايف بن عبدالعزيز آل سعود» has 7), so that
#: one run-on name of hundreds of words does not make every search long.
LONGEST_FORM = 10


def extend_to_known_forms(text: str, sentences: Sequence[Sentence], mentions: list[Mention]) -> list[Mention]:
    """``mentions``, each person or other name (``EXTENDED_LABELS``) found shorter than a longer name of its
    type that stands there and that the tagger found elsewhere in the document made that longer name
    («كي مون» → «بان كي مون», «بوسكي» → «ديل بوسكي»). The words it adds must be no other name's."""
    votes: dict[tuple[str, ...], Counter[Label]] = defaultdict(Counter)
    for mention in mentions:
        form = words_key(mention.text)
        if len(form) > 1:
            votes[form][mention.label] += 1
    known = {form: count.most_common(1)[0][0] for form, count in votes.items()}
    known = {form: label for form, label in known.items() if label in EXTENDED_LABELS and len(form) <= LONGEST_FORM}
    if not known:
        return mentions
    first_words = {form[0] for form in known}
    longest = max(len(form) for form in known)
    replaced: dict[int, Mention] = {}
    position = {id(m): n for n, m in enumerate(mentions)}
    for sentence, owner in zip(sentences, token_owners(sentences, mentions), strict=True):
        single = [k[0] if len(k) == 1 else "" for k in (words_key(t.text) for t in sentence.tokens)]
        for n, (first, last) in token_ranges(owner, position).items():
            mention = mentions[n]
            found = _longer_form(single, first, last, mention, owner, known, (first_words, longest))
            if found is None:
                continue
            begin, form, clitic = found
            start = sentence.tokens[begin].start + len(clitic)
            end = sentence.tokens[begin + len(form) - 1].end
            while end > start + 1 and text[end - 1] in _EDGE:
                end -= 1
            replaced[n] = Mention(text=text[start:end], label=mention.label, start=start, end=end)
    if not replaced:
        return mentions
    return sorted((replaced.get(n, m) for n, m in enumerate(mentions)), key=lambda m: m.start)


def _longer_form(
    words: Sequence[str],
    first: int,
    last: int,
    mention: Mention,
    owner: dict[int, Mention],
    known: dict[tuple[str, ...], Label],
    shape: tuple[set[str], int],
) -> tuple[int, tuple[str, ...], str] | None:
    """``(first token, form, proclitic)`` of the longest known form of ``mention``'s type that covers its
    tokens ``first..last`` in ``words`` (the sentence's one-word keys; the proclitic is on the form's first
    token) and takes in no other mention's token; None if there is none. ``shape``: the known forms' first
    words and their greatest length. Each try is a lookup, so the cost does not grow with the number of
    names in the document."""
    first_words, longest = shape
    size = len(words_key(mention.text))
    for n in range(min(longest, len(words)), size, -1):
        for begin in range(max(0, last - n + 1), min(first, len(words) - n) + 1):
            end = begin + n
            for clitic, bare in bare_forms(words[begin], first_words):
                form = (bare, *words[begin + 1 : end])
                if known.get(form) == mention.label and all(
                    owner.get(j, mention) is mention for j in range(begin, end)
                ):
                    return begin, form, clitic
    return None


#: Quotation marks that open and close a name in Arabic news: «الشرق الأوسط», “عكاظ”, "الوطن".
QUOTES = {"«": "»", "“": "”", '"': '"'}


#: How far from a mention its quotation marks are looked for (spaces inside the marks: «« الوطن »»).
_QUOTE_REACH = 8


def quoted(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is the whole of a quotation: «…» (a few spaces inside the marks allowed)."""
    before = text[max(0, mention.start - _QUOTE_REACH) : mention.start].rstrip(" ")
    after = text[mention.end : mention.end + _QUOTE_REACH].lstrip(" ")
    return bool(before) and before[-1] in QUOTES and after.startswith(QUOTES[before[-1]])


#: What stands before the quotation mark of a newspaper or channel spoken to or filing the story: «وقال
#: لـ«الشرق الأوسط»», «في تصريح ل"الرياض"», the dateline «بغداد: «الشرق الأوسط»».
_TO_OUTLET = re.compile(r"(?:لـ|(?:^|\s)ل|:)$")


def _to_outlet(text: str, mention: Mention) -> bool:
    """Whether ``mention``, a whole quotation, stands right after «لـ» (told to) or a dateline's colon."""
    before = text[max(0, mention.start - _QUOTE_REACH - 8) : mention.start].rstrip(" ")
    return bool(_TO_OUTLET.search(before[:-1].rstrip(" ")))


def quoted_organisations(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions``, each place that stands alone in quotation marks made an organisation when the document
    quotes the same name elsewhere as one, or when it stands right after «لـ» or a dateline's colon:
    newspapers and channels bear places' names («الشرق الأوسط», «الرياض»), and quoted, one name is one
    thing in one document (the region «الشرق الأوسط» is not quoted); a quoted name one speaks to
    («قال لـ«الشرق الأوسط»») or that files a story («بغداد: «الشرق الأوسط»») is the newspaper.
    On 1,050 news articles (session 19) the tagger had read 90 quoted «الشرق الأوسط» as a place, 54 of
    them in documents that quote it as the newspaper too; after that, 19 of the 20 quoted places left
    after «لـ» in 3,230 articles were newspapers (session 22)."""
    organisations = {words_key(m.text) for m in mentions if m.label == "ORG" and quoted(text, m)}
    return [
        m.model_copy(update={"label": "ORG"})
        if m.label == "LOC" and quoted(text, m) and (words_key(m.text) in organisations or _to_outlet(text, m))
        else m
        for m in mentions
    ]


_WORD = re.compile(r"\S+")


def split_run_together(mentions: list[Mention]) -> list[Mention]:
    """``mentions``, a person's name that is two people's names the tagger found apart elsewhere in the
    document, each of two words or more, cut in two («عبدالله الثاني محمد بن سلمان» in a list of tags,
    where «عبدالله الثاني» and «محمد بن سلمان» are names of their own). A name seen whole more than once is
    left as it is, and so is a part of one word («كلينتون جيب بوش», but also «ديمتري بيسكوف») and a cut
    next to «بن» («محمد بن» + «سلمان بن عبد العزيز»)."""
    forms = Counter(words_key(m.text) for m in mentions if m.label == "PER")
    result: list[Mention] = []
    for mention in mentions:
        words = list(_WORD.finditer(mention.text))
        key = words_key(mention.text)
        cut = None
        if mention.label == "PER" and forms[key] == 1 and len(words) == len(key):
            cut = next(
                (
                    i
                    for i in range(2, len(key) - 1)
                    if forms[key[:i]] and forms[key[i:]] and key[i - 1] not in _NAME_GOES_ON and key[i] not in LINEAGE
                ),
                None,
            )
        if cut is None:
            result.append(mention)
            continue
        for a, b in ((0, cut), (cut, len(words))):
            start, end = mention.start + words[a].start(), mention.start + words[b - 1].end()
            result.append(
                Mention(text=mention.text[words[a].start() : words[b - 1].end()], label="PER", start=start, end=end)
            )
    return result
