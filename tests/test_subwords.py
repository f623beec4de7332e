"""fastText n-gram vectors for words outside the tagger's vocabulary (entities.subwords, entities.ner)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from entities.models import shipped_model_dir
from entities.ner import StanzaTagger
from entities.subwords import SUBWORDS_FILE, SubwordVectors, ngram_hashes
from entities.tokenize import split_sentences

UNSEEN = "وونسانكوف"  # a made-up transliterated name: in no vocabulary


def _shipped_tagger_files(folder: Path) -> Path:
    """``folder`` with links to the shipped tagger's files, and nothing else."""
    for name in ("ner.pt", "resources.json"):
        (folder / name).symlink_to(shipped_model_dir() / name)
    return folder


def fasttext_hash(ngram: str) -> int:
    """fastText's hash written out plainly, n-gram by n-gram: the reference for ``ngram_hashes``."""
    value = 2166136261
    for byte in ngram.encode("utf-8"):
        value ^= byte if byte < 128 else byte | 0xFFFFFF00
        value = (value * 16777619) & 0xFFFFFFFF
    return value


def char_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """fastText's n-grams of a word, written out plainly: the reference for ``ngram_hashes``."""
    wrapped = f"<{word}>"
    return [wrapped[i : i + n] for i in range(len(wrapped)) for n in range(min_n, max_n + 1) if i + n <= len(wrapped)]


def test_hash_is_fasttexts():
    # Reference values from gensim's ft_hash_bytes (fastText's hash, bytes read as signed chars); the
    # Arabic ones take the sign-extension branch, "abc" does not.
    assert fasttext_hash("abc") == 440920331
    assert fasttext_hash("<وو") == 3389719155
    assert fasttext_hash("<وونسان>") == 2299563999
    assert ngram_hashes("وونسان", 3, 3)[0] == 3389719155  # the library's own, first n-gram «<وو»


def test_ngrams_wrap_the_word_and_count_characters_not_bytes():
    grams = char_ngrams("باب", 3, 4)
    assert grams == ["<با", "<باب", "باب", "باب>", "اب>"]
    assert all(3 <= len(g) <= 4 for g in char_ngrams(UNSEEN, 3, 4))


def test_vector_is_the_mean_of_the_ngram_rows():
    table = np.arange(40, dtype=np.float16).reshape(10, 4)
    vectors = SubwordVectors(table, 3, 4)
    rows = [fasttext_hash(g) % 10 for g in char_ngrams("باب", 3, 4)]
    assert np.allclose(vectors.vector("باب"), table[rows].astype(np.float32).mean(axis=0))


def test_matches_gensim(tmp_path):
    gensim = pytest.importorskip("gensim.models")
    sentences = [["باب", "الدار", "كتاب", "الكتاب", "مكتبة"]] * 20
    model = gensim.FastText(sentences, vector_size=8, min_count=1, bucket=500, min_n=3, max_n=5, epochs=2, seed=1)
    SubwordVectors(model.wv.vectors_ngrams, 3, 5).save(tmp_path / SUBWORDS_FILE)
    loaded = SubwordVectors.load(tmp_path / SUBWORDS_FILE)
    for word in ("مكتبات", UNSEEN):
        assert np.allclose(loaded.vector(word), model.wv[word], atol=1e-3)  # the file is 16-bit


def test_refuses_a_malformed_table():
    with pytest.raises(ValueError, match="bad n-gram table"):
        SubwordVectors(np.zeros(10), 3, 6)


@pytest.fixture(scope="module")
def tagger_with_subwords(tmp_path_factory) -> tuple[StanzaTagger, SubwordVectors]:
    """The shipped tagger with a random n-gram table beside it; its first 1,000 words count as the corpus."""
    folder = _shipped_tagger_files(tmp_path_factory.mktemp("subwords"))
    table = np.random.default_rng(7).normal(size=(5000, 100)).astype(np.float16)
    SubwordVectors(table, 3, 6, corpus_words=1000).save(folder / SUBWORDS_FILE)
    return StanzaTagger(folder), SubwordVectors.load(folder / SUBWORDS_FILE)


