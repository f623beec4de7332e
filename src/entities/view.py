"""The who-met-whom graph as one self-contained, offline HTML page: ``entities view``.

:func:`render_graph_html` turns a graph from :func:`entities.build_graph` (or
:func:`entities.read_graphml`) into a single HTML file: no CDN, no network, no files beside it.
Nodes are coloured by label and sized by ``mentions``; edges are styled by type (``VISITED``, the
directed one, with an arrow); hovering an edge shows its evidence, clicking a node or an edge shows
its details; a search box finds names whatever their diacritics, tatweel or alef/hamza spelling.

Layout
    Positions are computed here, in Python, and embedded in the page: each connected component is
    laid out by a small force-directed (Fruchterman-Reingold) simulation in numpy with a fixed seed,
    and the components are packed in rows, biggest first, with the entities that have no relation
    lined up after them. The same
    graph always gives the same picture (and the same file), the page needs no physics simulation
    to settle, and it opens instantly even for large graphs. The page's script only draws the SVG
    from the embedded JSON and handles search, zoom, pan and clicks.

Data
    The graph is embedded as JSON in a ``<script type="application/json" id="graph-data">`` block
    (see :func:`graph_data` for its shape). ``<``, ``>``, ``&`` and characters HTML treats specially
    are written as ``\\uXXXX`` escapes, so no text can end the script element early.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from .errors import GraphFormatError
from .schema import SYMMETRIC_RELATIONS

#: Colour and Arabic name of each entity label; ``""`` is any other label.
LABEL_STYLES: dict[str, dict[str, str]] = {
    "PER": {"color": "#d55e00", "light": "#f8c9a8", "name": "شخص"},
    "LOC": {"color": "#009e73", "light": "#a6e3cf", "name": "مكان"},
    "ORG": {"color": "#0072b2", "light": "#a9d0ef", "name": "منظمة"},
    "MISC": {"color": "#b0579b", "light": "#efc7e4", "name": "متفرقات"},
    "": {"color": "#8a94a3", "light": "#dde2e8", "name": "غير ذلك"},
}

#: Colour, dash pattern and Arabic name of each relation type; ``""`` is any other type.
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "MET": {"id": "met", "color": "#3d4b5c", "dash": "", "directed": False, "name": "لقاء"},
    "CALLED": {"id": "called", "color": "#7b4fd6", "dash": "7 4", "directed": False, "name": "اتصال"},
    "VISITED": {"id": "visited", "color": "#0f8b8d", "dash": "", "directed": True, "name": "زيارة"},
    "": {"id": "other", "color": "#8a94a3", "dash": "2 4", "directed": False, "name": "علاقة"},
}

NODE_SPACING = 90.0
"""Typical distance between linked nodes, in SVG user units (names are drawn 12 units high)."""

CELL = (150.0, 80.0)
"""Room around each node for its circle and name, in SVG user units."""

LABELLED_NODES = 80
"""The most-mentioned nodes whose names are always shown; the others' names appear when zoomed in."""

