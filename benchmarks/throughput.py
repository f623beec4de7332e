"""Throughput and memory of the pipeline on SaudiNewsNet articles: NER alone, full pipeline, worker processes.

    python benchmarks/throughput.py --docs 1000                 # (a), (b), (c) and the ratios
    python benchmarks/throughput.py --docs 1000 --scale-check   # also peak memory at N and 10 N documents

Each measurement runs in a fresh child process (this script with ``--phase``), so that its peak RSS
(``getrusage``: ``RUSAGE_SELF``, and ``RUSAGE_CHILDREN`` for the worker processes) belongs to that
measurement alone. Tokens are the pipeline's own tokens (``split_sentences``), counted outside the
timed region. See benchmarks/README.md for the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"

TARGETS = {
    "pipeline_vs_ner": 0.85,  # (b)/(a): the full pipeline within 15% of bare NER
    "two_vs_one": 1.7,  # (c)/(b): two processes at least 1.7 times one
    "worker_rss_mb": 1536.0,  # peak memory per worker < 1.5 GB
    "load_s": 3.0,  # model load < 3 s
    "scale_growth": 0.10,  # peak memory at 10 N within 10% of N: flat
}


# ---------------------------------------------------------------- corpus


def articles(data: Path) -> Iterator[str]:
    """Article texts (title, blank line, content) from the SaudiNewsNet zips, in file order, lazily.

    Each zip holds one JSON array of ``{title, content, ...}``; only one zip is in memory at a time.
    """
    zips = sorted(data.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no SaudiNewsNet zips in {data} (pass --data DIR)")
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for article in json.loads(archive.read(name)):
                    content = (article.get("content") or "").strip()
                    if content:
                        yield f"{(article.get('title') or '').strip()}\n\n{content}"


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float | None:
    """Resident set size now, in MB, from /proc (Linux); None elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


# ---------------------------------------------------------------- phases (each in its own process)


def _load(args: argparse.Namespace) -> tuple[Any, dict[str, float]]:
    started = time.perf_counter()
    import torch

    import entities

    torch.set_num_threads(args.threads)
    imported = time.perf_counter()
    pipeline = entities.load(args.model)
    loaded = time.perf_counter()
    pipeline("استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة.")  # warm-up, untimed
    return pipeline, {"import_s": imported - started, "load_s": loaded - imported}


def _count_tokens(texts: list[str], max_sentence_tokens: int) -> int:
    from entities.tokenize import split_sentences

    return sum(len(s.tokens) for text in texts for s in split_sentences(text, max_sentence_tokens))


def phase_ner(args: argparse.Namespace, collector_as_in_pipe: bool = False) -> dict[str, Any]:
    """(a) Stanza NER alone: pre-split sentences, the same batches of documents as pipe().

    With ``collector_as_in_pipe`` each call runs under the garbage-collector thresholds that pipe() sets
    for a batch, so that (b) against it shows the pipeline's own cost and nothing else.
    """
    pipeline, result = _load(args)  # first: it times the imports too
    from contextlib import nullcontext

    from entities.pipeline import _fewer_collections
    from entities.tokenize import split_sentences

    texts = list(islice(articles(args.data), args.docs))
    tokens, seconds = 0, 0.0
    for start in range(0, len(texts), args.batch_size):
        batch = texts[start : start + args.batch_size]
        sentences = [s for text in batch for s in split_sentences(text, pipeline.max_sentence_tokens)]
        tokens += sum(len(s.tokens) for s in sentences)
        began = time.perf_counter()
        with _fewer_collections() if collector_as_in_pipe else nullcontext():
            pipeline.tagger.tag(sentences)
        seconds += time.perf_counter() - began
    return {**result, "docs": len(texts), "tokens": tokens, "seconds": seconds, "peak_rss_mb": peak_rss_mb()}


