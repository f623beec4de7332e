from __future__ import annotations

import io
import json
import os
from pathlib import Path

import networkx as nx
import pytest

from entities.errors import GraphFormatError
from entities.graph import build_graph
from entities.graphml import read_graphml, write_graphml
from entities.schema import Document, Entity, Mention, Relation, Span

TEXT = "التقى سيرغي لافروف وانغ يي في بكين. ثم وصل لافروف إلى بيونغ يانغ."


def _span(part: str, start: int = 0) -> Span:
    offset = TEXT.index(part, start)
    return Span(text=part, start=offset, end=offset + len(part))


def _mention(part: str, label: str, entity_id: str, start: int = 0) -> Mention:
    span = _span(part, start)
    return Mention(text=part, start=span.start, end=span.end, label=label, entity_id=entity_id)


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    second = TEXT.index("ثم")
    first_sentence, second_sentence = _span(TEXT[:second].strip()), _span(TEXT[second:])
    doc = Document(
        id="doc-1",
        text=TEXT,
        mentions=[
            _mention("سيرغي لافروف", "PER", "e1"),
            _mention("وانغ يي", "PER", "e2"),
            _mention("بكين", "LOC", "e3"),
            _mention("لافروف", "PER", "e1", second),
            _mention("بيونغ يانغ", "LOC", "e4"),
        ],
        entities=[
            Entity(id="e1", name="سيرغي لافروف", label="PER", aliases=["سيرغي لافروف", "لافروف"]),
            Entity(id="e2", name="وانغ يي", label="PER", aliases=["وانغ يي"]),
            Entity(id="e3", name="بكين", label="LOC", aliases=["بكين"]),
            Entity(id="e4", name="بيونغ يانغ", label="LOC", aliases=["بيونغ يانغ"]),
        ],
        relations=[
            Relation(
                type="MET",
                source="e2",
                target="e1",
                trigger=_span("التقى"),
                evidence=first_sentence,
                place="e3",
                rule="met-verb",
            ),
            Relation(type="VISITED", source="e1", target="e4", trigger=_span("وصل"), evidence=second_sentence),
        ],
    )
    return build_graph([doc])


def assert_identical(expected: nx.Graph, actual: nx.Graph) -> None:
    assert type(actual) is type(expected)
    assert actual.graph == expected.graph
    assert dict(actual.nodes(data=True)) == dict(expected.nodes(data=True))
    if expected.is_multigraph():
        assert sorted(actual.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))
    else:
        assert sorted(actual.edges(data=True)) == sorted(expected.edges(data=True))
    assert nx.utils.graphs_equal(actual, expected)


