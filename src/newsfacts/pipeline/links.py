"""Cross-source event links (build/links.yaml): the coder's judgment, checked against what the rows share.

A link joins two events of different articles. The build computes what they share (the
countries of their actors and places, whether their dates overlap) and refuses a judgment
the rows do not support unless the link's `note:` gives the reason: `same_event` needs
overlapping dates, a shared place country and a shared actor country; `same_situation`
needs a shared actor or place country."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problems
from .articles import read_yaml

FILE = "build/links.yaml"
KEYS = ("id", "events", "judgment", "basis", "note")
JUDGMENTS = ("same_event", "same_situation", "related")


def _countries(tables: dict[str, list[dict[str, Any]]], event_id: str) -> tuple[set[str], set[str]]:
    actors = {a["actor_id"]: a for a in tables["actors"]}
    places = {p["place_id"]: p for p in tables["places"]}
    ev = next(e for e in tables["events"] if e["event_id"] == event_id)
    linked = {r["actor_id"] for r in tables["event_actors"] if r["event_id"] == event_id}
    acts = {actors[a]["country"] for a in linked if actors.get(a, {}).get("country")}
    place = places.get(ev["place_id"] or "", {})
    return acts, ({place["country"]} if place.get("country") else set())


def link_rows(root: Path, tables: dict[str, list[dict[str, Any]]], problems: Problems) -> list[dict[str, Any]]:
    path = Path(root) / FILE
    if not path.is_file():
        return []
    data = read_yaml(path, FILE, problems)
    if data is None:
        return []
    extra = sorted(set(map(str, data)) - {"links"})
    if extra:
        problems.add(FILE, "file", f"has unknown key(s) {', '.join(extra)}", "keep only `links:`")
    items = data.get("links") or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        problems.add(FILE, "links", "must be a list of mappings", "write `links:` followed by `- id: ...` entries")
        return []
    events = {e["event_id"]: e for e in tables["events"]}
    out, seen = [], set()
    for i, ln in enumerate(items, start=1):
        rec = f"links[{i}] {str(ln.get('id'))[:40]!r}"
        bad = sorted(set(map(str, ln)) - set(KEYS))
        if bad:
            problems.add(FILE, rec, f"has unknown key(s) {', '.join(bad)}", f"use the keys {', '.join(KEYS)}")
        missing = [k for k in ("id", "events", "judgment", "basis") if not ln.get(k)]
        if missing:
            problems.add(FILE, rec, f"is missing {', '.join(missing)}", f"add {', '.join(k + ': ...' for k in missing)}")
            continue
        if ln["id"] in seen:
            problems.add(FILE, rec, "duplicate id", "give each link its own id")
            continue
        seen.add(ln["id"])
        if ln["judgment"] not in JUDGMENTS:
            problems.add(FILE, rec, f"judgment {str(ln['judgment'])[:30]!r} is not one of {', '.join(JUDGMENTS)}", f"write judgment: one of {', '.join(JUDGMENTS)}")
            continue
        pair = ln["events"]
        if not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(x, str) for x in pair):
            problems.add(FILE, rec, "events must be a list of two event ids", "write events: [<article_id>/<event>, <article_id>/<event>]")
            continue
        unknown = [x for x in pair if x not in events]
        if unknown:
            problems.add(FILE, rec, f"refers to unknown event(s) {', '.join(u[:80] for u in unknown)}", "use event_id values of the events table")
            continue
        a, b = sorted(pair)
        ea, eb = events[a], events[b]
        if ea["article_id"] == eb["article_id"]:
            problems.add(FILE, rec, "links two events of one article", "link events of different articles (within an article, code one event)")
            continue
        acts_a, place_a = _countries(tables, a)
        acts_b, place_b = _countries(tables, b)
        dated = ea["date_start"] and eb["date_start"]
        overlap = bool(dated and ea["date_start"] <= eb["date_end"] and eb["date_start"] <= ea["date_end"]) if dated else None
        shared_acts, shared_places = sorted(acts_a & acts_b), sorted(place_a & place_b)
        why = []
        if ln["judgment"] == "same_event":
            if overlap is not True:
                why.append("their dates do not overlap" if overlap is False else "one of them is undated")
            if not shared_places:
                why.append("they share no place country")
            if not shared_acts:
                why.append("they share no actor country")
        elif ln["judgment"] == "same_situation" and not (shared_acts or shared_places):
            why.append("they share no actor or place country")
        if why and not ln.get("note"):
            problems.add(FILE, rec, f"judged {ln['judgment']} but {' and '.join(why)}",
                         "link events that share actors, place and time, choose a weaker judgment, or add note: <why>")
            continue
        out.append({"link_id": f"links/{ln['id']}", "event_id_a": a, "event_id_b": b,
                    "article_id_a": ea["article_id"], "article_id_b": eb["article_id"], "judgment": ln["judgment"],
                    "shared_actor_countries": shared_acts, "shared_place_countries": shared_places,
                    "dates_overlap": overlap, "basis": ln["basis"], "coding_note": ln.get("note")})
    return out
