"""training/map_subwords.py: the map from fastText n-gram vectors into word2vec's space."""

from __future__ import annotations

import numpy as np

from training_scripts import load_training_script


def test_fit_recovers_a_linear_map_with_bias_and_scores_words_left_out():
    fit_map = load_training_script("map_subwords").fit_map
    rng = np.random.default_rng(5)
    inputs = rng.normal(size=(3000, 20))
    true = rng.normal(size=(20, 12))
    bias = rng.normal(size=12)
    weights, cosine = fit_map(inputs, inputs @ true + bias, held_out=500)
    assert np.allclose(weights[:-1], true, atol=1e-6) and np.allclose(weights[-1], bias, atol=1e-6)
    assert cosine > 0.999
    _, noisy = fit_map(inputs, rng.normal(size=(3000, 12)), held_out=500)  # nothing to map: cosine near 0
    assert abs(noisy) < 0.2
