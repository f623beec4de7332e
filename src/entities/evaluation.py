"""Scoring: NER against `token TAG` files, relations against the who-met-whom JSONL format.

NER is scored on exact spans and types (micro and per-type P/R/F1), after mapping the corpus labels to
PER/LOC/ORG/MISC. Relations are scored as ``data/relations/README.md`` describes: a prediction matches a
gold relation when the types agree and each side's entity (name, aliases or any mention text) equals the
gold string after light normalisation, or contains it, or is contained in it, as whole words.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InvalidInputError
from .ner import spans_from_tags
from .normalize import words_key
from .schema import SYMMETRIC_RELATIONS, Document

if TYPE_CHECKING:
    from .pipeline import Pipeline

_CORPUS_LABELS = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "MIS": "MISC"}


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


def evaluate_ner(pipeline: Pipeline, path: str | Path, batch_size: int = 256) -> Report:
    """Exact-span NER scores of ``pipeline``'s tagger on a `token TAG` file, on the file's own tokens."""
    from .tokenize import Sentence, Token

    path = Path(path)
    if not path.is_file():
        raise InvalidInputError(f"no such file: {path}")
    report = Report()
    sentences = list(read_conll(path))
    for begin in range(0, len(sentences), batch_size):
        chunk = sentences[begin : begin + batch_size]
        built = []
        for words in chunk:
            tokens, offset = [], 0
            for word, _ in words:
                tokens.append(Token(word, offset, offset + len(word)))
                offset += len(word) + 1
            built.append(Sentence(0, offset, tuple(tokens)))
        predicted: dict[int, set[tuple[int, int, str]]] = {}
        for span in pipeline.tagger.tag(built):
            predicted.setdefault(span.sentence, set()).add((span.first, span.last, span.label))
        for i, words in enumerate(chunk):
            gold = _gold_spans([tag for _, tag in words])
            guess = predicted.get(i, set())
            for label in {s[2] for s in gold | guess}:
                g = {s for s in gold if s[2] == label}
                p = {s for s in guess if s[2] == label}
                report.add(label, tp=len(g & p), fp=len(p - g), fn=len(g - p))
    return report


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
