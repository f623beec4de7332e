"""`entities show`: one document as an HTML page, entities highlighted by displaCy, relations listed."""

from __future__ import annotations

import io
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from entities import cli
from entities.errors import InvalidInputError
from entities.schema import Document, Entity, Mention, Span
from entities.show import render_document_html, write_document_html
from test_view import make_document

SISI = "استقبل الرئيس عبد الفتاح السيسي وزير الخارجية سامح شكري في القاهرة."


class HighlightedText(HTMLParser):
    """The text inside displaCy's ``div.entities``, without the label tags, and its ``<mark>`` elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.in_label = False
        self.text: list[str] = []
        self.marks: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += tag != "br"
            if tag == "br":
                self.text.append("\n")
            elif tag == "mark":
                self.marks.append(dict(attrs))
            elif "entity-label" in classes:
                self.in_label = True
        elif tag == "div" and "entities" in classes:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag != "br":
            self.depth -= 1
            self.in_label = False

    def handle_data(self, data: str) -> None:
        if self.depth and not self.in_label:
            self.text.append(data)


def highlighted(page: str) -> HighlightedText:
    parser = HighlightedText()
    parser.feed(page)
    parser.close()
    return parser


def test_page_highlights_every_mention_right_to_left() -> None:
    document = make_document()
    page = render_document_html(document)
    assert '<html lang="ar" dir="rtl">' in page and "direction: rtl" in page
    assert "<script" not in page and not re.search(r"\b(src|href)\s*=", page)
    parsed = highlighted(page)
    assert "".join(parsed.text) == document.text
    assert [mark["class"] for mark in parsed.marks] == [f"entity entity-{m.label}" for m in document.mentions]
    assert parsed.marks[3]["title"] == "سامح شكري · شخص PER", "a short mention names its entity"


def test_relations_are_listed_with_trigger_marked_in_the_evidence() -> None:
    page = render_document_html(make_document())
    rows = re.findall(r'<tr title="([^"]*)">(.*?)</tr>', page)
    assert [rule for rule, _ in rows] == ["reception/transitive", "visit/travel", "call/with"]
    met, visited, called = (row for _, row in rows)
    assert "<bdi>MET</bdi>" in met and "القاهرة" in met
    assert '<mark class="trigger">استقبل</mark> الرئيس عبد الفتاح السيسي' in met
    assert "<bdi>VISITED</bdi>" in visited and " ← " in visited and "عمان" in visited
    assert "<bdi>CALLED</bdi>" in called and " — " in called


def test_entities_are_listed_with_aliases_and_counts() -> None:
    page = render_document_html(make_document())
    section = page.split("(entities)")[1]
    assert "سامح شكري، شكري" in section
    assert re.search(r"سامح شكري</span></td>.*?<td>2</td></tr>", section)


def test_markup_in_the_text_is_escaped() -> None:
    text = 'قال <b>"بوتين"</b> & <script>alert(1)</script> في موسكو'
    start = text.index("موسكو")
    document = Document(
        id="<doc>",
        text=text,
        mentions=[Mention(text="موسكو", label="LOC", start=start, end=start + 5, entity_id="e0")],
        entities=[Entity(id="e0", name="موسكو", label="LOC", aliases=["موسكو"])],
    )
    page = render_document_html(document)
    assert "<b>" not in page and "<script" not in page and "<title>&lt;doc&gt;</title>" in page
    assert "".join(highlighted(page).text) == text


def test_overlapping_mentions_keep_the_text_intact() -> None:
    text = "زار عبد الله الثاني عمان"
    a, b = text.index("عبد الله الثاني"), text.index("الله")
    document = Document(
        id="d",
        text=text,
        mentions=[
            Mention(text="عبد الله الثاني", label="PER", start=a, end=a + 15),
            Mention(text="الله", label="ORG", start=b, end=b + 4),
        ],
    )
    parsed = highlighted(render_document_html(document))
    assert "".join(parsed.text) == text and len(parsed.marks) == 1


def test_newlines_become_line_breaks() -> None:
    document = Document(id="d", text="سطر أول\nسطر ثان\r\nثالث")
    page = render_document_html(document)
    assert "".join(highlighted(page).text) == document.text
    assert page.count("<br>") == 2


def test_empty_failed_and_wrong_documents() -> None:
    page = render_document_html(Document(id="d", text="", error="ValueError: boom"))
    assert '<p class="error">ValueError: boom</p>' in page
    assert "no relations found" in page and "no entities found" in page
    with pytest.raises(InvalidInputError):
        render_document_html("نص")  # type: ignore[arg-type]


def test_write_document_html(tmp_path: Path) -> None:
    document = Document(id="d", text="نص \ud800")
    write_document_html(document, tmp_path / "d.html", title="عنوان")
    page = (tmp_path / "d.html").read_text("utf-8")
    assert "<title>عنوان</title>" in page and "نص \ufffd" in page
    with pytest.raises(OSError):
        write_document_html(document, tmp_path / "missing" / "d.html")


def test_relation_spans_outside_the_evidence_still_render() -> None:
    document = make_document()
    met = document.relations[0]
    odd = met.model_copy(
        update={"trigger": Span(text=document.text[-4:], start=len(document.text) - 4, end=len(document.text))}
    )
    page = render_document_html(document.model_copy(update={"relations": [odd]}))
    assert '<mark class="trigger">' not in page and met.evidence.text in page


@pytest.fixture
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline: object) -> None:
    monkeypatch.setattr(cli, "_load", lambda model: pipeline)


@pytest.mark.usefixtures("shared_pipeline")
def test_cli_show_text_argument(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "doc.html"
    assert cli.main(["show", SISI, "-o", str(out)]) == cli.EXIT_OK
    assert "-> " in capsys.readouterr().err
    parsed = highlighted(out.read_text("utf-8"))
    assert "".join(parsed.text) == SISI
    assert {"entity entity-PER", "entity entity-LOC"} <= {mark["class"] for mark in parsed.marks}


@pytest.mark.usefixtures("shared_pipeline")
def test_cli_show_file_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "news.txt").write_text(SISI, "utf-8")
    out = tmp_path / "doc.html"
    assert cli.main(["show", str(tmp_path / "news.txt"), "-o", str(out), "-q"]) == cli.EXIT_OK
    page = out.read_text("utf-8")
    assert "news.txt</title>" in page and "".join(highlighted(page).text) == SISI
    monkeypatch.setattr(sys, "stdin", io.StringIO(SISI))
    assert cli.main(["show", "-", "-o", str(out), "-q"]) == cli.EXIT_OK
    assert "<title>stdin</title>" in out.read_text("utf-8")


@pytest.mark.usefixtures("shared_pipeline")
def test_cli_show_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "doc.html"
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    assert cli.main(["show", str(tmp_path / "latin1.txt"), "-o", str(out)]) == cli.EXIT_INPUT_FAILED
    assert "latin1.txt: not UTF-8" in capsys.readouterr().err
    assert cli.main(["show", str(tmp_path), "-o", str(out)]) == cli.EXIT_USAGE
    assert "is a folder" in capsys.readouterr().err
    assert cli.main(["show", SISI, "-o", str(tmp_path / "no" / "doc.html")]) == cli.EXIT_USAGE
    assert "cannot write" in capsys.readouterr().err
    assert not out.exists()
    assert cli.main(["show", "typo.txt", "-o", str(out), "-q"]) == cli.EXIT_OK
    assert "typo.txt: no such file" in capsys.readouterr().err
