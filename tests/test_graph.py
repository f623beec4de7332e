from __future__ import annotations

import networkx as nx
import pytest

from entities.errors import InvalidInputError
from entities.graph import build_graph
from entities.schema import Document, Entity, Mention, Relation, Span

LAVROV = "PER:سيرغي لافروف"
WANG = "PER:وانغ يي"
KIM = "PER:كيم جونغ اون"


def _find(text: str, part: str, start: int = 0) -> Span:
    offset = text.index(part, start)
    return Span(text=part, start=offset, end=offset + len(part))


def make_document(
    doc_id: str,
    sentences: list[str],
    entities: list[Entity],
    relations: list[tuple[str, str, str, str, int]] | None = None,
    places: dict[int, str] | None = None,
) -> Document:
    """A Document over ``sentences`` joined by spaces.

    Every form of every entity is tagged wherever it occurs (longer forms first, no overlaps).
    A relation is ``(type, source id, target id, trigger word, sentence index)``; ``places`` maps a
    relation's position to the entity id of where it took place.
    """
    text = " ".join(sentences)
    starts = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]
    forms = sorted(((form, e) for e in entities for form in {e.name, *e.aliases}), key=lambda fe: -len(fe[0]))
    taken: set[int] = set()
    mentions = []
    for form, entity in forms:
        offset = text.find(form)
        while offset != -1:
            end = offset + len(form)
            if not taken & set(range(offset, end)):
                taken.update(range(offset, end))
                mentions.append(Mention(text=form, start=offset, end=end, label=entity.label, entity_id=entity.id))
            offset = text.find(form, end)
    built = []
    for position, (kind, source, target, trigger, index) in enumerate(relations or []):
        sentence = Span(text=sentences[index], start=starts[index], end=starts[index] + len(sentences[index]))
        built.append(
            Relation(
                type=kind,
                source=source,
                target=target,
                trigger=_find(text, trigger, starts[index]),
                evidence=sentence,
                place=(places or {}).get(position),
                rule=f"rule-{kind.lower()}",
            )
        )
    mentions.sort(key=lambda m: m.start)
    return Document(id=doc_id, text=text, mentions=mentions, entities=entities, relations=built)


def lavrov_in_beijing() -> Document:
    return make_document(
        "d1",
        [
            "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الصيني وانغ يي في بكين.",
            "وقال لافروف إن المحادثات كانت بناءة.",
        ],
        [
            Entity(id="e1", name="سيرغي لافروف", label="PER", aliases=["سيرغي لافروف", "لافروف"]),
            Entity(id="e2", name="وانغ يي", label="PER", aliases=["وانغ يي"]),
            Entity(id="e3", name="بكين", label="LOC", aliases=["بكين"]),
        ],
        [("MET", "e1", "e2", "التقى", 0)],
        places={0: "e3"},
    )


def lavrov_in_pyongyang() -> Document:
    return make_document(
        "d2",
        [
            "استقبل الزعيم الكوري الشمالي كيم جونغ أون لافروف في بيونغ يانغ.",
            "وأجرى وانغ يي اتصالا هاتفيا مع لافروف.",
            "وكان لافروف قد وصل إلى بيونغ يانغ أمس.",
        ],
        [
            Entity(id="e1", name="كيم جونغ أون", label="PER", aliases=["كيم جونغ أون"]),
            Entity(id="e2", name="لافروف", label="PER", aliases=["لافروف"]),
            Entity(id="e3", name="بيونغ يانغ", label="LOC", aliases=["بيونغ يانغ"]),
            Entity(id="e4", name="وانغ يي", label="PER", aliases=["وانغ يي"]),
        ],
        [
            ("MET", "e1", "e2", "استقبل", 0),
            ("CALLED", "e4", "e2", "اتصالا", 1),
            ("VISITED", "e2", "e3", "وصل", 2),
        ],
    )


