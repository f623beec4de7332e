"""The `entities` command line.

    entities extract PATH... --graphml OUT.graphml [--jsonl OUT.jsonl] [--processes N] [--resume]
    entities evaluate --conll FILE | --relations FILE
    entities explain TEXT
    entities view GRAPH.graphml -o graph.html
    entities show TEXT_OR_FILE -o doc.html

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
    from .schema import Document

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


def _count_inputs(paths: Sequence[str], pattern: str) -> int:
    """How many sources :func:`iter_sources` will yield, from file names alone (nothing is read)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            total += sum(1 for p in path.rglob(pattern) if p.is_file()) or 1
        else:
            total += 1
    return total


def _read_earlier(path: Path) -> list[Document]:
    """The Documents an earlier run wrote to ``path``, for ``--resume``; missing file: none.

    A last line that is not a whole Document (the run was killed while writing it) is cut off the file,
    so that new lines are appended after the last complete one. A bad line anywhere else raises ValueError.
    """
    from .schema import Document

    if not path.exists():
        return []
    documents: list[Document] = []
    kept = 0  # bytes of complete lines
    bad: tuple[int, str] | None = None
    with open(path, "rb+") as file:
        for number, line in enumerate(file, 1):
            if bad is not None:
                raise ValueError(f"{path}: line {bad[0]} is not a Document ({bad[1]}); fix or delete it")
            try:
                if line.strip():
                    documents.append(Document.model_validate_json(line))
            except ValueError as exc:
                bad = number, str(exc).splitlines()[0]
                continue
            kept += len(line)
        if bad is not None:
            _report(str(path), f"dropped the incomplete last line {bad[0]} (left by an interrupted run)")
        file.truncate(kept)
        if kept:
            file.seek(kept - 1)
            if file.read(1) != b"\n":
                file.write(b"\n")
    return documents


def cmd_extract(args: argparse.Namespace) -> int:
    """Stream inputs through the pipeline: JSONL is written as it goes, the graph is built from all documents.

    With ``--resume``, documents whose id is already in the JSONL are skipped, new ones are appended, and
    the graph is built from the earlier documents (read back from the JSONL) and the new ones together.
    """
    from collections import deque
    from itertools import chain

    from tqdm import tqdm

    from .graph import build_graph
    from .graphml import write_graphml

    if args.processes < 1 or args.batch_size < 1:
        print("entities: error: --processes and --batch-size must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.resume and not args.jsonl:
        print("entities: error: --resume needs --jsonl (the file to resume)", file=sys.stderr)
        return EXIT_USAGE
    failures = 0
    earlier: list[Document] = []
    if args.resume:
        try:
            earlier = _read_earlier(args.jsonl)
        except (OSError, ValueError) as exc:
            print(f"entities: error: cannot resume: {exc}", file=sys.stderr)
            return EXIT_USAGE
        for document in earlier:
            if document.error:
                _report(document.id, f"{document.error} (in {args.jsonl} from an earlier run)")
                failures += 1
    done = {document.id for document in earlier}
    if not args.graphml:
        earlier = []

    pipeline = _load(args.model)
    progress = tqdm(unit="doc", disable=args.quiet or None, file=sys.stderr, dynamic_ncols=True)
    if not progress.disable:
        progress.reset(total=_count_inputs(args.paths, args.glob))

    def readable() -> Iterator[tuple[str, str]]:
        nonlocal failures
        for source in iter_sources(args.paths, args.glob):
            if source.doc_id in done:
                if progress.total:
                    progress.total -= 1  # already in the JSONL: not part of this run's work
                continue
            if source.text is None:
                _report(source.doc_id, source.error or "unreadable")
                failures += 1
                progress.update(1)
            else:
                yield source.text, source.doc_id

    def processed(jsonl: TextIO | None) -> Iterator[Document]:
        nonlocal failures
        documents = pipeline.pipe(readable(), batch_size=args.batch_size, n_process=args.processes)
        with contextlib.closing(documents):  # stops worker processes at once if the run is cut short
            for document in documents:
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
        stack.callback(progress.close)
        jsonl: TextIO | None = None
        if args.jsonl:
            jsonl = stack.enter_context(open(args.jsonl, "a" if args.resume else "w", encoding="utf-8"))
        if args.graphml:
            graph = build_graph(chain(earlier, processed(jsonl)))
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
        evaluate_ner(pipeline, args.conll, tagger_only=args.tagger_only)
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


def cmd_view(args: argparse.Namespace) -> int:
    """Draw a GraphML graph as one self-contained HTML page."""
    from .errors import GraphFormatError
    from .graphml import read_graphml
    from .view import write_graph_html

    try:
        graph = read_graphml(args.graph)
    except GraphFormatError as exc:
        print(f"entities: error: {exc}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    write_graph_html(graph, args.output, title=args.graph.name)
    if not args.quiet:
        summary = f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations"
        print(f"{summary} -> {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """Extract one text (given inline, as a file, or on stdin) and write it as an HTML page."""
    import os
    import re

    from .show import write_document_html

    if args.text == "-":
        source = Source("stdin", text=sys.stdin.read())
    elif os.path.isdir(args.text):
        _report(args.text, "is a folder; show takes one text or one file")
        return EXIT_USAGE
    elif os.path.isfile(args.text):
        source = _read(Path(args.text), args.text)
    else:
        if re.fullmatch(r"\S+\.txt", args.text):
            _report(args.text, "no such file; showing the argument itself as the text")
        source = Source("", text=args.text)
    if source.text is None:
        _report(source.doc_id, source.error or "unreadable")
        return EXIT_INPUT_FAILED
    document = _load(args.model)(source.text, source.doc_id or None)
    try:
        write_document_html(document, args.output)
    except OSError as exc:
        print(f"entities: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        summary = f"{len(document.mentions)} mentions, {len(document.relations)} relations"
        print(f"{summary} -> {args.output}", file=sys.stderr)
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
    extract.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="N",
        help="processes that tag: this one and N-1 workers that load the model (default: 1)",
    )
    extract.add_argument(
        "--resume",
        action="store_true",
        help="skip documents already in --jsonl and append the rest (a truncated last line is dropped); "
        "the graph is built from all of them",
    )
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    extract.set_defaults(run=cmd_extract)

    evaluate = commands.add_parser("evaluate", help="score the pipeline on annotated data")
    which = evaluate.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--conll", type=Path, help="`token TAG` file: exact-span NER P/R/F1 of the names the pipeline gives"
    )
    which.add_argument("--relations", type=Path, help="JSONL relation file: MET/CALLED/VISITED P/R/F1")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--errors", action="store_true", help="also list each error")
    evaluate.add_argument(
        "--tagger-only",
        action="store_true",
        help="with --conll: score the NER model alone, without patterns and propagation",
    )
    evaluate.set_defaults(run=cmd_evaluate)

    explain = commands.add_parser("explain", help="show tokens, entities and the rules that fired")
    explain.add_argument("text", help="the text, or - for standard input")
    explain.set_defaults(run=cmd_explain)

    view = commands.add_parser("view", help="draw a GraphML graph as one self-contained HTML page")
    view.add_argument("graph", type=Path, help="a GraphML file, e.g. from extract --graphml")
    view.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    view.add_argument("-q", "--quiet", action="store_true", help="no summary")
    view.set_defaults(run=cmd_view)

    show = commands.add_parser("show", help="one text as an HTML page: entities highlighted, relations listed")
    show.add_argument("text", help="a UTF-8 text file, the text itself, or - for standard input")
    show.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    show.add_argument("-q", "--quiet", action="store_true", help="no summary")
    show.set_defaults(run=cmd_show)
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