def phase_pipe(args: argparse.Namespace) -> dict[str, Any]:
    """(b) and (c): the full pipeline through pipe(), with ``--processes`` processes.

    With more than one process, the same texts go through a second time on a warm
    :class:`~entities.parallel.WorkerPool` (workers started and their model loaded beforehand): what a
    long run approaches once the start-up is paid.
    """
    pipeline, result = _load(args)
    texts = list(islice(articles(args.data), args.docs))
    tokens = _count_tokens(texts, pipeline.max_sentence_tokens)
    began = time.perf_counter()
    errors, count = 0, 0
    for document in pipeline.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
        count += 1
        errors += document.error is not None
    ended = time.perf_counter()
    warm: dict[str, float] = {}
    if args.processes > 1:
        from entities.parallel import WorkerPool
        from entities.pipeline import _batches  # the batches pipe() itself makes

        with WorkerPool(pipeline, args.processes, parent_works=True) as pool:
            started = time.perf_counter()
            list(pool.pipe([[("بدء", None)]]))  # goes to a worker: returns once it has loaded the model
            warm["start_s"] = time.perf_counter() - started
            started = time.perf_counter()
            for _ in pool.pipe(_batches(texts, args.batch_size)):
                pass
            warm["seconds"] = time.perf_counter() - started
    return {
        **result,
        "docs": count,
        "errors": errors,
        "tokens": tokens,
        "seconds": ended - began,
        "warm_pool_start_s": warm.get("start_s"),
        "warm_pool_seconds": warm.get("seconds"),
        "peak_rss_mb": peak_rss_mb(),
        "worker_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN) if args.processes > 1 else None,
    }


def phase_scale(args: argparse.Namespace) -> dict[str, Any]:
    """Peak memory of pipe() streaming ``--docs`` articles straight from the zips (nothing materialised)."""
    pipeline, result = _load(args)
    from entities.tokenize import split_sentences

    tokens, counting = 0, 0.0

    def stream() -> Iterator[str]:
        nonlocal tokens, counting
        for text in islice(articles(args.data), args.docs):
            began = time.perf_counter()
            tokens += sum(len(s.tokens) for s in split_sentences(text, pipeline.max_sentence_tokens))
            counting += time.perf_counter() - began
            yield text

    began = time.perf_counter()
    docs = sum(1 for _ in pipeline.pipe(stream(), batch_size=args.batch_size, n_process=args.processes))
    seconds = time.perf_counter() - began - counting
    return {
        **result,
        "docs": docs,
        "tokens": tokens,
        "seconds": seconds,
        "peak_rss_mb": peak_rss_mb(),
        "final_rss_mb": current_rss_mb(),
    }


PHASES = {
    "ner": phase_ner,
    "ner_collector": lambda args: phase_ner(args, collector_as_in_pipe=True),
    "pipe": phase_pipe,
    "scale": phase_scale,
}


# ---------------------------------------------------------------- driver


