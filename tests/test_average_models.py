"""training/average_models.py: one tagger weight by weight between a run and its continuation."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
import torch

import entities
from entities.models import shipped_model_dir
from training_scripts import TRAINING, load_training_script

TEXT = "استقبل الرئيس عبد الفتاح السيسي وزير الخارجية الروسي سيرغي لافروف في القاهرة."


@pytest.fixture(scope="module")
def shipped() -> dict:
    return torch.load(shipped_model_dir() / "ner.pt", map_location="cpu", weights_only=True)


def test_each_weight_is_the_weighted_mean_and_the_rest_is_the_first(shipped):
    average = load_training_script("average_models").average
    first, second = copy.deepcopy(shipped), copy.deepcopy(shipped)
    for name, value in second["model"].items():
        if torch.is_floating_point(value):
            second["model"][name] = value.float() + 1.0
    original = shipped["model"]
    result = average(first, second, 0.25)
    for name, value in result["model"].items():
        if torch.is_floating_point(value):
            expected = original[name] + 0.75 * torch.ones_like(original[name])
            assert torch.allclose(value.float(), expected.float(), atol=2e-3), name
        else:
            assert torch.equal(value, original[name])
    assert result["vocab"] == shipped["vocab"] and result["config"] == shipped["config"]


def test_taggers_of_different_runs_are_refused(shipped):
    average = load_training_script("average_models").average
    other = copy.deepcopy(shipped)
    other["vocab"]["delta"]["_id2unit"] = other["vocab"]["delta"]["_id2unit"][:-1]
    with pytest.raises(SystemExit, match="different vocabularies"):
        average(copy.deepcopy(shipped), other, 0.5)
    fewer = copy.deepcopy(shipped)
    del fewer["model"]["delta_emb.weight"]
    with pytest.raises(SystemExit, match="different layers"):
        average(copy.deepcopy(shipped), fewer, 0.5)
    with pytest.raises(SystemExit, match="between 0 and 1"):
        average(copy.deepcopy(shipped), copy.deepcopy(shipped), 1.5)


def test_command_writes_a_model_directory_the_library_loads(pipeline, tmp_path):
    out = tmp_path / "averaged"
    command = [sys.executable, str(TRAINING / "average_models.py"), str(shipped_model_dir()), str(shipped_model_dir())]
    done = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True, check=True)
    assert "0.5 of" in done.stdout and (out / "ner.pt").is_file()
    averaged = {(m.text, m.label, m.start) for m in entities.load(out)(TEXT).mentions}
    assert averaged == {(m.text, m.label, m.start) for m in pipeline(TEXT).mentions}
    assert {"سيرغي لافروف", "القاهرة"} <= {text for text, _, _ in averaged}
    refused = subprocess.run([*command, "--out", str(shipped_model_dir())], capture_output=True, text=True)
    assert refused.returncode != 0 and "another directory" in refused.stderr
    missing = subprocess.run([*command[:-1], str(tmp_path), "--out", str(out)], capture_output=True, text=True)
    assert missing.returncode != 0 and "no ner.pt" in missing.stderr
