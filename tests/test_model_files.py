"""Model directories: Stanza's two-file form (tagger + pretrain.pt) and the one-file form the library ships."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

import entities
from entities.models import shipped_model_dir
from entities.ner import VECTORS_INSIDE
from training_scripts import load_training_script

TEXT = "استقبل الرئيس عبد الفتاح السيسي وزير الخارجية الروسي سيرغي لافروف في القاهرة، ثم زار لافروف الإسكندرية."


def _package_module():
    return load_training_script("package_model")


@pytest.fixture(scope="module")
def two_file_model(tmp_path_factory) -> Path:
    """The shipped model taken apart again into what train_ner.py writes: ner.pt without vectors, pretrain.pt."""
    folder = tmp_path_factory.mktemp("two-files")
    checkpoint = torch.load(shipped_model_dir() / "ner.pt", map_location="cpu", weights_only=True)
    vectors = checkpoint["model"].pop("word_emb.weight").float()
    del checkpoint["config"][VECTORS_INSIDE]
    torch.save(checkpoint, folder / "ner.pt")
    torch.save({"vocab": checkpoint["vocab"]["word"], "emb": vectors}, folder / "pretrain.pt")
    return folder


def _with_ngram_table(two_file_model: Path, folder: Path, rows: int, corpus_words: int, seed: int) -> Path:
    """``two_file_model``'s files linked into ``folder``, with a random 16-bit n-gram table beside them."""
    import numpy as np

    from entities.subwords import SUBWORDS_FILE, SubwordVectors

    folder.mkdir()
    for name in ("ner.pt", "pretrain.pt"):
        (folder / name).symlink_to(two_file_model / name)
    table = (np.random.default_rng(seed).normal(size=(rows, 100)) / 10).astype(np.float16)
    SubwordVectors(table, 3, 6, corpus_words=corpus_words).save(folder / SUBWORDS_FILE)
    return folder


def test_shipped_model_holds_its_vectors_in_one_file():
    folder = shipped_model_dir()
    assert (folder / "ner.pt").is_file() and not (folder / "pretrain.pt").exists()
    checkpoint = torch.load(folder / "ner.pt", map_location="cpu", weights_only=True)
    assert checkpoint["config"][VECTORS_INSIDE] is True
    assert checkpoint["model"]["word_emb.weight"].shape[0] == len(checkpoint["vocab"]["word"]["_id2unit"])


def test_two_file_model_and_its_package_tag_alike(pipeline, two_file_model, tmp_path):
    from_two_files = entities.load(two_file_model)(TEXT)
    packaged = _package_module().package(two_file_model, tmp_path / "packaged")
    assert sorted(p.name for p in packaged.parent.iterdir()) == ["ner.pt", "resources.json"]
    from_package = entities.load(packaged.parent)(TEXT)
    assert from_two_files.model_dump() == from_package.model_dump() == pipeline(TEXT).model_dump()
    assert {"سيرغي لافروف", "القاهرة"} <= {m.text for m in from_package.mentions}


def test_tagger_without_vectors_and_without_pretrain_is_refused(two_file_model, tmp_path):
    (tmp_path / "ner.pt").symlink_to(two_file_model / "ner.pt")
    with pytest.raises(entities.ModelNotFoundError, match=r"lacks pretrain\.pt.*package_model\.py"):
        entities.load(tmp_path)


def test_package_stores_the_ngram_table_in_eight_bits(two_file_model, tmp_path):
    import numpy as np

    from entities.subwords import SUBWORDS_FILE, SubwordVectors

    source = _with_ngram_table(two_file_model, tmp_path / "with-subwords", rows=3000, corpus_words=1000, seed=11)
    packaged = _package_module().package(source, tmp_path / "packaged").parent
    assert sorted(p.name for p in packaged.iterdir()) == ["ner.pt", "resources.json", SUBWORDS_FILE]
    stored = SubwordVectors.load(packaged / SUBWORDS_FILE)
    assert stored.table.dtype == np.int8 and stored.corpus_words == 1000
    assert (packaged / SUBWORDS_FILE).stat().st_size < 0.6 * (source / SUBWORDS_FILE).stat().st_size
    names = {(m.text, m.label) for m in entities.load(packaged)(TEXT).mentions}
    assert names == {(m.text, m.label) for m in entities.load(source)(TEXT).mentions}
    assert {"سيرغي لافروف", "القاهرة"} <= {text for text, _ in names}


