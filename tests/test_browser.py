"""The two HTML pages in real headless Chromium, offline: they draw something, and search works.

Needs ``/usr/bin/chromium`` (Debian: ``apt-get install chromium``); skipped without it. Set
``ENTITIES_SCREENSHOTS=docs/screenshots`` to also save ``graph.png`` and ``document.png`` of the
example texts there (that is how the screenshots in ``docs/screenshots`` are made).
"""

from __future__ import annotations

import os
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from entities.graph import build_graph
from entities.schema import Document
from entities.show import write_document_html
from entities.view import LABEL_STYLES, write_graph_html

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "texts"
WINDOW = (1200, 800)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with no network at all (every host name fails to resolve)."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def screenshot(page: Path, png: Path, profile: Path) -> list[tuple[int, ...]]:
    result = chromium(profile, f"--screenshot={png}", page.as_uri())
    assert png.is_file(), f"Chromium made no screenshot: {result.stderr[-2000:]}"
    return png_pixels(png.read_bytes())


def png_pixels(data: bytes) -> list[tuple[int, ...]]:
    """The pixels of an 8-bit, non-interlaced RGB or RGBA PNG, row by row (a tiny decoder)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, "only 8-bit RGB(A), non-interlaced"
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(b"".join(chunks))
    previous = bytearray(stride)
    pixels: list[tuple[int, ...]] = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        unfilter(kind, row, previous, channels)
        pixels.extend(zip(*(row[c::channels] for c in range(3)), strict=True))
        previous = row
    return pixels


def unfilter(kind: int, row: bytearray, previous: bytearray, bpp: int) -> None:
    if kind == 1:
        for i in range(bpp, len(row)):
            row[i] = (row[i] + row[i - bpp]) & 0xFF
    elif kind == 2:
        row[:] = bytes((a + b) & 0xFF for a, b in zip(row, previous, strict=True))
    elif kind == 3:
        for i in range(len(row)):
            left = row[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(len(row)):
            a = row[i - bpp] if i >= bpp else 0
            b, c = previous[i], previous[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
    else:
        assert kind == 0, f"unknown PNG filter {kind}"


def rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def assert_not_blank(pixels: list[tuple[int, ...]]) -> Counter[tuple[int, ...]]:
    assert len(pixels) == WINDOW[0] * WINDOW[1]
    colours = Counter(pixels)
    background, count = colours.most_common(1)[0]
    assert len(colours) > 100, f"only {len(colours)} colours: the page looks blank"
    assert count < 0.97 * len(pixels), f"{count / len(pixels):.0%} of the page is {background}"
    return colours


@pytest.fixture(scope="module")
def documents(pipeline: Any) -> list[Document]:
    files = sorted(EXAMPLES.glob("*.txt"))
    assert files, f"no example texts in {EXAMPLES}"
    return list(pipeline.pipe((file.read_text("utf-8"), file.name) for file in files))


def keep(png: Path, name: str) -> None:
    folder = os.environ.get("ENTITIES_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(png.read_bytes())


def test_graph_page_draws_coloured_nodes_and_legend(documents: list[Document], tmp_path: Path) -> None:
    page, png = tmp_path / "graph.html", tmp_path / "graph.png"
    write_graph_html(build_graph(documents), page, title="examples/texts")
    colours = assert_not_blank(screenshot(page, png, tmp_path / "profile"))
    for label in ("PER", "LOC"):
        assert colours[rgb(LABEL_STYLES[label]["color"])] > 500, f"no {label} nodes drawn"
    for label in ("ORG", "MISC"):
        assert colours[rgb(LABEL_STYLES[label]["color"])] > 20, f"no {label} legend swatch"
    keep(png, "graph.png")


def test_document_page_highlights_entities(documents: list[Document], tmp_path: Path) -> None:
    document = documents[0]
    page, png = tmp_path / "document.html", tmp_path / "document.png"
    write_document_html(document, page)
    colours = assert_not_blank(screenshot(page, png, tmp_path / "profile"))
    labels = {mention.label for mention in document.mentions}
    assert labels
    for label in labels:
        assert colours[rgb(LABEL_STYLES[label]["light"])] > 1000, f"no {label} highlight drawn"
    keep(png, "document.png")


@pytest.mark.parametrize("query", ["أيمن الصفدي", "ايمَـن الصّفدى", "الصفدي", "\u200fأيمن"])
def test_search_ignores_diacritics_tatweel_and_alef_forms(
    documents: list[Document], tmp_path: Path, query: str
) -> None:
    page = tmp_path / "graph.html"
    write_graph_html(build_graph(documents), page)
    result = chromium(tmp_path / "profile", "--dump-dom", f"{page.as_uri()}#q={quote(query)}")
    dom = result.stdout
    assert 'id="graph-data"' in dom, result.stderr[-2000:]
    assert dom.count('class="node match"') == 1
    assert '<span id="found" dir="ltr" aria-live="polite">1 found</span>' in dom
