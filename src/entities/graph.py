"""Who-met-whom graphs: entities merged across documents, one edge per relation type and pair.

:func:`build_graph` turns extracted :class:`~entities.schema.Document` objects into a
``networkx.MultiDiGraph``.

Nodes
    One node per real-world entity, merged across documents. The node id is
    ``f"{label}:{normalised name}"``, where the normalised name is the merged name's words under
    :func:`~entities.normalize.words_key` joined by single spaces (the ``match_key`` normalisation
    with word boundaries kept), e.g. ``"PER:سيرغي لافروف"`` or ``"LOC:بيونغ يانغ"``. Attributes:

    - ``name``: the fullest form (most words, then most frequent among mentions and entity names,
      then alphabetical);
    - ``label``: ``PER``, ``LOC``, ``ORG`` or ``MISC``;
    - ``aliases``: every distinct form seen, ``name`` first, the rest sorted;
    - ``mentions``: how many mentions, over all documents, refer to the entity;
    - ``documents``: ids of the documents it appears in, in input order.

Merging
    Entities are only merged when their labels are equal. Then:

    1. Same spelling: entities whose names share a :func:`~entities.normalize.match_key` merge
       («بيونغ يانغ» = «بيونغيانغ», «أسد» = «اسد», «موسى» = «موسي», «سيرغي» = «سيرجي», ...).
    1a. Other names of one place, listed in ``data/places.toml`` («أمريكا», «الولايات المتحدة»): their
       places merge into the one that appears in most documents.
    1b. A proclitic: an entity named with one («وإيران», «للجنة الأولمبية الدولية») merges into the
       entity named without it, when that one appears in at least as many documents.
    2. Multi-word aliases: an entity whose multi-word name is an alias of exactly one entity with a
       longer name merges into it («سيرغي لافروف» into «سيرغي فيكتوروفيتش لافروف»).
    3. Single words: an entity named by one word («لافروف») merges into a multi-word entity that
       lists that word as an alias only when that word belongs to exactly one multi-word entity of
       the label across the whole corpus, as an alias or as one of the words of its name or aliases.
       Two people sharing a family name («سيرغي لافروف», «ماريا لافروف») thus make a lone
       «لافروف» ambiguous, and it stays a node of its own.

    In 2 and 3 only a longer name common enough to stand for the shorter counts: one that appears in
    at least a quarter as many documents (``MIN_DOCUMENT_SHARE``). Else one article's slip would take
    over a name the whole corpus uses: «بني مالك عسير», a place the tagger ran on into in one article,
    would rename the «عسير» of 106 others, and «بحر جدة» the city of Jeddah. A rarer longer name does
    not make the shorter ambiguous either: «تنظيم داعش الإرهابي» in a few articles leaves «داعش» to
    «تنظيم داعش».

Edges
    Edge key is the relation type. ``MET`` and ``CALLED`` are symmetric: one edge per unordered
    pair, stored from the smaller node id to the larger, with ``directed=False``. ``VISITED`` goes
    from the actor to the place, with ``directed=True``. Attributes:

    - ``type``: the relation type (same as the key);
    - ``directed``: as above;
    - ``weight``: number of distinct supporting sentences, counted by (document id, evidence start,
      evidence end);
    - ``evidence``: the text of each supporting sentence (one entry per unit of ``weight``);
    - ``documents``: ids of the supporting documents, in input order;
    - ``triggers``, ``places``, ``dates``, ``rules``: the distinct trigger texts, place names (the
      merged name of the place entity), date expressions and rule names, in order of appearance.

    A relation whose two sides merge into the same node is left out (no self-loops).

Documents whose ``error`` is set contribute nothing. Every attribute is a plain Python value
(``str``, ``int``, ``bool`` or a list of ``str``); :mod:`entities.graphml` writes them to GraphML.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from .errors import InvalidInputError
from .normalize import match_key, words_key
from .places import other_names
from .resolve import proclitic_variants
from .schema import SYMMETRIC_RELATIONS, Document, Entity, Relation

_GroupKey = tuple[str, str]
"""(label, match_key of the name): entities spelled the same way."""

_Member = tuple[int, int, Entity]
"""(document index, position in the document's entities, entity)."""


@dataclass
class _Group:
    """Entities, from any documents, whose names share a label and a match key."""

    members: list[_Member] = field(default_factory=list)
    alias_keys: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    word_count: int = 0

    def add(self, member: _Member) -> None:
        entity = member[2]
        self.members.append(member)
        self.word_count = max(self.word_count, len(words_key(entity.name)))
        for form in (entity.name, *entity.aliases):
            self.alias_keys.add(match_key(form))
            form_words = words_key(form)
            if len(form_words) > 1:
                self.words.update(match_key(word) for word in form_words)


#: In merging, the longer name's documents must number at least this share of the shorter name's.
MIN_DOCUMENT_SHARE = 0.25


class _UnionFind:
    def __init__(self, keys: Iterable[_GroupKey], documents: dict[_GroupKey, set[int]]) -> None:
        self._parent = {key: key for key in keys}
        self._documents = {key: set(documents[key]) for key in self._parent}  # per root: its clusters' documents

    def documents(self, key: _GroupKey) -> set[int]:
        """The documents of the cluster that ``key`` is in."""
        return self._documents[self.find(key)]

    def find(self, key: _GroupKey) -> _GroupKey:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def union(self, child: _GroupKey, parent: _GroupKey) -> None:
        child, parent = self.find(child), self.find(parent)
        if child != parent:
            self._parent[child] = parent
            self._documents[parent] |= self._documents.pop(child)


@dataclass
class _EdgeData:
    sentences: set[tuple[str, int, int]] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


def _append_new(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def _checked(docs: Iterable[Document]) -> list[Document]:
    if isinstance(docs, Document):
        raise InvalidInputError("build_graph takes an iterable of Documents; wrap a single Document in a list")
    if isinstance(docs, str | bytes):
        raise InvalidInputError(f"build_graph takes an iterable of Documents, not {type(docs).__name__}")
    try:
        documents = list(docs)
    except TypeError as err:
        raise InvalidInputError(f"build_graph takes an iterable of Documents, not {type(docs).__name__}") from err
    for doc in documents:
        if not isinstance(doc, Document):
            raise InvalidInputError(f"build_graph takes Documents, not {type(doc).__name__}")
    return documents


def _group_entities(docs: list[Document]) -> dict[_GroupKey, _Group]:
    groups: dict[_GroupKey, _Group] = defaultdict(_Group)
    for doc_index, doc in enumerate(docs):
        if doc.error is None:
            for position, entity in enumerate(doc.entities):
                groups[entity.label, match_key(entity.name)].add((doc_index, position, entity))
    return dict(groups)


def _merge_groups(groups: dict[_GroupKey, _Group]) -> _UnionFind:
    """Merge groups by alias, never where a short name could belong to several entities."""
    clusters = _UnionFind(groups, {key: {member[0] for member in group.members} for key, group in groups.items()})

    def stands_for(root: _GroupKey, key: _GroupKey) -> bool:
        return len(clusters.documents(root)) >= MIN_DOCUMENT_SHARE * len(clusters.documents(key))

    by_alias: dict[_GroupKey, list[_GroupKey]] = defaultdict(list)
    by_word: dict[_GroupKey, list[_GroupKey]] = defaultdict(list)
    for key, group in groups.items():
        label = key[0]
        for alias_key in group.alias_keys - {key[1]}:
            by_alias[label, alias_key].append(key)
        if group.word_count > 1:
            for word in group.words:
                by_word[label, word].append(key)

    sets: dict[int, list[_GroupKey]] = defaultdict(list)  # «أمريكا» is «الولايات المتحدة» (places.toml)
    for key in groups:
        if key[0] == "LOC" and (number := other_names().get(key[1])) is not None:
            sets[number].append(key)
    for keys in sets.values():
        widest = max(keys, key=lambda k: (len(clusters.documents(k)), k[1]))
        for key in keys:
            clusters.union(key, widest)

    for key, group in groups.items():  # «وإيران» is «إيران»
        name = words_key(group.members[0][2].name)
        for variant in proclitic_variants(name)[1:]:
            bare = (key[0], match_key(" ".join(variant)))
            if bare in groups and len(clusters.documents(bare)) >= len(clusters.documents(key)):
                clusters.union(key, bare)
                break

    for key in sorted(groups, key=lambda k: -groups[k].word_count):
        group = groups[key]
        if group.word_count > 1:
            longer = {clusters.find(other) for other in by_alias[key] if groups[other].word_count > group.word_count}
            longer.discard(clusters.find(key))
            longer = {root for root in longer if stands_for(root, key)}
            if len(longer) == 1:
                clusters.union(key, longer.pop())

    for key, group in groups.items():
        if group.word_count == 1:
            owners = by_alias[key] + by_word[key]
            claimants = {clusters.find(other) for other in owners if groups[other].word_count > 1}
            claimants.discard(clusters.find(key))
            claimants = {root for root in claimants if stands_for(root, key)}
            if len(claimants) == 1:
                root = claimants.pop()
                if any(clusters.find(other) == root and groups[other].word_count > 1 for other in by_alias[key]):
                    clusters.union(key, root)
    return clusters


def _display_name(members: list[_Member], mention_texts: Counter[str]) -> str:
    counts = Counter(entity.name for _, _, entity in members)
    return min(counts, key=lambda name: (-len(words_key(name)), -(counts[name] + mention_texts[name]), name))


def _node_id(label: str, name: str, taken: set[str]) -> str:
    base = f"{label}:{' '.join(words_key(name)) or name}"
    node_id, suffix = base, 1
    while node_id in taken:
        suffix += 1
        node_id = f"{base}#{suffix}"
    return node_id


def _add_nodes(
    graph: nx.MultiDiGraph, docs: list[Document], groups: dict[_GroupKey, _Group], clusters: _UnionFind
) -> dict[tuple[int, str], str]:
    """Add one node per cluster; return the node id of each (document index, entity id)."""
    members: dict[_GroupKey, list[_Member]] = defaultdict(list)
    for key, group in groups.items():
        members[clusters.find(key)].extend(group.members)

    mention_texts: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for doc_index, doc in enumerate(docs):
        if doc.error is None:
            for mention in doc.mentions:
                if mention.entity_id is not None and mention.kind == "name":
                    mention_texts[doc_index, mention.entity_id][mention.text] += 1

    node_of: dict[tuple[int, str], str] = {}
    for cluster in sorted(members.values(), key=lambda ms: min(m[:2] for m in ms)):
        cluster.sort(key=lambda member: member[:2])
        texts: Counter[str] = sum((mention_texts[d, e.id] for d, _, e in cluster), Counter())
        name = _display_name(cluster, texts)
        label = cluster[0][2].label
        node_id = _node_id(label, name, set(graph))
        forms = {form for _, _, entity in cluster for form in (entity.name, *entity.aliases)} - {name}
        graph.add_node(
            node_id,
            name=name,
            label=label,
            aliases=[name, *sorted(forms)],
            mentions=texts.total(),
            documents=list(dict.fromkeys(docs[d].id for d, _, _ in cluster)),
        )
        for doc_index, _, entity in cluster:
            node_of[doc_index, entity.id] = node_id
    return node_of


def _edge_ends(relation: Relation, source: str, target: str) -> tuple[str, str]:
    if relation.type in SYMMETRIC_RELATIONS:
        return (source, target) if source <= target else (target, source)
    return source, target


def _add_edges(graph: nx.MultiDiGraph, docs: list[Document], node_of: dict[tuple[int, str], str]) -> None:
    edges: dict[tuple[str, str, str], _EdgeData] = {}
    for doc_index, doc in enumerate(docs):
        if doc.error is not None:
            continue
        for relation in doc.relations:
            source, target = node_of[doc_index, relation.source], node_of[doc_index, relation.target]
            if source == target:
                continue
            data = edges.setdefault((*_edge_ends(relation, source, target), relation.type), _EdgeData())
            sentence = (doc.id, relation.evidence.start, relation.evidence.end)
            if sentence not in data.sentences:
                data.sentences.add(sentence)
                data.evidence.append(relation.evidence.text)
            _append_new(data.documents, doc.id)
            _append_new(data.triggers, relation.trigger.text)
            _append_new(data.rules, relation.rule)
            if relation.place is not None:
                _append_new(data.places, graph.nodes[node_of[doc_index, relation.place]]["name"])
            if relation.date is not None:
                _append_new(data.dates, relation.date)

    for (u, v, relation_type), data in edges.items():
        graph.add_edge(
            u,
            v,
            key=relation_type,
            type=relation_type,
            directed=relation_type not in SYMMETRIC_RELATIONS,
            weight=len(data.sentences),
            evidence=data.evidence,
            documents=data.documents,
            triggers=data.triggers,
            places=data.places,
            dates=data.dates,
            rules=data.rules,
        )


def build_graph(docs: Iterable[Document]) -> nx.MultiDiGraph:
    """The who-met-whom graph of ``docs``: merged entities as nodes, relations as edges.

    See the module documentation for the node ids, the merging rules and the attributes.
    Raises :class:`~entities.errors.InvalidInputError` if ``docs`` is not an iterable of Documents.
    """
    documents = _checked(docs)
    groups = _group_entities(documents)
    graph = nx.MultiDiGraph()
    node_of = _add_nodes(graph, documents, groups, _merge_groups(groups))
    _add_edges(graph, documents, node_of)
    return graph
