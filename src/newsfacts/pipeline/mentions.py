"""Every occurrence of every entity's names and aliases, with offsets."""
from __future__ import annotations

from dataclasses import dataclass

from .evidence import Span, find_all


@dataclass(frozen=True)
class Mention:
    entity_kind: str
    entity_id: str
    span: Span


def find_mentions(text: str, kind: str, entity_id: str, terms: list[str]) -> list[Mention]:
    """Occurrences of the terms; a hit inside a longer hit of the same entity is dropped
    ("Ivanov" inside "Sergey Ivanov"), hits of other entities may nest ("Russia" in
    "Russia’s Aerospace Forces")."""
    hits = {h for t in set(terms) for h in find_all(text, t)}
    keep = [h for h in hits if not any(o != h and o.start <= h.start and h.end <= o.end for o in hits)]
    return [Mention(kind, entity_id, h) for h in sorted(keep, key=lambda h: (h.start, h.end))]
