"""Entity resolution inside one document: mentions → entities.

Two mentions are one entity when their names match after spelling normalisation, when one is the other
with a proclitic attached («ولافروف» / «لافروف»), or when the shorter is a run of whole words inside the
longer («لافروف» inside «سيرغي لافروف»), or a person's first and family name alone where the longer name
has more between them («عادل الطريفي», «عادل بن زيد الطريفي»). A short form that fits several longer names
(two people who share a family name) stays on its own rather than being guessed.

A shorter name joins a longer one only when both have the same type: «طهران» is not «جامعة طهران», nor
«السعودية» «وكالة الأنباء السعودية». The one exception is a person's family name that the tagger read
as an organisation or a work («ليديكي» of «كاتي ليديكي», «سابيلا» of «أليخاندرو سابيلا»), when it is no
ordinary word («الله» ends «حسن نصر الله» and is still God) and no place: a place at the end of a person's
name is mostly the tagger running on into it. Nor does a name join a longer one in which it follows «بن»
or «آل»: «سلمان بن عبدالعزيز» in «محمد بن سلمان بن عبدالعزيز» is the father, not the son, and «سعود» in
«سلمان بن عبدالعزيز آل سعود» names the house, not the King; nor a place a longer place named after it
(«جدة» and «بحر جدة», «بيشة» and «وادي بيشة»: ``other_place`` in ``data/entity_patterns.toml``), nor one
that a word after it makes another region («أفريقيا» and «أفريقيا الوسطى»: ``other_place_after``).
Places under other names of one place listed in ``data/places.toml`` («أمريكا», «الولايات المتحدة») are one.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .clitics import WordRank
from .normalize import match_key, words_key
from .patterns import default_words
from .places import other_names
from .propagate import COMMON_WORD_RANK, LINEAGE
from .schema import Entity, Label, Mention

# The longest forms of a name decide its label: the tagger read «آشتون كارتر» with more to go on than a
# later «كارتر» alone, which it may take for a place. When the readings of one name are split evenly,
# the place wins: transliterated foreign place names («بيونغ يانغ») are the ones it takes for people,
# rarely the other way round.
_TIE_ORDER = ("MISC", "PER", "ORG", "LOC")

_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def proclitic_variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The name itself, then the name with a proclitic removed from its first word."""
    found = [words]
    if words:
        for clitic in _PROCLITICS:
            head = words[0]
            if head.startswith(clitic) and len(head) - len(clitic) >= 2:
                rest = head[len(clitic) :]
                found.append((rest, *words[1:]))
                if clitic.endswith("ل") and not rest.startswith("ال"):  # «للولايات» = ل + الولايات
                    found.append(("ال" + rest[1:] if rest.startswith("ل") else "ال" + rest, *words[1:]))
    return found


def _fits_inside(shorter: tuple[str, ...], longer: tuple[str, ...], labels: tuple[Label, Label], rare: bool) -> bool:
    """Whether the name ``shorter`` is a run of whole words inside the longer name ``longer`` that may be it
    said in fewer words (``labels``: the two names' types)."""
    n = len(shorter)
    if labels == ("PER", "PER") and n == 2 and len(longer) > 2 and shorter == (longer[0], longer[-1]):
        return True  # first and family name: «عادل الطريفي» of «عادل بن زيد الطريفي»
    for i in range(len(longer) - n + 1 if n < len(longer) else 0):
        if longer[i : i + n] != shorter or (i > 0 and longer[i - 1] in LINEAGE):
            continue
        if labels == ("LOC", "LOC"):
            if i > 0 and longer[0] in default_words().other_place:
                continue  # «بحر جدة» is not «جدة»
            if i + n < len(longer) and longer[i + n] in default_words().other_place_after:
                continue  # «أفريقيا الوسطى» is not «أفريقيا»
        if labels[0] == labels[1]:
            return True
        if labels[1] == "PER" and labels[0] in ("ORG", "MISC") and i + n == len(longer) and rare:
            return True  # a family name the tagger took for an organisation or a work
    return False


