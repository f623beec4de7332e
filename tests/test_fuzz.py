"""Property-based tests over hostile Unicode: the pipeline, the graph, GraphML and the HTML pages.

Texts are built mostly from Arabic (letters, words and names from news, diacritics, tatweel,
Arabic-Indic digits, Arabic punctuation) mixed with what breaks naive code: control characters, bidi
marks and isolates, zero-width characters, emoji (with ZWJ sequences and modifiers), Latin, odd
spaces and line separators, characters XML 1.0 forbids, very long tokens and texts without spaces.

The default run is short and derandomized (the same examples on every run, no example database);
the ``slow`` variants try many more (``pytest -m slow tests/test_fuzz.py``).
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from entities.errors import GraphFormatError
from entities.graph import build_graph
from entities.graphml import read_graphml, write_graphml
from entities.schema import Document, Entity, Mention, Relation, Span
from entities.show import render_document_html
from entities.view import graph_data, render_graph_html
from test_show import highlighted

_COMMON = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
}
FAST = settings(max_examples=60, **_COMMON)
MANY = settings(max_examples=1500, **_COMMON)

LETTERS = [chr(c) for c in [*range(0x0621, 0x063B), *range(0x0641, 0x064B), 0x0671, 0x067E, 0x0686, 0x06A4, 0x06AF]]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)]
TATWEEL = "\u0640"
DIGITS = [chr(c) for c in [*range(0x0660, 0x066A), *range(0x06F0, 0x06FA)]]
BIDI = ["\u200e", "\u200f", "\u061c", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
CONTROLS = [*map(chr, range(0x00, 0x20)), "\x7f", "\x80", "\x85", "\x9f"]
XML_FORBIDDEN = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"]
SPACES = [" ", " ", " ", "\n", "\t", "\r\n", "\r", "\u00a0", "\u2003", "\u3000", "\u2028", "\u2029"]
PUNCTUATION = ["،", "؛", "؟", ".", "!", ":", "«", "»", "-", "(", ")", '"', "'", "<", ">", "&", "/", "٪", "</script>"]
EMOJI = ["😀", "🇸🇦", "👩\u200d👩\u200d👧", "❤\ufe0f", "👍🏽", "\U0001f3fd", "𝔸"]
LATIN = ["a", "Z", "é", "ß", "İ", "ﬁ", "Putin", "UN", "COVID-19", "2024"]
NEWS_WORDS = (
    "استقبل التقى زار اتصل اتصالا هاتفيا وصل إلى مع في من الرئيس وزير الخارجية الملك الأمير ولي "
    "العهد رئيس الوزراء أمس اليوم الأحد سامح شكري عبد الفتاح السيسي محمد بن سلمان سيرغي لافروف بوتين "
    "عبدالله الثاني أردوغان ماكرون القاهرة عمان الرياض موسكو أنقرة الأمم المتحدة حلف الناتو وبلير "
    "بالرياض لـلافروف بيونغ-يانغ"
)
WORDS = NEWS_WORDS.split()
SENTENCES = [
    "استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة.",
    "زار الرئيس فلاديمير بوتين العاصمة الصينية بكين.",
    "التقى الملك عبدالله الثاني الرئيس إيمانويل ماكرون في عمان.",
    "تلقى ولي العهد السعودي الأمير محمد بن سلمان اتصالا هاتفيا من الرئيس الفرنسي إيمانويل ماكرون.",
    "وصل الرئيس الإيراني مسعود بزشكيان إلى أنقرة مساء الثلاثاء قادما من موسكو.",
    "وأكد بلينكن خلال زيارته إلى الرياض أهمية الشراكة بين واشنطن والرياض.",
    "ولم يلتق بزشكيان زعيم المعارضة التركية خلال الزيارة.",
]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "texts"
SENTENCES += [line for path in sorted(EXAMPLES.glob("*.txt")) for line in path.read_text("utf-8").splitlines() if line]

SPECIALS = [*DIACRITICS, TATWEEL, *DIGITS, *BIDI, *INVISIBLE, *CONTROLS, *XML_FORBIDDEN, *EMOJI]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(LETTERS),
    st.sampled_from(SPACES),
    st.sampled_from(SPACES),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(SPECIALS),
    st.sampled_from(LATIN),
    st.text(st.sampled_from(LETTERS + DIACRITICS + [TATWEEL]), min_size=1, max_size=12),
    st.text(max_size=4),
)
LONG_TOKEN = st.text(st.sampled_from(LETTERS + DIACRITICS + [TATWEEL] + INVISIBLE), min_size=200, max_size=2000)


def arabic_texts(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Arabic-heavy hostile text: words, letters and specials, sometimes a huge token or no spaces."""
    joined = st.lists(PIECES, max_size=max_pieces).map("".join)
    no_spaces = joined.map(lambda text: re.sub(r"\s+", "", text))
    with_long_token = st.tuples(joined, LONG_TOKEN, joined).map("".join)
    return st.one_of(joined, joined, joined, no_spaces, with_long_token, st.text(max_size=80))


