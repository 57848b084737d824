"""Marks, rows and timeline of each article, rendered into a self-contained static site."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import re

from ..errors import NewsfactsError

SAFE_URL = re.compile(r"https?://[^\s\"'<>\\`]+")

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


# What a reader counts per article (the index's columns and each page's header), by table.
READER_COUNTS = ("events", "quotes", "actors")


class MissingViewer(NewsfactsError):
    """Jinja2 is not installed (the runtime install carries only what loading needs)."""


class UnsafePackage(NewsfactsError):
    """The package breaks a rule validation checks on what the site renders: it is not rendered."""


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
    """Rows as JSON-ready dicts, converted column by column (not cell by cell through pandas)."""
    cols = {}
    for name in df.columns:
        s = df[name]
        if str(s.dtype).startswith("datetime64"):
            cols[name] = [None if v is None else v.date().isoformat() for v in s.astype(object).where(s.notna(), None)]
        elif s.dtype == object:
            cols[name] = [_plain(v) for v in s]
        else:  # nullable numbers, strings, booleans and categoricals: missing -> None
            cols[name] = s.astype(object).where(s.notna(), None).tolist()
    names = list(cols)
    return [dict(zip(names, values)) for values in zip(*cols.values())] if names else []


def by_article(tables: dict[str, Any]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """{article_id: {table: rows}}, each table converted and split once (the site is linear in the corpus)."""
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for name, df in tables.items():
        if "article_id" not in df:
            continue
        for row in _records(df):
            out.setdefault(row["article_id"], {}).setdefault(name, []).append(row)
    return out


def marks_of(rows: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every evidence span of one article's rows ({table: rows}) as a mark: kind, offsets, the row it comes from."""
    out = []
    for kind, sources in MARK_KINDS.items():
        for table, text_col, s_col, e_col in sources:
            for row in rows.get(table, []):
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


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PRECISIONS = ("day", "week", "month", "year")


