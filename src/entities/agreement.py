"""One name, one type in a document: where the tagger read a name as a person and elsewhere in the same
document as something else, the reading it gave most often wins.

The tagger types each mention from its sentence alone, so a coach named a dozen times as a person is an
organisation once («بقيادة [غروس]»), a club a person once («إلى الأمام دائما [سامبدوريا]»). Across
3,230 SaudiNewsNet articles, 73 mentions were such a minority reading against two or more of the other
(strictly more than all other readings together), and most were wrong. Only a person's reading is
weighed against the others: an organisation that is also a place («الشرق الأوسط», the newspaper and the
region), or a product's name that is its maker's («بوينغ»), may be both in one document. A place that
is listed (``data/places.toml``) or named after a word for a place («جبل [طارق]») stays a place, and a
person named after a child or a father («أم سياف») no organisation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from .clitics import article_forms
from .normalize import fold, words_key
from .patterns import NameWords, default_words
from .places import Places, default_places
from .schema import Label, Mention
from .tokenize import word_before


def agree_on_persons(
    text: str,
    mentions: Sequence[Mention],
    clubs: frozenset[tuple[str, ...]] = frozenset(),
    places: Places | None = None,
    words: NameWords | None = None,
) -> list[Mention]:
    """``mentions`` with each name (as ``words_key`` spells it) that is a person in some mentions and not in
    others given one type: the one most of its mentions carry, when at least two do and they outnumber
    all the others together, or the person's when one of its person's readings stands right after a
    title, a trade or a nationality. A person's name becomes an organisation or a place that wins, and any
    other type becomes a person's when that wins; two types that are neither stay as they are, and so
    does a person's name against a work's (MISC): a work is often named after a person, «جالينوس» the
    physician and his book. ``clubs`` are the document's clubs (``clubs.club_forms``): a club stays one
    («نادي [نيس]») however often the tagger took it for a person."""
    places = places or default_places()
    lexicon = words or default_words()
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        groups[words_key(mention.text)].append(index)
    found = list(mentions)
    ends = {mention.end for mention in mentions}
    for members in groups.values():
        votes: Counter[Label] = Counter(mentions[i].label for i in members)
        if len(votes) < 2 or "PER" not in votes:
            continue
        winner, count = votes.most_common(1)[0]
        if any(mentions[i].label == "PER" and _described(text, mentions[i], lexicon, ends) for i in members):
            winner = "PER"  # «الأرجنتيني [سابيلا]», «المدرب [غروس]»: the person's reading has its proof
        elif count < 2 or count <= len(members) - count:
            continue
        for i in members:
            mention = mentions[i]
            if mention.label == winner or "PER" not in (winner, mention.label) or winner == "MISC":
                continue
            if winner == "PER" and (_stays_a_place(text, mention, places, lexicon) or words_key(mention.text) in clubs):
                continue
            if mention.label == "PER" and winner == "ORG" and words_key(mention.text)[0] in _KUNYA:
                continue  # «أم سياف»: a person named after a child is no organisation («أبو راكة» may be a place)
            found[i] = mention.model_copy(update={"label": winner})
    return found


#: Words that begin a person's name after a child or a father («أم سياف», «أبو بكر»), as ``words_key`` spells them.
_KUNYA = frozenset(words_key(word)[0] for word in ("أبو", "أبي", "أبا", "أم", "ابن", "بن"))


def _described(text: str, mention: Mention, lexicon: NameWords, ends: set[int]) -> bool:
    """Whether ``mention`` stands right after a word that describes a person (``before_person``: a title,
    a trade, a nationality; «المدرب [غروس]»), itself after no name it could describe («برشلونة الإسباني»)."""
    before = word_before(text, mention.start)
    if not before or not article_forms(fold(before), lexicon.before_person):
        return False
    window = text[max(0, mention.start - len(before) - 24) : mention.start]
    head = window.rstrip()[: -len(before)]  # the text before the describing word
    return mention.start - len(window) + len(head.rstrip()) not in ends


def _stays_a_place(text: str, mention: Mention, places: Places, lexicon: NameWords) -> bool:
    """Whether place ``mention`` is listed, or named after a word that heads a place («جبل [طارق]»)."""
    if mention.label != "LOC":
        return False
    before = word_before(text, mention.start)
    return places.is_place(mention.text) or bool(before and words_key(before)[0] in lexicon.other_place)