@st.composite
def noisy_news(draw: st.DrawFn) -> str:
    """Real news sentences with hostile characters inserted anywhere, even inside names."""
    text = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
    insertions = draw(st.lists(st.tuples(st.integers(0, len(text)), PIECES), max_size=8))
    for position, piece in sorted(insertions, reverse=True):
        text = text[:position] + piece + text[position:]
    if draw(st.integers(0, 9)) == 0:
        text = text.replace(" ", "")
    return text


def xml_safe(value: Any) -> Any:
    """What GraphML keeps of ``value``: every character XML 1.0 forbids becomes U+FFFD."""
    if isinstance(value, str):
        return re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", value)
    if isinstance(value, list):
        return [xml_safe(item) for item in value]
    return value


def assert_spans_valid(document: Document) -> None:
    text = document.text
    ids = {entity.id for entity in document.entities}
    for mention in document.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.entity_id is None or mention.entity_id in ids
    for relation in document.relations:
        for span in (relation.trigger, relation.evidence):
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text
        assert relation.evidence.start <= relation.trigger.start and relation.trigger.end <= relation.evidence.end
        assert {relation.source, relation.target} <= ids
        assert relation.place is None or relation.place in ids


def assert_graphml_round_trips(graph: nx.MultiDiGraph, *, ids_may_collide: bool = False) -> None:
    buffer = io.BytesIO()
    if ids_may_collide and len({xml_safe(node) for node in graph}) < len(graph):
        with pytest.raises(GraphFormatError, match="two node ids become the same"):
            write_graphml(graph, buffer)
        return
    write_graphml(graph, buffer)
    ElementTree.fromstring(buffer.getvalue())
    back = read_graphml(io.BytesIO(buffer.getvalue()))
    assert type(back) is type(graph)
    assert dict(back.nodes(data=True)) == {
        xml_safe(node): {name: xml_safe(value) for name, value in data.items()} for node, data in graph.nodes(data=True)
    }
    assert {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)} == {
        (xml_safe(u), xml_safe(v), k): {name: xml_safe(value) for name, value in data.items()}
        for u, v, k, data in graph.edges(keys=True, data=True)
    }


