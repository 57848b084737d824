"""Helpers the row builders share: resolve evidence, check references and codes, record problems."""
from __future__ import annotations

from typing import Any

from ..errors import Problems
from .articles import CODING, Article
from .codelists import Codelist
from .evidence import EvidenceError, Span, resolve
from .quantities import parse_quantity
from .segment import Segment, smallest_containing


class Ctx:
    """Per-article helpers that record problems instead of stopping at the first."""

    def __init__(self, art: Article, problems: Problems, codes: dict[str, Codelist]):
        self.art, self.problems, self.codes = art, problems, codes
        self.file = art.file(CODING)
        self.segs: list[Segment] = []

    def qid(self, slug: str) -> str:
        return f"{self.art.article_id}/{slug}"

    def bad(self, record: str, message: str, fix: str, file: str | None = None) -> None:
        self.problems.add(file or self.file, record, message, fix)

    def span(self, value: Any, record: str, lo: int = 0, hi: int | None = None, where: str = "the article") -> Span | None:
        try:
            return resolve(self.art.text, value, lo, hi, where)
        except EvidenceError as exc:
            self.bad(record, str(exc), exc.fix)
            return None

    def segment_of(self, sp: Span) -> str | None:
        seg = smallest_containing(self.segs, sp.start, sp.end)
        return seg.segment_id if seg else None

    def sentence_bounds(self, sp: Span) -> tuple[int, int, str]:
        seg = smallest_containing(self.segs, sp.start, sp.end)
        return seg.start, seg.end, f"its sentence ({seg.segment_id})"

    def need(self, rec: dict, keys: list[str], record: str) -> bool:
        missing = [k for k in keys if rec.get(k) in (None, "")]
        if missing:
            self.bad(record, f"is missing {', '.join(missing)}", f"add {', '.join(k + ': ...' for k in missing)}")
        return not missing

    def keys(self, rec: dict, allowed: str, record: str) -> None:
        extra = sorted(set(map(str, rec)) - set(allowed.split()))
        if extra:  # a typo ("evidense:") would otherwise be silently ignored
            self.bad(record, f"has unknown key(s) {', '.join(extra)}", f"remove them, or use the keys {', '.join(allowed.split())}")

    def code(self, field: str, value: Any, record: str) -> None:
        cl = self.codes.get(field)
        if cl is None or value in (None, ""):
            return
        if not cl.check(str(value)):
            self.bad(record, f"{field.split('.')[1]} {value!r} is not in code list {cl.name} (build/codelists/{cl.name}.csv)",
                     f"use a code from build/codelists/{cl.name}.csv, or add the code there with its source")

    def ref(self, ids: set[str], slug: Any, what: str, record: str) -> str | None:
        if slug in (None, ""):
            return None
        if slug not in ids:
            known = ", ".join(sorted(ids)) or "none"
            self.bad(record, f"refers to unknown {what} {slug!r}", f"use one of the {what} ids declared in this file: {known}")
            return None
        return self.qid(slug)


def listed(items: Any, ctx: Ctx, key: str) -> list[dict]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        ctx.bad(key, "must be a list of mappings", f"write `{key}:` followed by `- id: ...` entries")
        return []
    return items


def ids(items: list[dict], ctx: Ctx, key: str) -> set[str]:
    seen: set[str] = set()
    for i, it in enumerate(items, start=1):
        slug = it.get("id")
        if not isinstance(slug, str) or not slug:
            ctx.bad(f"{key}[{i}]", "has no id", "add `id: <slug>` (lowercase, hyphens)")
        elif slug in seen:
            ctx.bad(f"{key}[{i}] id {slug!r}", "duplicate id", f"give each entry of {key} its own id")
        else:
            seen.add(slug)
    return seen


def evidence_cols(sp: Span | None, prefix: str = "") -> dict[str, Any]:
    names = ("evidence", "start", "end") if not prefix else (f"{prefix}_text", f"{prefix}_start", f"{prefix}_end")
    return dict(zip(names, (sp.text, sp.start, sp.end) if sp else (None, None, None)))


def quantity_cols(ctx: Ctx, words: Any, record: str, lo: int, hi: int, where: str) -> dict[str, Any]:
    cols = {"quantity_text": None, "quantity_start": None, "quantity_end": None, "quantity_value": None,
            "quantity_min": None, "quantity_max": None, "quantity_qualifier": None}
    if words in (None, ""):
        return cols
    sp = ctx.span(str(words), f"{record} quantity", lo, hi, where)
    if sp is None:
        return cols
    try:
        q = parse_quantity(sp.text)
    except ValueError as exc:
        ctx.bad(f"{record} quantity", str(exc), "write the quantity words as the article has them, in a supported form")
        return cols
    cols.update(quantity_text=sp.text, quantity_start=sp.start, quantity_end=sp.end, quantity_value=q.value,
                quantity_min=q.min, quantity_max=q.max, quantity_qualifier=q.qualifier)
    return cols



def link_evidence(ctx: Ctx, link: dict, mentions: list[Span], lo: int, hi: int, where: str, rec: str) -> Span | None:
    """Evidence of a link: the words given, or the entity's first mention in the event's sentence."""
    if link.get("evidence"):
        return ctx.span(link["evidence"], f"{rec} evidence", lo, hi, where)
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    if not inside:
        ctx.bad(rec, f"the entity is not mentioned in {where}", "add `evidence: <the words that refer to it there>` to the link")
        return None
    return inside[0]