def test_single_word_name_merges_into_full_name_across_documents() -> None:
    graph = build_graph([lavrov_in_beijing(), lavrov_in_pyongyang()])

    assert LAVROV in graph
    assert "PER:لافروف" not in graph
    node = graph.nodes[LAVROV]
    assert node["name"] == "سيرغي لافروف"
    assert node["label"] == "PER"
    assert node["aliases"] == ["سيرغي لافروف", "لافروف"]
    assert node["documents"] == ["d1", "d2"]
    assert node["mentions"] == 2 + 3
    assert graph.nodes[WANG]["documents"] == ["d1", "d2"]
    assert graph.nodes[WANG]["mentions"] == 2


@pytest.mark.parametrize("maria_aliases", [["ماريا لافروف", "لافروف"], ["ماريا لافروف"]])
def test_people_sharing_a_family_name_stay_apart(maria_aliases: list[str]) -> None:
    maria = make_document(
        "d3",
        ["قالت الكاتبة ماريا لافروف إن روايتها الجديدة ستصدر قريبا."],
        [Entity(id="e1", name="ماريا لافروف", label="PER", aliases=maria_aliases)],
    )
    graph = build_graph([lavrov_in_beijing(), lavrov_in_pyongyang(), maria])

    assert graph.nodes[LAVROV]["documents"] == ["d1"]
    assert graph.nodes["PER:ماريا لافروف"]["documents"] == ["d3"]
    assert graph.nodes["PER:لافروف"]["documents"] == ["d2"]
    assert graph.nodes["PER:لافروف"]["mentions"] == 3
    assert graph.has_edge(KIM, "PER:لافروف", "MET")


def test_single_word_without_a_matching_alias_is_not_merged() -> None:
    doc = make_document(
        "d4",
        ["وأكد يي أن بلاده تدعم الحوار."],
        [Entity(id="e1", name="يي", label="PER", aliases=["يي"])],
    )
    graph = build_graph([lavrov_in_beijing(), doc])

    assert "PER:يي" in graph
    assert graph.nodes[WANG]["documents"] == ["d1"]


def test_multi_word_alias_merges_into_longer_name() -> None:
    full = make_document(
        "d5",
        ["وصل سيرغي فيكتوروفيتش لافروف إلى القاهرة."],
        [
            Entity(
                id="e1",
                name="سيرغي فيكتوروفيتش لافروف",
                label="PER",
                aliases=["سيرغي فيكتوروفيتش لافروف", "سيرغي لافروف"],
            ),
            Entity(id="e2", name="القاهرة", label="LOC", aliases=["القاهرة"]),
        ],
        [("VISITED", "e1", "e2", "وصل", 0)],
    )
    graph = build_graph([lavrov_in_beijing(), lavrov_in_pyongyang(), full])

    persons = [n for n, label in graph.nodes(data="label") if label == "PER"]
    assert sorted(persons) == sorted(["PER:سيرغي فيكتوروفيتش لافروف", WANG, KIM])
    node = graph.nodes["PER:سيرغي فيكتوروفيتش لافروف"]
    assert node["name"] == "سيرغي فيكتوروفيتش لافروف"
    assert node["aliases"] == ["سيرغي فيكتوروفيتش لافروف", "سيرغي لافروف", "لافروف"]
    assert node["documents"] == ["d1", "d2", "d5"]


def test_a_name_one_article_ran_on_does_not_take_over_a_name_many_articles_use() -> None:
    def city(number: int) -> Document:
        return make_document(
            f"c{number}", ["وصل الوفد إلى جدة أمس."], [Entity(id="e1", name="جدة", label="LOC", aliases=["جدة"])]
        )

    slip = make_document(
        "s1",
        ["غرق قارب في بحر جدة قرب جدة."],
        [Entity(id="e1", name="بحر جدة", label="LOC", aliases=["بحر جدة", "جدة"])],
    )
    graph = build_graph([city(n) for n in range(5)] + [slip])
    assert graph.nodes["LOC:جده"]["documents"] == [f"c{n}" for n in range(5)]
    assert graph.nodes["LOC:بحر جده"]["documents"] == ["s1"]
    # four articles of the city against one of the sea: the sea now stands for a quarter of them
    graph = build_graph([city(n) for n in range(4)] + [slip])
    assert "LOC:جده" not in graph and graph.nodes["LOC:بحر جده"]["documents"] == ["c0", "c1", "c2", "c3", "s1"]