def assert_pages_render(documents: list[Document], graph: nx.MultiDiGraph) -> None:
    page = render_graph_html(graph)
    page.encode("utf-8")
    [block] = re.findall(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert "</" not in block
    expected = graph_data(graph)
    assert json.loads(block) == json.loads(json.dumps(expected))
    for document in documents:
        document_page = render_document_html(document)
        document_page.encode("utf-8")
        shown = "".join(highlighted(document_page).text)
        assert shown == re.sub("[\ud800-\udfff]", "\ufffd", document.text)


def check_extraction(pipeline: Any, text: str) -> Document:
    document = pipeline(text)
    assert isinstance(document, Document) and document.text == text and document.error is None
    assert_spans_valid(document)
    assert pipeline(text) == document, "extraction is deterministic"
    graph = build_graph([document])
    assert_graphml_round_trips(graph)
    assert_pages_render([document], graph)
    return document


def record(document: Document) -> None:
    """Tally what the examples produced (``--hypothesis-show-statistics``)."""
    event(f"mentions: {min(len(document.mentions), 3)}, relations: {min(len(document.relations), 1)}")


@FAST
@given(text=arabic_texts())
def test_pipeline_survives_hostile_text(pipeline: Any, text: str) -> None:
    record(check_extraction(pipeline, text))


@FAST
@given(text=noisy_news())
def test_pipeline_survives_noise_inside_real_news(pipeline: Any, text: str) -> None:
    record(check_extraction(pipeline, text))


@pytest.mark.slow
@MANY
@given(text=st.one_of(arabic_texts(max_pieces=300), noisy_news()))
def test_pipeline_survives_hostile_text_many(pipeline: Any, text: str) -> None:
    record(check_extraction(pipeline, text))


def test_noise_in_news_still_finds_names(pipeline: Any) -> None:
    """The strategies are worth something only if noisy texts still produce mentions and relations."""
    text = "استقبل الرئيس عبد الفتّاح الـسيسي\u200f وزير الخارجية سامح شكري في القاهرة\U0001f600."
    document = pipeline(text)
    assert document.mentions and document.relations
    assert_spans_valid(document)


def test_lone_surrogates_become_replacement_characters_in_place(pipeline: Any) -> None:
    text = "زار \ud800 بوتين موسكو"
    document = pipeline(text)
    assert document.text == text.replace("\ud800", "\ufffd")
    assert_spans_valid(document)
    assert Document.model_validate_json(document.model_dump_json()) == document


def test_control_characters_in_names_do_not_break_graphml(pipeline: Any) -> None:
    sisi = "استقبل الرئيس عبد الفتاح السيسي{} وزير الخارجية سامح شكري في القاهرة."
    check_extraction(pipeline, " ".join([sisi.format("\x01"), sisi.format("\x02")]))


TEXT_WITH_SURROGATES = st.one_of(arabic_texts(max_pieces=30), st.sampled_from(["\ud800", "\udfff", "ا\udc80ب"]))
NAMES = st.one_of(st.sampled_from(WORDS), TEXT_WITH_SURROGATES.filter(bool), st.text(min_size=1, max_size=6))


@st.composite
def documents(draw: st.DrawFn, doc_id: str) -> Document:
    """A hand-made Document with arbitrary names, spans and relations over arbitrary text."""
    text = draw(TEXT_WITH_SURROGATES)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]
    entities, mentions = [], []
    for i, (start, end) in enumerate(spans):
        label = draw(st.sampled_from(["PER", "LOC", "ORG", "MISC"]))
        name = draw(st.one_of(st.just(text[start:end]), NAMES))
        entities.append(Entity(id=f"e{i}", name=name, label=label, aliases=[name, *draw(st.lists(NAMES, max_size=2))]))
        mentions.append(Mention(text=text[start:end], start=start, end=end, label=label, entity_id=f"e{i}"))

    def span() -> Span:
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        return Span(text=text[start:end], start=start, end=end)

    relations = []
    if entities:
        ids = st.sampled_from([entity.id for entity in entities])
        for _ in range(draw(st.integers(0, 4))):
            relations.append(
                Relation(
                    type=draw(st.sampled_from(["MET", "CALLED", "VISITED"])),
                    source=draw(ids),
                    target=draw(ids),
                    trigger=span(),
                    evidence=span(),
                    place=draw(st.one_of(st.none(), ids)),
                    date=draw(st.one_of(st.none(), NAMES)),
                    rule=draw(st.sampled_from(["", "visit/travel", "<rule & co>"])),
                )
            )
    return Document(id=doc_id, text=text, mentions=mentions, entities=entities, relations=relations)


CORPORA = st.lists(st.integers(0, 10**6), min_size=1, max_size=4, unique=True).flatmap(
    lambda ids: st.tuples(*(documents(f"doc\u200f{i}\x01") for i in ids))
)


def check_corpus(corpus: tuple[Document, ...]) -> None:
    graph = build_graph(list(corpus))
    assert_graphml_round_trips(graph, ids_may_collide=True)
    assert_pages_render(list(corpus), graph)


@FAST
@given(corpus=CORPORA)
def test_any_documents_make_graphml_and_pages(corpus: tuple[Document, ...]) -> None:
    check_corpus(corpus)


@pytest.mark.slow
@MANY
@given(corpus=CORPORA)
def test_any_documents_make_graphml_and_pages_many(corpus: tuple[Document, ...]) -> None:
    check_corpus(corpus)
