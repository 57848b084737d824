"""`newsfacts review`: confirm, correct and complete an article's coding in the browser.

`Review(folder)` is the library: `state()` gives the text, every entry with its words and the
build's messages, `apply(version, ops)` changes coding.yaml (round trip, atomically, refusing
when the file changed meanwhile), `build()` runs the package build. `serve()` runs it as a
local web app (review/server.py); the page is review/page.html. Needs the `review` extra."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..errors import NewsfactsError
from .checks import check_article
from .document import CHANGED, EDITABLE, SECTIONS, SOURCE_EDITABLE, Document, ReviewError

__all__ = ["Review", "ReviewError", "serve"]

# The table, and its start/end columns, whose rows show an entry's words.
ROWS = {"events": ("events", "event_id", "trigger_start", "trigger_end"), "actors": ("actors", "actor_id", "start", "end"),
        "places": ("places", "place_id", "start", "end"), "assets": ("assets", "asset_id", "start", "end"),
        "quotes": ("quotes", "quote_id", "start", "end")}
# Code lists the pickers offer, by the field they fill.
PICKERS = {"events.cameo": "cameo_events", "events.plover.type": "plover_types", "events.plover.mode": "plover_modes",
           "events.plover.context": "plover_contexts", "events.acled.sub_type": "acled_types", "actors.cameo": "cameo_actors",
           "actors.type": "actor_types", "actors.sector": "sectors", "assets.category": "asset_categories", "roles": "roles"}
ENUMS = {"events.kind": ("events", "event_kind"), "events.polarity": ("events", "polarity"), "events.modality": ("events", "modality"),
         "events.tense": ("events", "tense"), "events.date.precision": ("events", "date_precision"),
         "places.type": ("places", "place_type"), "quotes.kind": ("quotes", "kind")}


def definition(codelist: str, row: dict[str, str]) -> str:
    """What the review shows beside a code: the manual's words where the code list quotes them (CAMEO 1.1b3's
    Description, Usage Notes and the condition the words must meet; the PLOVER manual's context chapter),
    else the list's description."""
    if codelist == "cameo_events" and row.get("definition"):
        out = f"CAMEO 1.1b3: {row['definition']}"
        if row.get("usage_notes"):
            out += f" Usage Notes: {row['usage_notes']}"
        if row.get("condition"):
            out += f" Condition the words must meet (quote it in the note): '{row['condition']}'."
        return out
    if codelist == "plover_contexts" and row.get("definition"):
        return f"PLOVER manual: {row['definition']}"
    return row.get("description", "")


class ReviewSetupError(NewsfactsError):
    """The folder is not an article of a newsfacts checkout."""


