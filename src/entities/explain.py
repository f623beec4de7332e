"""A readable account of why the pipeline found what it found in a text (`entities explain`)."""

from __future__ import annotations

from .pipeline import Pipeline
from .tokenize import split_sentences


def explain(pipeline: Pipeline, text: str) -> str:
    """Tokens, entities, triggers with the roles their frame filled, filtered triggers and the relations."""
    document = pipeline(text)
    names = {e.id: e.name for e in document.entities}
    lines: list[str] = []
    sentences = split_sentences(text, pipeline.max_sentence_tokens)
    traced = pipeline.rules.trace(sentences, document.mentions, document.entities)
    for number, (sentence, events) in enumerate(traced, 1):
        lines.append(f"sentence {number} [{sentence.start}:{sentence.end}]")
        lines.append("  tokens: " + " | ".join(t.text for t in sentence.tokens))
        for mention in document.mentions:
            if sentence.start <= mention.start < sentence.end:
                lines.append(
                    f"  {mention.label:<4} {mention.text} [{mention.start}:{mention.end}] -> "
                    f"{mention.entity_id} ({names.get(mention.entity_id or '', '')})"
                    + (" by title" if mention.kind == "title" else "")
                )
        for event in events:
            trigger = " ".join(t.text for t in sentence.tokens[event.first : event.last + 1])
            roles = "; ".join(
                f"{role}: {', '.join(names[a.entity_id] for a in actors) or '-'}"
                for role, actors in (("agent", event.agents), ("partner", event.partners), ("place", event.places))
            )
            status = f"DROPPED ({event.dropped})" if event.dropped else "fired"
            lines.append(f"  trigger «{trigger}» rule {event.trigger.name}/{event.trigger.frame} {status}: {roles}")
    lines.append("relations:")
    for relation in document.relations:
        place = f" at {names[relation.place]}" if relation.place else ""
        lines.append(
            f"  {relation.type} {names[relation.source]} -> {names[relation.target]}{place} "
            f"(trigger «{relation.trigger.text}», rule {relation.rule})"
        )
    if not document.relations:
        lines.append("  (none)")
    return "\n".join(lines)
