"""Shared fixtures. The NER model is loaded once per test session (it takes about a second)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "lavrov-kim-wonsan.ar.txt"


@pytest.fixture(scope="session")
def pipeline():
    import torch

    import entities

    torch.set_num_threads(1)
    return entities.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.fail(f"the acceptance article is missing: {SEED} (tests read it from ../shared)")
    return SEED.read_text("utf-8")


@pytest.fixture
def cli_uses_session_pipeline(monkeypatch, pipeline):
    """Make `entities.cli` reuse the session's pipeline instead of loading the model again."""
    from entities import cli

    monkeypatch.setattr(cli, "_load", lambda model: pipeline)