def plain(value: Any) -> Any:
    """ruamel's round-trip values as JSON values."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


class Review:
    def __init__(self, folder: str | Path):
        from ..pipeline.run import find_root

        folder = Path(folder)
        if not (folder / "article.txt").is_file() or not (folder / "coding.yaml").is_file():
            raise ReviewSetupError(f"{folder}: not an article folder (it needs article.txt and coding.yaml); "
                                   "draft one first: newsfacts draft ARTICLE.txt --publisher NAME --out build/articles/<id>")
        self.folder = folder.resolve()
        try:
            self.root = find_root(self.folder)
        except NewsfactsError:
            raise ReviewSetupError(f"{folder}: not inside a newsfacts checkout; review an article under build/articles/") from None
        if self.folder.parent != (self.root / "build" / "articles").resolve():
            raise ReviewSetupError(f"{folder}: the review edits article folders in build/articles/ of a checkout; "
                                   "move the draft there (newsfacts draft ... --out build/articles/<id>)")
        self.article_id = self.folder.name

    # --- what the page shows ---------------------------------------------------------------

    def state(self, done: list[str] | None = None, error: str | None = None) -> dict[str, Any]:
        doc = Document(self.folder)
        messages, tables = check_article(self.root, self.folder)
        spans: dict[tuple[str, str], tuple[int, int]] = {}
        for section, (table, key, s, e) in ROWS.items():
            for r in tables.get(table, []):
                rid = str(r[key]).split("/", 1)[-1]
                if r.get(s) is not None and (section, rid) not in spans:
                    spans[(section, rid)] = (int(r[s]), int(r[e]))
        tied = {(m["section"], m["id"]) for m in messages if m["section"]}
        entries: dict[str, list[dict[str, Any]]] = {}
        for section in SECTIONS:
            out = []
            for e in doc.entries(section):
                if not isinstance(e, dict):
                    continue
                rid = str(e.get("id"))
                out.append({"id": rid, "drafted": plain(e.get("drafted")), "coding": plain(e),
                            "span": list(spans[(section, rid)]) if (section, rid) in spans else None,
                            "messages": [m for m in messages if (m["section"], m["id"]) == (section, rid)]})
            entries[section] = out
        ids = {(s, x["id"]) for s in entries for x in entries[s]}
        general = [m for m in messages if not m["section"] or (m["section"], m["id"]) not in ids or (m["section"], m["id"]) not in tied]
        drafted = sum(1 for s in entries.values() for x in s if x["drafted"] is not None)
        source = {f: plain(doc.source.get(f)) for f in SOURCE_EDITABLE}
        return {"article_id": self.article_id, "text": doc.text, "version": doc.version, "entries": entries,
                "messages": general, "drafted": drafted, "problems": len(messages), "done": done or [], "error": error,
                "editable": EDITABLE, "source": source, "source_editable": SOURCE_EDITABLE}

    def codes(self) -> dict[str, Any]:
        """The pickers' lists: code, label, description (and what limits a PLOVER mode)."""
        from ..pipeline.codelists import read_codelists
        from ..schemas import enum_of, read_schema

        lists = read_codelists(self.root / "build" / "codelists")
        out: dict[str, Any] = {}
        for fld, name in PICKERS.items():
            cl = lists.get(name)
            if cl is None:
                continue
            rows = []
            for code, r in cl.rows.items():
                row = [code, r.get("label", ""), definition(name, r)]
                if name == "plover_modes":
                    row.append(r.get("plover_types", ""))
                if name == "acled_types":
                    row.append(r.get("event_type", ""))
                rows.append(row)
            out[fld] = rows
        for fld, (table, col) in ENUMS.items():
            schema = read_schema(self.root / "schemas", table)
            f = next((x for x in schema["fields"] if x["name"] == col), None)
            out[fld] = [[v, v, ""] for v in (enum_of(f) or [])] if f else []
        walk = lists["cameo_plover"].rows if "cameo_plover" in lists else {}
        out["crosswalk"] = {code: [r["plover_type"], r["plover_mode"], r["plover_context"]] for code, r in walk.items()}
        return out

    # --- changes ------------------------------------------------------------------------------

    def apply(self, version: Any, ops: Any) -> dict[str, Any]:
        """Apply operations to coding.yaml as loaded at `version`; the new state."""
        if not isinstance(version, str):
            raise ReviewError("the request needs the version of coding.yaml the page shows; reload the page")
        doc = Document(self.folder)
        if doc.version != version:
            raise ReviewError(CHANGED, 409)
        done = doc.apply(ops)
        doc.save(version)
        return self.state(done)

    def build(self) -> dict[str, Any]:
        """The package build, under its lock: the only way the published package changes."""
        from ..pipeline import build

        try:
            r = build(self.root)
        except NewsfactsError as exc:
            return {"ok": False, "report": str(exc)}
        if r.findings:
            return {"ok": False, "report": "validation failed; nothing was published:\n" + "\n".join(map(str, r.findings))}
        total = sum(r.rows.values())
        return {"ok": True, "report": f"built and published: {total} rows in {len(r.rows)} tables"}

def serve(folder: str | Path, port: int = 0, open_browser: bool = True, echo=print) -> None:
    from .server import run

    run(Review(folder), port, open_browser, echo)


def dumps(value: Any) -> str:
    """JSON safe inside a <script> element of the page."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
