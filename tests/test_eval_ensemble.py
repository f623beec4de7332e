"""training/eval_ensemble.py: averaging the CRF scores of taggers, checked on the shipped model."""

from __future__ import annotations

from entities.models import resolve_model
from entities.tokenize import split_sentences
from training_scripts import load_training_script


def test_a_model_ensembled_with_itself_tags_as_the_model_alone(pipeline, seed_text):
    model_dir = resolve_model(None).model_dir
    ensemble = load_training_script("eval_ensemble").EnsembleTagger([model_dir, model_dir], [0.3, 0.7])
    sentences = split_sentences(seed_text)
    alone = pipeline.tagger.tag(sentences)
    assert alone  # the seed article names people and places
    assert ensemble.tag(sentences) == alone
