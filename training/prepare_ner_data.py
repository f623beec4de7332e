"""Convert `token TAG` corpora into Stanza's NER JSON (train and dev files).

    python training/prepare_ner_data.py --anercorp ../shared/data/anercorp/train.txt --out work/ner-data

ANERcorp has no dev split: the last ``--dev-fraction`` of its sentences (default 10%) becomes dev.
Tags are mapped to PER/LOC/ORG/MISC, orphan ``I-`` tags become ``B-``, and tokens are normalised exactly
as the library does at inference time (``entities.normalize.for_tagger``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from entities.evaluation import read_conll
from entities.normalize import for_tagger

LABEL_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "MIS": "MISC"}

Sentence = list[tuple[str, str]]


def clean_tags(sentence: Sentence) -> Sentence:
    """Map labels to PER/LOC/ORG/MISC and repair orphan I- tags (IOB2)."""
    cleaned: Sentence = []
    previous = "O"
    for token, tag in sentence:
        if tag != "O":
            prefix, _, label = tag.partition("-")
            mapped = LABEL_MAP.get(label)
            if mapped is None or prefix not in {"B", "I"}:
                tag = "O"
            else:
                if prefix == "I" and previous[2:] != mapped:
                    prefix = "B"
                tag = f"{prefix}-{mapped}"
        cleaned.append((token, tag))
        previous = tag
    return cleaned


def to_stanza(sentence: Sentence) -> list[dict[str, str]]:
    return [{"text": for_tagger(token), "ner": tag} for token, tag in sentence]


def write_json(sentences: list[Sentence], path: Path) -> None:
    path.write_text(json.dumps([to_stanza(s) for s in sentences], ensure_ascii=False), "utf-8")


def write_conll(sentences: list[Sentence], path: Path) -> None:
    lines = ["\n".join(f"{token} {tag}" for token, tag in sentence) + "\n" for sentence in sentences]
    path.write_text("\n".join(lines), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--anercorp", type=Path, required=True, help="ANERcorp train.txt")
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more `token TAG` files for train only")
    parser.add_argument("--dev-fraction", type=float, default=0.1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    sentences = [clean_tags(s) for s in read_conll(args.anercorp)]
    cut = len(sentences) - round(len(sentences) * args.dev_fraction)
    train, dev = sentences[:cut], sentences[cut:]
    for extra in args.extra:
        train += [clean_tags(s) for s in read_conll(extra)]
    args.out.mkdir(parents=True, exist_ok=True)
    write_json(train, args.out / "train.json")
    write_json(dev, args.out / "dev.json")
    write_conll(dev, args.out / "dev.txt")  # for `entities evaluate --conll`
    print(f"train: {len(train)} sentences, dev: {len(dev)} sentences -> {args.out}")


if __name__ == "__main__":
    main()
