"""Convert a Wojood file (nested, 21 types) into a `token TAG` file for ``prepare_ner_data.py --extra``.

    python training/prepare_wojood.py ../shared/data/wojood-sample/train.txt --out work/wojood-train.txt

Wojood (Jarrar et al., LREC 2022; the sample here is MIT-licensed) annotates Arabic news and other genres
with 21 types that nest: each line is a token and one IOB2 tag per layer, the outermost layer first
(«اللجنة I-OCC B-ORG»: the committee is an organisation inside an occupation, «رئيس اللجنة …»). Sentences
end with a ``$#$`` token and a blank line.

What this script does:

1. Reads the file (``parse``) and drops the ``$#$`` markers.
2. Finds each layer's spans and maps their types through ``TYPE_MAP`` to PER/LOC/ORG; every other type
   (dates, occupations, nationalities and groups, events, numbers, laws, websites …) is not a name here.
3. Keeps, among the spans that map to a label, those that no other mapped span contains (``flatten``):
   an organisation inside an occupation is kept, a person inside an organisation is not. This is the
   outermost *name*, which is what ANERcorp tags; taking the outermost layer whatever its type would lose
   the organisation in «رئيس اللجنة القومية العربية».

Wojood's places are wider than ANERcorp's («منطقة الشرق الأوسط», «الحدود البلغارية», facilities such as
«محطة القطار»); they are kept as Wojood has them, mapped to LOC, so that the file made from Wojood's val
and test parts scores a tagger on Wojood's own idea of a place. Its events are left out: they are mostly
descriptions («لانتخابات الرئيس», «الإحتلال الإسرائيلي»), not the named events of ANERcorp's MISC.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

Layers = list[str]
Sentence = list[tuple[str, Layers]]
Span = tuple[int, int, str]  # first token, last token (inclusive), label

TYPE_MAP: dict[str, str] = {"PERS": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}

SENTENCE_END = "$#$"


def parse(text: str) -> list[Sentence]:
    """Sentences of (token, tags by layer, outermost first), without the ``$#$`` markers."""
    sentences: list[Sentence] = []
    sentence: Sentence = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            if sentence:
                sentences.append(sentence)
            sentence = []
            continue
        if len(parts) < 2:
            raise ValueError(f"line {number}: expected a token and at least one tag, got {line!r}")
        if parts[0] != SENTENCE_END:
            sentence.append((parts[0], parts[1:]))
    if sentence:
        sentences.append(sentence)
    return sentences


def layer_spans(sentence: Sentence) -> list[Span]:
    """Every layer's spans whose type maps to a label; an ``I-`` that continues nothing starts a span."""
    spans: list[Span] = []
    depth = max(len(tags) for _, tags in sentence)
    for layer in range(depth):
        start, kind = -1, ""
        tags = [row[layer] if layer < len(row) else "O" for _, row in sentence] + ["O"]
        for index, tag in enumerate(tags):
            prefix, _, label = tag.partition("-")
            continues = prefix == "I" and label == kind and start >= 0
            if start >= 0 and not continues:
                if kind in TYPE_MAP:
                    spans.append((start, index - 1, TYPE_MAP[kind]))
                start, kind = -1, ""
            if prefix in {"B", "I"} and not continues:
                start, kind = index, label
    return spans


def flatten(spans: list[Span]) -> list[Span]:
    """The spans no other span contains, in text order; of two over the same tokens, the outer one.

    ``spans`` come outermost layer first, as ``layer_spans`` gives them. Wojood's layers nest, so spans do
    not cross.
    """
    kept = []
    for index, span in enumerate(spans):
        first, last, _ = span
        inside = any(
            other[0] <= first and last <= other[1] and ((other[0], other[1]) != (first, last) or earlier < index)
            for earlier, other in enumerate(spans)
            if earlier != index
        )
        if not inside:
            kept.append(span)
    return sorted(kept)


def to_tags(sentence: Sentence) -> list[tuple[str, str]]:
    """(token, IOB2 tag) for one sentence, with the outermost names."""
    tags = ["O"] * len(sentence)
    for first, last, label in flatten(layer_spans(sentence)):
        if any(tag != "O" for tag in tags[first : last + 1]):
            continue  # spans that cross (not in well-formed Wojood): the earlier one stays
        tags[first] = f"B-{label}"
        for index in range(first + 1, last + 1):
            tags[index] = f"I-{label}"
    return [(token, tag) for (token, _), tag in zip(sentence, tags, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wojood", type=Path, nargs="+", help="Wojood files (token and one tag per layer)")
    parser.add_argument("--out", type=Path, required=True, help="the `token TAG` file to write")
    args = parser.parse_args()

    sentences: list[Sentence] = []
    for path in args.wojood:
        try:
            sentences += parse(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            parser.error(f"{path}: {error}")
    converted = [to_tags(s) for s in sentences]
    counts = Counter(tag[2:] for sentence in converted for _, tag in sentence if tag.startswith("B-"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join("\n".join(f"{t} {g}" for t, g in s) + "\n" for s in converted), "utf-8")
    tokens = sum(len(s) for s in converted)
    names = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
    print(f"{len(converted)} sentences, {tokens} tokens; names: {names} -> {args.out}")


if __name__ == "__main__":
    main()
