"""Turn evidence words (+ optional occurrence number) into character offsets."""
from __future__ import annotations

from typing import Any

from ..text.index import find_all
from ..text.spans import Span


class EvidenceError(ValueError):
    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.fix = fix


def parse_ref(value: Any) -> tuple[str, int | None]:
    """`"words"` or `{words: ..., occurrence: N}` -> (words, N or None)."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, dict) and isinstance(value.get("words"), str):
        occ = value.get("occurrence")
        if occ is not None and (not isinstance(occ, int) or isinstance(occ, bool) or occ < 1):
            raise EvidenceError(f"occurrence must be a whole number >= 1, got {str(occ)[:20]!r}", "write occurrence: 1, 2, ...")
        return value["words"], occ
    raise EvidenceError(
        f"evidence must be the article's words or {{words: ..., occurrence: N}}, got a {type(value).__name__}",
        'write the exact words, e.g. evidence: "Sergey Ivanov"',
    )


def _short(words: str, limit: int = 60) -> str:
    return repr(words if len(words) <= limit else words[:limit] + "…")


def resolve(text: str, value: Any, scope: tuple[int, int] | None = None) -> Span:
    """Resolve one evidence reference; missing or ambiguous words raise.

    `occurrence: N` always counts in the whole article; without it, words found once in
    `scope` (the event's sentence) or once in the article are taken."""
    words, occurrence = parse_ref(value)
    if not words or words != words.strip():
        raise EvidenceError(f"evidence {_short(words)} is empty or has surrounding spaces", "quote the words exactly, without padding")
    hits = find_all(text, words)
    if not hits:
        raise EvidenceError(f"evidence {_short(words)} is not in the article",
                            "copy the words exactly from article.txt (quotes and apostrophes too: ’ is not ')")
    if occurrence is not None:
        if occurrence > len(hits):
            raise EvidenceError(f"evidence {_short(words)} occurs {len(hits)} time(s) in the article, not {occurrence}",
                                f"use an occurrence from 1 to {len(hits)} (counted in the whole article)")
        return hits[occurrence - 1]
    if scope is not None:
        near = [h for h in hits if scope[0] <= h.start and h.end <= scope[1]]
        if len(near) == 1:
            return near[0]
    if len(hits) == 1:
        return hits[0]
    at = ", ".join(str(h.start) for h in hits)
    raise EvidenceError(
        f"evidence {_short(words)} is ambiguous: it occurs {len(hits)} times in the article (at offsets {at})",
        f"write {{words: {words!r}, occurrence: N}} with N from 1 to {len(hits)} (counted in the whole article), or quote more words")
