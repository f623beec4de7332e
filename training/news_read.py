"""Read what the pipeline does on raw news: dump a slice of SaudiNewsNet, diff two dumps, draw a sample.

A rule is written from one slice of news and checked on another that no rule was written from; every
change it makes there is read by a person. This script makes the three steps repeatable:

    python training/news_read.py dump OUT.json --first 11 --last 18 --per-zip 150   # slice 1: 1,050 articles
    python training/news_read.py dump OUT.json --first 0 --last 11 --per-zip 100    # slice 2: 1,100 articles
    python training/news_read.py diff BEFORE.json AFTER.json                        # what changed
    python training/news_read.py sample OUT.json --n 80 --seed 19                   # random mentions to read

``--only REGEX`` keeps the articles the regex matches (a rule that can only fire where its words occur
needs only those articles: minutes instead of a quarter of an hour). Archives are taken in sorted order,
``--first`` to ``--last`` exclusive, the first ``--per-zip`` articles of each; an article is its title, a
blank line and its content, as in ``benchmarks/throughput.py``. ``--skip N`` starts each archive's share at
its N-th article: ``--first 0 --last 18 --per-zip 60 --skip 1000`` is a slice far from those that rules
were written from.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet"
CONTEXT = 40


def slice_articles(data: Path, first: int, last: int, per_zip: int, skip: int = 0) -> Iterator[tuple[str, str]]:
    """(id, text) of ``per_zip`` articles of archives ``first`` to ``last`` (exclusive), after the first ``skip``."""
    zips = sorted(data.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no SaudiNewsNet zips in {data} (pass --data DIR)")
    for path in zips[first:last]:
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".json"))
            items = json.loads(archive.read(name))
        for index, item in enumerate(items[skip : skip + per_zip], start=skip):
            text = f"{item.get('title', '').strip()}\n\n{item.get('content', '').strip()}"
            yield f"{path.stem}#{index}", text


def dump(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    import entities

    only = re.compile(args.only) if args.only else None
    chosen = [
        (doc_id, text)
        for doc_id, text in slice_articles(args.data, args.first, args.last, args.per_zip, args.skip)
        if only is None or only.search(text)
    ]
    pipeline = entities.load(args.model)
    out = []
    pairs = [(text, doc_id) for doc_id, text in chosen]
    for doc in tqdm(pipeline.pipe(pairs, batch_size=16), total=len(pairs), unit="doc"):
        if doc.error:
            print(f"{doc.id}: {doc.error}", file=sys.stderr)
            continue
        names = {entity.id: entity.name for entity in doc.entities}
        out.append(
            {
                "id": doc.id,
                "text": doc.text,
                "mentions": [[m.start, m.end, m.label, m.text] for m in doc.mentions],
                "relations": [
                    [r.type, names[r.source], names[r.target], r.trigger.text, r.evidence.start, r.evidence.end]
                    for r in doc.relations
                ],
            }
        )
    args.out.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    print(
        f"{len(out)} articles, {sum(len(d['mentions']) for d in out)} mentions, "
        f"{sum(len(d['relations']) for d in out)} relations -> {args.out}"
    )
    return 0


def _window(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT) : start].replace("\n", " ")
    right = text[end : end + CONTEXT].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def diff(args: argparse.Namespace) -> int:
    before = {d["id"]: d for d in json.loads(args.before.read_text(encoding="utf-8"))}
    after = {d["id"]: d for d in json.loads(args.after.read_text(encoding="utf-8"))}
    changed_docs = mention_changes = relation_changes = 0
    for doc_id in sorted(before.keys() & after.keys()):
        old, new = before[doc_id], after[doc_id]
        old_m = {tuple(m) for m in old["mentions"]}
        new_m = {tuple(m) for m in new["mentions"]}
        old_r = {tuple(r[:4]) for r in old["relations"]}
        new_r = {tuple(r[:4]) for r in new["relations"]}
        if old_m == new_m and old_r == new_r:
            continue
        changed_docs += 1
        print(f"== {doc_id}")
        text = new["text"]
        for sign, items in (("-", sorted(old_m - new_m)), ("+", sorted(new_m - old_m))):
            for start, end, label, _ in items:
                mention_changes += 1
                print(f"  {sign} {label:<4} {_window(text, start, end)}")
        for sign, rels in (("-", sorted(old_r - new_r)), ("+", sorted(new_r - old_r))):
            for rel_type, source, target, trigger in rels:
                relation_changes += 1
                print(f"  {sign}REL {rel_type} {source} -> {target} ({trigger})")
    missing = sorted(before.keys() ^ after.keys())
    print(
        f"{changed_docs} articles changed; {mention_changes} mention lines, {relation_changes} relation lines"
        + (f"; {len(missing)} articles in only one dump" if missing else "")
    )
    return 0


def sample(args: argparse.Namespace) -> int:
    docs = json.loads(args.dump.read_text(encoding="utf-8"))
    pool = [(d["id"], d["text"], m) for d in docs for m in d["mentions"]]
    if not pool:
        raise SystemExit(f"{args.dump} holds no mentions")
    rng = random.Random(args.seed)
    for number, (doc_id, text, (start, end, label, _)) in enumerate(rng.sample(pool, min(args.n, len(pool))), 1):
        print(f"{number:>3} {doc_id} {label:<4} {_window(text, start, end)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("dump", help="run the pipeline on a slice of SaudiNewsNet, write JSON")
    p.add_argument("out", type=Path)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of SaudiNewsNet *.zip files")
    p.add_argument("--first", type=int, required=True, help="index of the first archive (sorted order)")
    p.add_argument("--last", type=int, required=True, help="index one past the last archive")
    p.add_argument("--per-zip", type=int, required=True, help="articles taken from the start of each archive")
    p.add_argument("--skip", type=int, default=0, help="articles left out at the start of each archive")
    p.add_argument("--only", help="keep only the articles this regular expression matches")
    p.add_argument("--model", help="model directory or 'stanza[:DIR]' (default: the shipped model)")
    p.set_defaults(run=dump)
    p = commands.add_parser("diff", help="mentions and relations that differ between two dumps")
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    p.set_defaults(run=diff)
    p = commands.add_parser("sample", help="draw random mentions from a dump, with context, to read")
    p.add_argument("dump", type=Path)
    p.add_argument("--n", type=int, default=80)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(run=sample)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