def axis_ticks(lo: int, hi: int) -> list[tuple[int, str]]:
    """(ordinal, label) ticks for a date axis from day `lo` to day `hi`, at a step a reader
    expects for that span: days under two months, months under three years, else years."""
    first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    span = hi - lo
    if span <= 62:
        step = 1 if span <= 10 else 7 if span <= 45 else 14
        return [(o, f"{dt.date.fromordinal(o).day} {MONTHS[dt.date.fromordinal(o).month - 1]}") for o in range(lo, hi + 1, step)]
    if span <= 3 * 366:
        step = 1 if span <= 400 else 3
        out, y, m = [], first.year, first.month
        while dt.date(y, m, 1) <= last:
            d = dt.date(y, m, 1)
            if d >= first and (m - 1) % step == 0:
                out.append((d.toordinal(), f"{MONTHS[m - 1]} {y}" if m == 1 or not out else MONTHS[m - 1]))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out or [(lo, f"{first.day} {MONTHS[first.month - 1]} {first.year}")]
    years = range(first.year + (first != dt.date(first.year, 1, 1)), last.year + 1)
    step = max(1, len(years) // 10)
    return [(dt.date(y, 1, 1).toordinal(), str(y)) for y in years[::step]] or [(lo, str(first.year))]


LABEL_CHAR_PX = 6.5  # at least the mean width of a character of the 10 px labels (system-ui)


def timeline(events: list[dict[str, Any]], width: int = 760) -> dict[str, Any]:
    """Dated events as SVG marks under a labelled date axis; each precision drawn differently
    (legend in the page). Undated events are not drawn (the page lists every event once).
    The axis runs from the first day's start to the last day's end, so no bar reaches into the
    labels on its right; a label is cut to the room left of the edge; the first tick's label
    has room on its left."""
    dated = [e for e in events if e.get("date_start")]
    if not dated:
        return {"width": width, "height": 40, "marks": [], "ticks": [], "undated": len(events)}
    days = lambda d: dt.date.fromisoformat(d).toordinal()  # noqa: E731
    lo = min(days(e["date_start"]) for e in dated)
    hi = max(days(e["date_end"] or e["date_start"]) for e in dated)
    if hi - lo < 2:  # room for a tick either side of a single day
        lo, hi = lo - 1, hi + 1
    span = hi + 1 - lo  # days lo..hi, each as wide as the others: the last one ends at `right`
    left, right = 40, round(width * 0.55)
    x = lambda o: left + (o - lo) / span * (right - left)  # noqa: E731
    room = int((width - right - 12) / LABEL_CHAR_PX)
    marks = []
    for i, e in enumerate(sorted(dated, key=lambda e: (e["date_start"], e["event_id"]))):
        x0, x1 = x(days(e["date_start"])), x(days(e["date_end"] or e["date_start"]) + 1)
        when = e["date_start"] + (f" to {e['date_end']}" if e.get("date_end") and e["date_end"] != e["date_start"] else "")
        summary = e.get("summary") or e["event_id"]
        marks.append({"event_id": e["event_id"], "x": round(x0, 1), "w": round(max(x1 - x0, 4), 1), "y": 44 + 18 * i,
                      "precision": e.get("date_precision") or "day", "label": f"{when} ({e.get('date_precision') or 'day'}): {summary}",
                      "short": summary if len(summary) <= room else summary[:room - 1] + "…", "label_x": round(right + 8, 1)})
    ticks = [{"x": round(x(o), 1), "label": label} for o, label in axis_ticks(lo, hi)]
    return {"width": width, "height": 56 + 18 * len(marks), "marks": marks, "ticks": ticks, "axis_right": round(right, 1),
            "axis_left": left, "undated": len(events) - len(dated)}


def safe_url(url: Any) -> str | None:
    """The address a page may link to: http or https only (a javascript:, data: or other scheme
    in a forged row would run or show content when clicked), else None and no link at all."""
    return url if isinstance(url, str) and SAFE_URL.fullmatch(url) else None


def _hash(source: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def page_policy(style: str, script: str | None) -> str:
    """The page's Content-Security-Policy: nothing loads from anywhere; only the page's own style
    and script (by their sha256) apply, and no script may write markup (Trusted Types)."""
    return ("default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
            f"style-src {_hash(style)}; script-src {_hash(script) if script is not None else chr(39) + 'none' + chr(39)}; "
            "require-trusted-types-for 'script'; trusted-types 'none'")


def depth_style(marks: list[dict[str, Any]]) -> str:
    """How far each nested mark's underline sits below the text: a class per depth (an inline
    style attribute would need the policy to allow inline styles)."""
    deepest = max((m["depth"] for p in marks for m in p["marks"]), default=0)
    return "".join(f".d{i}{{--d:{i}}}" for i in range(1, deepest + 1))


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


def event_anchor(event_id: str) -> str:
    """The id of an event's item in its article's list of events (an event id is `<article>/<slug>`)."""
    return "event-" + event_id.split("/", 1)[1]


# The order an event's actors are listed in its details: CAMEO's source and target first.
ROLE_ORDER = {"agent": 0, "speaker": 0, "requester": 0, "organizer": 0, "participant": 1, "target": 2, "addressee": 2}


def linked_events(links: list[dict[str, Any]], articles: dict[str, dict[str, Any]],
                  events: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """{event_id: the events linked to it in other articles}: judgment, summary, article title and
    the address of the event in that article's page."""
    out: dict[str, list[dict[str, Any]]] = {}
    for ln in links:
        for here, there in ((ln["event_id_a"], ln["event_id_b"]), (ln["event_id_b"], ln["event_id_a"])):
            other = events.get(there)
            if other is None:
                continue
            art = articles.get(other["article_id"], {})
            out.setdefault(here, []).append({"judgment": ln["judgment"], "event_id": there, "summary": other.get("summary"),
                                             "article": art.get("title"), "publisher": art.get("publisher"),
                                             "href": f"{page_name(other['article_id'])}#{event_anchor(there)}"})
    for v in out.values():
        v.sort(key=lambda x: (x["judgment"], x["event_id"]))
    return out


def licence_name(licence_id: str | None) -> str:
    """A text licence's SPDX id or LicenseRef as a reader says it ("LicenseRef-US-Government-Work" -> US Government Work)."""
    if not licence_id:
        return "not stated"
    return licence_id.removeprefix("LicenseRef-").replace("-", " ") if licence_id.startswith("LicenseRef-") else licence_id


def build_site(out: str | Path, root: str | Path | None = None) -> list[Path]:
    """Write index.html and one page per article into `out`; return the files written.
    Each table is converted and split by article once, so the site is linear in the corpus."""
    from ..loading import read_descriptor, snapshot

    env = _env()
    t, texts, labels = snapshot(lambda: _read_checked(root), root)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    articles = _records(t["articles"].sort_values(["publication_date", "article_id"]))
    grouped = by_article({name: df for name, df in t.items() if name != "articles"})
    counts = {a["article_id"]: {name: len(grouped.get(a["article_id"], {}).get(name, [])) for name in READER_COUNTS}
              for a in articles}
    links = linked_events(_records(t["event_links"]), {a["article_id"]: a for a in articles},
                          {e["event_id"]: e for rows in grouped.values() for e in rows.get("events", [])})
    article_page, index_page = env.get_template("article.html"), env.get_template("index.html")
    written = []
    for a in articles:
        aid = a["article_id"]
        text = texts[aid]  # the described, hashed text: never a path a row names
        mine = grouped.get(aid, {})
        marks = marks_of(mine)
        rows = {table: {r[KEYS[table]]: r for r in mine.get(table, [])} for table in KEYS}
        actors = rows["actors"]
        for r in rows["events"].values():
            r["plover_label"] = labels.get("plover_types", {}).get(r.get("plover_type"))
        for r in rows["quotes"].values():
            r["speaker_name"] = actors.get(r.get("speaker_id"), {}).get("name")
        assets = rows["assets"]
        for r in rows["events"].values():
            r["who"], r["with"], r["linked"] = [], [], links.get(r["event_id"], [])
            r["asserted_by_name"] = actors.get(r.get("asserted_by"), {}).get("name")
        for link in sorted(mine.get("event_actors", []), key=lambda x: (ROLE_ORDER.get(x["role"], 9), x["event_actor_id"])):
            if link["event_id"] in rows["events"]:
                rows["events"][link["event_id"]]["who"].append(
                    {"role": link["role"], "actor_id": link["actor_id"], "name": actors.get(link["actor_id"], {}).get("name")})
        for link in sorted(mine.get("event_assets", []), key=lambda x: x["event_asset_id"]):
            if link["event_id"] in rows["events"]:
                rows["events"][link["event_id"]]["with"].append(
                    {"role": link["role"], "asset_id": link["asset_id"], "name": assets.get(link["asset_id"], {}).get("name")})
        events = sorted(rows["events"].values(), key=lambda e: (e.get("date_start") is None, e.get("date_start") or "", e["event_id"]))
        triggers = {m["row"]: m["id"] for m in marks if m["kind"] == "trigger"}
        mark_of_event = {eid: triggers.get(eid, "") for eid in rows["events"]}  # a row without offsets links nowhere
        pieces = render_text(text, marks)
        style = env.globals["css"] + depth_style(pieces)
        html = article_page.render(
            article={**a, "source_url": safe_url(a.get("url"))}, pieces=pieces, marks=marks, rows=rows, events=events,
            mark_of_event=mark_of_event, timeline=timeline(list(rows["events"].values())), kinds=list(MARK_KINDS),
            counts=counts[aid], precisions=PRECISIONS, anchor=event_anchor, style=style,
            csp=page_policy(style, env.globals["js"]))
        p = out / page_name(aid)
        p.write_text(html, encoding="utf-8")
        written.append(p)
    idx = out / "index.html"
    publishers = sorted({a["publisher"] for a in articles})
    desc = read_descriptor(root)
    idx.write_text(index_page.render(articles=articles, counts=counts, page_name=page_name, publishers=publishers,
                                     totals={k: sum(c[k] for c in counts.values()) for k in READER_COUNTS},
                                     licence=desc["licenses"][0], licence_name=licence_name,
                                     style=env.globals["css"], csp=page_policy(env.globals["css"], None)), encoding="utf-8")
    return [idx, *written]


def render_problems(arrows: dict[str, Any], desc: dict[str, Any]) -> list[str]:
    """Why the tables (Arrow, as read) may not be rendered: any schema rule validation checks on
    them, and any source address that is not http or https (also if a schema one day allowed it)."""
    from ..validate.parquet_checks import check_tables

    found = [f"{f.table} row {f.row}: {f.check}: {f.message}" + (f" (value {f.value[:80]!r})" if f.value is not None else "")
             for f in check_tables(arrows, desc)[0]]
    urls = arrows["articles"]["url"].to_pylist() if "articles" in arrows else []
    return found + [f"articles row {i}: url {u[:80]!r} is not an http or https address" for i, u in enumerate(urls, start=1)
                    if u is not None and safe_url(u) is None]


def _read_checked(root: str | Path | None) -> tuple[dict[str, Any], dict[str, str], dict[str, dict[str, str]]]:
    """(tables, texts, labels) the site renders, read once (hashes checked) and checked with the
    schema rules validation applies to the same Arrow tables: a package that breaks one (a
    forged `javascript:` source address breaks the url pattern) is refused, never rendered."""
    from ..loading import article_text, datapackage_path, read_arrow, read_descriptor, table_names, to_frame

    desc = read_descriptor(root)
    arrows = {t: read_arrow(t, "parquet", True, root, None) for t in table_names(desc)}
    found = render_problems({t: a[0] for t, a in arrows.items()}, desc)
    if found:
        base = datapackage_path(root).parent
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise UnsafePackage(f"{base}: not rendered, the package does not validate: {found[0]}{more}; newsfacts view "
                            f"renders only a valid package: run `newsfacts validate --path {base}` for the list")
    frames = {t: to_frame(*a) for t, a in arrows.items()}
    texts = {aid: article_text(aid, root) for aid in frames["articles"]["article_id"]}
    return frames, texts, _labels(root)


def _labels(root: str | Path | None) -> dict[str, dict[str, str]]:
    from ..loading import csv_codelist

    return {"plover_types": {r["code"]: r["label"] for r in csv_codelist("plover_types", root)}}
