"""The pipeline: text → sentences → NER → entities → relations → Document."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from typing import Protocol

from .clitics import proclitic_length
from .errors import InvalidInputError
from .models import resolve_model
from .ner import StanzaTagger, TaggedSpan
from .relations import RuleSet
from .resolve import resolve_entities
from .schema import Document, Mention
from .tokenize import Sentence, split_sentences


class Tagger(Protocol):
    def tag(self, sentences: Sequence[Sentence]) -> list[TaggedSpan]: ...

    def word_rank(self, word: str) -> int | None: ...


def _document_id(text: str) -> str:
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InvalidInputError(f"text must be a str, not {type(text).__name__}")
    return text


class Pipeline:
    """Extracts mentions, entities and relations from Arabic text.

    Build one with :func:`entities.load`; call it on a text, or stream many texts with :meth:`pipe`.
    """

    def __init__(self, tagger: Tagger, rules: RuleSet | None = None, *, max_sentence_tokens: int = 150):
        self.tagger = tagger
        self.rules = rules or RuleSet.default()
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, text: str, doc_id: str | None = None) -> Document:
        """Extract everything from one text. Empty or blank text gives an empty Document."""
        return self._extract_batch([(_check_text(text), doc_id)])[0]

    def pipe(self, texts: Iterable[str | tuple[str, str]], batch_size: int = 32) -> Iterator[Document]:
        """Stream Documents for many texts, in input order, tagging ``batch_size`` texts per NER call.

        Items are texts or ``(text, doc_id)`` pairs. A text that cannot be processed still yields a
        Document, with ``error`` saying why, and the stream goes on.
        """
        if batch_size < 1:
            raise InvalidInputError(f"batch_size must be at least 1, not {batch_size}")
        items = iter(texts)
        while batch := list(islice(items, batch_size)):
            pairs = [item if isinstance(item, tuple) else (item, None) for item in batch]
            try:
                yield from self._extract_batch(pairs)
            except Exception:  # one bad text must not sink its batch: redo them one by one
                for text, doc_id in pairs:
                    yield self._extract_one_safely(text, doc_id)

    def _extract_one_safely(self, text: object, doc_id: str | None) -> Document:
        try:
            return self._extract_batch([(_check_text(text), doc_id)])[0]
        except Exception as exc:
            safe_text = text if isinstance(text, str) else ""
            return Document(id=doc_id or _document_id(safe_text), text=safe_text, error=f"{type(exc).__name__}: {exc}")

    def _extract_batch(self, pairs: Sequence[tuple[str, str | None]]) -> list[Document]:
        split = [split_sentences(_check_text(text), self.max_sentence_tokens) for text, _ in pairs]
        flat = [s for sentences in split for s in sentences]
        tagged = self.tagger.tag(flat)
        by_sentence: dict[int, list[TaggedSpan]] = {}
        for span in tagged:
            by_sentence.setdefault(span.sentence, []).append(span)
        documents = []
        offset = 0
        for (text, doc_id), sentences in zip(pairs, split, strict=True):
            mentions = []
            for i, sentence in enumerate(sentences):
                for span in by_sentence.get(offset + i, []):
                    first = sentence.tokens[span.first]
                    start = first.start + proclitic_length(first.text, self.tagger.word_rank)
                    end = sentence.tokens[span.last].end
                    mentions.append(Mention(text=text[start:end], label=span.label, start=start, end=end))
            offset += len(sentences)
            entities, mentions = resolve_entities(mentions)
            relations = self.rules.apply(text, sentences, mentions, entities)
            documents.append(
                Document(
                    id=doc_id or _document_id(text),
                    text=text,
                    mentions=mentions,
                    entities=entities,
                    relations=relations,
                )
            )
        return documents


def load(model: str | os.PathLike[str] | None = None, *, batch_size: int = 64) -> Pipeline:
    """Load a pipeline, fully offline.

    ``model``: ``None`` for the model shipped with entities; a path to a model directory; or
    ``"stanza"`` (or ``"stanza:DIR"``) for Stanza's official Arabic models already downloaded to
    ``~/stanza_resources`` (or DIR). Raises ModelNotFoundError / ModelLoadError with what to do.
    """
    choice = resolve_model(model)
    return Pipeline(StanzaTagger(choice.model_dir, stanza_dir=choice.stanza_dir, batch_size=batch_size))


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return load()


def extract(text: str, doc_id: str | None = None) -> Document:
    """Extract everything from one text with the shipped model (loaded once, then reused)."""
    return _default_pipeline()(_check_text(text), doc_id)
