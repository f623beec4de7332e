"""Convert `token TAG` corpora into Stanza's NER JSON (train and dev files).

    python training/prepare_ner_data.py --anercorp ../shared/data/anercorp/train.txt --out work/ner-data

ANERcorp has no dev split: the last ``--dev-fraction`` of its sentences (default 10%) becomes dev.
Tags are mapped to PER/LOC/ORG/MISC, orphan ``I-`` tags become ``B-``, and tokens are normalised exactly
as the library does at inference time (``entities.normalize.for_tagger``).

One tagger can learn several corpora each on its own terms: with ``--heads``, train.json holds Stanza's
``multi_ner`` form, one tag set ("head": an output layer and CRF over the shared encoder) per argument,
each a comma-separated list of the corpora whose tags it learns (0 is ANERcorp's train carve, 1 and on the
``--extra`` files in order; ``-`` for none, so that a second stage keeps the first stage's heads). A
sentence's tag in a head that does not learn its corpus is ``-``, which Stanza leaves out of the loss.
Head 0 is the one ``package_model.py`` keeps unless told otherwise, and dev (ANERcorp's carve) is scored
on it. ``--repeat`` and ``--sample`` set how often each corpus is seen.

    python training/prepare_ner_data.py --anercorp ../shared/data/anercorp/train.txt \
        --extra ../shared/data/aqmar/train.txt work/wikifane.txt --repeat 2 2 1 --sample 0 0 8000 \
        --heads 0 1 2 0,1 --out work/ner-data-heads

``--swap K`` makes K of ANERcorp's ``--repeat`` copies swapped copies (mention replacement, Dai & Adel
2020): each person, place and organisation is replaced, with probability ``--swap-rate``, by a name of
the same type drawn uniformly from the distinct names of ANERcorp's train carve and the ``--swap-from``
files (never the dev carve). The sentence keeps its context and its head; only the names change, so the
tagger has to read a name from its context rather than remember it.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from entities.clitics import WordRank, proclitic_length
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


def write_json(rows: list[list[dict[str, Any]]], path: Path) -> None:
    path.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")


def to_heads(sentence: Sentence, corpus: int, heads: list[set[int]]) -> list[dict[str, Any]]:
    """A sentence of corpus ``corpus`` in Stanza's multi_ner form: its tag in each head that learns it, else -."""
    return [
        {"text": for_tagger(token), "multi_ner": [tag if corpus in learns else "-" for learns in heads]}
        for token, tag in sentence
    ]


#: Longer sentences (in WikiFANE, mostly run-on lists) are not drawn by --sample.
SAMPLE_MAX_TOKENS = 120


def sample(sentences: list[Sentence], size: int, seed: int = 7) -> list[Sentence]:
    """``size`` sentences drawn at random from those of 1 to 120 tokens (0: all sentences, as they are)."""
    if size == 0:
        return sentences
    pool = [s for s in sentences if 0 < len(s) <= SAMPLE_MAX_TOKENS]
    random.Random(seed).shuffle(pool)
    return pool[:size]


#: The labels whose names are swapped; MISC is left as it is (the corpora disagree on what it holds).
SWAP_LABELS = ("PER", "LOC", "ORG")

Name = tuple[str, ...]


def split_clitic(word: str, rank: WordRank | None) -> tuple[str, str]:
    """(proclitic, bare word) of a name's first word, by the library's own test (``proclitic_length``:
    the article, or a bare form much more frequent in the vectors' vocabulary), else ("", word).

    ``لل`` is ل on the article («للأمم» is ل + «الأمم»), which the library keeps whole."""
    for clitic in ("ول", "ل"):
        if word.startswith(clitic + "ل") and len(word) > len(clitic) + 2:
            return clitic, "ا" + word[len(clitic) :]
    cut = proclitic_length(word, rank)
    return word[:cut], word[cut:]


def join_clitic(clitic: str, word: str) -> str:
    """``clitic`` put back on ``word``; ل before the article takes its alef («للأمم»)."""
    if clitic.endswith("ل") and word.startswith("ال"):
        return clitic + word[1:]
    return clitic + word


def names_by_label(sentences: list[Sentence], rank: WordRank | None = None) -> dict[str, list[Name]]:
    """The distinct names of each swapped label without a proclitic, in the order first met (so a seeded
    draw repeats)."""
    found: dict[str, dict[Name, None]] = {label: {} for label in SWAP_LABELS}
    for sentence in sentences:
        for label, start, end in spans(sentence):
            if label in found:
                found[label][tuple(token for token, _ in sentence[start:end])] = None
    bare: dict[str, list[Name]] = {}
    for label, names in found.items():
        stripped = ((split_clitic(name[0], rank)[1], *name[1:]) for name in names)
        bare[label] = list(dict.fromkeys(stripped))
    return bare


def spans(sentence: Sentence) -> list[tuple[str, int, int]]:
    """(label, start, end) of each name of an IOB2 sentence (``clean_tags`` output)."""
    found: list[tuple[str, int, int]] = []
    for i, (_, tag) in enumerate(sentence):
        if tag.startswith("B-"):
            found.append((tag[2:], i, i + 1))
        elif tag.startswith("I-") and found and found[-1][2] == i:
            found[-1] = (found[-1][0], found[-1][1], i + 1)
    return found


