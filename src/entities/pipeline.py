"""The pipeline: text → sentences → NER → entities → relations → Document."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import threading
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Protocol, cast

from .agreement import agree_on_persons
from .bodies import extend_bodies
from .clitics import proclitic_length
from .clubs import about_sport, club_forms, clubs_after_club_words, known_clubs
from .dates import drop_dates
from .errors import InvalidInputError
from .known_names import split_at_first_names, widen_to_known_names
from .models import resolve_model
from .ner import StanzaTagger, TaggedSpan
from .normalize import EDGE_MARKS
from .organisations import add_organisations
from .patterns import (
    drop_divine_names,
    group_noun,
    join_name_particles,
    name_end,
    name_heads,
    pattern_mentions,
    person_parts,
    persons_after_titles,
    retype_clubs,
    retype_media,
)
from .places import (
    add_places,
    city_club_forms,
    clubs_after_cities,
    drop_not_places,
    persons_after_nationalities,
    retype_places,
    spread_city_clubs,
    widen_to_places,
)
from .propagate import extend_to_known_forms, propagate_mentions, quoted_organisations, split_run_together
from .relations import RuleSet
from .resolve import resolve_entities
from .schema import Document, Mention
from .tanween import cut_at_tanween
from .titles import title_mentions
from .tokenize import DASHES, Sentence, arabic_tokenizer, split_sentences


class Tagger(Protocol):
    def tag(self, sentences: Sequence[Sentence]) -> list[TaggedSpan]: ...

    def word_rank(self, word: str) -> int | None: ...


#: What never begins or ends a name: invisible format marks and the tatweel.
_NAME_EDGES = EDGE_MARKS + "ـ"


def _without_edge_marks(mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` with the invisible format marks at their edges left out («\u200fحلب» → «حلب»): bidi
    marks that news sites write before a word belong to no name (9 of 67,000 mentions in 3,430 articles);
    so does a tatweel left at the edge by a proclitic taken off («لـ[ـمركز الملك سلمان …]»)."""
    kept = []
    for m in mentions:
        lead = len(m.text) - len(m.text.lstrip(_NAME_EDGES))
        trail = len(m.text) - len(m.text.rstrip(_NAME_EDGES))
        if lead or trail:
            if lead + trail >= len(m.text):
                continue
            m = m.model_copy(
                update={"text": m.text[lead : len(m.text) - trail], "start": m.start + lead, "end": m.end - trail}
            )
        kept.append(m)
    return kept


def _document_id(text: str) -> str:
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


_SENTENCES_PER_TAGGER_CALL = 2048

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(text: object) -> str:
    """The text to process: a ``str``, with lone surrogates (undecodable bytes smuggled in by
    ``surrogateescape``) replaced by U+FFFD, one character for one, so every offset is unchanged and the
    Document can always be written as UTF-8 JSON."""
    if not isinstance(text, str):
        raise InvalidInputError(f"text must be a str, not {type(text).__name__}")
    return _LONE_SURROGATE.sub("\ufffd", text)


Pair = tuple[object, str | None]
"""One item of :meth:`Pipeline.pipe` as ``(text, doc_id)``; ``text`` is checked later, so a bad one becomes an error."""


@dataclass(frozen=True)
class ModelSpec:
    """The arguments :func:`load` was called with, so that another process can load the same pipeline."""

    model: str | None = None
    batch_size: int = 64

    def load(self) -> Pipeline:
        """Load the pipeline this spec describes (in a worker process, for instance)."""
        return load(self.model, batch_size=self.batch_size)


def _as_pair(item: object) -> Pair:
    """``(text, doc_id)`` for a text or a ``(text, doc_id)`` pair; anything else is passed on as a (bad) text."""
    if isinstance(item, tuple) and len(item) == 2 and (item[1] is None or isinstance(item[1], str)):
        return item[0], item[1]
    return item, None


def _batches(texts: Iterable[object], batch_size: int) -> Iterator[list[Pair]]:
    """Lists of ``batch_size`` pairs, pulled from ``texts`` lazily: the input is never read ahead."""
    items = iter(texts)
    while batch := list(islice(items, batch_size)):
        yield [_as_pair(item) for item in batch]


