"""Take the word vectors back out of a packaged model, as the ``pretrain.pt`` that ``train_ner.py`` reads.

    python training/unpack_vectors.py models/ar-ner --out work/shipped-vectors
    python training/train_ner.py --data work/ner-data-mh5 --pretrain work/shipped-vectors/pretrain.pt ...

gensim's word2vec and fastText with worker threads are not repeatable: vectors trained again with the
same command are other vectors, and a tagger's dev score moves by about a point with them. The packaged
``ner.pt`` (``package_model.py``) holds the vectors it was trained on, in the 16 bits that
``train_vectors.py --float16`` and ``map_subwords.py`` wrote them in, so the ``pretrain.pt`` written here is
that file again, value for value: a new run can start from the shipped model's own vectors instead of a
new draw. The n-gram table for unseen words (``subwords.pt``), if the model has one, is copied as it is
(8-bit rows); ``train_ner.py`` carries it along and ``package_model.py`` stores it again unchanged.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import torch

from entities.ner import VECTORS_INSIDE
from entities.subwords import SUBWORDS_FILE


def unpack(model_dir: Path, out: Path) -> Path:
    """Write ``out/pretrain.pt`` (and ``out/subwords.pt`` if the model has one); return the pretrain's path."""
    source = model_dir / "ner.pt"
    if out.resolve() == model_dir.resolve():  # a pretrain.pt beside the packaged tagger would be loaded with it
        raise SystemExit("--out must be another directory than the model's")
    if not source.is_file():
        raise SystemExit(f"{model_dir}: no ner.pt here; give a model directory such as models/ar-ner")
    checkpoint = torch.load(source, map_location="cpu", weights_only=True)
    if not checkpoint["config"].get(VECTORS_INSIDE) or "word_emb.weight" not in checkpoint["model"]:
        hint = " its vectors are in pretrain.pt beside it" if (model_dir / "pretrain.pt").is_file() else ""
        raise SystemExit(f"{source} holds no word vectors (not written by package_model.py);{hint}")
    target = out / "pretrain.pt"
    if target.exists():
        raise SystemExit(f"{target} exists: remove it or give another --out")
    vocab = checkpoint["vocab"]["word"]
    vectors = checkpoint["model"]["word_emb.weight"]
    if vectors.shape[0] != len(vocab["_id2unit"]):
        raise SystemExit(f"{source}: {len(vocab['_id2unit'])} words but {vectors.shape[0]} vectors")
    out.mkdir(parents=True, exist_ok=True)
    # The layout Stanza's Pretrain reads: the vocabulary's state and the matrix, rows in vocabulary order.
    torch.save({"vocab": vocab, "emb": vectors.half()}, target, _use_new_zipfile_serialization=False)
    if (model_dir / SUBWORDS_FILE).is_file():
        shutil.copyfile(model_dir / SUBWORDS_FILE, out / SUBWORDS_FILE)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path, help="a packaged model directory (ner.pt with its vectors inside)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write pretrain.pt (and subwords.pt) to")
    args = parser.parse_args()
    target = unpack(args.model, args.out)
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