_PLACEHOLDER = re.compile(r"\{\{(TITLE|DATA)\}\}")
_UNSAFE_IN_SCRIPT = re.compile("[<>&\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BLOCK = 512
_EDGE_LISTS = ("evidence", "documents", "triggers", "places", "dates", "rules")


@lru_cache(maxsize=1)
def _template() -> str:
    return resources.files("entities").joinpath("data/view_template.html").read_text("utf-8")


def _text(value: Any, default: str = "") -> str:
    if value is None:
        return default
    return value if isinstance(value, str) else str(value)


def _texts(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [_text(item) for item in value]
    return [_text(value)]


def _count(value: Any, default: int) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float) and math.isfinite(value):
        return max(0, int(value))
    if isinstance(value, str):
        try:
            return max(0, int(float(value)))
        except ValueError:
            return default
    return default


def _flag(value: Any, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return default


def _spring(count: int, edges: set[tuple[int, int]], seed: int) -> npt.NDArray[np.float64]:
    """Fruchterman-Reingold force-directed positions of nodes ``0..count-1``, within [-1, 1].

    Centred and turned so that the longest extent is horizontal, like the screen. Vectorised with
    numpy (pairwise forces in blocks of rows, so memory stays bounded) and seeded.
    """
    rng = np.random.default_rng(seed)
    positions = rng.random((count, 2))
    k = 1 / math.sqrt(count)
    iterations = 100 if count <= 1000 else 50
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    ends = np.array(sorted(edges), dtype=np.intp).reshape(-1, 2)
    for _ in range(iterations):
        shift = np.empty_like(positions)
        x, y = positions[:, 0], positions[:, 1]
        for first in range(0, count, _BLOCK):
            dx = x[first : first + _BLOCK, None] - x
            dy = y[first : first + _BLOCK, None] - y
            push = k * k / np.maximum(dx * dx + dy * dy, 1e-4)
            shift[first : first + _BLOCK, 0] = (dx * push).sum(axis=1)
            shift[first : first + _BLOCK, 1] = (dy * push).sum(axis=1)
        pull = positions[ends[:, 0]] - positions[ends[:, 1]]
        pull *= np.linalg.norm(pull, axis=1, keepdims=True) / k
        np.subtract.at(shift, ends[:, 0], pull)
        np.add.at(shift, ends[:, 1], pull)
        length = np.maximum(np.linalg.norm(shift, axis=1, keepdims=True), 1e-2)
        positions += shift * (temperature / length)
        temperature -= cooling
    positions -= positions.mean(axis=0)
    _, _, axes = np.linalg.svd(positions, full_matrices=False)
    turned: npt.NDArray[np.float64] = positions @ axes.T
    return turned / (float(np.abs(turned).max()) or 1.0)


def _component_layout(skeleton: nx.Graph, members: list[int], seed: int) -> dict[int, tuple[float, float]]:
    """Positions of one connected component, around (0, 0), about ``NODE_SPACING`` apart."""
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    local = {node: i for i, node in enumerate(members)}
    edges = {(local[u], local[v]) for u, v in skeleton.subgraph(members).edges()}
    positions = _spring(len(members), edges, seed)
    scale = NODE_SPACING * math.sqrt(len(members)) * 0.75
    return {node: (float(positions[i, 0]) * scale, float(positions[i, 1]) * scale) for i, node in enumerate(members)}


def _layout(graph: nx.Graph, seed: int) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """Node positions (in graph order) and the drawing's size.

    Each connected component gets its own spring layout; the components are then packed in rows,
    biggest first, from the right (the page reads right to left), so that isolated entities line up
    below the connected ones instead of being flung to the edges (which shrinks everything else).
    """
    skeleton = nx.Graph()
    skeleton.add_nodes_from(range(graph.number_of_nodes()))
    index = {node: i for i, node in enumerate(graph)}
    skeleton.add_edges_from((index[u], index[v]) for u, v in graph.edges() if u != v)
    components = sorted((sorted(c) for c in nx.connected_components(skeleton)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for members in components:
        local = _component_layout(skeleton, members, seed)
        xs, ys = [x for x, _ in local.values()], [y for _, y in local.values()]
        boxes.append((local, min(xs), min(ys), max(xs) - min(xs) + CELL[0], max(ys) - min(ys) + CELL[1]))
    area = sum(width * height for *_, width, height in boxes)
    row_width = max([math.sqrt(area * 1.4), *(width for *_, width, _ in boxes)], default=CELL[0])

    positions: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for local, left, top, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (nx_, ny_) in local.items():
            positions[node] = (round(x + nx_ - left + CELL[0] / 2, 1), round(y + ny_ - top + CELL[1] / 2, 1))
        x += width
        row_height = max(row_height, height)
    width = round(max(row_width, CELL[0]), 1)
    size = (width, round(max(y + row_height, CELL[1]), 1))
    return [(round(width - x, 1), y) for x, y in (positions[i] for i in range(len(index)))], size


def _curve(
    start: tuple[float, float], end: tuple[float, float], bend: float, r_start: float, r_end: float
) -> list[float]:
    """A quadratic curve from circle to circle: ``[x1, y1, cx, cy, x2, y2]``, bowed sideways by ``bend``."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    cx, cy = (x1 + x2) / 2 - dy / length * bend, (y1 + y2) / 2 + dx / length * bend

    def towards(x: float, y: float, r: float) -> tuple[float, float]:
        ux, uy = cx - x, cy - y
        norm = math.hypot(ux, uy) or 1.0
        return x + ux / norm * r, y + uy / norm * r

    (sx, sy), (ex, ey) = towards(x1, y1, r_start + 1), towards(x2, y2, r_end + 2)
    return [round(value, 1) for value in (sx, sy, cx, cy, ex, ey)]


def _node_records(graph: nx.Graph, positions: list[tuple[float, float]]) -> list[dict[str, Any]]:
    mentions = [_count(data.get("mentions"), 1) for _, data in graph.nodes(data=True)]
    most = max(mentions, default=1) or 1
    major = set(sorted(range(len(mentions)), key=lambda i: -mentions[i])[:LABELLED_NODES])
    nodes = []
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        name = _text(data.get("name")) or _text(node)
        label = _text(data.get("label"))
        nodes.append(
            {
                "id": _text(node),
                "name": name,
                "label": label if label in LABEL_STYLES else "",
                "aliases": _texts(data.get("aliases")) or [name],
                "mentions": mentions[i],
                "documents": _texts(data.get("documents")),
                "x": positions[i][0],
                "y": positions[i][1],
                "r": round(6 + 16 * math.sqrt(mentions[i] / most), 1),
                "minor": i not in major,
            }
        )
    return nodes


def _bend(order: int, forwards: bool) -> float:
    """How far the ``order``-th edge between two nodes bows out: 0, +28, -28, +56, ..."""
    if order == 0:
        return 0.0
    side = 1 if order % 2 else -1
    return 28.0 * ((order + 1) // 2) * side * (1 if forwards else -1)


def _edge_records(graph: nx.Graph, positions: list[tuple[float, float]], radii: list[float]) -> list[dict[str, Any]]:
    index = {node: i for i, node in enumerate(graph)}
    triples = graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
    siblings: dict[tuple[int, int], int] = {}
    edges = []
    for u, v, *rest in triples:
        key, data = (rest[0], rest[1]) if len(rest) == 2 else (None, rest[0])
        source, target = index[u], index[v]
        edge_type = _text(data.get("type")) or _text(key) or "RELATED"
        pair = (min(source, target), max(source, target))
        order = siblings[pair] = siblings.get(pair, -1) + 1
        (x, y), r = positions[source], radii[source]
        if source == target:
            path = _curve((x, y), (x + 1, y - 40), 40 + 20 * order, r, 0)
        else:
            path = _curve((x, y), positions[target], _bend(order, source <= target), r, radii[target])
        weight = _count(data.get("weight"), 1)
        edges.append(
            {
                "source": source,
                "target": target,
                "type": edge_type,
                "directed": _flag(data.get("directed"), edge_type not in SYMMETRIC_RELATIONS),
                "weight": weight,
                **{name: _texts(data.get(name)) for name in _EDGE_LISTS},
                "path": path,
                "width": round(min(6.0, 1.6 + 1.2 * math.log2(max(1, weight))), 2),
            }
        )
    return edges


def graph_data(graph: nx.Graph, *, seed: int = 7) -> dict[str, Any]:
    """The JSON-ready description of ``graph`` that :func:`render_graph_html` embeds.

    ``{"width", "height", "labels", "edge_types", "nodes", "edges"}``: ``nodes`` in graph order, each
    with ``id``, ``name``, ``label`` (``""`` if not one of PER/LOC/ORG/MISC), ``aliases``,
    ``mentions``, ``documents``, position ``x``/``y``, radius ``r`` and ``minor`` (name hidden until
    zoomed in); ``edges`` with ``source``/``target`` (indexes into ``nodes``), ``type``,
    ``directed``, ``weight``, ``evidence``, ``documents``, ``triggers``, ``places``, ``dates``,
    ``rules``, the drawn ``path`` (``[x1, y1, cx, cy, x2, y2]``, a quadratic curve) and line
    ``width``. Missing or oddly typed attributes (a GraphML file from another tool) get defaults.
    Raises :class:`~entities.errors.GraphFormatError` if ``graph`` is not a networkx graph.
    """
    if not isinstance(graph, nx.Graph):
        raise GraphFormatError(f"a networkx graph is needed to draw it, not {type(graph).__name__}")
    positions, (width, height) = _layout(graph, seed)
    nodes = _node_records(graph, positions)
    edges = _edge_records(graph, positions, [node["r"] for node in nodes])
    return {
        "width": width,
        "height": height,
        "labels": LABEL_STYLES,
        "edge_types": EDGE_STYLES,
        "nodes": nodes,
        "edges": edges,
    }


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element (nothing can close it early)."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return _UNSAFE_IN_SCRIPT.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def encodable(markup: str) -> str:
    """``markup`` with lone surrogates (which UTF-8 cannot encode) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", markup)


def render_graph_html(graph: nx.Graph, *, title: str = "entities graph", seed: int = 7) -> str:
    """One self-contained HTML page that draws ``graph`` (as from :func:`entities.build_graph`).

    The result is deterministic for a given graph and ``seed``. Raises
    :class:`~entities.errors.GraphFormatError` if ``graph`` is not a networkx graph.
    """
    values = {"TITLE": html.escape(title), "DATA": script_json(graph_data(graph, seed=seed))}
    return encodable(_PLACEHOLDER.sub(lambda match: values[match.group(1)], _template()))


def write_html(markup: str, path: str | os.PathLike[str]) -> None:
    """Write an HTML page as UTF-8 (raises ``OSError`` if the file cannot be written)."""
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(encodable(markup))


def write_graph_html(graph: nx.Graph, path: str | os.PathLike[str], *, title: str | None = None) -> None:
    """Write :func:`render_graph_html` of ``graph`` to ``path``.

    ``title`` defaults to the file name. Raises :class:`~entities.errors.GraphFormatError` if
    ``graph`` is not a networkx graph or the file cannot be written.
    """
    markup = render_graph_html(graph, title=title if title is not None else os.path.basename(os.fspath(path)))
    try:
        write_html(markup, path)
    except OSError as err:
        raise GraphFormatError(f"cannot write {os.fspath(path)}: {err.strerror or err}") from err
