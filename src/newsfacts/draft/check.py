"""The draft checked by the build itself: the drafted coding is assembled with the package's
code lists and rules, exactly as `newsfacts build --draft` will assemble it. Where an entry
breaks a rule, the entry gets a `note:` beginning TODO with the build's words (a note lets a
deviation stand, the TODO stops a publish until a coder settles it); an entry the build
cannot read at all is left out and named in the messages. The tables returned are the
build's rows of the draft."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..pipeline.articles import Article
from ..pipeline.assemble import assemble
from ..pipeline.codelists import by_field, read_codelists
from ..pipeline.context import entry_record
from ..pipeline.references import unreference

TODO = "TODO"
SECTIONS = ("places", "actors", "assets", "events", "quotes")
ROUNDS = 5
STAND_IN = dt.date(1900, 1, 1)


def codelists_dir() -> Path:
    """build/codelists of this checkout, or the copy a wheel carries beside this module."""
    here = Path(__file__).resolve().parent
    checkout = here.parents[2] / "build" / "codelists"
    return checkout if (checkout / "codelists.yaml").is_file() else here / "codelists"


_lists_cache: dict[str, Any] = {}


def _lists() -> tuple[dict, dict]:
    if "lists" not in _lists_cache:
        lists = read_codelists(codelists_dir())
        _lists_cache["lists"] = (lists, by_field(lists))
    return _lists_cache["lists"]


def _index(coding: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(section, id) -> entry: the first entry of each id, as the build reports it."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for section in SECTIONS:
        for e in coding.get(section) or []:
            if isinstance(e, dict):
                out.setdefault((section, str(e.get("id"))), e)
    return out


def _entry_of(index: dict[tuple[str, str], dict[str, Any]], record: str) -> tuple[str, dict[str, Any]] | None:
    key = entry_record(record)
    e = index.get(key) if key else None
    return (key[0], e) if e is not None else None


def _drop(coding: dict[str, Any], gone: dict[str, list[dict[str, Any]]]) -> None:
    """Remove entries (section -> entries) and every reference to them, in one pass."""
    for section, entries in gone.items():
        dead = {id(e) for e in entries}
        coding[section] = [e for e in coding[section] if id(e) not in dead]
    actors = coding.get("actors") or []
    unreference(coding, {section: {str(e.get("id")) for e in entries} for section, entries in gone.items()},
                asserter=actors[0]["id"] if actors else None)


def checked(aid: str, text: str, source: dict[str, Any], coding: dict[str, Any], messages: list[str],
            undated: bool = False) -> dict[str, list]:
    """Assemble the draft as the build would, settling what it reports; the build's rows."""
    from .._resources import own_package_dir
    from .coding import occurrence

    lists, codes = _lists()
    schemas = own_package_dir() / "schemas"
    noted: set[int] = set()
    tables: dict[str, list] = {}
    if undated:  # the build needs a date to run; the draft resolves no date words without one
        source = {**source, "publication_date": STAND_IN, "publication_date_basis": "stand-in"}
    for _ in range(ROUNDS):
        problems = Problems()
        art = Article(aid, Path("build") / "articles" / aid, text, source, coding)
        tables = assemble(art, problems, codes, schemas, lists)
        if undated:
            for row in tables.get("articles", []):
                row.update(publication_date=None, publication_date_basis=None)
        if not problems.items:
            return tables
        changed = False
        uncoded = []
        index = _index(coding)
        gone: dict[str, list[dict[str, Any]]] = {}
        dropped: set[int] = set()
        this_round: set[int] = set()
        segments = {s["segment_id"]: s for s in tables.get("segments", [])}
        for p in problems.items:
            if p.record.startswith("sentence "):
                seg = segments.get(p.record.split()[1])
                if seg is not None:
                    uncoded.append({"sentence": occurrence(text, seg["start"], seg["text"]),
                                    "reason": f"{TODO}: nothing drafted for it; code what it says or say why not"})
                    changed = True
                continue
            hit = _entry_of(index, p.record)
            if hit is None:
                messages.append(f"the draft breaks a rule the build checks: {p.record}: {p.message}")
                continue
            section, entry = hit
            if id(entry) in this_round:  # a second rule the same entry breaks: the coder reads both
                entry["note"] += f"; and: {p.message}; {p.fix}"
                continue
            if id(entry) in noted or entry.get("note", "").startswith(TODO) and "note" in p.record:
                if id(entry) not in dropped:
                    dropped.add(id(entry))
                    gone.setdefault(section, []).append(entry)
                    messages.append(f"{section} {entry.get('id')}: left out of the draft ({p.message})")
            else:
                entry["note"] = f"{TODO}: the build says: {p.message}; {p.fix}" + (f" (drafted note: {entry['note']})" if entry.get("note") else "")
                noted.add(id(entry))
                this_round.add(id(entry))
            changed = True
        if gone:
            _drop(coding, gone)
        if uncoded:
            coding.setdefault("uncoded", []).extend(uncoded)
        if not changed:
            break
    return tables
