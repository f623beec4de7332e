"""Is a new tagger better than the shipped one, or is the difference the dev set's noise?

    python training/compare_models.py models/ar-ner work/models/s5-p work/models/s6-p \
        --conll work/ner-data/dev.txt ../shared/data/aqmar/dev.txt --tagger-only

For each file, each model after the first is scored against the first, sentence by sentence
(``entities.evaluation.sentence_scores``), and the difference in micro F1 is given with a 95 % interval
from a paired bootstrap over sentences (``bootstrap_difference``). An interval that holds 0 says the file
cannot tell the two models apart. Sentences of one article are not independent, so for a file of few
articles (AQMAR dev: 7) the true interval is wider than this one; ``--block N`` draws runs of N
consecutive sentences instead, which comes closer to it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import entities
from entities.evaluation import Score, bootstrap_difference, sentence_scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", type=Path, nargs="+", help="model folders: the baseline first, then the others")
    parser.add_argument("--conll", type=Path, nargs="+", required=True, help="`token TAG` files to score")
    parser.add_argument("--tagger-only", action="store_true", help="score the tagger alone, not the pipeline's names")
    parser.add_argument("--resamples", type=int, default=2000, help="bootstrap draws (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="the bootstrap's random seed")
    parser.add_argument(
        "--block",
        type=int,
        default=1,
        help="draw runs of this many consecutive sentences, not single sentences (default 1); e.g. 20, the "
        "runs `entities evaluate` reads as one document. Keep dozens of runs per file: a handful gives no "
        "interval worth the name",
    )
    args = parser.parse_args()
    if len(args.models) < 2:
        parser.error("give a baseline and at least one model to compare with it")
    if args.block < 1:
        parser.error(f"--block must be at least 1 sentence, not {args.block}")
    for path in args.conll:
        if not path.is_file():
            parser.error(f"--conll: no such file: {path}")
    scores = {}  # (model, file) -> per-sentence scores; one model in memory at a time
    for folder in args.models:
        pipeline = entities.load(folder)
        for path in args.conll:
            scores[folder, path] = sentence_scores(pipeline, path, tagger_only=args.tagger_only)
        del pipeline
    baseline = args.models[0]
    for path in args.conll:
        base = scores[baseline, path]
        total = Score(sum(s.tp for s in base), sum(s.fp for s in base), sum(s.fn for s in base))
        print(f"== {path} ({len(base)} sentences; {baseline}: F1 {100 * total.f1:.2f})")
        for folder in args.models[1:]:
            difference, low, high = bootstrap_difference(
                base, scores[folder, path], args.resamples, args.seed, args.block
            )
            print(f"{folder!s:<40} {100 * difference:+6.2f}  [{100 * low:+6.2f}, {100 * high:+6.2f}]")


if __name__ == "__main__":
    main()
