"""The `entities` command line.

    entities extract PATH... --graphml OUT.graphml [--jsonl OUT.jsonl]
    entities evaluate --conll FILE | --relations FILE
    entities explain TEXT

Exit codes: 0 success; 1 some inputs could not be read or processed (each is reported on stderr, the
others are still processed and written); 2 wrong usage, or the model could not be loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .pipeline import Pipeline

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Source:
    """One input text, or why it could not be read."""

    doc_id: str
    text: str | None = None
    error: str | None = None


def _read(path: Path, doc_id: str) -> Source:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Source(doc_id, error=f"cannot read: {exc.strerror or exc}")
    try:
        return Source(doc_id, text=data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Source(doc_id, error=f"not UTF-8 text (invalid byte at offset {exc.start}); convert it to UTF-8")


def iter_sources(paths: Sequence[str], pattern: str = "*.txt") -> Iterator[Source]:
    """Texts from files, folders (files matching ``pattern``, recursively, in sorted order) and ``-``."""
    for raw in paths:
        if raw == "-":
            yield Source("stdin", text=sys.stdin.read())
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob(pattern) if p.is_file())
            if not files:
                yield Source(raw, error=f"folder has no files matching {pattern!r}")
            for file in files:
                yield _read(file, str(file))
        elif path.exists():
            yield _read(path, raw)
        else:
            yield Source(raw, error="no such file or folder")


def _report(doc_id: str, message: str) -> None:
    print(f"entities: {doc_id}: {message}", file=sys.stderr)


def _load(model: str | None) -> Pipeline:
    from .pipeline import load

    return load(model)


def cmd_extract(args: argparse.Namespace) -> int:
    """Stream inputs through the pipeline: JSONL is written as it goes, the graph grows document by document."""
    from collections import deque

    from tqdm import tqdm

    from .graph import build_graph
    from .graphml import write_graphml
    from .schema import Document

    pipeline = _load(args.model)
    failures = 0

    def readable() -> Iterator[tuple[str, str]]:
        nonlocal failures
        for source in iter_sources(args.paths, args.glob):
            if source.text is None:
                _report(source.doc_id, source.error or "unreadable")
                failures += 1
            else:
                yield source.text, source.doc_id

    def processed(jsonl: TextIO | None) -> Iterator[Document]:
        nonlocal failures
        progress = tqdm(unit="doc", disable=args.quiet or None, file=sys.stderr)
        for document in pipeline.pipe(readable(), batch_size=args.batch_size):
            progress.update(1)
            if document.error:
                _report(document.id, document.error)
                failures += 1
            if jsonl is not None:
                jsonl.write(document.model_dump_json() + "\n")
                jsonl.flush()
            yield document
        progress.close()

    with contextlib.ExitStack() as stack:
        jsonl = stack.enter_context(open(args.jsonl, "w", encoding="utf-8")) if args.jsonl else None
        if args.graphml:
            graph = build_graph(processed(jsonl))
            write_graphml(graph, args.graphml)
            if not args.quiet:
                print(
                    f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations -> {args.graphml}",
                    file=sys.stderr,
                )
        else:
            deque(processed(jsonl), maxlen=0)
    return EXIT_INPUT_FAILED if failures else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate_ner, evaluate_relations

    pipeline = _load(args.model)
    report = (
        evaluate_ner(pipeline, args.conll)
        if args.conll
        else evaluate_relations(pipeline, args.relations)
    )
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(report.table())
    if args.errors:
        for error in report.errors:
            print(json.dumps(error, ensure_ascii=False))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from .explain import explain

    text = sys.stdin.read() if args.text == "-" else args.text
    print(explain(_load(args.model), text))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="entities", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--model",
        help="model directory, or 'stanza[:DIR]' for Stanza's Arabic models (default: the model shipped with entities)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract entities and relations from files")
    extract.add_argument("paths", nargs="+", help="files, folders, or - for standard input")
    extract.add_argument("--graphml", type=Path, help="write the merged graph here")
    extract.add_argument("--jsonl", type=Path, help="write one Document per line here, as it goes")
    extract.add_argument("--glob", default="*.txt", help="files to take from folders (default: *.txt)")
    extract.add_argument("--batch-size", type=int, default=32, help="documents per NER call")
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    extract.set_defaults(run=cmd_extract)

    evaluate = commands.add_parser("evaluate", help="score the pipeline on annotated data")
    which = evaluate.add_mutually_exclusive_group(required=True)
    which.add_argument("--conll", type=Path, help="`token TAG` file: exact-span NER P/R/F1")
    which.add_argument("--relations", type=Path, help="JSONL relation file: MET/CALLED/VISITED P/R/F1")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--errors", action="store_true", help="also list each error")
    evaluate.set_defaults(run=cmd_evaluate)

    explain = commands.add_parser("explain", help="show tokens, entities and the rules that fired")
    explain.add_argument("text", help="the text, or - for standard input")
    explain.set_defaults(run=cmd_explain)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .errors import EntitiesError

    args = build_parser().parse_args(argv)
    if getattr(args, "command", None) == "extract" and not (args.graphml or args.jsonl):
        print("entities: error: extract needs --graphml and/or --jsonl (where to write the results)", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except EntitiesError as exc:
        print(f"entities: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("entities: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
