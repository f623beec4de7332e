"""`entities view`: the graph as one self-contained HTML page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from entities import cli
from entities.errors import GraphFormatError
from entities.graph import build_graph
from entities.graphml import read_graphml, write_graphml
from entities.schema import Document, Entity, Mention, Relation, Span
from entities.view import graph_data, render_graph_html, script_json, write_graph_html

TEXT = "استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة. وزار شكري عمان. واتصل السيسي بشكري."
DATA_BLOCK = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def _span(text: str, part: str, start: int = 0) -> Span:
    offset = text.index(part, start)
    return Span(text=part, start=offset, end=offset + len(part))


def _mention(text: str, part: str, label: str, entity_id: str, start: int = 0) -> Mention:
    span = _span(text, part, start)
    return Mention(text=part, start=span.start, end=span.end, label=label, entity_id=entity_id)  # type: ignore[arg-type]


def make_document(text: str = TEXT, doc_id: str = "news-1") -> Document:
    """Sisi met Shoukry in Cairo; Shoukry visited Amman; Sisi called Shoukry."""
    first, second, third = (text.index(s) for s in ("استقبل", "وزار", "واتصل"))
    sentences = [
        Span(text=text[a:b].strip(), start=a, end=a + len(text[a:b].strip()))
        for a, b in ((first, second), (second, third), (third, len(text)))
    ]
    return Document(
        id=doc_id,
        text=text,
        mentions=[
            _mention(text, "عبد الفتاح السيسي", "PER", "e0"),
            _mention(text, "سامح شكري", "PER", "e1"),
            _mention(text, "القاهرة", "LOC", "e2"),
            _mention(text, "شكري", "PER", "e1", second),
            _mention(text, "عمان", "LOC", "e3"),
            _mention(text, "السيسي", "PER", "e0", third),
        ],
        entities=[
            Entity(id="e0", name="عبد الفتاح السيسي", label="PER", aliases=["عبد الفتاح السيسي", "السيسي"]),
            Entity(id="e1", name="سامح شكري", label="PER", aliases=["سامح شكري", "شكري"]),
            Entity(id="e2", name="القاهرة", label="LOC", aliases=["القاهرة"]),
            Entity(id="e3", name="عمان", label="LOC", aliases=["عمان"]),
        ],
        relations=[
            Relation(
                type="MET",
                source="e0",
                target="e1",
                trigger=_span(text, "استقبل"),
                evidence=sentences[0],
                place="e2",
                rule="reception/transitive",
            ),
            Relation(
                type="VISITED",
                source="e1",
                target="e3",
                trigger=_span(text, "زار"),
                evidence=sentences[1],
                rule="visit/travel",
            ),
            Relation(
                type="CALLED",
                source="e0",
                target="e1",
                trigger=_span(text, "اتصل"),
                evidence=sentences[2],
                rule="call/with",
            ),
        ],
    )


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return build_graph([make_document()])


def embedded(page: str) -> dict:
    [block] = DATA_BLOCK.findall(page)
    return json.loads(block)


def test_page_is_one_offline_rtl_file(graph: nx.MultiDiGraph) -> None:
    page = render_graph_html(graph, title="أخبار")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="ar" dir="rtl">' in page
    assert "<title>أخبار</title>" in page
    assert not re.search(r"""\b(src|href)\s*=|<link\b|@import|url\((?!#)""", page, re.I), "nothing may be fetched"
    assert re.findall(r"https?://[^\s\"']+", page) == ["http://www.w3.org/2000/svg"] * page.count("www.w3.org/2000/svg")
    assert page.count("<script") == 2


def test_embedded_data_describes_the_graph(graph: nx.MultiDiGraph) -> None:
    data = embedded(render_graph_html(graph))
    assert data == graph_data(graph)
    names = {node["name"]: node for node in data["nodes"]}
    assert set(names) == {"عبد الفتاح السيسي", "سامح شكري", "القاهرة", "عمان"}
    assert names["سامح شكري"]["aliases"] == ["سامح شكري", "شكري"]
    assert names["سامح شكري"]["documents"] == ["news-1"]
    assert names["سامح شكري"]["r"] > names["القاهرة"]["r"], "sized by mentions"
    assert set(data["labels"]) >= {"PER", "LOC", "ORG", "MISC"}
    edges = {edge["type"]: edge for edge in data["edges"]}
    assert set(edges) == {"MET", "CALLED", "VISITED"}
    assert edges["VISITED"]["directed"] and not edges["MET"]["directed"] and not edges["CALLED"]["directed"]
    assert data["nodes"][edges["VISITED"]["target"]]["name"] == "عمان"
    assert edges["MET"]["evidence"] == ["استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة."]
    assert edges["MET"]["places"] == ["القاهرة"] and edges["MET"]["triggers"] == ["استقبل"]
    assert edges["MET"]["path"] != edges["CALLED"]["path"], "parallel edges are drawn apart"


def test_layout_is_deterministic_inside_the_canvas_and_spread_out(graph: nx.MultiDiGraph) -> None:
    assert render_graph_html(graph) == render_graph_html(graph.copy())
    data = graph_data(graph)
    points = {(node["x"], node["y"]) for node in data["nodes"]}
    assert len(points) == len(data["nodes"])
    for x, y in points:
        assert 0 <= x <= data["width"] and 0 <= y <= data["height"]


def test_isolated_entities_are_packed_not_flung_away() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", key="MET", type="MET")
    for i in range(30):
        graph.add_node(f"lone{i}", name=f"اسم {i}", label="PER", mentions=1)
    data = graph_data(graph)
    xs, ys = [n["x"] for n in data["nodes"]], [n["y"] for n in data["nodes"]]
    assert max(xs) - min(xs) < 1500 and max(ys) - min(ys) < 1500
    assert len(set(zip(xs, ys, strict=True))) == len(xs)


@pytest.mark.parametrize(
    "evil",
    ["</script><script>alert(1)</script>", "<!--<script>", "</SCRIPT >", "a\u2028b\u2029", "&amp; <b>", "\ud800"],
)
def test_no_text_can_break_out_of_the_data_block(evil: str) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node(evil, name=evil, label="PER", aliases=[evil], mentions=1, documents=[evil])
    graph.add_node("x", name="x", label="LOC", aliases=["x"], mentions=1, documents=[])
    graph.add_edge(evil, "x", key="VISITED", type="VISITED", evidence=[evil], triggers=[evil])
    page = render_graph_html(graph, title=evil)
    page.encode("utf-8")
    [block] = DATA_BLOCK.findall(page)
    assert "<" not in block and ">" not in block
    assert page.count("<script") == 2 and page.count("</script>") == 2
    data = json.loads(block)
    assert data["nodes"][0]["name"] == evil and data["edges"][0]["evidence"] == [evil]


def test_script_json_escapes_without_changing_the_value() -> None:
    value = {"a": "</script>\x85\u2028\ufffe<!--", "n": [1, 2.5, True, None]}
    assert json.loads(script_json(value)) == value


def test_a_graph_read_back_from_graphml_draws_the_same(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    write_graphml(graph, tmp_path / "g.graphml")
    assert graph_data(read_graphml(tmp_path / "g.graphml")) == graph_data(graph)


def test_graphs_from_other_tools_get_defaults(tmp_path: Path) -> None:
    plain = nx.path_graph(3)
    plain.nodes[0]["label"] = "ORG"
    plain.nodes[1]["mentions"] = "7"
    nx.write_graphml(plain, tmp_path / "plain.graphml")
    data = graph_data(read_graphml(tmp_path / "plain.graphml"))
    assert [n["name"] for n in data["nodes"]] == ["0", "1", "2"]
    assert [n["label"] for n in data["nodes"]] == ["ORG", "", ""]
    assert data["nodes"][1]["mentions"] == 7
    assert [e["type"] for e in data["edges"]] == ["RELATED", "RELATED"]
    assert all(e["evidence"] == [] for e in data["edges"])


def test_empty_graph_and_self_loops_render() -> None:
    assert embedded(render_graph_html(nx.MultiDiGraph()))["nodes"] == []
    loop = nx.DiGraph()
    loop.add_edge(1, 1, type="MET")
    assert len(graph_data(loop)["edges"]) == 1


def test_not_a_graph_is_refused() -> None:
    with pytest.raises(GraphFormatError, match="networkx graph"):
        render_graph_html([1, 2])  # type: ignore[arg-type]


def test_write_graph_html(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    write_graph_html(graph, out)
    assert embedded(out.read_text("utf-8")) == graph_data(graph)
    assert "<title>graph.html</title>" in out.read_text("utf-8")
    with pytest.raises(GraphFormatError, match="cannot write"):
        write_graph_html(graph, tmp_path / "missing" / "graph.html")


def test_cli_view_writes_the_page(graph: nx.MultiDiGraph, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_graphml(graph, tmp_path / "news.graphml")
    out = tmp_path / "news.html"
    assert cli.main(["view", str(tmp_path / "news.graphml"), "-o", str(out)]) == cli.EXIT_OK
    assert "4 entities, 3 relations" in capsys.readouterr().err
    page = out.read_text("utf-8")
    assert "<title>news.graphml</title>" in page and embedded(page) == graph_data(graph)


def test_cli_view_reports_unreadable_graphs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.html"
    assert cli.main(["view", str(tmp_path / "missing.graphml"), "-o", str(out)]) == cli.EXIT_INPUT_FAILED
    assert "missing.graphml" in capsys.readouterr().err
    (tmp_path / "bad.graphml").write_text("<graphml><graph>", "utf-8")
    assert cli.main(["view", str(tmp_path / "bad.graphml"), "-o", str(out)]) == cli.EXIT_INPUT_FAILED
    assert "bad.graphml is not a readable GraphML file" in capsys.readouterr().err
    assert not out.exists()


def test_cli_view_usage_errors(graph: nx.MultiDiGraph, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_graphml(graph, tmp_path / "g.graphml")
    assert cli.main(["view", str(tmp_path / "g.graphml"), "-o", str(tmp_path / "no" / "g.html")]) == cli.EXIT_USAGE
    assert "cannot write" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["view", str(tmp_path / "g.graphml")])
    assert exit_info.value.code == cli.EXIT_USAGE
