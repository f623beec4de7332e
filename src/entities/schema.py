"""The result types: what `entities` returns and serialises.

Every character offset points into the caller's original text: ``doc.text[m.start:m.end] == m.text``.
All types are pydantic models, so they validate on construction and round-trip through JSON with
``model_dump_json`` / ``model_validate_json``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Label = Literal["PER", "LOC", "ORG", "MISC"]
RelationType = Literal["MET", "CALLED", "VISITED"]
MentionKind = Literal["name", "title"]

#: Relation types whose two sides are interchangeable.
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"MET", "CALLED"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """A stretch of the document: ``text == document.text[start:end]``."""

    text: str
    start: int = Field(ge=0, description="offset of the first character")
    end: int = Field(ge=0, description="offset one past the last character")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class Mention(Span):
    """One occurrence of a name in the text."""

    label: Label
    entity_id: str | None = Field(None, description="the Entity this mention refers to")
    kind: MentionKind = Field(
        "name", description="'name', or 'title' for a title standing for a person named earlier («الوزير الروسي»)"
    )


class Entity(_Frozen):
    """A person, place, organisation or other named thing, with all the names it goes by."""

    id: str = Field(description="unique within its Document, e.g. 'e3'")
    name: str = Field(description="the fullest form seen in the document")
    label: Label
    aliases: list[str] = Field(default_factory=list, description="every distinct form seen, name first")


class Relation(_Frozen):
    """An event between two entities, with the sentence that states it.

    ``MET`` and ``CALLED`` are symmetric (``source``/``target`` order carries no meaning);
    ``VISITED`` goes from the actor to the place.
    """

    type: RelationType
    source: str = Field(description="Entity id")
    target: str = Field(description="Entity id")
    trigger: Span = Field(description="the word(s) that state the event")
    evidence: Span = Field(description="the sentence that states the event")
    place: str | None = Field(None, description="Entity id of where a meeting took place")
    date: str | None = Field(None, description="the date expression, as written")
    rule: str = Field("", description="name of the rule that produced the relation")


class Document(BaseModel):
    """Everything extracted from one text."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    mentions: list[Mention] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    error: str | None = Field(None, description="why extraction failed, when it did (see Pipeline.pipe)")

    @model_validator(mode="after")
    def _consistent(self) -> Document:
        ids = {e.id for e in self.entities}
        for span in [*self.mentions, *(r.evidence for r in self.relations), *(r.trigger for r in self.relations)]:
            if span.end > len(self.text) or self.text[span.start : span.end] != span.text:
                raise ValueError(f"span {span.start}:{span.end} does not match the text ({span.text!r})")
        for mention in self.mentions:
            if mention.entity_id is not None and mention.entity_id not in ids:
                raise ValueError(f"mention {mention.text!r} refers to unknown entity {mention.entity_id!r}")
        for relation in self.relations:
            for ref in (relation.source, relation.target, relation.place):
                if ref is not None and ref not in ids:
                    raise ValueError(f"relation refers to unknown entity {ref!r}")
        return self

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError if there is none)."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)
