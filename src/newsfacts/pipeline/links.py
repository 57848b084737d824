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
from .yaml_input import read_yaml

FILE = "build/links.yaml"
KEYS = ("id", "events", "judgment", "basis", "note")
JUDGMENTS = ("same_event", "same_situation", "related")


class Facts:
    """What the rows of a package say about events, for judging links: built once, not per link."""

    def __init__(self, tables: dict[str, list[dict[str, Any]]]):
        self.events = {e["event_id"]: e for e in tables["events"]}
        actors = {a["actor_id"]: a for a in tables["actors"]}
        self.places = {p["place_id"]: p for p in tables["places"]}
        self.actor_countries: dict[str, set[str]] = {}
        for r in tables["event_actors"]:
            c = actors.get(r["actor_id"], {}).get("country")
            if c:
                self.actor_countries.setdefault(r["event_id"], set()).add(c)

    def countries(self, event_id: str) -> tuple[set[str], set[str]]:
        place = self.places.get(self.events[event_id].get("place_id") or "", {})
        return self.actor_countries.get(event_id, set()), ({place["country"]} if place.get("country") else set())

    def shared(self, a: str, b: str) -> tuple[list[str], list[str], bool | None]:
        """(shared actor countries, shared place countries, whether the dates overlap or None if one is undated)."""
        ea, eb = self.events[a], self.events[b]
        acts_a, place_a = self.countries(a)
        acts_b, place_b = self.countries(b)
        dated = ea["date_start"] and eb["date_start"]
        overlap = bool(ea["date_start"] <= eb["date_end"] and eb["date_start"] <= ea["date_end"]) if dated else None
        return sorted(acts_a & acts_b), sorted(place_a & place_b), overlap


def gaps(judgment: str, shared_acts: list[str], shared_places: list[str], overlap: bool | None) -> list[str]:
    """Why the shared facts do not support a judgment (empty when they do)."""
    why = []
    if judgment == "same_event":
        if overlap is not True:
            why.append("their dates do not overlap" if overlap is False else "one of them is undated")
        if not shared_places:
            why.append("they share no place country")
        if not shared_acts:
            why.append("they share no actor country")
    elif judgment == "same_situation" and not (shared_acts or shared_places):
        why.append("they share no actor or place country")
    return why


def link_rows(root: Path, tables: dict[str, list[dict[str, Any]]], problems: Problems) -> list[dict[str, Any]]:
    path = Path(root) / FILE
    if not (path.exists() or path.is_symlink()):
        return []  # no links yet; anything else in its place (a FIFO, a folder, a dangling link) is an error
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
    facts = Facts(tables)
    events = facts.events
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
        shared_acts, shared_places, overlap = facts.shared(a, b)
        why = gaps(ln["judgment"], shared_acts, shared_places, overlap)
        if why and not ln.get("note"):
            problems.add(FILE, rec, f"judged {ln['judgment']} but {' and '.join(why)}",
                         "link events that share actors, place and time, choose a weaker judgment, or add note: <why>")
            continue
        out.append({"link_id": f"links/{ln['id']}", "event_id_a": a, "event_id_b": b,
                    "article_id_a": ea["article_id"], "article_id_b": eb["article_id"], "judgment": ln["judgment"],
                    "shared_actor_countries": shared_acts, "shared_place_countries": shared_places,
                    "dates_overlap": overlap, "basis": ln["basis"], "coding_note": ln.get("note")})
    return out