def test_round_trip_of_a_built_graph(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    assert_identical(graph, read_graphml(path))
    assert_identical(graph, read_graphml(str(path)))
    assert sorted(os.listdir(tmp_path)) == ["graph.graphml"]


def test_plain_networkx_reads_the_file_and_sees_json_strings(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    plain = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)

    assert set(plain) == set(graph)
    assert sorted(plain.edges(keys=True)) == sorted(graph.edges(keys=True))
    lavrov = plain.nodes["PER:سيرغي لافروف"]
    assert lavrov["name"] == "سيرغي لافروف"
    assert lavrov["mentions"] == 2
    assert lavrov["aliases"] == '["سيرغي لافروف", "لافروف"]'
    assert json.loads(lavrov["documents"]) == ["doc-1"]
    met = plain.edges["PER:سيرغي لافروف", "PER:وانغ يي", "MET"]
    assert met["weight"] == 1
    assert met["directed"] is False
    assert json.loads(met["places"]) == ["بكين"]
    assert json.loads(met["rules"]) == ["met-verb"]
    meta = json.loads(plain.graph["entities_graphml"])
    assert "node:aliases" in meta["json"] and "edge:evidence" in meta["json"]
    assert "node:name" not in meta["json"]


def test_round_trip_of_none_mixed_and_nested_values(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph(title="اختبار", version=2, notes=None, tags=["a", "ب"])
    graph.add_node("a", date=None, score=1.5, flag=True, extra={"k": [1, 2, {"x": None}]}, count=0)
    graph.add_node("b", date="2024-01-02", score=2.0, flag=False, extra=[], count=7)
    graph.add_node("c", text="سطر أول\r\nسطر ثان\tمع علامة", empty="", mixed=3)
    graph.add_node("d", mixed="ثلاثة")
    graph.add_edge("a", "b", key="MET", weight=3, evidence=["جملة"], place=None)
    graph.add_edge("a", "b", key="CALLED", weight=1, evidence=[], place="بكين")
    graph.add_edge("b", "a", key="MET", key_attr="key-like")

    path = tmp_path / "mixed.graphml"
    write_graphml(graph, path)
    assert_identical(graph, read_graphml(path))


@pytest.mark.parametrize("graph_class", [nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph])
def test_round_trip_keeps_graph_class_and_int_ids(graph_class: type[nx.Graph], tmp_path: Path) -> None:
    graph = nx.path_graph(4, create_using=graph_class)
    nx.set_node_attributes(graph, {0: ["صفر"], 3: None}, "tag")
    nx.set_edge_attributes(graph, 1.25, "weight")
    path = tmp_path / "path.graphml"
    write_graphml(graph, path)
    assert_identical(graph, read_graphml(path))


def test_forbidden_xml_characters_are_replaced(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node(
        "PER:a\x00b", name="سيرغي\x07 لافروف\ufffe", aliases=["لافروف\x1b", "ok\ud800"], keep="tab\tnewline\n"
    )
    graph.add_edge("PER:a\x00b", "LOC:x", key="MET\x01", evidence=["جملة\x0c"])
    path = tmp_path / "odd.graphml"
    write_graphml(graph, path)

    plain = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
    assert set(plain) == {"PER:a\ufffdb", "LOC:x"}

    back = read_graphml(path)
    node = back.nodes["PER:a\ufffdb"]
    assert node["name"] == "سيرغي\ufffd لافروف\ufffd"
    assert node["aliases"] == ["لافروف\ufffd", "ok\ufffd"]
    assert node["keep"] == "tab\tnewline\n"
    assert back.edges["PER:a\ufffdb", "LOC:x", "MET\ufffd"]["evidence"] == ["جملة\ufffd"]
    assert "a\x00b" in next(iter(graph))


def test_failed_write_leaves_the_old_file_and_no_temporary_file(
    graph: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "graph.graphml"
    path.write_bytes(b"old contents")

    def fail(*args: object, **kwargs: object) -> None:
        handle = args[1]
        handle.write(b"<?xml version='1.0'?><graphml")  # type: ignore[attr-defined]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(nx, "write_graphml", fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_graphml(graph, path)
    assert path.read_bytes() == b"old contents"
    assert sorted(os.listdir(tmp_path)) == ["graph.graphml"]

    def fail_os(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(nx, "write_graphml", fail_os)
    with pytest.raises(GraphFormatError, match="No space left"):
        write_graphml(graph, path)
    assert path.read_bytes() == b"old contents"
    assert sorted(os.listdir(tmp_path)) == ["graph.graphml"]


def test_write_replaces_an_existing_file_and_keeps_its_mode(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    path.write_bytes(b"old contents")
    path.chmod(0o640)
    write_graphml(graph, path)
    assert_identical(graph, read_graphml(path))
    assert path.stat().st_mode & 0o777 == 0o640


def test_binary_file_objects(graph: nx.MultiDiGraph) -> None:
    buffer = io.BytesIO()
    write_graphml(graph, buffer)
    buffer.seek(0)
    assert_identical(graph, read_graphml(buffer))


def test_files_not_written_here_read_like_networkx(tmp_path: Path) -> None:
    path = tmp_path / "plain.graphml"
    original = nx.DiGraph()
    original.add_edge("بكين", "موسكو", weight=2)
    nx.write_graphml(original, path)
    assert_identical(nx.read_graphml(path), read_graphml(path))


@pytest.mark.parametrize("not_a_graph", [None, "graph", [("a", "b")], {"a": ["b"]}])
def test_writing_what_is_not_a_graph_fails_clearly(not_a_graph: object, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    with pytest.raises(GraphFormatError, match="networkx graph"):
        write_graphml(not_a_graph, path)  # type: ignore[arg-type]
    assert not path.exists()


@pytest.mark.parametrize(
    ("graph", "message"),
    [
        (nx.Graph(id="x"), "reserved"),
        (nx.Graph(entities_graphml="x"), "reserved"),
        (nx.Graph([((1, 2), 3)]), "node ids"),
        (nx.Graph([("a", 1)]), "node ids"),
        (nx.Graph([("a", "b", {"tags": {1, 2}})]), "set"),
    ],
)
def test_graphs_that_cannot_round_trip_are_refused(graph: nx.Graph, message: str, tmp_path: Path) -> None:
    with pytest.raises(GraphFormatError, match=message):
        write_graphml(graph, tmp_path / "graph.graphml")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "contents",
    [b"", b"not xml at all", b"<html><body>hello</body></html>", b"<graphml><graph><node></graph>"],
)
def test_unreadable_files_raise_graph_format_error(contents: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bad.graphml"
    path.write_bytes(contents)
    with pytest.raises(GraphFormatError, match=r"bad\.graphml"):
        read_graphml(path)


def test_missing_file_raises_graph_format_error(tmp_path: Path) -> None:
    with pytest.raises(GraphFormatError, match=r"missing\.graphml"):
        read_graphml(tmp_path / "missing.graphml")


def test_corrupt_encoding_description_is_reported(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    text = path.read_text(encoding="utf-8").replace('"version": 1', '"version": 99')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphFormatError, match="entities_graphml"):
        read_graphml(path)
