"""Tag raw news with two trained taggers and keep the sentences they agree on, as extra training data.

    python training/pseudo_label.py --news ../shared/data/saudinewsnet --models work/models/e2f work/models/e4f \
        --out work/pseudo.txt --max-tokens 60000

Self-training: ANERcorp is 2003-era news from a few sources, and the held-out tests include news from
another source. Sentences of SaudiNewsNet (2015) tagged by the project's own models show the tagger new
names in new contexts. Two models trained on different data must agree on every name of a sentence, and
the sentence must hold at least one name, or it is skipped: agreement is the cheap confidence filter.
Articles are read in a seeded random order, so a run is repeatable. Writes ``token TAG`` (IOB2) with the
library's own tokens, ready for ``prepare_ner_data.py --extra``.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from entities.ner import StanzaTagger, spans_from_tags
from entities.tokenize import Sentence, split_sentences
from train_vectors import news_texts  # same folder; run from the project root as shown above


def iob2(length: int, spans: set[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags for a sentence of ``length`` tokens with the given ``(first, last, label)`` spans."""
    tags = ["O"] * length
    for first, last, label in spans:
        tags[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{label}"
    return tags


def agreed(taggers: list[StanzaTagger], sentences: list[Sentence]) -> list[set[tuple[int, int, str]] | None]:
    """For each sentence, the spans every tagger gives, or None where they differ."""
    found: list[list[set[tuple[int, int, str]]]] = []
    for tagger in taggers:
        spans: list[set[tuple[int, int, str]]] = [set() for _ in sentences]
        for span in tagger.tag(sentences):
            spans[span.sentence].add((span.first, span.last, span.label))
        found.append(spans)
    return [each[0] if all(s == each[0] for s in each) else None for each in zip(*found, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=Path, required=True, help="folder of SaudiNewsNet *.zip")
    parser.add_argument("--models", type=Path, nargs="+", required=True, help="model folders; all must agree")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--max-tokens", type=int, default=60000, help="stop once this many tokens are kept")
    parser.add_argument("--skip-articles", type=int, default=2000, help="leave the first articles (benchmarks)")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--max-sentence-tokens", type=int, default=60)
    args = parser.parse_args()

    taggers = [StanzaTagger(model) for model in args.models]
    articles = list(news_texts(args.news))[args.skip_articles :]
    random.Random(args.seed).shuffle(articles)
    kept_tokens = kept = seen = 0
    started = time.time()
    with args.out.open("w", encoding="utf-8") as out:
        for begin in range(0, len(articles), 50):
            sentences = [
                s
                for text in articles[begin : begin + 50]
                for s in split_sentences(text)
                if 5 <= len(s.tokens) <= args.max_sentence_tokens
            ]
            seen += len(sentences)
            for sentence, spans in zip(sentences, agreed(taggers, sentences), strict=True):
                if not spans:
                    continue
                tags = iob2(len(sentence.tokens), spans)
                assert spans_from_tags(tags) == sorted(spans)
                out.write("".join(f"{t.text} {tag}\n" for t, tag in zip(sentence.tokens, tags, strict=True)) + "\n")
                kept += 1
                kept_tokens += len(sentence.tokens)
            elapsed = time.time() - started
            print(f"{seen} sentences read, {kept} kept ({kept_tokens} tokens), {elapsed:.0f}s", flush=True)
            if kept_tokens >= args.max_tokens:
                break


if __name__ == "__main__":
    main()
