"""References between coding entries (events to actors, places and assets; quotes to
speakers and speech events; assets to operators), removed with the entries they name.

Shared by the draft (which leaves out entries the build cannot read) and the review (a
rejected suggestion). Lists are changed in place, so a round-trip document keeps its
comments."""
from __future__ import annotations

from typing import Any


def _prune(entry: dict, key: str, ref: str, dead: set[str]) -> None:
    links = entry.get(key)
    if not dead or not isinstance(links, list):
        return
    for i in reversed(range(len(links))):
        if isinstance(links[i], dict) and str(links[i].get(ref)) in dead:
            links.pop(i)
    if not links:
        del entry[key]


def unreference(coding: dict[str, Any], gone: dict[str, set[str]], asserter: str | None = None) -> None:
    """Remove every reference to the ids in `gone` (section -> ids). An event asserted by a
    removed actor is asserted by `asserter` when given, else by no one (the build then asks)."""
    actors, places, assets, events = (gone.get(k, set()) for k in ("actors", "places", "assets", "events"))

    def entries(section: str) -> list[dict]:
        seq = coding.get(section)
        return [e for e in seq if isinstance(e, dict)] if isinstance(seq, list) else []

    for e in entries("events"):
        _prune(e, "actors", "actor", actors)
        _prune(e, "assets", "asset", assets)
        if str(e.get("place")) in places and "place" in e:
            del e["place"]
        if "asserted_by" in e and str(e["asserted_by"]) in actors:
            if asserter is not None:
                e["asserted_by"] = asserter
            else:
                del e["asserted_by"]
    for q in entries("quotes"):
        if "speaker" in q and str(q["speaker"]) in actors:
            q["speaker"] = None
        if "speech_event" in q and str(q["speech_event"]) in events:
            del q["speech_event"]
    for a in entries("assets"):
        if "operator" in a and str(a["operator"]) in actors:
            del a["operator"]