def _majority(votes: Counter[Label]) -> Label:
    return max(votes, key=lambda label: (votes[label], _TIE_ORDER.index(label)))


def resolve_entities(mentions: list[Mention], rank: WordRank | None = None) -> tuple[list[Entity], list[Mention]]:
    """Group mentions into entities; return the entities and the mentions with ``entity_id`` set.

    ``rank`` (the tagger's vocabulary rank of a word) tells an ordinary word from a name; without it every
    word counts as rare.
    """
    keys = [words_key(m.text) for m in mentions]
    votes: dict[tuple[str, ...], Counter[Label]] = defaultdict(Counter)
    for key, mention in zip(keys, mentions, strict=True):
        votes[key][mention.label] += 1
    labels = {key: _majority(counts) for key, counts in votes.items()}

    def rare(key: tuple[str, ...]) -> bool:
        return rank is None or all((position := rank(word)) is None or position >= COMMON_WORD_RANK for word in key)

    canonical: dict[tuple[str, ...], tuple[str, ...]] = {}
    spaceless: dict[str, tuple[str, ...]] = {}  # «بيونغ يانغ» and «بيونغيانغ» share one
    by_word: dict[str, list[tuple[str, ...]]] = {}  # the keys seen so far that hold each word
    for key in sorted(set(keys), key=lambda k: (-len(k), len("".join(k)), k)):  # a total order: runs agree
        target = spaceless.setdefault("".join(key), key)
        for variant in proclitic_variants(key)[1:] if target == key else []:
            if variant in canonical:
                target = canonical[variant]
                break
        if target == key and key:
            fewest = min((by_word.get(word, []) for word in key), key=len)  # a longer name holds every word
            containing = {canonical[k] for k in fewest if _fits_inside(key, k, (labels[key], labels[k]), rare(key))}
            if len(containing) == 1:
                target = containing.pop()
        canonical[key] = canonical.get(target, target)
        for word in set(key):
            by_word.setdefault(word, []).append(key)

    _join_other_names(canonical, labels)
    groups: dict[tuple[str, ...], list[int]] = {}
    for index, key in enumerate(keys):
        groups.setdefault(canonical[key], []).append(index)
    ordered = sorted(groups.values(), key=lambda members: members[0])

    entities: list[Entity] = []
    resolved = list(mentions)
    for number, members in enumerate(ordered):
        entity_id = f"e{number}"
        forms = [mentions[i].text for i in members]
        counts = Counter(forms)
        name = max(counts, key=lambda form: (len(words_key(form)), -_clitic_count(form, counts), counts[form]))
        longest = max(len(keys[i]) for i in members)
        label = _majority(Counter(mentions[i].label for i in members if len(keys[i]) == longest))
        aliases = [name, *sorted(set(forms) - {name})]
        entities.append(Entity(id=entity_id, name=name, label=label, aliases=aliases))
        for i in members:
            resolved[i] = mentions[i].model_copy(update={"entity_id": entity_id})
    return entities, resolved


def _join_other_names(canonical: dict[tuple[str, ...], tuple[str, ...]], labels: dict[tuple[str, ...], Label]) -> None:
    """Places under other names of one place («أمريكا», «الولايات المتحدة»: ``other_names`` in
    ``data/places.toml``) become one entity, under the group of the first (longest) name met."""
    first_group: dict[int, tuple[str, ...]] = {}
    for key in list(canonical):  # the order names were met in: longest first
        number = other_names().get(match_key(" ".join(key))) if labels[key] == "LOC" else None
        if number is None:
            continue
        group = first_group.setdefault(number, canonical[key])
        if canonical[key] != group:
            moved = canonical[key]
            for other, target in canonical.items():
                if target == moved:
                    canonical[other] = group


def _clitic_count(form: str, forms: Counter[str]) -> int:
    """1 when ``form`` is another seen form with a proclitic attached, so the bare form is preferred."""
    key = words_key(form)
    others = {words_key(f) for f in forms if f != form}
    return int(any(v in others for v in proclitic_variants(key)[1:]))
