"""Where NER models live, and how a ``model`` argument names one.

``model`` may be ``None`` (the model shipped with entities), a path to a model directory written by
``training/train_ner.py``, or ``"stanza"`` / ``"stanza:/path/to/stanza_resources"`` for Stanza's own
Arabic models, already downloaded by the user (nothing is ever downloaded here).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InvalidInputError, ModelNotFoundError

#: Name of the shipped model's folder, under ``models/`` in a checkout and ``entities/_model`` in a wheel.
SHIPPED_MODEL = "ar-ner"
_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ModelChoice:
    """A resolved ``model`` argument: our own model directory, or a Stanza resources directory."""

    model_dir: Path | None = None
    stanza_dir: Path | None = None


def shipped_model_dir() -> Path:
    """The default model: $ENTITIES_MODEL if set, else the one installed with the package.

    A relative $ENTITIES_MODEL is read against the current directory and returned absolute, so that the
    path still names the model after a change of directory or from a link made elsewhere.
    """
    override = os.environ.get("ENTITIES_MODEL")
    if override:
        return Path(override).expanduser().resolve()
    for candidate in (_PACKAGE_DIR / "_model", _PACKAGE_DIR.parent.parent / "models" / SHIPPED_MODEL):
        if candidate.is_dir():
            return candidate
    raise ModelNotFoundError(
        "the model shipped with entities is missing: reinstall the package, or pass "
        "entities.load(model='path/to/model') (see models/README.md)"
    )


def resolve_model(model: str | os.PathLike[str] | None) -> ModelChoice:
    if model is None:
        return ModelChoice(model_dir=shipped_model_dir())
    if isinstance(model, str) and (model == "stanza" or model.startswith("stanza:")):
        _, _, where = model.partition(":")
        default = os.environ.get("STANZA_RESOURCES_DIR", str(Path.home() / "stanza_resources"))
        return ModelChoice(stanza_dir=Path(where or default))
    if isinstance(model, (str, os.PathLike)):
        return ModelChoice(model_dir=Path(model))
    raise InvalidInputError(f"model must be None, a model directory path or 'stanza[:DIR]', not {type(model).__name__}")