def test_a_rare_longer_name_does_not_make_a_short_one_ambiguous() -> None:
    def group(doc_id: str, name: str, aliases: list[str]) -> Document:
        return make_document(
            doc_id, [f"أعلن {name} مسؤوليته."], [Entity(id="e1", name=name, label="ORG", aliases=aliases)]
        )

    docs = [group(f"t{n}", "تنظيم داعش", ["تنظيم داعش", "داعش"]) for n in range(2)]
    docs += [group(f"d{n}", "داعش", ["داعش"]) for n in range(6)]
    docs.append(group("r1", "تنظيم داعش الإرهابي", ["تنظيم داعش الإرهابي", "داعش"]))
    graph = build_graph(docs)
    assert graph.nodes["ORG:تنظيم داعش"]["documents"] == ["t0", "t1", *(f"d{n}" for n in range(6))]
    assert graph.nodes["ORG:تنظيم داعش الارهابي"]["documents"] == ["r1"]


def test_a_name_with_a_proclitic_joins_the_bare_name_and_spellings_news_mixes_are_one() -> None:
    def country(doc_id: str, name: str) -> Document:
        return make_document(doc_id, [f"وصل الوفد إلى {name} أمس."], [Entity(id="e1", name=name, label="LOC")])

    graph = build_graph(
        [
            country("a", "إيران"),
            country("b", "إيران"),
            country("c", "وإيران"),
            country("d", "أميركا"),
            country("e", "أمريكا"),
        ]
    )
    assert graph.nodes["LOC:ايران"]["documents"] == ["a", "b", "c"]
    assert graph.nodes["LOC:ايران"]["aliases"] == ["إيران", "وإيران"]
    assert [n for n in graph if n.startswith("LOC:ام")] == ["LOC:امريكا"]
    # the bare name must be at least as common: one «وارسو» does not become an «ارسو» seen once
    graph = build_graph([country("a", "وارسو"), country("b", "وارسو"), country("c", "ارسو")])
    assert sorted(graph) == ["LOC:ارسو", "LOC:وارسو"]


def test_other_names_of_one_state_are_one_node_named_by_its_fullest_form() -> None:
    def place(doc_id: str, name: str, label: str = "LOC") -> Document:
        return make_document(doc_id, [f"عاد الوفد من {name} أمس."], [Entity(id="e1", name=name, label=label)])

    docs = [place("a", "أمريكا"), place("b", "الولايات المتحدة"), place("c", "أميركا"), place("d", "تايلند")]
    docs += [place("e", "تايلاند"), place("f", "ساحل العاج"), place("g", "عمان"), place("h", "سلطنة عمان")]
    graph = build_graph([*docs, place("i", "أمريكا", "PER")])
    assert graph.nodes["LOC:الولايات المتحده"]["documents"] == ["a", "b", "c"]
    assert graph.nodes["LOC:الولايات المتحده"]["aliases"] == ["الولايات المتحدة", "أمريكا", "أميركا"]
    assert graph.nodes["LOC:تايلاند"]["documents"] == ["d", "e"]
    assert {"LOC:ساحل العاج", "LOC:عمان", "LOC:سلطنه عمان", "PER:امريكا"} < set(graph)  # one name, Amman, a label


def test_a_foreign_g_spelt_two_ways_is_one_node_and_a_lone_family_name_joins_it() -> None:
    def person(doc_id: str, name: str, aliases: list[str]) -> Document:
        return make_document(doc_id, [f"قال {name} أمس."], [Entity(id="e1", name=name, label="PER", aliases=aliases)])

    docs = [person("a", "سيرغي لافروف", ["سيرغي لافروف"]), person("b", "سيرجي لافروف", ["سيرجي لافروف"])]
    docs += [person("c", "آرسين فينغر", ["آرسين فينغر", "فينغر"]), person("d", "فينجر", ["فينجر"])]
    graph = build_graph(docs)
    assert [graph.nodes[n]["documents"] for n in sorted(graph)] == [["c", "d"], ["a", "b"]]


