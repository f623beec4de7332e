"""Give word2vec vectors fastText's reach: unseen words get n-gram vectors mapped into word2vec's space.

    python training/map_subwords.py --fasttext work/ft130/fasttext.model --pretrain work/vectors130/pretrain.pt \
        --vocab-from ../shared/data/anercorp/train.txt ../shared/data/aqmar/train.txt --out work/w2vsub

A word2vec model has no vector for a word it never saw; fastText builds one from the word's character
n-grams, but its vectors for the words it did see suit the tagger less than word2vec's (measured: see the
model card). This script keeps word2vec's vocabulary and vectors and fits a linear map (least squares, with
a bias) from the fastText n-gram vector of each of its words (the vector fastText would give it if unseen)
to its word2vec vector. It writes:

- ``pretrain.pt``: word2vec's words and vectors, then every word of the ``--vocab-from`` files that
  word2vec lacks, with its mapped n-gram vector, so that the tagger trains on what it will see;
- ``subwords.pt``: the n-gram table with the map applied to every row (the map is linear and the rows'
  weights sum to one, so the mean of mapped rows is the mapped mean), which ``entities`` uses for words
  unseen at tagging time.

The fit is checked on 5,000 words left out of it (mean cosine printed). Needs gensim.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch
from stanza.models.common.vocab import VOCAB_PREFIX_SIZE  # padding, unknown, ... come before the words

from entities.subwords import SUBWORDS_FILE, SubwordVectors
from train_vectors import words_not_in  # same folder; run from the project root as shown above

HELD_OUT = 5000


def fit_map(ngram_vectors: np.ndarray, targets: np.ndarray, held_out: int, seed: int = 0) -> tuple[np.ndarray, float]:
    """Least-squares map (the last row is the bias) and the mean cosine on ``held_out`` words left out."""
    order = np.random.default_rng(seed).permutation(len(targets))
    test, train = order[:held_out], order[held_out:]
    inputs = np.hstack([ngram_vectors, np.ones((len(ngram_vectors), 1), dtype=ngram_vectors.dtype)])
    weights, *_ = np.linalg.lstsq(inputs[train], targets[train], rcond=None)
    predicted, actual = inputs[test] @ weights, targets[test]
    cosine = (predicted * actual).sum(1) / (np.linalg.norm(predicted, axis=1) * np.linalg.norm(actual, axis=1))
    return weights, float(cosine.mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fasttext", type=Path, required=True, help="fasttext.model from train_vectors.py --fasttext")
    parser.add_argument("--pretrain", type=Path, required=True, help="word2vec pretrain.pt from train_vectors.py")
    parser.add_argument("--vocab-from", type=Path, nargs="*", default=[], help="token files (CoNLL): words to add")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    from gensim.models import FastText

    fasttext = FastText.load(str(args.fasttext))
    ngrams = SubwordVectors(fasttext.wv.vectors_ngrams, fasttext.wv.min_n, fasttext.wv.max_n)
    pretrain = torch.load(args.pretrain, map_location="cpu", weights_only=True)
    vocab = pretrain["vocab"]
    words = list(vocab["_id2unit"])
    vectors = torch.as_tensor(pretrain["emb"]).float().numpy()
    inputs = np.stack([ngrams.vector(w) for w in words[VOCAB_PREFIX_SIZE:]])
    weights, cosine = fit_map(inputs, vectors[VOCAB_PREFIX_SIZE:], HELD_OUT)
    print(f"map fitted on {len(inputs) - HELD_OUT} words; mean cosine on {HELD_OUT} left out: {cosine:.3f}")

    mapped = SubwordVectors(
        (ngrams.table @ weights[:-1] + weights[-1]).astype(np.float16),
        ngrams.min_n,
        ngrams.max_n,
        corpus_words=len(words) - VOCAB_PREFIX_SIZE,
    )
    added = words_not_in(set(words), args.vocab_from)
    extra = np.stack([mapped.vector(w) for w in added]) if added else np.zeros((0, vectors.shape[1]))
    words += added
    vocab["_id2unit"] = words
    vocab["_unit2id"] = {w: i for i, w in enumerate(words)}
    stored = torch.as_tensor(pretrain["emb"])
    emb = torch.cat([stored, torch.from_numpy(extra).to(stored.dtype)])
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save({"vocab": vocab, "emb": emb}, args.out / "pretrain.pt", _use_new_zipfile_serialization=False)
    mapped.save(args.out / SUBWORDS_FILE)
    count = len(words) - VOCAB_PREFIX_SIZE
    print(f"{args.out}: {count} words ({len(added)} added from files), {len(mapped.table)} n-gram rows")


if __name__ == "__main__":
    main()
