"""training/compare_models.py: a model against a baseline, with a bootstrap interval, from the command line."""

from __future__ import annotations

import subprocess
import sys

from entities.models import shipped_model_dir
from training_scripts import TRAINING

GOLD = "استقبل O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n. O\n\n"


def test_the_shipped_model_against_itself_differs_by_nothing(tmp_path):
    gold = tmp_path / "gold.txt"
    gold.write_text(GOLD * 5, "utf-8")
    model = str(shipped_model_dir())
    command = [sys.executable, str(TRAINING / "compare_models.py"), model, model, "--conll", str(gold)]
    done = subprocess.run([*command, "--tagger-only"], capture_output=True, text=True, check=True)
    assert "(5 sentences;" in done.stdout
    assert done.stdout.rstrip().endswith("+0.00  [ +0.00,  +0.00]")
    refused = subprocess.run([*command[:3], "--conll", str(gold)], capture_output=True, text=True)
    assert refused.returncode != 0 and "at least one model" in refused.stderr
    missing = subprocess.run([*command[:-1], str(tmp_path / "none.txt")], capture_output=True, text=True)
    assert missing.returncode != 0 and "no such file" in missing.stderr