def test_package_keeps_one_head_of_a_tagger_with_several(two_file_model, tmp_path):
    from entities.tokenize import split_sentences

    checkpoint = torch.load(two_file_model / "ner.pt", map_location="cpu", weights_only=True)
    model, tags = checkpoint["model"], checkpoint["vocab"]["tag"]
    units = tags["_id2unit"][0]
    # A second head that always says O: no weights, all its bias on the O tag.
    model["tag_clfs.1.weight"] = torch.zeros_like(model["tag_clfs.0.weight"])
    model["tag_clfs.1.bias"] = torch.where(torch.tensor([u == "O" for u in units]), 100.0, -100.0)
    model["crits.1._transitions"] = torch.zeros_like(model["crits.0._transitions"])
    tags["_id2unit"][1] = list(units)
    tags["_unit2id"][1] = dict(tags["_unit2id"][0])
    source = tmp_path / "two-heads"
    source.mkdir()
    torch.save(checkpoint, source / "ner.pt")
    (source / "pretrain.pt").symlink_to(two_file_model / "pretrain.pt")
    package = _package_module().package
    sentences = split_sentences(TEXT)
    found = {}
    for head in (0, 1):
        folder = package(source, tmp_path / f"head{head}", head=head).parent
        kept = torch.load(folder / "ner.pt", map_location="cpu", weights_only=True)
        assert len(kept["vocab"]["tag"]["_id2unit"]) == 1 and "tag_clfs.1.weight" not in kept["model"]
        found[head] = entities.load(folder).tagger.tag(sentences)
    assert found[0] == entities.load(two_file_model).tagger.tag(sentences) and found[0]
    assert found[1] == []
    with pytest.raises(SystemExit, match="2 tag set"):
        package(source, tmp_path / "head2", head=2)


def test_package_leaves_out_small_corrections_of_words_with_vectors(pipeline, two_file_model, tmp_path):
    source = torch.load(two_file_model / "ner.pt", map_location="cpu", weights_only=True)
    before = source["vocab"]["delta"]["_id2unit"]
    with_vector = set(source["vocab"]["word"]["_id2unit"])
    norms = dict(zip(before, source["model"]["delta_emb.weight"].float().norm(dim=1).tolist(), strict=True))
    # A bound that some rows fall under, whatever the shipped model already left out when it was packaged:
    # a tenth of the corrections of words with a vector are shorter.
    bound = float(torch.tensor([norms[u] for u in before[4:] if u in with_vector]).quantile(0.1)) + 1e-6
    packaged = _package_module().package(two_file_model, tmp_path / "pruned", min_correction=bound).parent
    kept = torch.load(packaged / "ner.pt", map_location="cpu", weights_only=True)
    after = kept["vocab"]["delta"]["_id2unit"]
    dropped = set(before) - set(after)
    assert len(after) + len(dropped) == len(before) and after[:4] == before[:4]
    assert dropped and all(norms[unit] < bound and unit in with_vector for unit in dropped)
    assert {u for u in before if u not in with_vector} <= set(after)  # no vector: its row stays, small or not
    assert kept["vocab"]["delta"]["_unit2id"] == {unit: index for index, unit in enumerate(after)}
    rows = {unit: row for unit, row in zip(after, kept["model"]["delta_emb.weight"].float(), strict=True)}
    original = dict(zip(before, source["model"]["delta_emb.weight"].half().float(), strict=True))
    assert all(torch.equal(rows[unit], original[unit]) for unit in after[:2000])
    unpruned = _package_module().package(two_file_model, tmp_path / "all")
    assert (packaged / "ner.pt").stat().st_size < unpruned.stat().st_size
    names = {(m.text, m.label) for m in entities.load(packaged)(TEXT).mentions}
    assert names == {(m.text, m.label) for m in pipeline(TEXT).mentions}


