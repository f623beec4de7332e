"""entities: who and what is named in Arabic news, and who met whom.

>>> import entities
>>> doc = entities.extract("استقبل الرئيس ... ")
>>> graph = entities.build_graph([doc])
>>> entities.write_graphml(graph, "graph.graphml")
"""

from .errors import (
    EntitiesError,
    GraphFormatError,
    InvalidInputError,
    ModelLoadError,
    ModelNotFoundError,
)
from .graph import build_graph
from .graphml import read_graphml, write_graphml
from .pipeline import Pipeline, extract, load
from .schema import Document, Entity, Mention, Relation, Span

__all__ = [
    "Document",
    "EntitiesError",
    "Entity",
    "GraphFormatError",
    "InvalidInputError",
    "Mention",
    "ModelLoadError",
    "ModelNotFoundError",
    "Pipeline",
    "Relation",
    "Span",
    "build_graph",
    "extract",
    "load",
    "read_graphml",
    "write_graphml",
]

__version__ = "0.1.0"
