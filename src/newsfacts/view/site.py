"""Marks, rows and timeline of each article, rendered into a self-contained static site."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..errors import NewsfactsError

# Kind -> (table, text column, start column, end column, label). Every row of `table` with
# offsets in those columns becomes one mark of that kind.
MARK_KINDS: dict[str, list[tuple[str, str, str, str]]] = {
    "actor": [("actors", "evidence", "start", "end")],
    "place": [("places", "evidence", "start", "end")],
    "asset": [("assets", "evidence", "start", "end")],
    "trigger": [("events", "trigger_text", "trigger_start", "trigger_end")],
    "date": [("events", "date_text", "date_text_start", "date_text_end")],
    "quantity": [("assets", "quantity_text", "quantity_start", "quantity_end"),
                 ("event_casualties", "quantity_text", "quantity_start", "quantity_end")],
    "quote": [("quotes", "text", "start", "end")],
    "cue": [("quotes", "cue_verb", "cue_start", "cue_end")],
    "speaker": [("quotes", "speaker_text", "speaker_start", "speaker_end")],
}
KEYS = {"actors": "actor_id", "places": "place_id", "assets": "asset_id", "events": "event_id",
        "event_casualties": "casualty_id", "quotes": "quote_id"}


class MissingViewer(NewsfactsError):
    """Jinja2 is not installed (the runtime install carries only what loading needs)."""


def _plain(v: Any) -> Any:
    """A cell as JSON: None for missing (None, NaN, NA, NaT), ISO dates, lists as lists."""
    if isinstance(v, list):
        return [str(x) for x in v]
    import pandas as pd

    if v is None or pd.isna(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v.item() if hasattr(v, "item") else v


def _records(df: Any) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def marks_of(article_id: str, t: dict[str, Any]) -> list[dict[str, Any]]:
    """Every evidence span of the article as a mark: kind, offsets, the row it comes from."""
    out = []
    for kind, sources in MARK_KINDS.items():
        for table, text_col, s_col, e_col in sources:
            df = t[table][t[table]["article_id"] == article_id]
            for row in _records(df):
                if row.get(s_col) is None or row.get(e_col) is None:
                    continue
                out.append({"id": f"m{len(out)}", "kind": kind, "start": int(row[s_col]), "end": int(row[e_col]),
                            "text": row[text_col], "table": table, "row": row[KEYS[table]]})
    return out


def render_text(text: str, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every mark boundary: pieces with the marks covering each, outermost first.
    Overlapping marks nest piece by piece, so crossing spans stay readable."""
    cuts = sorted({0, len(text), *(m["start"] for m in marks), *(m["end"] for m in marks)})
    first_piece: set[str] = set()
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        cover = sorted((m for m in marks if m["start"] <= a and b <= m["end"]), key=lambda m: (m["start"], -m["end"], m["id"]))
        layers = []
        for depth, m in enumerate(cover):
            first = m["id"] not in first_piece
            first_piece.add(m["id"])
            layers.append({"id": m["id"], "kind": m["kind"], "first": first, "depth": depth, "text": m["text"]})
        pieces.append({"text": text[a:b], "marks": layers})
    return pieces


