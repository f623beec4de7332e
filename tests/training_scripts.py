"""Load a script of ``training/`` as a module, for the tests of its functions (it is no package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TRAINING = Path(__file__).resolve().parents[1] / "training"


def load_training_script(name: str) -> ModuleType:
    """``training/<name>.py`` as a module; its neighbours import as they do when the script is run."""
    sys.path.insert(0, str(TRAINING))
    try:
        spec = importlib.util.spec_from_file_location(name, TRAINING / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(TRAINING))