def run_phase(args: argparse.Namespace, phase: str, *, docs: int, processes: int) -> dict[str, Any]:
    """Run one phase in a fresh interpreter and return its JSON result."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        phase,
        "--docs",
        str(docs),
        "--processes",
        str(processes),
        "--batch-size",
        str(args.batch_size),
        "--threads",
        str(args.threads),
        "--data",
        str(args.data),
    ]
    if args.model:
        command += ["--model", args.model]
    env = {**os.environ, "OMP_NUM_THREADS": str(args.threads), "MKL_NUM_THREADS": str(args.threads)}
    print(f"  running {phase} (docs={docs}, processes={processes}) ...", file=sys.stderr, flush=True)
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"phase {phase} failed with exit code {done.returncode}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _rate(result: dict[str, Any]) -> float:
    return float(result["tokens"]) / float(result["seconds"]) if result["seconds"] else 0.0


def _mark(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, help="articles to process (default: 1000)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of SaudiNewsNet *.zip files")
    parser.add_argument("--model", help="model directory or stanza[:DIR] (default: the shipped model)")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per NER call (default: 32)")
    parser.add_argument("--processes", type=int, default=2, help="worker processes for run (c) (default: 2)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads per process (default: 1)")
    parser.add_argument("--scale-check", action="store_true", help="also compare peak memory at N and 10 N docs")
    parser.add_argument("--json", type=Path, help="also write all results here as JSON")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.phase:
        print(json.dumps(PHASES[args.phase](args)))
        return 0

    if (os.cpu_count() or 1) < args.processes:
        print(f"note: {args.processes} processes on {os.cpu_count()} CPUs: (c) cannot scale", file=sys.stderr)
    ner = run_phase(args, "ner", docs=args.docs, processes=1)
    ner_collector = run_phase(args, "ner_collector", docs=args.docs, processes=1)
    one = run_phase(args, "pipe", docs=args.docs, processes=1)
    many = run_phase(args, "pipe", docs=args.docs, processes=args.processes)
    results: dict[str, Any] = {"ner": ner, "ner_collector": ner_collector, "pipe": one, "pipe_parallel": many}
    if args.scale_check:
        results["scale_n"] = run_phase(args, "scale", docs=args.docs, processes=1)
        results["scale_10n"] = run_phase(args, "scale", docs=10 * args.docs, processes=1)

    a, a_gc, b, c = _rate(ner), _rate(ner_collector), _rate(one), _rate(many)
    c_warm = many["tokens"] / many["warm_pool_seconds"] if many.get("warm_pool_seconds") else 0.0
    print()
    print(
        f"corpus: {ner['docs']} SaudiNewsNet articles, {ner['tokens']} tokens; batch size {args.batch_size}; "
        f"torch threads per process {args.threads}; {os.cpu_count()} CPUs"
    )
    print(f"model load: {ner['load_s']:.2f} s (+ {ner['import_s']:.2f} s importing torch and entities)")
    print()
    print(f"{'run':<34}{'seconds':>9}{'tokens/s':>10}{'docs/s':>8}{'peak RSS MB':>22}")
    rows = [
        ("(a) NER alone (tagger.tag)", ner, a, f"{ner['peak_rss_mb']:.0f}"),
        ("(a') the same, pipe()'s collector", ner_collector, a_gc, f"{ner_collector['peak_rss_mb']:.0f}"),
        ("(b) pipe(), 1 process", one, b, f"{one['peak_rss_mb']:.0f}"),
        (
            f"(c) pipe(), {args.processes} processes",
            many,
            c,
            f"{many['peak_rss_mb']:.0f} + {many['worker_peak_rss_mb']:.0f}/worker",
        ),
    ]
    for name, result, rate, rss in rows:
        docs_per_s = result["docs"] / result["seconds"] if result["seconds"] else 0.0
        print(f"{name:<34}{result['seconds']:>9.1f}{rate:>10.0f}{docs_per_s:>8.1f}{rss:>22}")
    if c_warm:
        warm_s = many["warm_pool_seconds"]
        print(
            f"{'    (c) on a warm WorkerPool':<34}{warm_s:>9.1f}{c_warm:>10.0f}{many['docs'] / warm_s:>8.1f}"
            f"   (its start-up, {many['warm_pool_start_s']:.1f} s, paid beforehand)"
        )
    print()
    print(
        f"{_mark(a > 0 and b / a >= TARGETS['pipeline_vs_ner'])} (b)/(a) = {b / a if a else 0:.2f}  (target ≥ 0.85; "
        f"(b)/(a') = {b / a_gc if a_gc else 0:.2f}, the pipeline's own cost with the collector set alike)"
    )
    print(
        f"{_mark(b > 0 and c / b >= TARGETS['two_vs_one'])} (c)/(b) = {c / b if b else 0:.2f}  "
        f"(target ≥ 1.7; {c_warm / b if b else 0:.2f} on a warm pool)"
    )
    worker_rss = float(many["worker_peak_rss_mb"] or 0.0)
    print(f"{_mark(worker_rss < TARGETS['worker_rss_mb'])} peak RSS per worker = {worker_rss:.0f} MB  (target < 1536)")
    print(f"{_mark(ner['load_s'] < TARGETS['load_s'])} model load = {ner['load_s']:.2f} s  (target < 3)")
    if args.scale_check:
        small, large = results["scale_n"], results["scale_10n"]
        growth = large["peak_rss_mb"] / small["peak_rss_mb"] - 1
        print(
            f"{_mark(growth <= TARGETS['scale_growth'])} peak memory streaming {small['docs']} docs = "
            f"{small['peak_rss_mb']:.0f} MB, {large['docs']} docs = {large['peak_rss_mb']:.0f} MB, "
            f"growth {growth:+.0%}  (target: flat, ≤ +10%)"
        )
        if small.get("final_rss_mb") and large.get("final_rss_mb"):
            print(
                f"     RSS at the end: {small['final_rss_mb']:.0f} MB and {large['final_rss_mb']:.0f} MB "
                "(the peak also reflects the largest batch met, i.e. the longest articles)"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
