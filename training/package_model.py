"""Turn a model directory written by ``train_ner.py`` into the one-file form the library ships.

    python training/package_model.py work/models/e1c --out models/ar-ner

Stanza keeps the word vectors in ``pretrain.pt`` beside the tagger, and reads the vocabulary twice on
every load (once from each file): with 130,000 words that is most of a 3-second load, spent in torch's
safe ("weights only") unpickler. The tagger's own checkpoint already holds the same vocabulary, so this
script puts the vectors into it, as 16-bit floats (Stanza loads them into its 32-bit embedding, as it
does for checkpoints that carry their embedding), stores the trained corrections to them (Stanza's
``delta`` embedding) in 16 bits too, and drops ``pretrain.pt``. Stanza still reads the
result as an ordinary NER model with no pretrain file; ``entities`` checks the mark this script leaves
in the checkpoint's config before it loads a model directory without ``pretrain.pt``. Character
language models, if any, are copied as they are; the n-gram table for unseen words (``subwords.pt``), if
any, is stored in 8-bit integers with a scale per row (``SubwordVectors.quantize``).

A tagger trained with several tag sets (Stanza's ``multi_ner``: one encoder, an output layer and CRF per
corpus, see ``prepare_ner_data.py --heads``) is shipped with one of them, ``--head`` (default 0, the first):
the others are dropped, so the result is an ordinary one-tag-set tagger that costs nothing more to run.

``--min-correction`` leaves out the trained corrections smaller than that (their Euclidean length; a word
vector's is about 1.7) for words that have a vector: Stanza adds nothing to such a word's vector, where
it added a correction shorter than the bound. Most of a big training corpus's words are seen a few times
and moved little, so this shrinks the file with a bounded change to what the tagger reads; score the
result before shipping it.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections import OrderedDict
from pathlib import Path
from typing import Any

import torch
from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

from entities.ner import VECTORS_INSIDE  # the mark entities.load looks for
from entities.subwords import SUBWORDS_FILE, SubwordVectors


def keep_head(checkpoint: dict[str, Any], head: int) -> None:
    """Keep only tag set ``head`` of a Stanza NER checkpoint (its output layer, CRF and tag vocabulary)."""
    model, tags = checkpoint["model"], checkpoint["vocab"]["tag"]
    heads = len(tags["_id2unit"])
    if not 0 <= head < heads:
        raise SystemExit(f"--head {head}: the tagger has {heads} tag set(s), numbered from 0")
    if checkpoint["config"].get("connect_output_layers") and heads > 1:
        raise SystemExit("the tagger's output layers feed each other (connect_output_layers): no head stands alone")
    for name in ("tag_clfs.{}.weight", "tag_clfs.{}.bias", "crits.{}._transitions"):
        kept = model[name.format(head)]
        for index in range(heads):
            del model[name.format(index)]
        model[name.format(0)] = kept
    units = tags["_id2unit"][head]
    tags["_id2unit"] = OrderedDict([(0, units)])
    tags["_unit2id"] = {0: {unit: index for index, unit in enumerate(units)}}
    checkpoint["config"]["predict_tagset"] = 0


def drop_small_corrections(checkpoint: dict[str, Any], min_norm: float) -> int:
    """Leave out the delta rows shorter than ``min_norm`` of words in the vector vocabulary; return how many.

    Stanza gives a word missing from the delta vocabulary but present in the vector vocabulary a zero
    correction (its padding row), so such a word reads its vector unchanged. Words without a vector keep
    their rows: without one they would read the unknown word's row instead.
    """
    model, vocab = checkpoint["model"], checkpoint["vocab"]
    if min_norm <= 0 or "delta_emb.weight" not in model:
        return 0
    delta = model["delta_emb.weight"]
    units = list(vocab["delta"]["_id2unit"])
    with_vector = set(vocab["word"]["_id2unit"])
    short = (delta.float().norm(dim=1) < min_norm).tolist()
    keep = [i for i, unit in enumerate(units) if i < VOCAB_PREFIX_SIZE or not (short[i] and unit in with_vector)]
    model["delta_emb.weight"] = delta[keep]  # indexing by a list copies
    kept_units = [units[i] for i in keep]
    vocab["delta"]["_id2unit"] = kept_units
    vocab["delta"]["_unit2id"] = {unit: index for index, unit in enumerate(kept_units)}
    return len(units) - len(keep)


def package(model_dir: Path, out: Path, head: int = 0, min_correction: float = 0.0) -> Path:
    """Write ``out/ner.pt`` with the word vectors inside (and only tag set ``head``); return its path.

    ``min_correction`` > 0 leaves out the smaller trained corrections (``drop_small_corrections``).
    """
    if model_dir.resolve() == out.resolve():
        raise SystemExit("--out must be another directory than the model's")
    checkpoint = torch.load(model_dir / "ner.pt", map_location="cpu", weights_only=True)
    keep_head(checkpoint, head)
    if dropped := drop_small_corrections(checkpoint, min_correction):
        print(f"left out {dropped} of {len(checkpoint['vocab']['delta']['_id2unit']) + dropped} trained corrections")
    pretrain = torch.load(model_dir / "pretrain.pt", map_location="cpu", weights_only=True)
    vectors = torch.as_tensor(pretrain["emb"])
    words = checkpoint["vocab"]["word"]["_id2unit"]
    if list(pretrain["vocab"]["_id2unit"]) != list(words):
        raise SystemExit(f"{model_dir}: the tagger was trained with other word vectors than pretrain.pt")
    if vectors.shape[0] != len(words):
        raise SystemExit(f"{model_dir}: {len(words)} words but {vectors.shape[0]} vectors in pretrain.pt")
    checkpoint["model"]["word_emb.weight"] = vectors.half()
    if "delta_emb.weight" in checkpoint["model"]:  # the trained corrections to the vectors: 16 bits, as they are
        checkpoint["model"]["delta_emb.weight"] = checkpoint["model"]["delta_emb.weight"].half()
    checkpoint["config"][VECTORS_INSIDE] = True
    checkpoint["config"]["wordvec_pretrain_file"] = None
    out.mkdir(parents=True, exist_ok=True)
    target = out / "ner.pt"
    torch.save(checkpoint, target, _use_new_zipfile_serialization=False)
    for name in ("forward_charlm.pt", "backward_charlm.pt"):
        if (model_dir / name).is_file():
            shutil.copyfile(model_dir / name, out / name)
    (out / SUBWORDS_FILE).unlink(missing_ok=True)
    if (model_dir / SUBWORDS_FILE).is_file():  # 8-bit rows: half the file, within 1 % of each row's largest value
        SubwordVectors.load(model_dir / SUBWORDS_FILE).quantize().save(out / SUBWORDS_FILE)
    (out / "pretrain.pt").unlink(missing_ok=True)  # an old one beside the new tagger would be read instead
    (out / "resources.json").write_text(json.dumps({}), "utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path, help="directory with ner.pt and pretrain.pt from train_ner.py")
    parser.add_argument("--out", type=Path, required=True, help="directory to write the shipped form to")
    parser.add_argument("--head", type=int, default=0, help="the tag set to keep, for a tagger trained with several")
    parser.add_argument(
        "--min-correction",
        type=float,
        default=0.0,
        help="leave out trained corrections to word vectors shorter than this (e.g. 0.05; default: keep all)",
    )
    args = parser.parse_args()
    target = package(args.model, args.out, args.head, args.min_correction)
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