def test_spelling_variants_merge() -> None:
    visit = make_document(
        "d6",
        ["وصل رئيس الوزراء مصطفي مدبولي إلى بيونغيانغ.", "واستقبل أحمد أبو الغيط مصطفى مدبولي."],
        [
            Entity(id="e1", name="مصطفي مدبولي", label="PER", aliases=["مصطفي مدبولي"]),
            Entity(id="e2", name="بيونغيانغ", label="LOC", aliases=["بيونغيانغ"]),
            Entity(id="e3", name="أحمد أبو الغيط", label="PER", aliases=["أحمد أبو الغيط"]),
            Entity(id="e4", name="مصطفى مدبولي", label="PER", aliases=["مصطفى مدبولي"]),
        ],
        [("VISITED", "e1", "e2", "وصل", 0), ("MET", "e3", "e4", "استقبل", 1)],
    )
    other = make_document(
        "d7",
        ["التقى احمد ابو الغيط مصطفى مدبولي في القاهرة."],
        [
            Entity(id="e1", name="احمد ابو الغيط", label="PER", aliases=["احمد ابو الغيط"]),
            Entity(id="e2", name="مصطفى مدبولي", label="PER", aliases=["مصطفى مدبولي"]),
        ],
        [("MET", "e2", "e1", "التقى", 0)],
    )
    graph = build_graph([lavrov_in_pyongyang(), visit, other])

    places = [n for n, label in graph.nodes(data="label") if label == "LOC"]
    assert places == ["LOC:بيونغ يانغ"]
    assert graph.nodes["LOC:بيونغ يانغ"]["aliases"] == ["بيونغ يانغ", "بيونغيانغ"]
    assert graph.nodes["LOC:بيونغ يانغ"]["documents"] == ["d2", "d6"]

    madbouly = "PER:مصطفي مدبولي"
    assert graph.nodes[madbouly]["name"] == "مصطفى مدبولي"
    assert graph.nodes[madbouly]["aliases"] == ["مصطفى مدبولي", "مصطفي مدبولي"]
    assert graph.nodes[madbouly]["mentions"] == 3
    aboul_gheit = "PER:احمد ابو الغيط"
    assert graph.nodes[aboul_gheit]["documents"] == ["d6", "d7"]
    assert graph.has_edge(madbouly, "LOC:بيونغ يانغ", "VISITED")
    u, v = sorted([madbouly, aboul_gheit])
    assert graph.edges[u, v, "MET"]["weight"] == 2


def test_met_weight_counts_distinct_sentences() -> None:
    doc = make_document(
        "d8",
        [
            "التقى الرئيس عبد الفتاح السيسي الملك عبد الله الثاني في عمان.",
            "وبحث عبد الفتاح السيسي مع عبد الله الثاني خلال اللقاء الأوضاع في غزة.",
        ],
        [
            Entity(id="e1", name="عبد الفتاح السيسي", label="PER", aliases=["عبد الفتاح السيسي"]),
            Entity(id="e2", name="عبد الله الثاني", label="PER", aliases=["عبد الله الثاني"]),
            Entity(id="e3", name="عمان", label="LOC", aliases=["عمان"]),
        ],
        [
            ("MET", "e1", "e2", "التقى", 0),
            ("MET", "e2", "e1", "التقى", 0),
            ("MET", "e1", "e2", "اللقاء", 1),
        ],
        places={0: "e3"},
    )
    graph = build_graph([doc])

    edges = list(graph.edges(keys=True, data=True))
    assert len(edges) == 1
    u, v, key, data = edges[0]
    assert (u, v, key) == ("PER:عبد الفتاح السيسي", "PER:عبد الله الثاني", "MET")
    assert data["weight"] == 2
    assert data["evidence"] == [doc.relations[0].evidence.text, doc.relations[2].evidence.text]
    assert data["triggers"] == ["التقى", "اللقاء"]
    assert data["places"] == ["عمان"]
    assert data["documents"] == ["d8"]
    assert data["rules"] == ["rule-met"]
    assert data["directed"] is False


