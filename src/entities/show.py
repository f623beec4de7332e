"""One extracted document as an HTML page: ``entities show``.

:func:`render_document_html` highlights the mentions in the text with spaCy's displaCy (right to
left, one colour per label, the same colours as :mod:`entities.view`) and lists the relations
(type, participants, trigger, place, date, and the evidence sentence with its trigger marked) and
the entities. The page is self-contained and static: no script, no network.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from html import escape
from importlib import resources

from .errors import InvalidInputError
from .schema import Document, Mention, Relation
from .view import EDGE_STYLES, LABEL_STYLES, encodable, write_html

_PLACEHOLDER = re.compile(r"\{\{(TITLE|SUMMARY|LEGEND|ERROR|DOCUMENT|RELATIONS|ENTITIES)\}\}")
_MARK = (
    '<mark class="entity entity-{label}" title="{title}" style="background: {bg}">'
    '{text}<span class="entity-label">{label}</span></mark>'
)


@lru_cache(maxsize=1)
def _template() -> str:
    return resources.files("entities").joinpath("data/show_template.html").read_text("utf-8")


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Mentions in text order; one that overlaps an earlier (or longer, same-start) one is dropped."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.end > mention.start and (not kept or mention.start >= kept[-1].end):
            kept.append(mention)
    return kept


def _highlighted_text(document: Document) -> str:
    from spacy import displacy

    names = {entity.id: entity.name for entity in document.entities}
    ents = []
    for mention in _non_overlapping(document.mentions):
        name = names.get(mention.entity_id or "", mention.text)
        title = f"{name} · {LABEL_STYLES[mention.label]['name']} {mention.label}"
        params = {"title": escape(title)}
        ents.append({"start": mention.start, "end": mention.end, "label": mention.label, "params": params})
    parsed = {"text": document.text, "ents": ents, "title": None, "settings": {"direction": "rtl", "lang": "ar"}}
    options = {"colors": {label: style["light"] for label, style in LABEL_STYLES.items() if label}, "template": _MARK}
    return str(displacy.render(parsed, style="ent", manual=True, jupyter=False, options=options))


def _name(document: Document, entity_id: str | None) -> str:
    if entity_id is None:
        return ""
    try:
        entity = document.entity(entity_id)
    except KeyError:
        return f'<span class="name">{escape(entity_id)}</span>'
    color = LABEL_STYLES.get(entity.label, LABEL_STYLES[""])["light"]
    return f'<span class="name" style="background: {color}" title="{entity.label}">{escape(entity.name)}</span>'


def _evidence(relation: Relation) -> str:
    sentence, trigger = relation.evidence, relation.trigger
    if not sentence.start <= trigger.start <= trigger.end <= sentence.end:
        return escape(sentence.text)
    before = sentence.text[: trigger.start - sentence.start]
    after = sentence.text[trigger.end - sentence.start :]
    return f'{escape(before)}<mark class="trigger">{escape(trigger.text)}</mark>{escape(after)}'


def _table(columns: list[tuple[str, str]], rows: list[str]) -> str:
    head = "".join(f'<th>{arabic}<span class="en">{english}</span></th>' for arabic, english in columns)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _relations_table(document: Document) -> str:
    if not document.relations:
        return '<p class="muted">لم يُعثر على علاقات <bdi dir="ltr">(no relations found)</bdi></p>'
    rows = []
    for relation in sorted(document.relations, key=lambda r: (r.evidence.start, r.trigger.start)):
        style = EDGE_STYLES.get(relation.type, EDGE_STYLES[""])
        arrow = " ← " if style["directed"] else " — "
        where = " · ".join(part for part in (_name(document, relation.place), escape(relation.date or "")) if part)
        rows.append(
            f'<tr title="{escape(relation.rule)}">'
            f'<td><span class="chip" style="background: {style["color"]}">'
            f"{style['name']} <bdi>{relation.type}</bdi></span></td>"
            f"<td>{_name(document, relation.source)}{arrow}{_name(document, relation.target)}</td>"
            f"<td>{escape(relation.trigger.text)}</td><td>{where}</td>"
            f'<td class="evidence">{_evidence(relation)}</td></tr>'
        )
    columns = [
        ("النوع", "type"),
        ("الطرفان", "participants"),
        ("الكلمة الدالة", "trigger"),
        ("المكان والتاريخ", "place, date"),
        ("الدليل", "evidence"),
    ]
    return _table(columns, rows)


def _entities_table(document: Document) -> str:
    if not document.entities:
        return '<p class="muted">لم يُعثر على كيانات <bdi dir="ltr">(no entities found)</bdi></p>'
    counts: dict[str, int] = {}
    for mention in document.mentions:
        if mention.entity_id is not None:
            counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
    rows = [
        f"<tr><td>{_name(document, entity.id)}</td>"
        f"<td><bdi>{entity.label}</bdi> {LABEL_STYLES[entity.label]['name']}</td>"
        f"<td>{'، '.join(escape(alias) for alias in entity.aliases)}</td><td>{counts.get(entity.id, 0)}</td></tr>"
        for entity in document.entities
    ]
    return _table([("الاسم", "name"), ("النوع", "label"), ("الأسماء الأخرى", "aliases"), ("الذكر", "mentions")], rows)


def _legend() -> str:
    return "".join(
        f'<li><span class="swatch" style="background: {style["light"]}"></span>{style["name"]} <bdi>{label}</bdi></li>'
        for label, style in LABEL_STYLES.items()
        if label
    )


def render_document_html(document: Document, *, title: str | None = None) -> str:
    """One self-contained HTML page showing ``document``: highlighted text, relations, entities.

    ``title`` defaults to the document id. Raises :class:`~entities.errors.InvalidInputError` (a
    ``TypeError``) if ``document`` is not a :class:`~entities.schema.Document`.
    """
    if not isinstance(document, Document):
        raise InvalidInputError(f"render_document_html takes a Document, not {type(document).__name__}")
    summary = (
        f"{len(document.mentions)} mentions · {len(document.entities)} entities · {len(document.relations)} relations"
    )
    values = {
        "TITLE": escape(title if title is not None else document.id),
        "SUMMARY": f'<bdi dir="ltr">{summary}</bdi>',
        "LEGEND": _legend(),
        "ERROR": f'<p class="error">{escape(document.error)}</p>' if document.error else "",
        "DOCUMENT": _highlighted_text(document),
        "RELATIONS": _relations_table(document),
        "ENTITIES": _entities_table(document),
    }
    return encodable(_PLACEHOLDER.sub(lambda match: values[match.group(1)], _template()))


def write_document_html(document: Document, path: str | os.PathLike[str], *, title: str | None = None) -> None:
    """Write :func:`render_document_html` of ``document`` to ``path`` (raises ``OSError`` on failure)."""
    write_html(render_document_html(document, title=title), path)
