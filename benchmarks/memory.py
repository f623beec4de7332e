"""Memory on inputs far larger than an article: one huge document, and a long stream of documents.

    python benchmarks/memory.py --doc-mb 20                 # one 20 MB document
    python benchmarks/memory.py --stream 100000             # 100,000 documents through Pipeline.pipe
    python benchmarks/memory.py --doc-mb 2 --stream 10000   # a quicker look at both

The huge document is SaudiNewsNet articles joined with blank lines until it reaches the size asked for
(in UTF-8 bytes), so it reads like a long archive page. The stream cycles over the first 2,000 articles'
first paragraphs (cut to ``--chars`` characters, so that many pass in little time) and never holds more than one batch:
the generator feeding ``pipe`` makes each text on demand, and each result is dropped once counted.

While it runs, the resident set size (RSS, from /proc/self/status) is sampled: for the stream every
``--every`` documents, so that a leak shows as a rising line; at the end, the peak (``getrusage``). Each
part runs in a fresh child process so its peak is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, articles


def rss_mb() -> float:
    """Current resident set size in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def big_document(data: Path, megabytes: float) -> str:
    target = int(megabytes * 1024 * 1024)
    parts: list[str] = []
    size = 0
    for text in cycle(list(islice(articles(data), 3000))):
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        if size >= target:
            break
    return "\n\n".join(parts)


def run_document(data: Path, megabytes: float) -> dict[str, float]:
    import entities

    text = big_document(data, megabytes)
    pipeline = entities.load()
    before = rss_mb()
    began = time.perf_counter()
    document = pipeline(text)
    seconds = time.perf_counter() - began
    return {
        "doc_mb": len(text.encode("utf-8")) / 1024 / 1024,
        "chars": len(text),
        "mentions": len(document.mentions),
        "entities": len(document.entities),
        "relations": len(document.relations),
        "seconds": seconds,
        "rss_after_load_mb": before,
        "peak_rss_mb": peak_mb(),
    }


def stream_texts(data: Path, count: int, chars: int) -> Iterator[str]:
    paragraphs = [text.split("\n\n", 1)[-1].split("\n")[0][:chars] for text in islice(articles(data), 2000)]
    return islice(cycle(paragraphs), count)


def run_stream(data: Path, count: int, every: int, batch_size: int, chars: int) -> dict[str, object]:
    import entities

    pipeline = entities.load()
    samples: list[tuple[int, float]] = [(0, rss_mb())]
    began = time.perf_counter()
    done = failed = 0
    for document in pipeline.pipe(stream_texts(data, count, chars), batch_size=batch_size):
        done += 1
        failed += document.error is not None
        if done % every == 0:
            samples.append((done, rss_mb()))
            print(f"  {done:>8} documents  rss {samples[-1][1]:7.1f} MB", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - began
    settled = [mb for n, mb in samples if n >= every]  # after the first batches have warmed the caches
    return {
        "documents": done,
        "failed": failed,
        "seconds": seconds,
        "docs_per_s": done / seconds,
        "samples": samples,
        "rss_first_sample_mb": settled[0] if settled else float("nan"),
        "rss_last_sample_mb": settled[-1] if settled else float("nan"),
        "peak_rss_mb": peak_mb(),
    }


def child(args: list[str]) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=False, stdout=subprocess.PIPE)
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of SaudiNewsNet *.zip")
    parser.add_argument("--doc-mb", type=float, default=0, help="size of the single huge document")
    parser.add_argument("--stream", type=int, default=0, help="number of documents to stream")
    parser.add_argument("--every", type=int, default=0, help="sample RSS every N documents (default: stream/10)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--chars", type=int, default=300, help="stream documents are cut to this many characters")
    parser.add_argument("--phase", choices=["document", "stream"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase == "document":
        print(json.dumps(run_document(args.data, args.doc_mb)))
        return
    if args.phase == "stream":
        print(json.dumps(run_stream(args.data, args.stream, args.every, args.batch_size, args.chars)))
        return
    if not args.doc_mb and not args.stream:
        parser.error("give --doc-mb and/or --stream")

    common = ["--data", str(args.data)]
    if args.doc_mb:
        r = child([*common, "--phase", "document", "--doc-mb", str(args.doc_mb)])
        print(f"one document of {r['doc_mb']:.1f} MB ({r['chars']:,} characters)")
        print(f"  {r['mentions']:,} mentions, {r['entities']:,} entities, {r['relations']:,} relations")
        print(
            f"  {r['seconds']:.0f} s; RSS after model load {r['rss_after_load_mb']:.0f} MB, "
            f"peak {r['peak_rss_mb']:.0f} MB"
        )
    if args.stream:
        every = args.every or max(1, args.stream // 10)
        r = child(
            [
                *common,
                "--phase",
                "stream",
                "--stream",
                str(args.stream),
                "--every",
                str(every),
                "--batch-size",
                str(args.batch_size),
                "--chars",
                str(args.chars),
            ]
        )
        first, last = float(r["rss_first_sample_mb"]), float(r["rss_last_sample_mb"])  # type: ignore[arg-type]
        print(
            f"stream of {r['documents']:,} documents of up to {args.chars} characters ({r['failed']} failed), "
            f"{r['docs_per_s']:.0f} documents/s"
        )
        print("  documents      RSS MB")
        for n, mb in r["samples"]:  # type: ignore[union-attr]
            print(f"  {n:>9,}  {mb:10.1f}")
        print(
            f"  RSS at {every:,} documents {first:.0f} MB, at the end {last:.0f} MB "
            f"({(last - first) / first:+.1%}); peak {r['peak_rss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
