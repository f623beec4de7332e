"""The one exception family for everything a caller can cause."""

from __future__ import annotations


class EntitiesError(Exception):
    """Base class of every error `entities` raises on purpose."""


class InvalidInputError(EntitiesError, TypeError):
    """The input is not what the function takes (for example, text that is not a ``str``)."""


class ModelNotFoundError(EntitiesError, FileNotFoundError):
    """The NER model directory, or a file in it, does not exist."""


class ModelLoadError(EntitiesError):
    """The model files exist but cannot be loaded (corrupt, or made by an incompatible Stanza)."""


class GraphFormatError(EntitiesError, ValueError):
    """A graph cannot be written or read in the requested format."""
