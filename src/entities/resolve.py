"""Entity resolution inside one document: mentions → entities.

Two mentions are one entity when their names match after spelling normalisation, when one is the other
with a proclitic attached («ولافروف» / «لافروف»), or when the shorter is a run of whole words inside the
longer («لافروف» inside «سيرغي لافروف»). A short form that fits several longer names (two people who share
a family name) stays on its own rather than being guessed.
"""

from __future__ import annotations

from collections import Counter

from .normalize import words_key
from .schema import Entity, Mention

# The longest forms of a name decide its label: the tagger read «آشتون كارتر» with more to go on than a
# later «كارتر» alone, which it may take for a place. When the readings of one name are split evenly,
# the place wins: transliterated foreign place names («بيونغ يانغ») are the ones it takes for people,
# rarely the other way round.
_TIE_ORDER = ("MISC", "PER", "ORG", "LOC")

_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def _variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
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


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return n < len(longer) and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def resolve_entities(mentions: list[Mention]) -> tuple[list[Entity], list[Mention]]:
    """Group mentions into entities; return the entities and the mentions with ``entity_id`` set."""
    keys = [words_key(m.text) for m in mentions]
    canonical: dict[tuple[str, ...], tuple[str, ...]] = {}
    spaceless: dict[str, tuple[str, ...]] = {}  # «بيونغ يانغ» and «بيونغيانغ» share one
    by_word: dict[str, list[tuple[str, ...]]] = {}  # the keys seen so far that hold each word
    for key in sorted(set(keys), key=lambda k: (-len(k), len("".join(k)))):
        target = spaceless.setdefault("".join(key), key)
        for variant in _variants(key)[1:] if target == key else []:
            if variant in canonical:
                target = canonical[variant]
                break
        if target == key and key:
            fewest = min((by_word.get(word, []) for word in key), key=len)  # a longer name holds every word
            containing = {canonical[k] for k in fewest if _contains(k, key)}
            if len(containing) == 1:
                target = containing.pop()
        canonical[key] = canonical.get(target, target)
        for word in set(key):
            by_word.setdefault(word, []).append(key)

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
        votes = Counter(mentions[i].label for i in members if len(keys[i]) == longest)
        label = max(votes, key=lambda candidate: (votes[candidate], _TIE_ORDER.index(candidate)))
        aliases = [name, *sorted(set(forms) - {name})]
        entities.append(Entity(id=entity_id, name=name, label=label, aliases=aliases))
        for i in members:
            resolved[i] = mentions[i].model_copy(update={"entity_id": entity_id})
    return entities, resolved


def _clitic_count(form: str, forms: Counter[str]) -> int:
    """1 when ``form`` is another seen form with a proclitic attached, so the bare form is preferred."""
    key = words_key(form)
    others = {words_key(f) for f in forms if f != form}
    return int(any(v in others for v in _variants(key)[1:]))
