"""Word vectors for words the tagger's vocabulary lacks, built from character n-grams (fastText's method).

A tagger trained with such vectors (fastText's own, from ``train_vectors.py --fasttext``, or mapped into a
word2vec model's space by ``training/map_subwords.py``) has, next to ``ner.pt``, the table of hashed n-gram
vectors (``subwords.pt``). A word outside the vocabulary (a transliterated name seen nowhere in the training
news, such as «وونسان») then gets the mean of the vectors of its character n-grams, as fastText computes
it, instead of the one vector shared by all unknown words.

The n-grams and their hash follow fastText exactly (the word wrapped in ``<`` and ``>``, every run of
``min_n`` to ``max_n`` characters, 32-bit FNV-1a over its UTF-8 bytes read as signed, modulo the table's
rows), so a table trained with gensim or fastText gives here the vector it gives there.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

#: File name of the n-gram table inside a model directory.
SUBWORDS_FILE = "subwords.pt"

_FNV_OFFSET = 2166136261
_FNV_PRIME = 16777619


def ngram_hashes(word: str, min_n: int, max_n: int) -> list[int]:
    """fastText's hash of each n-gram of ``<word>`` (``min_n`` to ``max_n`` characters), by start, then length.

    The hash is 32-bit FNV-1a over the n-gram's UTF-8 bytes, each byte sign-extended as fastText reads
    it. The n-grams that start at one character are prefixes of each other, so each start is hashed once,
    a character at a time, instead of every n-gram from its first byte (54 µs instead of 93 for a word of
    12 letters), which matters because this runs in Python for every unseen word.
    """
    characters = [c.encode("utf-8") for c in f"<{word}>"]
    hashes = []
    for start in range(len(characters)):
        value = _FNV_OFFSET
        for n, character in enumerate(characters[start : start + max_n], start=1):
            for byte in character:
                value ^= byte if byte < 128 else byte | 0xFFFFFF00
                value = (value * _FNV_PRIME) & 0xFFFFFFFF
            if n >= min_n:
                hashes.append(value)
    return hashes


class SubwordVectors:
    """A hashed n-gram table: ``vector(word)`` for any word, ``corpus_words`` for the vocabulary's own size.

    The table is kept as stored: 16-bit floats, or 8-bit integers with one scale per row (``quantize``),
    which halves the shipped file; a row is widened to 32 bits only when a word needs it.
    """

    def __init__(
        self,
        table: np.ndarray,
        min_n: int,
        max_n: int,
        corpus_words: int | None = None,
        scale: np.ndarray | None = None,
    ):
        if table.ndim != 2 or not 1 <= min_n <= max_n or (scale is not None and scale.shape != table.shape[:1]):
            raise ValueError(f"bad n-gram table: shape {table.shape}, n-grams of {min_n} to {max_n} characters")
        self.table = table
        self.scale = scale
        self.min_n = min_n
        self.max_n = max_n
        #: How many of the vocabulary's words came from the training corpus (ranked by frequency); words
        #: after them were added only so that training and tagging saw n-gram vectors for them.
        self.corpus_words = corpus_words
        self.vector = lru_cache(maxsize=20_000)(self._vector)  # 8 MB at most

    @property
    def dim(self) -> int:
        return int(self.table.shape[1])

    def _vector(self, word: str) -> np.ndarray:
        rows = [h % len(self.table) for h in ngram_hashes(word, self.min_n, self.max_n)]
        if not rows:
            return np.zeros(self.dim, dtype=np.float32)
        values = self.table[rows].astype(np.float32)
        if self.scale is not None:
            values *= self.scale[rows, None]
        mean: np.ndarray = values.mean(axis=0)
        return mean

    def quantize(self) -> SubwordVectors:
        """The same table in 8-bit integers, each row scaled by its largest absolute value over 127."""
        table = self.table.astype(np.float32)
        if self.scale is not None:
            table *= self.scale[:, None]
        scale = np.abs(table).max(axis=1) / 127
        scale[scale == 0] = 1
        rounded = np.rint(table / scale[:, None]).astype(np.int8)
        return SubwordVectors(rounded, self.min_n, self.max_n, self.corpus_words, scale.astype(np.float32))

    @classmethod
    def load(cls, path: Path) -> SubwordVectors:
        import torch

        data = torch.load(path, map_location="cpu", weights_only=True)
        return cls(
            data["ngrams"].numpy(),
            int(data["min_n"]),
            int(data["max_n"]),
            int(data["corpus_words"]) if "corpus_words" in data else None,
            data["scale"].numpy() if "scale" in data else None,
        )

    def save(self, path: Path) -> None:
        import torch

        data: dict[str, object] = {"min_n": self.min_n, "max_n": self.max_n}
        if self.scale is None:
            data["ngrams"] = torch.from_numpy(np.ascontiguousarray(self.table)).half()
        else:
            data["ngrams"] = torch.from_numpy(self.table)
            data["scale"] = torch.from_numpy(self.scale)
        if self.corpus_words is not None:
            data["corpus_words"] = self.corpus_words
        torch.save(data, path)