def timeline(events: list[dict[str, Any]], width: int = 760) -> dict[str, Any]:
    """Dated events as SVG marks on one axis; day, week, month and year precision drawn differently."""
    dated = [e for e in events if e.get("date_start")]
    if not dated:
        return {"width": width, "height": 40, "marks": [], "ticks": []}
    days = lambda d: dt.date.fromisoformat(d).toordinal()  # noqa: E731
    lo = min(days(e["date_start"]) for e in dated)
    hi = max(days(e["date_end"] or e["date_start"]) for e in dated)
    span = max(hi - lo, 1)
    left, right = 16, width - 16
    x = lambda o: left + (o - lo) / span * (right - left)  # noqa: E731
    marks = []
    for i, e in enumerate(sorted(dated, key=lambda e: (e["date_start"], e["event_id"]))):
        x0, x1 = x(days(e["date_start"])), x(days(e["date_end"] or e["date_start"]))
        marks.append({"event_id": e["event_id"], "x": round(x0, 1), "w": round(max(x1 - x0, 4), 1), "y": 28 + 18 * i,
                      "precision": e.get("date_precision") or "day", "label": f"{e['date_start']}"
                      + (f" to {e['date_end']}" if e.get("date_end") and e["date_end"] != e["date_start"] else "")
                      + f" ({e.get('date_precision')}): {e['summary']}"})
    years = range(dt.date.fromordinal(lo).year, min(dt.date.fromordinal(hi).year + 2, dt.MAXYEAR + 1))
    ticks = [{"x": round(x(dt.date(y, 1, 1).toordinal()), 1), "label": str(y)} for y in years
             if lo <= dt.date(y, 1, 1).toordinal() <= hi]
    return {"width": width, "height": 40 + 18 * len(marks), "marks": marks, "ticks": ticks}


def _env():
    try:
        import jinja2
    except ImportError:
        raise MissingViewer("newsfacts view needs Jinja2: pip install 'newsfacts[view]'") from None
    here = Path(__file__).parent
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(here / "templates")),
                             autoescape=jinja2.select_autoescape(["html"]), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.globals["css"] = (here / "templates" / "site.css").read_text(encoding="utf-8")
    env.globals["js"] = (here / "templates" / "site.js").read_text(encoding="utf-8")
    # JSON inside <script>: <, > and & as \u escapes, so no text value can close or open a tag.
    env.filters["tojson_script"] = lambda v: (json.dumps(v, ensure_ascii=False, sort_keys=True)
                                              .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return env


def page_name(article_id: str) -> str:
    return f"article-{article_id}.html"


def build_site(out: str | Path, root: str | Path | None = None) -> list[Path]:
    """Write index.html and one page per article into `out`; return the files written."""
    from ..loading import article_text, load_all

    env = _env()
    t = load_all(root=root)
    labels = _labels(root)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    articles = _records(t["articles"].sort_values(["publication_date", "article_id"]))
    written = []
    counts = {a["article_id"]: {name: int((df["article_id"] == a["article_id"]).sum()) for name, df in t.items() if "article_id" in df}
              for a in articles}
    for a in articles:
        aid = a["article_id"]
        text = article_text(aid, root)  # the described, hashed text: never a path a row names
        marks = marks_of(aid, t)
        rows = {table: {r[KEYS[table]]: r for r in _records(t[table][t[table]["article_id"] == aid])} for table in KEYS}
        actors = rows["actors"]
        for r in rows["events"].values():
            r["cameo_label"] = r.get("cameo_label")
            r["plover_label"] = labels.get("plover_types", {}).get(r.get("plover_type"))
        for r in rows["quotes"].values():
            r["speaker_name"] = actors.get(r.get("speaker_id"), {}).get("name")
        events = sorted(rows["events"].values(), key=lambda e: (e.get("date_start") is None, e.get("date_start") or "", e["event_id"]))
        triggers = {m["row"]: m["id"] for m in marks if m["kind"] == "trigger"}
        mark_of_event = {eid: triggers.get(eid, "") for eid in rows["events"]}  # a row without offsets links nowhere
        html = env.get_template("article.html").render(
            article=a, pieces=render_text(text, marks), marks=marks, rows=rows, events=events,
            mark_of_event=mark_of_event, timeline=timeline(list(rows["events"].values())), kinds=list(MARK_KINDS),
            counts=counts[aid])
        p = out / page_name(aid)
        p.write_text(html, encoding="utf-8")
        written.append(p)
    idx = out / "index.html"
    idx.write_text(env.get_template("index.html").render(articles=articles, counts=counts, page_name=page_name,
                                                          tables=[n for n in t if "article_id" in t[n]]), encoding="utf-8")
    return [idx, *written]


def _labels(root: str | Path | None) -> dict[str, dict[str, str]]:
    from ..loading import csv_codelist

    return {"plover_types": {r["code"]: r["label"] for r in csv_codelist("plover_types", root)}}
