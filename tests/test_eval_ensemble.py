"""training/eval_ensemble.py: averaging the CRF scores of taggers, checked on the shipped model."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from entities.models import resolve_model
from entities.tokenize import split_sentences

TRAINING = Path(__file__).resolve().parents[1] / "training"


def _load():
    spec = importlib.util.spec_from_file_location("eval_ensemble", TRAINING / "eval_ensemble.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_model_ensembled_with_itself_tags_as_the_model_alone(pipeline, seed_text):
    model_dir = resolve_model(None).model_dir
    ensemble = _load().EnsembleTagger([model_dir, model_dir], [0.3, 0.7])
    sentences = split_sentences(seed_text)
    alone = pipeline.tagger.tag(sentences)
    assert alone  # the seed article names people and places
    assert ensemble.tag(sentences) == alone