#: Garbage-collector thresholds while a batch is extracted (Python's defaults are 700, 10, 10).
_BATCH_GC_THRESHOLDS = (100_000, 50, 100)
_gc_lock = threading.Lock()
_gc_depth = 0
_gc_saved: tuple[int, int, int] | None = None


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Let Python's cycle collector run less often while a batch is extracted, then put its settings back.

    Stanza builds a web of objects that point at each other for every sentence it tags (document,
    sentences, tokens, words), so with the default thresholds the collector ran 32 full passes over
    the whole heap for 300 articles. Raising the first threshold for the length of a batch cut the time
    of ``pipe()`` by 10–20 % (tagging and the rest alike; ``benchmarks/throughput.py``); the garbage
    waits a little longer, a batch at most. Nested and concurrent batches share one saved setting.
    """
    global _gc_depth, _gc_saved
    with _gc_lock:
        if _gc_depth == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(*_BATCH_GC_THRESHOLDS)
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_saved is not None:
                gc.set_threshold(*_gc_saved)
                _gc_saved = None


class Pipeline:
    """Extracts mentions, entities and relations from Arabic text.

    Build one with :func:`entities.load`; call it on a text, or stream many texts with :meth:`pipe`.
    """

    def __init__(self, tagger: Tagger, rules: RuleSet | None = None, *, max_sentence_tokens: int = 150):
        self.tagger = tagger
        self.rules = rules or RuleSet.default()
        self.max_sentence_tokens = max_sentence_tokens
        #: How :func:`load` made this pipeline, so worker processes can make it again; ``None`` when built by hand.
        self.model_spec: ModelSpec | None = None

    def __call__(self, text: str, doc_id: str | None = None) -> Document:
        """Extract everything from one text. Empty or blank text gives an empty Document."""
        return self._extract_batch([(_check_text(text), doc_id)])[0]

    def pipe(
        self, texts: Iterable[str | tuple[str, str]], batch_size: int = 32, n_process: int = 1
    ) -> Generator[Document, None, None]:
        """Stream Documents for many texts, in input order, tagging ``batch_size`` texts per NER call.

        Items are texts or ``(text, doc_id)`` pairs. Exactly one Document comes out per item: a text
        that cannot be processed (not a ``str``, or one the pipeline fails on) yields a Document with
        ``error`` saying why, and the stream goes on. ``texts`` is read lazily, ``batch_size`` items at
        a time, so memory stays flat whatever the corpus size.

        ``n_process > 1`` runs the batches in that many processes, this one and ``n_process - 1`` workers
        (see :mod:`entities.parallel`), each worker loading the model once; it needs a pipeline made by
        :func:`entities.load`, and a script using it needs an ``if __name__ == "__main__":`` guard
        (workers are started with "spawn").

        While a batch is extracted (here and in one call on a text), Python's cycle collector runs less
        often; its thresholds are put back afterwards (see ``_fewer_collections``).
        """
        if batch_size < 1:
            raise InvalidInputError(f"batch_size must be at least 1, not {batch_size}")
        if n_process < 1:
            raise InvalidInputError(f"n_process must be at least 1, not {n_process}")
        if n_process > 1:
            from .parallel import pipe_parallel

            yield from pipe_parallel(self, _batches(texts, batch_size), n_process)
            return
        for batch in _batches(texts, batch_size):
            yield from self._extract_batch_safely(batch)

    def _extract_batch_safely(self, pairs: Sequence[Pair]) -> list[Document]:
        """One Document per pair, never raising: texts are tagged together, then one by one if that fails."""
        good = [i for i, (text, _) in enumerate(pairs) if isinstance(text, str)]
        documents: dict[int, Document] = {}
        with self._spacy_memory_zone():
            try:
                batch = [(cast(str, pairs[i][0]), pairs[i][1]) for i in good]
                documents.update(zip(good, self._extract_batch(batch), strict=True))
            except Exception:  # one bad text must not sink its batch: redo them one by one
                documents.clear()
            return [documents[i] if i in documents else self._extract_one_safely(*pairs[i]) for i in range(len(pairs))]

    def _spacy_memory_zone(self) -> contextlib.AbstractContextManager[object]:
        """A spaCy memory zone for one batch: the words it adds to spaCy's vocabulary are freed at the end.

        Without it the vocabulary keeps every word type ever seen, and a long stream's memory grows with it.
        Documents hold plain strings, never spaCy objects, so nothing made in the zone outlives it; the
        tokenizer and the rules' Matcher are made before it, as they must outlast it.
        """
        nlp = arabic_tokenizer()
        _ = self.rules.matcher
        zone = getattr(nlp, "memory_zone", None)  # spaCy >= 3.8
        return zone() if zone is not None else contextlib.nullcontext()

    def names(self, text: str, sentences: Sequence[Sentence], tagged: Sequence[Sequence[TaggedSpan]]) -> list[Mention]:
        """The document's name mentions from the tagger's spans (``tagged[i]``: those of sentence ``i``).

        First each tagged name is mended: a name that is not a person's ends before a word for the moment or a
        judgement («مجلس الوزراء الأسبوعية»: the weekly session's); words that only describe a person are left
        out of the person's name («للحارس هيلتون» → «هيلتون»); two people run together over «و» and a title are
        two («فهد والملك عبد الله»); a proclitic on a name's first word is left out of it («وبلير» → «بلير»).
        Then, over the sentences: a one-word place after a royal title is the person («مستشفى الملك [فهد]»);
        patterns add the names the tagger's training data leaves out; a body named by its kind and adjectives
        goes on over what it is for («[الشركة السعودية] للكهرباء»: ``bodies``); a state or city the tagger typed
        otherwise is a place; a name that begins like a football club's is an organisation («دينامو كييف»), and
        so is a city before a masculine adjective of nationality («روما الإيطالي»; in a sports report any
        one-word place there) or in a line of results («ليل (فرنسا) - ميلان (إيطاليا)»), while an organisation
        right after a nationality standing as a noun is a person («ضم الياباني [هوندا]»); in a sports report,
        the word after «نادي» is a club («نادي [الهلال]»: ``clubs``), and so is a well-known club after a word
        for its team or joined by «و» to another («فريق [السد]»); part of a listed place's name is that whole
        name («إسلام [آباد]»); a person's name does not end on «بن» or «آل» («حامد آل] غرامة»); part of a
        person's full name the model knows is that name («[كي مون]» → «بان كي مون»: ``known_names``), and two
        people run together over «و» and a first name it knows are two («[عبدالرحمن] و[محمد]»). Then the
        document is read as a whole (``propagate``): a name cut short where the document has its longer form
        elsewhere becomes that form, two people run together whom it names apart elsewhere are cut apart, and
        every name found is looked for again (a common word only when it is one of a sports report's clubs, or a
        person's family name the tagger also found alone: «[الأسد]»); then the states and cities still untagged
        are added (``places``), and so are well-known organisations by their one unmistakable name («داعش»:
        ``organisations``); a quoted place is the organisation the document quotes by that name, or speaks to
        («لـ«الشرق الأوسط»»); a name right after «صحيفة», «جريدة», «مجلة» or «قناة» is that newspaper or channel
        («صحيفة “مكة”»); a city found to be a club is that club through a sports report unless written as the
        city («في هامبورغ»); last, a place inside a phrase that is no place is dropped («الرباط الصليبي»), a
        name ends before a word written with the indefinite accusative's tanween («عماد مدرباً»: ``tanween``),
        God's names after «الله» are no person («الله [العلي القدير]»), a name that is a person in most of its
        mentions and something else in the others, or the reverse, is one type throughout, the one most of them
        carry («بقيادة [غروس]» of a coach named a dozen times), or the person's where a title, a trade or a
        nationality stands right before one of them («الأرجنتيني [سابيلا]»: ``agreement``), and invisible bidi
        marks and tatweels at a name's edges are left out of it. A month name in a date is no name («أبريل
        (نيسان)»: ``dates``); it is dropped before the search, so that it is not spread, and after it, so that
        «نيسان» the car maker is not spread into a date.
        ``evaluation.evaluate_ner`` scores exactly this.
        """
        mentions: list[Mention] = []
        for sentence, spans in zip(sentences, tagged, strict=True):
            for span in spans:
                if span.label == "PER":
                    parts = person_parts(sentence.tokens, span.first, span.last)
                else:  # «مجلس الوزراء [الموافقة]»
                    parts = [(span.first, name_end(sentence.tokens, span.first, span.last))]
                for begin, last in parts:
                    first = sentence.tokens[begin]
                    after_name = bool(mentions) and text[mentions[-1].end : first.start].strip(" ،,") == ""
                    if after_name and span.label == "PER" and mentions[-1].label == "PER":
                        # a first name alone before it is the same person's, split: «جيمس وولسي», «أنغريد واتسن»
                        after_name = " " in mentions[-1].text.strip()
                    start = first.start + proclitic_length(
                        first.text, self.tagger.word_rank, name_heads(), after_name=after_name
                    )
                    end = sentence.tokens[last].end
                    while end > start + 1 and text[end - 1] in DASHES:  # a byline: «عبدالله البرقاوي- الرياض»
                        end -= 1
                    if span.label == "PER" and all(
                        group_noun(w, self.tagger.word_rank) for w in text[start:end].split()
                    ):
                        continue  # «سياسيون مصريون», «المصريون»: a group of people, no person's name
                    mentions.append(Mention(text=text[start:end], label=span.label, start=start, end=end))
        mentions = extend_bodies(text, pattern_mentions(text, sentences, persons_after_titles(text, mentions)))
        mentions = retype_places(drop_dates(sentences, mentions))
        sport = about_sport(sentences)
        mentions = persons_after_nationalities(
            text, clubs_after_cities(text, retype_clubs(text, mentions), sport=sport)
        )
        city_clubs = city_club_forms(text, mentions, sport=sport)
        if sport:  # «نادي [الهلال]»
            mentions = known_clubs(text, sentences, clubs_after_club_words(text, sentences, mentions))
        mentions = join_name_particles(text, widen_to_places(text, sentences, mentions))
        known = getattr(self.tagger, "known_names", None)
        mentions = split_at_first_names(text, widen_to_known_names(text, sentences, mentions, known), known)
        mentions = split_run_together(extend_to_known_forms(text, sentences, mentions))
        clubs = club_forms(text, mentions) if sport else frozenset()
        mentions = drop_dates(sentences, propagate_mentions(text, sentences, mentions, self.tagger.word_rank, clubs))
        mentions = add_organisations(text, sentences, add_places(text, sentences, mentions))
        mentions = retype_media(text, quoted_organisations(text, spread_city_clubs(text, mentions, city_clubs)))
        mentions = drop_divine_names(text, cut_at_tanween(text, drop_not_places(text, sentences, mentions)))
        # once more after the search: a name it found again after a nationality («الأرجنتيني [سابيلا]»)
        mentions = persons_after_nationalities(text, mentions)
        # a club named after «نادي» stays a club, but not a person the tagger took for an organisation twice
        mentions = agree_on_persons(text, mentions, club_forms(text, mentions, twice=False) | city_clubs)
        return _without_edge_marks(mentions)

    def _extract_one_safely(self, text: object, doc_id: str | None) -> Document:
        try:
            return self._extract_batch([(_check_text(text), doc_id)])[0]
        except Exception as exc:
            safe_text = text if isinstance(text, str) else ""
            return Document(id=doc_id or _document_id(safe_text), text=safe_text, error=f"{type(exc).__name__}: {exc}")

    def _extract_batch(self, pairs: Sequence[tuple[str, str | None]]) -> list[Document]:
        with _fewer_collections():
            return self._extract_batch_now(pairs)

    def _extract_batch_now(self, pairs: Sequence[tuple[str, str | None]]) -> list[Document]:
        pairs = [(_check_text(text), doc_id) for text, doc_id in pairs]
        split = [split_sentences(text, self.max_sentence_tokens) for text, _ in pairs]
        flat = [s for sentences in split for s in sentences]
        by_sentence: dict[int, list[TaggedSpan]] = {}
        # a very long document is tagged a slice at a time, so the tagger's memory stays bounded
        for begin in range(0, len(flat), _SENTENCES_PER_TAGGER_CALL):
            for span in self.tagger.tag(flat[begin : begin + _SENTENCES_PER_TAGGER_CALL]):
                by_sentence.setdefault(begin + span.sentence, []).append(span)
        documents = []
        offset = 0
        for (text, doc_id), sentences in zip(pairs, split, strict=True):
            tagged = [by_sentence.get(offset + i, []) for i in range(len(sentences))]
            offset += len(sentences)
            mentions = self.names(text, sentences, tagged)
            entities, mentions = resolve_entities(mentions, self.tagger.word_rank)
            mentions = title_mentions(text, sentences, mentions, entities)
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
    pipeline = Pipeline(StanzaTagger(choice.model_dir, stanza_dir=choice.stanza_dir, batch_size=batch_size))
    spec = os.fspath(model) if model is not None else None
    if spec is not None and choice.model_dir is not None:
        spec = os.path.abspath(spec)  # worker processes may not share the caller's working directory
    pipeline.model_spec = ModelSpec(spec, batch_size)
    return pipeline


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return load()


def extract(text: str, doc_id: str | None = None) -> Document:
    """Extract everything from one text with the shipped model (loaded once, then reused)."""
    return _default_pipeline()(_check_text(text), doc_id)