def _word_inputs(tagger: StanzaTagger, text: str) -> torch.Tensor:
    """What the tagger's word-embedding layer gives for each token of ``text`` (one sentence)."""
    seen: list[torch.Tensor] = []
    hook = tagger._trainer.model.word_emb.register_forward_hook(lambda _m, _i, out: seen.append(out.detach()))
    try:
        tagger.tag(split_sentences(text))
    finally:
        hook.remove()
    assert len(seen) == 1
    return seen[0][0]


def test_unseen_word_gets_its_ngram_vector(tagger_with_subwords):
    tagger, vectors = tagger_with_subwords
    inputs = _word_inputs(tagger, f"التقى {UNSEEN} في القاهرة")
    assert torch.allclose(inputs[1], torch.from_numpy(vectors.vector(UNSEEN)))
    known = tagger._trainer.model.word_emb.base.weight
    assert torch.equal(inputs[0], known[tagger._vocab.unit2id("التقى")])  # known words keep their vector
    assert torch.equal(inputs[3], known[tagger._vocab.unit2id("القاهرة")])
    # the next call brings its own unseen words; this one's are not kept
    _word_inputs(tagger, "وصل وونسانوفا")
    assert UNSEEN not in tagger._subwords._ids and tagger._subwords._extra.shape[0] == 1


def test_without_a_table_unseen_words_share_one_vector(tmp_path):
    (tmp_path / "ner.pt").symlink_to(shipped_model_dir() / "ner.pt")
    tagger = StanzaTagger(tmp_path)
    first = _word_inputs(tagger, f"التقى {UNSEEN} في القاهرة")[1]
    second = _word_inputs(tagger, "التقى وونسانوفا في القاهرة")[1]
    assert torch.equal(first, second)


def test_word_rank_leaves_out_words_added_past_the_corpus(tagger_with_subwords):
    tagger, _ = tagger_with_subwords
    common, rare = tagger._vocab.id2unit(10), tagger._vocab.id2unit(2000)
    assert tagger.word_rank(common) == 10
    assert tagger.word_rank(rare) is None


def test_table_of_another_width_is_refused(tmp_path):
    import entities

    _shipped_tagger_files(tmp_path)
    SubwordVectors(np.zeros((10, 50), dtype=np.float16), 3, 6).save(tmp_path / SUBWORDS_FILE)
    with pytest.raises(entities.ModelLoadError, match="50-dimensional"):
        entities.load(tmp_path)


def test_unreadable_table_is_refused(tmp_path: Path):
    import entities

    _shipped_tagger_files(tmp_path)
    (tmp_path / SUBWORDS_FILE).write_text("not a table")
    with pytest.raises(entities.ModelLoadError, match=SUBWORDS_FILE):
        entities.load(tmp_path)


def test_quantized_table_is_half_the_file_and_close(tmp_path):
    table = np.random.default_rng(3).normal(size=(2000, 100)).astype(np.float16)
    full, small = tmp_path / "full.pt", tmp_path / "small.pt"
    SubwordVectors(table, 3, 6, corpus_words=5).save(full)
    SubwordVectors(table, 3, 6, corpus_words=5).quantize().save(small)
    assert small.stat().st_size < 0.6 * full.stat().st_size
    before, after = SubwordVectors.load(full), SubwordVectors.load(small)
    assert after.table.dtype == np.int8 and after.corpus_words == 5
    for word in (UNSEEN, "القاهرة"):
        a, b = before.vector(word), after.vector(word)
        assert np.abs(a - b).max() < 0.01 * np.abs(a).max() + 0.01
        assert not np.array_equal(a, b)  # it really is another, rounded table


@pytest.mark.parametrize("word", ["باب", UNSEEN, "Ωmega", "ab", "والكرملين"])
def test_ngram_hashes_are_the_hashes_of_the_ngrams(word):
    for low, high in ((3, 6), (1, 3), (2, 2)):
        assert ngram_hashes(word, low, high) == [fasttext_hash(g) for g in char_ngrams(word, low, high)]
