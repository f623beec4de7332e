"""training/train_ner.py: a second stage with settings of its own (learning rate, frozen corrections)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import torch

from training_scripts import TRAINING, load_training_script


def test_with_settings_rewrites_only_the_settings_given(tmp_path):
    with_settings = load_training_script("train_ner").with_settings
    source = tmp_path / "ner.pt"
    weights = torch.arange(6, dtype=torch.float32)
    torch.save({"config": {"lr": 0.1, "emb_finetune": True, "hidden_dim": 256}, "model": {"w": weights}}, source)
    copy = with_settings(source, {"lr": 0.02, "emb_finetune": False}, tmp_path / "init.pt")
    state = torch.load(copy, weights_only=True)
    assert state["config"] == {"lr": 0.02, "emb_finetune": False, "hidden_dim": 256}
    assert torch.equal(state["model"]["w"], weights)
    assert torch.load(source, weights_only=True)["config"]["lr"] == 0.1  # the starting model is left as it was


def test_with_settings_refuses_a_file_that_is_not_a_tagger(tmp_path):
    with_settings = load_training_script("train_ner").with_settings
    source = tmp_path / "vectors.pt"
    torch.save({"emb": torch.zeros(2, 2)}, source)
    with pytest.raises(SystemExit, match="not a Stanza NER checkpoint"):
        with_settings(source, {"lr": 0.02}, tmp_path / "init.pt")


def _train_ner(folder, *options: str) -> subprocess.CompletedProcess[str]:
    """train_ner.py on an empty folder with ``options``: for arguments it must refuse before training."""
    command = [sys.executable, str(TRAINING / "train_ner.py"), "--data", str(folder), "--pretrain", "p.pt"]
    return subprocess.run([*command, "--out", str(folder / "m"), *options], capture_output=True, text=True)


def test_frozen_corrections_without_a_tagger_to_start_from_are_refused(tmp_path):
    refused = _train_ner(tmp_path, "--freeze-corrections")
    assert refused.returncode == 2 and "--freeze-corrections needs --init" in refused.stderr
    assert not (tmp_path / "m").exists()  # refused before anything is written


def test_delta_min_count_leaves_rare_words_out_of_the_corrections(monkeypatch):
    from stanza.models.ner import data

    monkeypatch.setattr(data, "WordVocab", data.WordVocab)  # put back after the test
    sentences = [[("موسكو", "B-LOC"), ("بيونغ", "B-LOC")], [("موسكو", "B-LOC"), ("زار", "O"), ("موسكو", "B-LOC")]]
    every = data.WordVocab(sentences, "ar", cutoff=1)
    load_training_script("stanza_ner").with_delta_min_count(2)
    floored = data.WordVocab(sentences, "ar", cutoff=1)  # the call Stanza's loader makes, cutoff and all
    assert {"موسكو", "بيونغ", "زار"} <= set(every._id2unit)
    assert "موسكو" in floored._id2unit and not {"بيونغ", "زار"} & set(floored._id2unit)


def test_min_word_count_below_one_is_refused(tmp_path):
    refused = _train_ner(tmp_path, "--min-word-count", "0")
    assert refused.returncode == 2 and "--min-word-count must be at least 1" in refused.stderr


def test_threads_below_one_are_refused(tmp_path):
    refused = _train_ner(tmp_path, "--threads", "0")
    assert refused.returncode == 2 and "--threads must be at least 1" in refused.stderr


def test_stopping_the_script_stops_the_trainer_it_started(tmp_path):
    """A plain ``kill`` of train_ner.py must not leave Stanza's trainer running on alone."""
    trainer = "import os, sys, time; print(os.getpid(), os.environ.get('OMP_NUM_THREADS'), flush=True); time.sleep(60)"
    script = tmp_path / "run.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(TRAINING)!r})\n"
        "from train_ner import run_trainer\n"
        f"run_trainer([sys.executable, '-c', {trainer!r}], threads=1)\n"
    )
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pid, threads = parent.stdout.readline().split()
    assert threads == "1"  # the thread count reaches the trainer
    parent.terminate()
    assert parent.wait(timeout=30) == 128 + 15
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid), 0)
