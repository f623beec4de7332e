"""NER alone, model against model: tokens/second, peak memory, load time and size on disk.

    python benchmarks/ner_speed.py work/models/v3 models/ar-ner --docs 300

Each model runs phase (a) of ``throughput.py`` (the tagger on SaudiNewsNet articles, same batching, one
torch thread) in a fresh process, so the figures compare like with like. The first model is the baseline
the others' speed is given relative to; issue #3 asks that a new model keep at least a third of it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, run_phase


def size_mb(model: str) -> float:
    path = Path(model)
    return sum(f.stat().st_size for f in path.glob("*.pt")) / 1e6 if path.is_dir() else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", help="model directories; the first is the baseline")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    rows = []
    for model in args.models:
        phase_args = argparse.Namespace(
            model=model, batch_size=args.batch_size, threads=args.threads, data=args.data, processes=1
        )
        result = run_phase(phase_args, "ner", docs=args.docs, processes=1)
        rows.append((model, result, result["tokens"] / result["seconds"]))
    base = rows[0][2]
    print(f"\n{rows[0][1]['docs']} SaudiNewsNet articles, {rows[0][1]['tokens']} tokens; NER alone, 1 thread")
    print(f"{'model':<28}{'size MB':>9}{'load s':>8}{'tokens/s':>10}{'vs first':>10}{'peak RSS MB':>13}")
    for model, result, rate in rows:
        print(
            f"{model:<28}{size_mb(model):>9.1f}{result['load_s']:>8.2f}{rate:>10.0f}"
            f"{rate / base:>10.2f}{result['peak_rss_mb']:>13.0f}"
        )


if __name__ == "__main__":
    main()
