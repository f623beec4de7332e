"""training/train_ner.py: a second stage at a learning rate of its own."""

from __future__ import annotations

import pytest
import torch

from training_scripts import load_training_script


def test_with_learning_rate_rewrites_only_the_rate(tmp_path):
    with_learning_rate = load_training_script("train_ner").with_learning_rate
    source = tmp_path / "ner.pt"
    weights = torch.arange(6, dtype=torch.float32)
    torch.save({"config": {"lr": 0.1, "hidden_dim": 256}, "model": {"w": weights}}, source)
    copy = with_learning_rate(source, 0.02, tmp_path / "init.pt")
    state = torch.load(copy, weights_only=True)
    assert state["config"] == {"lr": 0.02, "hidden_dim": 256}
    assert torch.equal(state["model"]["w"], weights)
    assert torch.load(source, weights_only=True)["config"]["lr"] == 0.1  # the starting model is left as it was


def test_with_learning_rate_refuses_a_file_that_is_not_a_tagger(tmp_path):
    with_learning_rate = load_training_script("train_ner").with_learning_rate
    source = tmp_path / "vectors.pt"
    torch.save({"emb": torch.zeros(2, 2)}, source)
    with pytest.raises(SystemExit, match="not a Stanza NER checkpoint"):
        with_learning_rate(source, 0.02, tmp_path / "init.pt")
