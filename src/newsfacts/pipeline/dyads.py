"""event_dyads: one row per event and (source, target) pair, joined from the other tables.

The table event-data users know from GDELT (Actor1/Actor2), ICEWS (source/target) and POLECAT
(actor/recipient): CAMEO's sources are the actors whose role maps to `source` in the roles code
list (agent, speaker, requester, organizer, participant), its targets those mapping to `target`
(target, addressee). Nothing here is coded: every cell is a cell of another table (ORIGIN) or a
count, so the same function derives the rows in the build and re-derives them in validation."""
from __future__ import annotations

from typing import Any

# Each column's origin: (table, column, how the row is reached from the event). The schema of
# event_dyads must give each column the type and constraints of its origin (check_schema).
EVENT, SOURCE, TARGET, PLACE, SENTENCE, ARTICLE, ASSERTER = "event", "source", "target", "place", "sentence", "article", "asserted_by"
ACTOR_COLUMNS = ("actor_id", "actor_key", "name", "cameo_code", "country", "wikidata_qid", "actor_type", "sector")
ORIGIN: dict[str, tuple[str, str, str]] = {
    "event_id": ("events", "event_id", EVENT), "article_id": ("events", "article_id", EVENT),
    **{c: ("events", c, EVENT) for c in ("date_start", "date_end", "date_precision")},
    **{f"{side}_{c}": ("actors", c, side) for side in (SOURCE, TARGET) for c in ACTOR_COLUMNS},
    "source_role": ("event_actors", "role", SOURCE), "target_role": ("event_actors", "role", TARGET),
    **{c: ("events", c, EVENT) for c in ("cameo_code", "cameo_label", "cameo_root", "quad_class", "plover_type", "plover_mode",
                                         "plover_context", "acled_event_type", "acled_sub_event_type", "polarity", "modality",
                                         "tense", "place_id", "summary", "trigger_text", "sentence_id", "asserted_by")},
    "place_name": ("places", "name", PLACE), "place_type": ("places", "place_type", PLACE),
    "place_country": ("places", "country", PLACE),
    **{c: ("places", c, PLACE) for c in ("geonames_id", "latitude", "longitude", "geonames_feature_class", "coordinates_source")},
    "sentence_text": ("segments", "text", SENTENCE), "sentence_start": ("segments", "start", SENTENCE),
    "sentence_end": ("segments", "end", SENTENCE),
    "asserted_by_name": ("actors", "name", ASSERTER),
    **{c: ("articles", c, ARTICLE) for c in ("publisher", "url", "publication_date")},
}
CONSTRAINTS_COMPARED = ("enum", "pattern", "minimum", "maximum")
# Columns that are no other table's cell: the row's id, two counts, and the Goldstein score of the
# event's CAMEO code (code list cameo_goldstein, generated from GDELT's table).
COMPUTED = ("dyad_id", "sources_in_event", "targets_in_event", "goldstein_scale")
GOLDSTEIN = "cameo_goldstein"


def goldstein_scores(rows: Any) -> dict[str, float]:
    """CAMEO code -> Goldstein score, from the rows of the cameo_goldstein code list."""
    return {r["code"]: float(r["goldstein"]) for r in rows}


def check_schema(schemas: dict[str, dict[str, Any]]) -> list[str]:
    """Where event_dyads' schema departs from its origin columns (type, list form, enum, pattern,
    bounds), or names a column with no origin: each column is defined once, in its own table."""
    out = []
    fields = {f["name"]: f for f in schemas["event_dyads"]["fields"]}
    for name, f in fields.items():
        if name not in ORIGIN:
            if name not in COMPUTED:
                out.append(f"{name} has no origin in pipeline/dyads.py ORIGIN")
            continue
        table, col, _ = ORIGIN[name]
        o = next((g for g in schemas[table]["fields"] if g["name"] == col), None)
        if o is None:
            out.append(f"{name}: its origin {table}.{col} is not a column")
            continue
        mine = (f["type"], f.get("delimiter"), {k: v for k, v in f.get("constraints", {}).items() if k in CONSTRAINTS_COMPARED})
        theirs = (o["type"], o.get("delimiter"), {k: v for k, v in o.get("constraints", {}).items() if k in CONSTRAINTS_COMPARED})
        if mine != theirs:
            out.append(f"{name} is {mine} but its origin {table}.{col} is {theirs}")
    out += [f"{name} (origin {ORIGIN[name][0]}.{ORIGIN[name][1]}) is not a column of event_dyads" for name in ORIGIN if name not in fields]
    return out


def _slug(actor_id: str | None) -> str:
    return actor_id.split("/", 1)[1] if actor_id else "-"


def dyad_rows(tables: dict[str, list[dict[str, Any]]], roles: dict[str, str], names: list[str],
              goldstein: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """The rows of event_dyads, with the columns `names` in order. `roles` maps each event_actors
    role to its CAMEO role (source or target), `goldstein` each CAMEO code to its score; empty cells are None."""
    goldstein = goldstein or {}
    by_id = {t: {r[k]: r for r in tables[t]} for t, k in (("actors", "actor_id"), ("places", "place_id"),
                                                         ("segments", "segment_id"), ("articles", "article_id"))}
    sides: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for link in sorted(tables["event_actors"], key=lambda r: r["event_actor_id"]):
        side = roles.get(link["role"])
        if side in (SOURCE, TARGET):
            got = sides.setdefault(link["event_id"], {SOURCE: [], TARGET: []})[side]
            if all(a != link["actor_id"] for a, _ in got):  # an actor once per side, with its first role
                got.append((link["actor_id"], link["role"]))
    out = []
    for e in tables["events"]:
        if e.get("event_kind") == "utterance":
            continue  # the occasion of words coded as events of their own: no event code, so no dyad (as in GDELT and ICEWS)
        s = sides.get(e["event_id"], {SOURCE: [], TARGET: []})
        for src, src_role in s[SOURCE] or [(None, None)]:
            for tgt, tgt_role in s[TARGET] or [(None, None)]:
                reach = {EVENT: e, SOURCE: by_id["actors"].get(src), TARGET: by_id["actors"].get(tgt),
                         PLACE: by_id["places"].get(e["place_id"]), SENTENCE: by_id["segments"].get(e["sentence_id"]),
                         ARTICLE: by_id["articles"].get(e["article_id"]), ASSERTER: by_id["actors"].get(e["asserted_by"])}
                row: dict[str, Any] = {}
                for name in names:
                    if name == "dyad_id":
                        row[name] = f"{e['event_id']}/{_slug(src)}.{_slug(tgt)}"
                    elif name == "sources_in_event":
                        row[name] = len(s[SOURCE])
                    elif name == "targets_in_event":
                        row[name] = len(s[TARGET])
                    elif name == "goldstein_scale":
                        row[name] = goldstein.get(e["cameo_code"])
                    elif name in ("source_role", "target_role"):
                        row[name] = src_role if name == "source_role" else tgt_role
                    else:
                        _, col, via = ORIGIN[name]
                        reached = reach[via]
                        row[name] = reached.get(col) if reached is not None else None
                out.append(row)
    return out
