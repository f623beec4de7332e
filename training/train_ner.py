"""Train the Stanza NER model that the library ships, with Stanza's own trainer.

    python training/train_ner.py --data work/ner-data --pretrain work/vectors/pretrain.pt \
        --out models/ar-ner --max-steps 6000

Reads ``train.json`` and ``dev.json`` made by ``prepare_ner_data.py``; writes ``ner.pt`` and copies the
pretrain file beside it as ``pretrain.pt`` (with the n-gram table for unseen words, ``subwords.pt``, found beside
the pretrain file, if any; and, with ``--charlm``, the character language models as
``forward_charlm.pt`` / ``backward_charlm.pt``), so that ``--out`` is a complete model directory. Stanza keeps
the checkpoint that scores best on dev. ``--init`` continues from a trained tagger (Stanza's ``--finetune``),
for example to train on news alone after a mixed corpus. Extra arguments after ``--`` go to Stanza's trainer
unchanged.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from entities.subwords import SUBWORDS_FILE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--pretrain", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--max-steps", type=int, default=6000)
    parser.add_argument("--eval-interval", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument(
        "--charlm",
        type=Path,
        help="folder with forward.pt and backward.pt from train_charlm.py: the tagger reads their states",
    )
    parser.add_argument(
        "--init",
        type=Path,
        help="start from this trained tagger (a model folder or its ner.pt) instead of random weights, e.g. to "
        "train on news after a mixed corpus; its vocabulary and settings are kept (the learning rate too, unless --lr)",
    )
    parser.add_argument(
        "--lr",
        type=float,
        help="SGD learning rate (Stanza's default is 0.1); with --init it replaces the one in the checkpoint",
    )
    parser.add_argument(
        "--freeze-corrections",
        action="store_true",
        help="with --init, keep the trained corrections to the word vectors as they are: Stanza's "
        "--no_emb_finetune, which its --finetune would otherwise take from the checkpoint",
    )
    parser.add_argument(
        "--min-word-count",
        type=int,
        default=1,
        help="words seen fewer times in the training file get no trained correction to their vector "
        "(default 1: every word gets one, as in Stanza); runs training/stanza_ner.py. With --init the "
        "vocabulary, and so the floor, comes from the starting tagger",
    )
    parser.add_argument(
        "--threads",
        type=int,
        help="CPU threads for the trainer (PyTorch's default is one per core). Two runs side by side on two "
        "cores: --threads 1 each; with the default they took about 1 s a step each, with 1 about 0.27 s",
    )
    parser.add_argument("stanza_args", nargs="*", help="passed to stanza.models.ner_tagger")
    args = parser.parse_args()
    if args.threads is not None and args.threads < 1:
        parser.error(f"--threads must be at least 1, not {args.threads}")
    if args.freeze_corrections and args.init is None:
        parser.error("--freeze-corrections needs --init: a new tagger has no corrections to keep")
    if args.min_word_count < 1:
        parser.error(f"--min-word-count must be at least 1, not {args.min_word_count}")

    args.out.mkdir(parents=True, exist_ok=True)
    if args.min_word_count > 1:
        trainer = [str(Path(__file__).with_name("stanza_ner.py")), "--delta-min-count", str(args.min_word_count)]
    else:
        trainer = ["-m", "stanza.models.ner_tagger"]
    command = [
        sys.executable,
        *trainer,
        "--mode",
        "train",
        "--cpu",
        "--shorthand",
        "ar_entities",
        "--train_file",
        str(args.data / "train.json"),
        "--eval_file",
        str(args.data / "dev.json"),
        "--wordvec_pretrain_file",
        str(args.pretrain),
        "--save_dir",
        str(args.out),
        "--save_name",
        "ner.pt",
        "--max_steps",
        str(args.max_steps),
        "--eval_interval",
        str(args.eval_interval),
        "--seed",
        str(args.seed),
        *args.stanza_args,
    ]
    if args.init is not None:
        start = args.init / "ner.pt" if args.init.is_dir() else args.init
        if not start.is_file():
            parser.error(f"--init: no tagger at {start}")
        settings: dict[str, object] = {}
        if args.lr is not None:
            settings["lr"] = args.lr
        if args.freeze_corrections:
            settings["emb_finetune"] = False
        if settings:
            start = with_settings(start, settings, args.out / "init.pt")
        command += ["--finetune", "--finetune_load_name", str(start)]
    elif args.lr is not None:
        command += ["--lr", str(args.lr)]
    if args.charlm is not None:
        command += [
            "--charlm",
            "--charlm_shorthand",
            "ar_entities",
            "--charlm_forward_file",
            str(args.charlm / "forward.pt"),
            "--charlm_backward_file",
            str(args.charlm / "backward.pt"),
        ]
    print(" ".join(command), flush=True)
    subwords = args.pretrain.parent / SUBWORDS_FILE  # the n-gram table for unseen words, if the vectors have one
    if subwords.is_file():  # copied first, so that a checkpoint can be scored while training goes on
        args.out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(subwords, args.out / SUBWORDS_FILE)
    run_trainer(command, threads=args.threads)
    shutil.copyfile(args.pretrain, args.out / "pretrain.pt")
    if args.charlm is not None:  # the names entities.ner looks for
        shutil.copyfile(args.charlm / "forward.pt", args.out / "forward_charlm.pt")
        shutil.copyfile(args.charlm / "backward.pt", args.out / "backward_charlm.pt")


def run_trainer(command: list[str], threads: int | None = None) -> None:
    """Run Stanza's trainer and wait for it; stopping this script (Ctrl-C or ``kill``) stops the trainer too.

    ``subprocess.run`` kills its child when the wait is interrupted by an exception, which Ctrl-C raises
    but a plain ``kill`` (SIGTERM) does not: without the handler below the trainer would go on alone.
    """
    env = dict(os.environ)
    if threads is not None:  # read by PyTorch's OpenMP and MKL when the trainer starts
        env["OMP_NUM_THREADS"] = env["MKL_NUM_THREADS"] = str(threads)

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        subprocess.run(command, check=True, env=env)
    finally:
        signal.signal(signal.SIGTERM, previous)


def with_settings(checkpoint: Path, settings: dict[str, object], out: Path) -> Path:
    """Copy a Stanza NER checkpoint with ``settings`` in place of its own; return the copy's path.

    Stanza's ``--finetune`` rebuilds the tagger and its optimizer from the settings saved in the
    checkpoint, so the same settings given on its command line have no effect there. A second stage
    changes two: the learning rate (``lr``) and whether the word vectors' corrections keep training
    (``emb_finetune``; when off, Stanza detaches them).
    """
    import torch

    state = torch.load(checkpoint, map_location="cpu", weights_only=True)
    if "config" not in state:
        raise SystemExit(f"--init: {checkpoint} is not a Stanza NER checkpoint (no 'config' in it)")
    state["config"].update(settings)
    torch.save(state, out)
    return out


if __name__ == "__main__":
    main()
