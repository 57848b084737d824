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
    hits = sorted({h for t in set(terms) for h in find_all(text, t)}, key=lambda h: (h.start, -h.end))
    keep, reach = [], -1
    for h in hits:  # longest first at each start: a hit ending within the reach of an earlier one is inside it
        if h.end <= reach:
            continue
        keep.append(h)
        reach = h.end
    return [Mention(kind, entity_id, h) for h in keep]