def test_symmetric_relation_from_two_documents_is_one_edge() -> None:
    forward = lavrov_in_beijing()
    backward = make_document(
        "d9",
        ["واجتمع وانغ يي مع سيرغي لافروف على هامش القمة."],
        [
            Entity(id="e1", name="وانغ يي", label="PER", aliases=["وانغ يي"]),
            Entity(id="e2", name="سيرغي لافروف", label="PER", aliases=["سيرغي لافروف"]),
        ],
        [("MET", "e1", "e2", "اجتمع", 0)],
    )
    graph = build_graph([forward, backward])

    assert graph.number_of_edges(LAVROV, WANG) + graph.number_of_edges(WANG, LAVROV) == 1
    u, v = sorted([LAVROV, WANG])
    data = graph.edges[u, v, "MET"]
    assert data["type"] == "MET"
    assert data["weight"] == 2
    assert data["documents"] == ["d1", "d9"]
    assert data["places"] == ["بكين"]


def test_called_is_symmetric_and_visited_is_directed() -> None:
    graph = build_graph([lavrov_in_beijing(), lavrov_in_pyongyang()])

    u, v = sorted([WANG, LAVROV])
    assert graph.edges[u, v, "CALLED"]["directed"] is False
    assert not graph.has_edge(v, u, "CALLED")
    assert graph.has_edge(LAVROV, "LOC:بيونغ يانغ", "VISITED")
    assert not graph.has_edge("LOC:بيونغ يانغ", LAVROV)
    visit = graph.edges[LAVROV, "LOC:بيونغ يانغ", "VISITED"]
    assert visit["directed"] is True
    assert visit["evidence"] == ["وكان لافروف قد وصل إلى بيونغ يانغ أمس."]
    assert visit["triggers"] == ["وصل"]


def test_documents_with_errors_are_skipped() -> None:
    failed = Document(id="broken", text="نص لم تتم معالجته.", error="RuntimeError: tagger crashed")
    graph = build_graph([failed, lavrov_in_beijing()])

    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == 3
    assert all("broken" not in docs for _, docs in graph.nodes(data="documents"))
    assert build_graph([failed]).number_of_nodes() == 0
    assert build_graph([]).number_of_nodes() == 0


def test_entities_without_relations_are_nodes() -> None:
    doc = make_document("d10", ["وقال لافروف إن الوضع معقد."], [Entity(id="e1", name="لافروف", label="PER")])
    graph = build_graph([doc])

    assert dict(graph.nodes(data=True)) == {
        "PER:لافروف": {"name": "لافروف", "label": "PER", "aliases": ["لافروف"], "mentions": 1, "documents": ["d10"]}
    }


def test_same_name_with_different_labels_stays_apart() -> None:
    doc = make_document(
        "d11",
        ["أعلنت واشنطن فرض عقوبات جديدة."],
        [Entity(id="e1", name="واشنطن", label="ORG", aliases=["واشنطن"])],
    )
    place = make_document(
        "d12", ["وصل الوفد إلى واشنطن."], [Entity(id="e1", name="واشنطن", label="LOC", aliases=["واشنطن"])]
    )
    assert sorted(build_graph([doc, place])) == ["LOC:واشنطن", "ORG:واشنطن"]


@pytest.mark.parametrize("bad", [lavrov_in_beijing(), "نص", [object()], 42])
def test_rejects_what_is_not_an_iterable_of_documents(bad: object) -> None:
    with pytest.raises(InvalidInputError):
        build_graph(bad)  # type: ignore[arg-type]
