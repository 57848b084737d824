"""Helpers the row builders share: resolve evidence, check references, codes and enums, record problems."""
from __future__ import annotations

import re
from typing import Any

from ..errors import Problems
from ..schemas import enum_of, read_schema
from ..text.quantities import parse_quantity
from .articles import CODING, Article
from .codelists import Codelist
from .evidence import EvidenceError, Span, resolve
from .segment import Segment, smallest_containing


DRAFTED = "drafted"


def short(value: Any, limit: int = 60) -> str:
    """A value for an error message: never more than a short excerpt (hostile input can be huge)."""
    s = value if isinstance(value, str) else type(value).__name__ if isinstance(value, (dict, list)) else str(value)
    s = s if len(s) <= limit else s[:limit] + "…"
    return repr(s)


ENTRY_RECORD = re.compile(r"(places|actors|assets|events|quotes) '?([^'\s]+)'?")


def entry_record(record: str) -> tuple[str, str] | None:
    """(section, id) of a problem's record that names a coding entry ("events 'held'", the
    form `f"{section} {short(id)}"` gives), else None."""
    m = ENTRY_RECORD.match(record)
    return (m.group(1), m.group(2)) if m else None


class Ctx:
    """Per-article helpers that record problems instead of stopping at the first."""

    def __init__(self, art: Article, problems: Problems, codes: dict[str, Codelist], schemas_dir: Any = None,
                 lists: dict[str, Codelist] | None = None):
        self.art, self.problems, self.codes = art, problems, codes
        self.lists = lists or {}
        self.schemas_dir = schemas_dir
        self.file = art.file(CODING)
        self.segs: list[Segment] = []

    def qid(self, slug: str) -> str:
        return f"{self.art.article_id}/{slug}"

    def bad(self, record: str, message: str, fix: str, file: str | None = None) -> None:
        self.problems.add(file or self.file, record, message, fix)

    def span(self, value: Any, record: str, scope: tuple[int, int, str] | None = None) -> Span | None:
        """Resolve evidence words (evidence.resolve); a problem is recorded, not raised."""
        try:
            return resolve(self.art.text, value, scope[:2] if scope else None)
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

    def keys(self, rec: dict, allowed: str, record: str, file: str | None = None) -> None:
        # `drafted:` marks a suggestion of `newsfacts draft` not yet reviewed, on any entry:
        # allowed everywhere, it stops a publish like a TODO mark (run.todo_problems).
        extra = sorted(set(map(str, rec)) - set(allowed.split()) - {DRAFTED})
        if extra:  # a typo ("evidense:") would otherwise be silently ignored
            self.bad(record, f"has unknown key(s) {', '.join(short(k, 30) for k in extra)}",
                     f"remove them, or use the keys {', '.join(allowed.split())}", file=file)

    def code(self, field: str, value: Any, record: str) -> None:
        cl = self.codes.get(field)
        if cl is None or value in (None, ""):
            return
        col = field.split(".")[1]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.bad(record, f"{col} {value!r} is a number, not a code: YAML reads unquoted codes as numbers "
                             f"(an unquoted 010 is octal 8, 0232 becomes 154)",
                     f"quote the code, e.g. cameo: \"010\"")
            return
        if not cl.check(str(value)):
            self.bad(record, f"{col} {short(value)} is not in code list {cl.name} (build/codelists/{cl.name}.csv)",
                     f"use a code from build/codelists/{cl.name}.csv, or add the code there with its source")

    def enum(self, field: str, value: Any, record: str, key: str | None = None) -> bool:
        """A value of an enumerated schema column (table.column), checked before anything is built."""
        if value in (None, "") or self.schemas_dir is None:
            return True
        table, col = field.split(".")
        f = next((f for f in read_schema(self.schemas_dir, table)["fields"] if f["name"] == col), None)
        allowed = enum_of(f) if f else None
        if allowed and value not in allowed:
            self.bad(record, f"{key or col} {short(value)} is not one of {', '.join(map(str, allowed))}",
                     f"write {key or col}: one of {', '.join(map(str, allowed))}")
            return False
        return True

    def ref(self, ids: set[str], slug: Any, what: str, record: str) -> str | None:
        if slug in (None, ""):
            return None
        if not isinstance(slug, str) or slug not in ids:
            known = ", ".join(sorted(ids)) or "none"
            self.bad(record, f"refers to unknown {what} {short(slug)}", f"use one of the {what} ids declared in this file: {known[:300]}")
            return None
        return self.qid(slug)


def listed(items: Any, ctx: Ctx, key: str) -> list[dict]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        ctx.bad(key, "must be a list of mappings", f"write `{key}:` followed by `- id: ...` entries")
        return []
    return items


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def ids(items: list[dict], ctx: Ctx, key: str) -> set[str]:
    seen: set[str] = set()
    for i, it in enumerate(items, start=1):
        slug = it.get("id")
        if not isinstance(slug, str) or not slug:
            ctx.bad(f"{key}[{i}]", "has no id", "add `id: <slug>` (lowercase, hyphens)")
        elif not SLUG.match(slug):
            ctx.bad(f"{key}[{i}] id {short(slug)}", "is not a slug: ids become part of every row's key and may not hold "
                    "path characters (/ \\ ..), spaces or capitals", "use lowercase letters, digits and hyphens, e.g. id: kalibr-strike")
        elif slug in seen:
            ctx.bad(f"{key}[{i}] id {short(slug)}", "duplicate id", f"give each entry of {key} its own id")
        else:
            seen.add(slug)
    return seen


def evidence_cols(sp: Span | None, prefix: str = "") -> dict[str, Any]:
    names = ("evidence", "start", "end") if not prefix else (f"{prefix}_text", f"{prefix}_start", f"{prefix}_end")
    return dict(zip(names, (sp.text, sp.start, sp.end) if sp else (None, None, None)))


def note_of(item: dict, ctx: Ctx, record: str) -> str | None:
    note = item.get("note")
    if note is not None and (not isinstance(note, str) or not note.strip()):
        ctx.bad(f"{record} note", "must be a sentence giving the reason", "write note: <why the coding says so>")
        return None
    return note


def quantity_cols(ctx: Ctx, words: Any, record: str, scope: tuple[int, int, str]) -> dict[str, Any]:
    cols = {"quantity_text": None, "quantity_start": None, "quantity_end": None, "quantity_value": None,
            "quantity_min": None, "quantity_max": None, "quantity_qualifier": None}
    if words in (None, ""):
        return cols
    if isinstance(words, (int, float)) and not isinstance(words, bool):
        words = str(words)  # `quantity: 26` in YAML: the digits as written
    sp = ctx.span(words, f"{record} quantity", scope)
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


def link_evidence(ctx: Ctx, link: dict, mentions: list[Span], scope: tuple[int, int, str], rec: str) -> Span | None:
    """Evidence of a link: the words given, or the entity's mention in the event's sentence,
    else the nearest mention before it, else its first mention anywhere in the article."""
    if link.get("evidence"):
        return ctx.span(link["evidence"], f"{rec} evidence", scope)
    lo, hi, _ = scope
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    if inside:
        return inside[0]
    before = [m for m in mentions if m.end <= lo]
    if before:
        return before[-1]
    if mentions:
        return mentions[0]
    ctx.bad(rec, "the entity is not mentioned in the article", "add `evidence: <the words that refer to it>` to the link")
    return None


__all__ = ["Ctx", "listed", "ids", "evidence_cols", "quantity_cols", "link_evidence", "note_of", "short"]