def test_relative_model_variable_is_read_against_the_current_directory(monkeypatch, tmp_path):
    model = shipped_model_dir()
    monkeypatch.chdir(model.parent)
    monkeypatch.setenv("ENTITIES_MODEL", model.name)
    resolved = shipped_model_dir()
    assert resolved.is_absolute() and resolved == model.resolve()
    monkeypatch.chdir(tmp_path)  # the path found above still names the model from anywhere else
    assert (resolved / "ner.pt").is_file()


def _unpack_module():
    return load_training_script("unpack_vectors")


def test_unpacked_vectors_are_the_ones_the_shipped_tagger_reads(two_file_model, tmp_path):
    from stanza.models.common.pretrain import Pretrain

    from entities.subwords import SUBWORDS_FILE

    shipped = shipped_model_dir()
    target = _unpack_module().unpack(shipped, tmp_path / "vectors")
    with_table = (shipped / SUBWORDS_FILE).is_file()
    assert sorted(p.name for p in target.parent.iterdir()) == ["pretrain.pt"] + [SUBWORDS_FILE] * with_table
    if with_table:
        assert (target.parent / SUBWORDS_FILE).read_bytes() == (shipped / SUBWORDS_FILE).read_bytes()
    unpacked = torch.load(target, map_location="cpu", weights_only=True)
    original = torch.load(two_file_model / "pretrain.pt", map_location="cpu", weights_only=True)
    assert unpacked["emb"].dtype == torch.float16
    assert list(unpacked["vocab"]["_id2unit"]) == list(original["vocab"]["_id2unit"])
    assert torch.equal(unpacked["emb"].float(), original["emb"])
    read = Pretrain(str(target))  # Stanza's own reader, as train_ner.py's --pretrain goes
    assert read.emb.shape == tuple(original["emb"].shape)
    assert read.vocab.unit2id("لافروف") == original["vocab"]["_unit2id"]["لافروف"]


def test_package_then_unpack_gives_back_the_vectors_and_the_ngram_table(two_file_model, tmp_path):
    import numpy as np

    from entities.subwords import SUBWORDS_FILE, SubwordVectors

    source = _with_ngram_table(two_file_model, tmp_path / "with-subwords", rows=2000, corpus_words=500, seed=5)
    packaged = _package_module().package(source, tmp_path / "packaged").parent
    out = _unpack_module().unpack(packaged, tmp_path / "unpacked").parent
    assert sorted(p.name for p in out.iterdir()) == ["pretrain.pt", SUBWORDS_FILE]
    assert (out / SUBWORDS_FILE).read_bytes() == (packaged / SUBWORDS_FILE).read_bytes()
    unpacked = torch.load(out / "pretrain.pt", map_location="cpu", weights_only=True)
    assert torch.equal(unpacked["emb"].float(), torch.load(source / "pretrain.pt", weights_only=True)["emb"])
    # Packed again from the unpacked files, the n-gram table is stored as it was.
    (out / "ner.pt").symlink_to(two_file_model / "ner.pt")
    again = _package_module().package(out, tmp_path / "again").parent
    first, second = SubwordVectors.load(packaged / SUBWORDS_FILE), SubwordVectors.load(again / SUBWORDS_FILE)
    assert np.array_equal(first.table, second.table) and np.array_equal(first.scale, second.scale)


def test_unpack_refuses_a_model_without_vectors_inside_and_an_existing_pretrain(two_file_model, tmp_path):
    unpack = _unpack_module().unpack
    with pytest.raises(SystemExit, match=r"holds no word vectors.*pretrain\.pt beside it"):
        unpack(two_file_model, tmp_path / "out")
    with pytest.raises(SystemExit, match=r"no ner\.pt here"):
        unpack(tmp_path, tmp_path / "out")
    with pytest.raises(SystemExit, match=r"another directory than the model's"):
        unpack(shipped_model_dir(), shipped_model_dir())
    assert not (shipped_model_dir() / "pretrain.pt").exists()
    unpack(shipped_model_dir(), tmp_path / "out")
    with pytest.raises(SystemExit, match=r"pretrain\.pt exists"):
        unpack(shipped_model_dir(), tmp_path / "out")
