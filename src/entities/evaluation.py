"""Scoring: NER against `token TAG` files, relations against the who-met-whom JSONL format.

NER is scored on exact spans and types (micro and per-type P/R/F1), after mapping the corpus labels to
PER/LOC/ORG/MISC. Relations are scored as ``data/relations/README.md`` describes: a prediction matches a
gold relation when the types agree and each side's entity (name, aliases or any mention text) equals the
gold string after light normalisation, or contains it, or is contained in it, as whole words.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InvalidInputError
from .ner import spans_from_tags
from .normalize import words_key
from .schema import SYMMETRIC_RELATIONS, Document

if TYPE_CHECKING:
    from .pipeline import Pipeline

#: Corpus labels scored, as PER/LOC/ORG/MISC; any other label (Wojood's DATE, OCC, …) counts as no name.
_CORPUS_LABELS = {
    "PERS": "PER",
    "PER": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "GPE": "LOC",
    "ORG": "ORG",
    "MISC": "MISC",
    "MIS": "MISC",
}


@dataclass
class Score:
    """Counts and the precision, recall and F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    """Micro-averaged score plus one score per type."""

    micro: Score = field(default_factory=Score)
    per_type: dict[str, Score] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, kind: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        score = self.per_type.setdefault(kind, Score())
        for target in (score, self.micro):
            target.tp += tp
            target.fp += fp
            target.fn += fn

    def as_dict(self) -> dict[str, Any]:
        return {"micro": self.micro.as_dict(), "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())}}

    def table(self) -> str:
        rows = [f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name, score in [*sorted(self.per_type.items()), ("micro", self.micro)]:
            rows.append(
                f"{name:<8}{score.precision:>8.4f}{score.recall:>8.4f}{score.f1:>8.4f}"
                f"{score.tp:>6}{score.fp:>6}{score.fn:>6}"
            )
        return "\n".join(rows)


# --- NER ----------------------------------------------------------------------------------------------


def read_conll(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of (token, tag) from a `token TAG` file (blank line between sentences)."""
    sentence: list[tuple[str, str]] = []
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                if sentence:
                    yield sentence
                sentence = []
            else:
                sentence.append((parts[0], parts[-1] if len(parts) > 1 else "O"))
    if sentence:
        yield sentence


def _gold_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    mapped = []
    for tag in tags:
        prefix, _, label = tag.partition("-")
        mapped.append(f"{prefix}-{_CORPUS_LABELS[label]}" if label in _CORPUS_LABELS else "O")
    return set(spans_from_tags(mapped))


def evaluate_ner(
    pipeline: Pipeline,
    path: str | Path,
    batch_size: int = 256,
    *,
    tagger_only: bool = False,
    document_sentences: int = 20,
) -> Report:
    """Exact-span NER scores on a `token TAG` file, on the file's own tokens.

    By default this scores the names the shipped pipeline gives (``Pipeline.names``: the tagger, then
    proclitics left out, patterns and propagation); such a file has no document boundaries, so each run of
    ``document_sentences`` sentences is read as one document. A name whose proclitic the pipeline left out
    («بلير» in «وبلير») counts as the whole token, as corpora annotate it. ``tagger_only`` scores the
    Stanza model alone. ``Report.errors`` lists each missed and each wrong name (``_span_errors``).
    """
    report = Report()
    spans = _sentence_spans(pipeline, path, batch_size, tagger_only, document_sentences)
    for number, (words, gold, guess) in enumerate(spans, start=1):
        for label in {s[2] for s in gold | guess}:
            g = {s for s in gold if s[2] == label}
            p = {s for s in guess if s[2] == label}
            report.add(label, tp=len(g & p), fp=len(p - g), fn=len(g - p))
        report.errors += _span_errors(number, words, gold, guess)
    return report


def _span_errors(
    number: int, words: list[str], gold: set[tuple[int, int, str]], guess: set[tuple[int, int, str]]
) -> list[dict[str, Any]]:
    """One record per missed name (fn) and per wrong one (fp) of sentence ``number`` (1-based, file order).

    ``tokens`` are the first and last token (0-based, inclusive); a wrong name whose tokens are a gold
    name of another type also gives that type as ``gold``, so type confusions read apart from wrong spans.
    """
    gold_types = {(first, last): label for first, last, label in gold}
    errors: list[dict[str, Any]] = []
    for kind, wrong in (("fn", gold - guess), ("fp", guess - gold)):
        for first, last, label in sorted(wrong):
            text = " ".join(words[first : last + 1])
            error = {"sentence": number, "kind": kind, "label": label, "text": text, "tokens": [first, last]}
            if kind == "fp" and (first, last) in gold_types:
                error["gold"] = gold_types[first, last]
            errors.append(error)
    return errors


def sentence_scores(
    pipeline: Pipeline,
    path: str | Path,
    batch_size: int = 256,
    *,
    tagger_only: bool = False,
    document_sentences: int = 20,
) -> list[Score]:
    """One micro score per sentence of a `token TAG` file, in the file's order (as ``evaluate_ner`` counts).

    Their sum is ``evaluate_ner``'s micro score; kept apart, they are what ``bootstrap_difference`` resamples.
    """
    scores = []
    for _, gold, guess in _sentence_spans(pipeline, path, batch_size, tagger_only, document_sentences):
        scores.append(Score(tp=len(gold & guess), fp=len(guess - gold), fn=len(gold - guess)))
    return scores


def bootstrap_difference(
    baseline: Sequence[Score], other: Sequence[Score], resamples: int = 2000, seed: int = 0, block: int = 1
) -> tuple[float, float, float]:
    """``other``'s micro F1 minus ``baseline``'s, with a 95 % interval from a paired bootstrap over sentences.

    Both lists score the same sentences in the same order (``sentence_scores`` on one file). Each of the
    ``resamples`` draws the same sentences, with replacement, for both; the interval is the 2.5th and
    97.5th percentile of the differences. Returns (difference, low, high), as fractions.

    ``block`` > 1 draws runs of that many consecutive sentences instead (the last run may be shorter):
    sentences of one article share its names and its errors, so drawing them one by one makes the
    interval too narrow for a file of few long articles.
    """
    import numpy as np

    if len(baseline) != len(other) or not baseline:
        raise InvalidInputError(f"score the same sentences for both: {len(baseline)} and {len(other)} given")
    if resamples < 1:
        raise InvalidInputError(f"resamples must be at least 1, not {resamples}")
    if block < 1:
        raise InvalidInputError(f"block must be at least 1 sentence, not {block}")
    counts = np.array([[(s.tp, s.fp, s.fn) for s in scores] for scores in (baseline, other)], dtype=np.int64)
    starts = np.arange(0, counts.shape[1], block)
    counts = np.add.reduceat(counts, starts, axis=1)  # one row per run of ``block`` sentences

    def f1(summed: np.ndarray) -> np.ndarray:
        tp, fp, fn = summed[..., 0], summed[..., 1], summed[..., 2]
        denominator = 2 * tp + fp + fn
        f1s: np.ndarray = np.divide(2 * tp, denominator, out=np.zeros(tp.shape), where=denominator > 0)
        return f1s

    drawn = np.random.default_rng(seed).integers(0, len(starts), size=(resamples, len(starts)))
    differences = f1(counts[1][drawn].sum(axis=1)) - f1(counts[0][drawn].sum(axis=1))
    low, high = np.percentile(differences, [2.5, 97.5])
    return float(f1(counts[1].sum(axis=0)) - f1(counts[0].sum(axis=0))), float(low), float(high)


def _sentence_spans(
    pipeline: Pipeline, path: str | Path, batch_size: int, tagger_only: bool, document_sentences: int
) -> Iterator[tuple[list[str], set[tuple[int, int, str]], set[tuple[int, int, str]]]]:
    """(tokens, gold spans, predicted spans) of each sentence of a `token TAG` file, in order."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInputError(f"no such file: {path}")
    if document_sentences < 1:
        raise InvalidInputError(f"document_sentences must be at least 1, not {document_sentences}")
    sentences = list(read_conll(path))
    step = max(batch_size, document_sentences)
    step -= step % document_sentences  # a document never straddles two tagger calls
    for begin in range(0, len(sentences), step):
        chunk = sentences[begin : begin + step]
        predicted = _predicted_spans(pipeline, chunk, tagger_only, document_sentences)
        for i, words in enumerate(chunk):
            yield [word for word, _ in words], _gold_spans([tag for _, tag in words]), predicted.get(i, set())


def _predicted_spans(
    pipeline: Pipeline, chunk: list[list[tuple[str, str]]], tagger_only: bool, document_sentences: int
) -> dict[int, set[tuple[int, int, str]]]:
    """``{sentence index in chunk: {(first token, last token, label)}}``."""
    from .ner import TaggedSpan
    from .tokenize import Sentence, Token

    texts, built = [], []
    for first in range(0, len(chunk), document_sentences):
        offset, parts = 0, []
        for words in chunk[first : first + document_sentences]:
            tokens = []
            for word, _ in words:
                tokens.append(Token(word, offset, offset + len(word)))
                offset += len(word) + 1
            built.append(Sentence(tokens[0].start, tokens[-1].end, tuple(tokens)))
            parts.append(" ".join(word for word, _ in words))
        texts.append(" ".join(parts))
    tagged: list[list[TaggedSpan]] = [[] for _ in built]
    for span in pipeline.tagger.tag(built):
        tagged[span.sentence].append(span)
    predicted: dict[int, set[tuple[int, int, str]]] = {}
    if tagger_only:
        for i, spans in enumerate(tagged):
            predicted[i] = {(span.first, span.last, span.label) for span in spans}
        return predicted
    for number, text in enumerate(texts):
        first = number * document_sentences
        sentences = built[first : first + document_sentences]
        token_at: dict[int, tuple[int, int]] = {}  # character → (sentence in chunk, token)
        for i, sentence in enumerate(sentences):
            for j, token in enumerate(sentence.tokens):
                for char in range(token.start, token.end):
                    token_at[char] = (first + i, j)
        for mention in pipeline.names(text, sentences, tagged[first : first + len(sentences)]):
            (sentence_a, start), (sentence_b, last) = token_at[mention.start], token_at[mention.end - 1]
            if sentence_a == sentence_b:
                predicted.setdefault(sentence_a, set()).add((start, last, mention.label))
    return predicted


# --- relations -----------------------------------------------------------------------------------------


def _matches(names: Iterable[str], gold: str) -> bool:
    target = words_key(gold)
    for name in names:
        key = words_key(name)
        if not key or not target:
            continue
        shorter, longer = sorted((key, target), key=len)
        n = len(shorter)
        if any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1)):
            return True
    return False


def _names(document: Document, entity_id: str) -> list[str]:
    entity = document.entity(entity_id)
    spoken = (m.text for m in document.mentions if m.entity_id == entity_id and m.kind == "name")
    return [entity.name, *entity.aliases, *spoken]


def _relation_matches(document: Document, predicted: Any, gold: dict[str, str]) -> bool:
    if predicted.type != gold["type"]:
        return False
    source, target = _names(document, predicted.source), _names(document, predicted.target)
    other = gold.get("b") or gold.get("place") or ""
    if _matches(source, gold["a"]) and _matches(target, other):
        return True
    return predicted.type in SYMMETRIC_RELATIONS and _matches(source, other) and _matches(target, gold["a"])


def score_documents(pairs: Iterable[tuple[Document, list[dict[str, str]]]]) -> Report:
    """Score predicted Documents against gold relation lists (one-to-one matching per document)."""
    report = Report()
    for document, gold in pairs:
        unmatched = list(gold)
        for relation in document.relations:
            hit = next((g for g in unmatched if _relation_matches(document, relation, g)), None)
            if hit is not None:
                unmatched.remove(hit)
                report.add(relation.type, tp=1)
            else:
                report.add(relation.type, fp=1)
                report.errors.append(
                    {
                        "id": document.id,
                        "kind": "fp",
                        "type": relation.type,
                        "a": document.entity(relation.source).name,
                        "b": document.entity(relation.target).name,
                        "trigger": relation.trigger.text,
                        "rule": relation.rule,
                    }
                )
        for missed in unmatched:
            report.add(missed["type"], fn=1)
            report.errors.append({"id": document.id, "kind": "fn", **missed})
    return report


def evaluate_relations(pipeline: Pipeline, path: str | Path) -> Report:
    """Relation P/R/F1 of ``pipeline`` on a JSONL file of ``{"id", "text", "relations"}`` records."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInputError(f"no such file: {path}")
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    documents = pipeline.pipe([(r["text"], r["id"]) for r in records])
    report = score_documents(zip(documents, [r["relations"] for r in records], strict=True))
    for kind in Counter(g["type"] for r in records for g in r["relations"]):
        report.per_type.setdefault(kind, Score())
    return report
