"""GraphML files that read back to exactly the graph that was written.

:func:`write_graphml` writes with ``networkx.write_graphml`` and :func:`read_graphml` reads with
``networkx.read_graphml``, so the files are ordinary GraphML that Gephi, yEd, Cytoscape or plain
networkx open directly. GraphML data values can only be scalars, so values are encoded as follows.

Encoding
    An attribute is *JSON-encoded* within a scope (``graph``, ``node`` or ``edge``) when any of its
    values in that scope is anything other than an exact ``str``, ``int``, ``float`` or ``bool``
    (a list, a dict, ``None``, ...), or is a string containing a carriage return (which XML text
    does not preserve). Every value of a JSON-encoded attribute, in that scope, is then written as
    a string: ``None`` as the empty string ``""``, anything else as ``json.dumps(value,
    ensure_ascii=False)`` (so a list of names stays readable: ``["سيرغي لافروف", "لافروف"]``).
    Other attributes are written as native GraphML ``string``/``int``/``double``/``boolean`` data.

    The file records this in one graph attribute, ``entities_graphml``, itself a JSON object::

        {"version": 1, "json": ["edge:evidence", "node:aliases", ...],
         "multigraph": true, "node_ids": "str", "edge_keys": "str"}

    ``json`` lists the JSON-encoded attributes as ``"scope:name"``; ``node_ids`` and ``edge_keys``
    (``"str"`` or ``"int"``, ``edge_keys`` is ``null`` for graphs without keys) say how to turn the
    GraphML ids back into node ids and edge keys, and ``multigraph`` what kind of graph to return.
    Plain ``networkx.read_graphml`` sees the JSON text as strings and this attribute as one more
    graph attribute; :func:`read_graphml` decodes everything and removes it. Files without it are
    read exactly as ``networkx.read_graphml`` reads them.

What round-trips
    Node ids must be all ``str`` or all ``int``, edge keys likewise (and non-empty), attribute
    names ``str``. JSON-encoded values come back as JSON gives them back: tuples as lists, dict keys
    as strings; a value JSON cannot encode (a set, an object) is refused. Characters XML 1.0
    forbids (control characters other than tab, newline and carriage return, U+FFFE, U+FFFF and
    lone surrogates) are replaced by U+FFFD in every string, ids, keys and names included, before
    writing; apart from that, ``read_graphml`` of a written graph equals the graph: same class,
    nodes, edges with their keys, and attributes. The graph attributes ``id`` and
    ``entities_graphml`` are reserved, and ``node_default``/``edge_default`` must be empty (networkx
    gives them special meanings).

Writing is atomic: the file is written to a temporary file in the target's directory and moved
into place with ``os.replace``; if anything fails, the temporary file is removed and an existing
target is left untouched.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from contextlib import suppress
from typing import IO, Any

import networkx as nx

from .errors import GraphFormatError, InvalidInputError

PathOrFile = str | os.PathLike[str] | IO[bytes]

_META = "entities_graphml"
_VERSION = 1
_NATIVE_TYPES = (str, int, float, bool)
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_GRAPH_CLASSES: dict[tuple[bool, bool], type[nx.Graph]] = {
    (False, False): nx.Graph,
    (True, False): nx.DiGraph,
    (False, True): nx.MultiGraph,
    (True, True): nx.MultiDiGraph,
}


def _xml_safe(value: Any) -> Any:
    """``value`` with every string in it, however deep, stripped of characters XML 1.0 forbids."""
    if isinstance(value, str):
        return _XML_FORBIDDEN.sub("\ufffd", value)
    if isinstance(value, list | tuple):
        return [_xml_safe(item) for item in value]
    if isinstance(value, dict):
        return {_xml_safe(key): _xml_safe(item) for key, item in value.items()}
    return value


def _is_native(value: Any) -> bool:
    return type(value) in _NATIVE_TYPES and not (isinstance(value, str) and "\r" in value)


def _id_type(values: Iterable[Any], what: str) -> str:
    kinds = {type(value) for value in values}
    if kinds <= {str}:
        return "str"
    if kinds == {int}:
        return "int"
    names = ", ".join(sorted(kind.__name__ for kind in kinds))
    raise GraphFormatError(f"{what} must be all str or all int to be written as GraphML, not {names}")


def _json_attributes(scope: str, records: Iterable[dict[Any, Any]]) -> set[str]:
    encoded = set()
    for data in records:
        for name, value in data.items():
            if not isinstance(name, str):
                raise GraphFormatError(f"{scope} attribute names must be str, not {type(name).__name__} ({name!r})")
            if not _is_native(value):
                encoded.add(name)
    return encoded


class _Encoder:
    """Turns a graph into one that ``networkx.write_graphml`` writes losslessly."""

    def __init__(self, graph: nx.Graph) -> None:
        self.graph = graph
        self.json: dict[str, set[str]] = {
            "graph": _json_attributes("graph", [graph.graph]),
            "node": _json_attributes("node", (data for _, data in graph.nodes(data=True))),
            "edge": _json_attributes("edge", (data for *_, data in graph.edges(data=True))),
        }

    def attributes(self, scope: str, data: dict[str, Any], owner: str) -> dict[str, Any]:
        encoded: dict[str, Any] = {}
        for name, value in data.items():
            safe_name = _xml_safe(name)
            if safe_name in encoded:
                raise GraphFormatError(f"{owner} has two attributes that both read {safe_name!r} in XML")
            if name not in self.json[scope]:
                encoded[safe_name] = _xml_safe(value)
            elif value is None:
                encoded[safe_name] = ""
            else:
                try:
                    encoded[safe_name] = json.dumps(_xml_safe(value), ensure_ascii=False)
                except (TypeError, ValueError) as err:
                    raise GraphFormatError(f"cannot write {scope} attribute {name!r} of {owner}: {err}") from err
        return encoded

    def encode(self) -> nx.Graph:
        graph = self.graph
        reserved = {"id", _META} & set(graph.graph)
        if reserved:
            raise GraphFormatError(f"graph attribute {sorted(reserved)[0]!r} is reserved and cannot be written")
        graph_data = dict(graph.graph)
        for special in ("node_default", "edge_default"):
            if graph_data.pop(special, None):
                raise GraphFormatError(f"graph attribute {special!r} is not supported (networkx reads it specially)")
        self.json["graph"] -= {"node_default", "edge_default"}

        multigraph = graph.is_multigraph()
        meta = {
            "version": _VERSION,
            "json": sorted(f"{scope}:{name}" for scope, names in self.json.items() for name in names),
            "multigraph": multigraph,
            "node_ids": _id_type(graph, "node ids"),
            "edge_keys": _id_type((key for *_, key in graph.edges(keys=True)), "edge keys") if multigraph else None,
        }
        out = _GRAPH_CLASSES[graph.is_directed(), multigraph]()
        node_ids = {node: _xml_safe(node) for node in graph}
        if len(set(node_ids.values())) < len(node_ids):
            raise GraphFormatError("two node ids become the same once characters XML forbids are replaced")
        out.add_nodes_from(
            (node_ids[node], self.attributes("node", data, f"node {node!r}")) for node, data in graph.nodes(data=True)
        )
        if multigraph:
            for u, v, key, data in graph.edges(keys=True, data=True):
                safe_key = _xml_safe(key)
                if safe_key == "" or out.has_edge(node_ids[u], node_ids[v], safe_key):
                    raise GraphFormatError(f"edge key {key!r} of edge {u!r}-{v!r} is empty or not unique in XML")
                out.add_edges_from(
                    [(node_ids[u], node_ids[v], safe_key, self.attributes("edge", data, f"edge {key!r}"))]
                )
        else:
            for u, v, data in graph.edges(data=True):
                out.add_edges_from([(node_ids[u], node_ids[v], self.attributes("edge", data, f"edge {u!r}-{v!r}"))])

        out.graph.update(self.attributes("graph", graph_data, "the graph"))
        out.graph[_META] = json.dumps(meta, ensure_ascii=False)
        return out


def _serialise(graph: nx.Graph, handle: IO[bytes]) -> None:
    try:
        nx.write_graphml(graph, handle)
    except (nx.NetworkXError, TypeError, ValueError) as err:
        raise GraphFormatError(f"cannot write the graph as GraphML: {err}") from err


def _write_atomically(graph: nx.Graph, path: str) -> None:
    target = os.path.realpath(path)
    directory, name = os.path.split(target)
    temporary = os.path.join(directory, f".{name}.{uuid.uuid4().hex}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as err:
        raise GraphFormatError(f"cannot write {path}: {err}") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            _serialise(graph, handle)
            handle.flush()
            os.fsync(handle.fileno())
        with suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temporary, target)
    except BaseException as err:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            raise GraphFormatError(f"cannot write {path}: {err}") from err
        raise


def write_graphml(graph: nx.Graph, path: PathOrFile) -> None:
    """Write ``graph`` (any networkx graph, e.g. from :func:`entities.build_graph`) as GraphML.

    ``path`` is a file name (``str`` or ``os.PathLike``), written atomically, or a binary file
    object, written in one call once the whole file is ready. See the module documentation for how
    values are encoded. Raises :class:`~entities.errors.GraphFormatError` if ``graph`` is not a
    networkx graph, cannot be encoded, or the file cannot be written.
    """
    if not isinstance(graph, nx.Graph):
        raise GraphFormatError(f"write_graphml takes a networkx graph, not {type(graph).__name__}")
    encoded = _Encoder(graph).encode()
    if isinstance(path, str | os.PathLike):
        _write_atomically(encoded, os.fsdecode(path))
    elif hasattr(path, "write"):
        buffer = io.BytesIO()
        _serialise(encoded, buffer)
        try:
            path.write(buffer.getvalue())
        except TypeError as err:
            raise InvalidInputError("write_graphml needs a file opened in binary mode ('wb')") from err
    else:
        raise InvalidInputError(f"path must be a file name or a binary file, not {type(path).__name__}")


def _read_bytes(path: PathOrFile) -> tuple[bytes, str]:
    if isinstance(path, str | os.PathLike):
        name = os.fsdecode(path)
        try:
            with open(name, "rb") as handle:
                return handle.read(), name
        except OSError as err:
            raise GraphFormatError(f"cannot read {name}: {err}") from err
    if hasattr(path, "read"):
        name = str(getattr(path, "name", "the file"))
        data = path.read()
        if not isinstance(data, bytes):
            raise InvalidInputError("read_graphml needs a file opened in binary mode ('rb')")
        return data, name
    raise InvalidInputError(f"path must be a file name or a binary file, not {type(path).__name__}")


def _parse(data: bytes, name: str, **options: Any) -> nx.Graph:
    try:
        return nx.read_graphml(io.BytesIO(data), **options)
    except (ElementTree.ParseError, nx.NetworkXError, KeyError, TypeError, ValueError) as err:
        raise GraphFormatError(f"{name} is not a readable GraphML file: {err}") from err


def _metadata(raw: nx.Graph, name: str) -> dict[str, Any]:
    try:
        meta = json.loads(raw.graph.pop(_META))
        valid = (
            isinstance(meta, dict)
            and meta.get("version") == _VERSION
            and isinstance(meta.get("json"), list)
            and all(isinstance(item, str) and ":" in item for item in meta["json"])
            and isinstance(meta.get("multigraph"), bool)
            and meta.get("node_ids") in ("str", "int")
            and meta.get("edge_keys") in ("str", "int", None)
        )
    except (TypeError, ValueError):
        valid = False
    if not valid:
        raise GraphFormatError(f"{name}: graph attribute {_META!r} is not a valid description of the encoding")
    return dict(meta)


class _Decoder:
    """Undoes :class:`_Encoder` on a graph as ``networkx.read_graphml`` returns it."""

    def __init__(self, meta: dict[str, Any], name: str) -> None:
        self.name = name
        self.meta = meta
        self.json = {tuple(item.split(":", 1)) for item in meta["json"]}

    def identifier(self, value: str, kind: str) -> str | int:
        if kind == "str":
            return value
        try:
            return int(value)
        except ValueError as err:
            raise GraphFormatError(f"{self.name}: id {value!r} should be an int") from err

    def attributes(self, scope: str, data: dict[str, Any]) -> dict[str, Any]:
        decoded = dict(data)
        for name, value in data.items():
            if (scope, name) not in self.json:
                continue
            if not isinstance(value, str):
                raise GraphFormatError(f"{self.name}: {scope} attribute {name!r} should hold JSON text")
            try:
                decoded[name] = None if value == "" else json.loads(value)
            except ValueError as err:
                raise GraphFormatError(f"{self.name}: {scope} attribute {name!r} is not valid JSON: {err}") from err
        return decoded

    def decode(self, raw: nx.Graph) -> nx.Graph:
        multigraph = self.meta["multigraph"]
        graph = _GRAPH_CLASSES[raw.is_directed(), multigraph]()
        graph_data = {k: v for k, v in raw.graph.items() if k not in ("node_default", "edge_default") or v}
        graph.graph.update(self.attributes("graph", graph_data))
        node_kind = self.meta["node_ids"]
        graph.add_nodes_from(
            (self.identifier(node, node_kind), self.attributes("node", data)) for node, data in raw.nodes(data=True)
        )
        for u, v, key, data in raw.edges(keys=True, data=True):
            ends = (self.identifier(u, node_kind), self.identifier(v, node_kind))
            attributes = self.attributes("edge", data)
            if multigraph:
                graph.add_edges_from([(*ends, self.identifier(str(key), self.meta["edge_keys"] or "str"), attributes)])
            else:
                graph.add_edges_from([(*ends, attributes)])
        return graph


def read_graphml(path: PathOrFile) -> nx.Graph:
    """Read a GraphML file; one written by :func:`write_graphml` comes back exactly as written.

    ``path`` is a file name (``str`` or ``os.PathLike``) or a binary file object. A file that
    :func:`write_graphml` did not write is read as ``networkx.read_graphml`` reads it. Raises
    :class:`~entities.errors.GraphFormatError` if the file cannot be read or is not valid GraphML.
    """
    data, name = _read_bytes(path)
    raw = _parse(data, name, node_type=str, edge_key_type=str, force_multigraph=True)
    if _META not in raw.graph:
        return _parse(data, name)
    return _Decoder(_metadata(raw, name), name).decode(raw)
