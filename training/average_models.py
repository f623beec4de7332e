"""Average two trained taggers weight by weight: one tagger between a first stage and its news stage.

    python training/average_models.py work/models/d5 work/models/d5f --out work/models/s5

Both taggers must come from one run (a news stage continued from the first stage with ``train_ner.py
--init``), so that they share vocabularies, tag sets and shapes; then every floating-point weight of the
result is ``weight * A + (1 - weight) * B`` (``--weight``, default 0.5), and the rest of the checkpoint
(vocabularies, settings) is A's. Averaging a model with its own continuation lands between the two on
the line between news and Wikipedia, a little above it (s50, s8 and s4 in models/ar-ner/README.md). The
word vectors and the n-gram table are copied from A, so ``--out`` is a model directory as ``train_ner.py``
writes it: score it, or ship one head of it with ``package_model.py``.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

import torch

from entities.subwords import SUBWORDS_FILE


def average(first: dict[str, Any], second: dict[str, Any], weight: float) -> dict[str, Any]:
    """``first`` with each floating-point weight replaced by ``weight * first + (1 - weight) * second``."""
    if not 0.0 <= weight <= 1.0:
        raise SystemExit(f"--weight {weight}: give a share of the first tagger between 0 and 1")
    if first["vocab"] != second["vocab"]:
        raise SystemExit("the taggers have different vocabularies or tag sets: average a run with its own continuation")
    a, b = first["model"], second["model"]
    if a.keys() != b.keys():
        raise SystemExit(f"the taggers have different layers: {sorted(a.keys() ^ b.keys())[:5]}")
    for name, value in a.items():
        if value.shape != b[name].shape:
            raise SystemExit(f"{name}: shapes {tuple(value.shape)} and {tuple(b[name].shape)} differ")
        if torch.is_floating_point(value):
            a[name] = weight * value + (1.0 - weight) * b[name].to(value.dtype)
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path, help="model directory (ner.pt, pretrain.pt) of the first stage")
    parser.add_argument("second", type=Path, help="model directory of a run continued from it")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--weight", type=float, default=0.5, help="the first tagger's share (default 0.5)")
    args = parser.parse_args()
    if args.out.resolve() in (args.first.resolve(), args.second.resolve()):
        parser.error("--out must be another directory than the two taggers'")
    for folder in (args.first, args.second):
        if not (folder / "ner.pt").is_file():
            parser.error(f"{folder}: no ner.pt (give the model directories train_ner.py wrote)")
    first, second = (torch.load(f / "ner.pt", map_location="cpu", weights_only=True) for f in (args.first, args.second))
    averaged = average(first, second, args.weight)
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save(averaged, args.out / "ner.pt")
    for name in ("pretrain.pt", SUBWORDS_FILE):
        if (args.first / name).is_file():
            shutil.copyfile(args.first / name, args.out / name)
    print(f"wrote {args.out / 'ner.pt'} ({args.weight:g} of {args.first}, {1 - args.weight:g} of {args.second})")


if __name__ == "__main__":
    main()
