"""Train Stanza character language models (forward and backward) on raw Arabic news.

    python training/train_charlm.py --news ../shared/data/saudinewsnet --out work/charlm \
        --hidden 256 --max-chars 20000000

Writes the text once (``text/train/*.txt``, ``text/dev.txt``: one sentence a line, tokens as the library
tokenises and normalises them, joined by single spaces, which is how the NER tagger feeds a character
model), then runs ``stanza.models.charlm`` for each direction. The two directions run side by side, one
thread each. Stanza keeps the model with the best dev loss (checked every ``--eval-steps`` steps) as
``forward.pt`` / ``backward.pt`` and a full checkpoint beside it, so a run stopped early still leaves a
usable model, and ``--resume`` continues from the checkpoint. Logs go to ``<out>/<direction>.log``.
Extra arguments after ``--`` go to Stanza's trainer unchanged.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from train_vectors import news_sentences


def write_text(news: Path, out: Path, max_chars: int, dev_chars: int, shard_chars: int) -> None:
    train_dir = out / "train"
    train_dir.mkdir(parents=True, exist_ok=True)
    written, shard, dev = 0, 0, out / "dev.txt"
    dev_handle = dev.open("w", encoding="utf-8")
    handle = None
    shard_size = 0
    for words in news_sentences(news):
        if not words:
            continue
        line = " ".join(words) + "\n"
        if dev_handle is not None:
            dev_handle.write(line)
            if dev_handle.tell() >= dev_chars:
                dev_handle.close()
                dev_handle = None
            continue
        if handle is None or shard_size >= shard_chars:
            if handle is not None:
                handle.close()
            handle = (train_dir / f"{shard:03d}.txt").open("w", encoding="utf-8")
            shard, shard_size = shard + 1, 0
        handle.write(line)
        shard_size += len(line)
        written += len(line)
        if written >= max_chars:
            break
    if handle is not None:
        handle.close()
    print(f"wrote {written:,} training characters in {shard} files, dev {dev}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=Path, required=True, help="folder of SaudiNewsNet *.zip")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--hidden", type=int, default=256, help="LSTM units (Stanza's default is 1024)")
    parser.add_argument("--max-chars", type=int, default=20_000_000, help="training text, in characters")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--eval-steps", type=int, default=200)
    parser.add_argument("--directions", nargs="+", default=["forward", "backward"])
    parser.add_argument("--resume", action="store_true", help="continue from the checkpoints in --out")
    parser.add_argument("stanza_args", nargs="*", help="passed to stanza.models.charlm")
    args = parser.parse_args()

    text = args.out / "text"
    if not (text / "dev.txt").exists():
        began = time.time()
        write_text(args.news, text, args.max_chars, dev_chars=500_000, shard_chars=2_000_000)
        print(f"text written in {time.time() - began:.0f}s", flush=True)

    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    runs = []
    for direction in args.directions:
        command = [
            sys.executable,
            "-m",
            "stanza.models.charlm",
            "--mode",
            "train",
            "--cpu",
            "--shorthand",
            "ar_entities",
            "--direction",
            direction,
            "--train_dir",
            str(text / "train"),
            "--eval_file",
            str(text / "dev.txt"),
            "--char_hidden_dim",
            str(args.hidden),
            "--epochs",
            str(args.epochs),
            "--eval_steps",
            str(args.eval_steps),
            "--cutoff",
            "5",
            "--save_dir",
            str(args.out),
            "--save_name",
            f"{direction}.pt",
            "--checkpoint_save_name",
            str(args.out / f"{direction}-checkpoint.pt"),
            *args.stanza_args,
        ]
        if not args.resume and (args.out / f"{direction}-checkpoint.pt").exists():
            (args.out / f"{direction}-checkpoint.pt").unlink()
        log = (args.out / f"{direction}.log").open("a", encoding="utf-8")
        print(" ".join(command), flush=True)
        runs.append((direction, subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)))
    failed = [direction for direction, run in runs if run.wait() != 0]
    if failed:
        sys.exit(f"charlm training failed for {', '.join(failed)}: see {args.out}/<direction>.log")


if __name__ == "__main__":
    main()