def swap_names(
    sentence: Sentence, pool: dict[str, list[Name]], rate: float, rng: random.Random, rank: WordRank | None = None
) -> Sentence:
    """The sentence with each PER/LOC/ORG name replaced, with probability ``rate``, by one of ``pool``; the
    replaced name's proclitic goes on the new one («وموسكو» → «وباريس»)."""
    swapped: Sentence = []
    last = 0
    for label, start, end in spans(sentence):
        swapped.extend(sentence[last:start])
        choices = pool.get(label)
        if choices and rng.random() < rate:
            clitic, _ = split_clitic(sentence[start][0], rank)
            first, *rest = rng.choice(choices)
            name = (join_clitic(clitic, first), *rest)
            swapped.extend((token, ("B-" if i == 0 else "I-") + label) for i, token in enumerate(name))
        else:
            swapped.extend(sentence[start:end])
        last = end
    swapped.extend(sentence[last:])
    return swapped


def vocabulary_rank(pretrain: Path) -> WordRank:
    """Frequency rank of a word in a Stanza pretrain file's vocabulary (word2vec keeps it by frequency)."""
    from stanza.models.common.pretrain import Pretrain

    vocab = Pretrain(str(pretrain)).vocab
    return lambda word: vocab.unit2id(word) if word in vocab else None


def _per_corpus(
    parser: argparse.ArgumentParser, name: str, values: list[int] | None, corpora: int, default: int
) -> list[int]:
    if values is None:
        return [default] * corpora
    if len(values) != corpora or any(v < 0 for v in values):
        parser.error(f"{name}: give one number (0 or more) per corpus: ANERcorp, then each --extra file ({corpora})")
    return values


def write_conll(sentences: list[Sentence], path: Path) -> None:
    lines = ["\n".join(f"{token} {tag}" for token, tag in sentence) + "\n" for sentence in sentences]
    path.write_text("\n".join(lines), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--anercorp", type=Path, required=True, help="ANERcorp train.txt")
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more `token TAG` files for train only")
    parser.add_argument("--heads", nargs="+", help="one per tag set: the corpora it learns (- for none), e.g. 0 1 0,1")
    parser.add_argument("--repeat", type=int, nargs="+", help="times each corpus is put in train (default 1 each)")
    parser.add_argument("--sample", type=int, nargs="+", help="sentences drawn from each corpus (0: all; default)")
    parser.add_argument("--swap", type=int, default=0, help="how many of ANERcorp's copies have their names swapped")
    parser.add_argument("--swap-rate", type=float, default=0.7, help="chance that a name is swapped (default 0.7)")
    parser.add_argument("--swap-from", type=Path, nargs="*", default=[], help="more `token TAG` files for the pool")
    parser.add_argument("--swap-seed", type=int, default=17)
    parser.add_argument(
        "--swap-vocab", type=Path, help="a pretrain.pt whose word ranks tell a proclitic from a name's first letter"
    )
    parser.add_argument("--dev-fraction", type=float, default=0.1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    corpora = 1 + len(args.extra)
    repeat = _per_corpus(parser, "--repeat", args.repeat, corpora, 1)
    sizes = _per_corpus(parser, "--sample", args.sample, corpora, 0)
    if not 0 <= args.swap <= repeat[0]:
        parser.error(f"--swap: at most as many swapped copies as ANERcorp's --repeat ({repeat[0]})")
    if not 0 < args.swap_rate <= 1:
        parser.error("--swap-rate: a probability above 0, at most 1")
    heads: list[set[int]] | None = None
    if args.heads is not None:
        try:
            heads = [set() if spec == "-" else {int(c) for c in spec.split(",")} for spec in args.heads]
        except ValueError:
            parser.error("--heads: each head is a comma-separated list of corpus numbers, such as 0,1")
        if any(not 0 <= c < corpora for learns in heads for c in learns) or 0 not in heads[0]:
            parser.error(f"--heads: corpora are numbered 0 (ANERcorp) to {corpora - 1}, and head 0 must learn ANERcorp")

    sentences = [clean_tags(s) for s in read_conll(args.anercorp)]
    cut = len(sentences) - round(len(sentences) * args.dev_fraction)
    dev = sentences[cut:]
    parts = [sentences[:cut]] + [[clean_tags(s) for s in read_conll(extra)] for extra in args.extra]
    parts = [sample(part, size) * times for part, size, times in zip(parts, sizes, repeat, strict=True)]
    if args.swap:
        pool_text = sentences[:cut] + [clean_tags(s) for path in args.swap_from for s in read_conll(path)]
        rank = vocabulary_rank(args.swap_vocab) if args.swap_vocab else None
        pool = names_by_label(pool_text, rank)
        rng = random.Random(args.swap_seed)
        carve = sample(sentences[:cut], sizes[0])
        swapped = [swap_names(s, pool, args.swap_rate, rng, rank) for _ in range(args.swap) for s in carve]
        parts[0] = carve * (repeat[0] - args.swap) + swapped
        print("swap pool: " + ", ".join(f"{len(names)} {label}" for label, names in pool.items()))
    args.out.mkdir(parents=True, exist_ok=True)
    if heads is None:
        write_json([to_stanza(s) for part in parts for s in part], args.out / "train.json")
        write_json([to_stanza(s) for s in dev], args.out / "dev.json")
    else:
        write_json(
            [to_heads(s, corpus, heads) for corpus, part in enumerate(parts) for s in part], args.out / "train.json"
        )
        write_json([to_heads(s, 0, heads) for s in dev], args.out / "dev.json")
    train_size = sum(len(part) for part in parts)
    write_conll(dev, args.out / "dev.txt")  # for `entities evaluate --conll`
    print(f"train: {train_size} sentences, dev: {len(dev)} sentences -> {args.out}")


if __name__ == "__main__":
    main()
