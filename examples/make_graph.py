"""Turn the example texts into one who-met-whom graph, through the Python API.

    python examples/make_graph.py [OUT.graphml]

The command line does the same: ``entities extract examples/texts --graphml OUT.graphml``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import entities

HERE = Path(__file__).resolve().parent


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "examples.graphml"
    pipeline = entities.load()
    files = sorted((HERE / "texts").glob("*.txt"))
    documents = list(pipeline.pipe((f.read_text("utf-8"), f.name) for f in files))
    for document in documents:
        print(f"{document.id}: {len(document.entities)} entities, {len(document.relations)} relations")
        for relation in document.relations:
            source, target = document.entity(relation.source).name, document.entity(relation.target).name
            print(f"  {relation.type:<8}{source} — {target}   «{relation.trigger.text}»")
    graph = entities.build_graph(documents)
    entities.write_graphml(graph, out)
    print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> {out}")


if __name__ == "__main__":
    main()
