"""Rows of places, actors and assets, and every mention of their names."""
from __future__ import annotations

import re
from typing import Any

from .actor_keys import actor_key, key_problem
from .coding_rules import actor_rules, asset_rules
from .context import Ctx, evidence_cols, note_of, quantity_cols, short
from .evidence import Span, find_all
from .mentions import find_mentions

# An actor whose evidence is the source's metadata rather than the text: the publisher.
PUBLISHER = {"source": "publisher"}


def entity_rows(ctx: Ctx, places: list[dict], actors: list[dict], assets: list[dict], place_ids: set[str],
                actor_ids: set[str], asset_ids: set[str], out: dict[str, list[dict[str, Any]]],
                publisher: str | None) -> tuple[dict[str, str], dict[str, list[Span]]]:
    """Fill out's places, actors, assets and mentions; return actor names -> id and mention spans per entity."""
    text, aid = ctx.art.text, ctx.art.article_id
    terms: list[tuple[str, str, list[str], str]] = []  # (kind, qualified id, words, record)
    for p in places:
        rec, sp = _entry(ctx, p, "places", "id name type country aliases wikidata geonames coordinates evidence note",
                         ["id", "name", "type", "evidence"])
        ctx.enum("places.place_type", p.get("type"), rec, "type")
        if sp is None:
            continue
        out["places"].append({"place_id": ctx.qid(p["id"]), "article_id": aid, "name": p["name"], "place_type": p["type"],
                              "country": p.get("country"), "aliases": p.get("aliases") or [], "wikidata_qid": p.get("wikidata"),
                              "geonames_id": p.get("geonames"), **place_coordinates(ctx, p, rec),
                              **evidence_cols(sp), "sentence_id": ctx.segment_of(sp), "coding_note": note_of(p, ctx, rec)})
        terms.append(("place", ctx.qid(p["id"]), [sp.text, p["name"], *(p.get("aliases") or [])], rec))

    names: dict[str, str] = {}
    for a in actors:
        from_source = a.get("evidence") == PUBLISHER
        rec, sp = _entry(ctx, a, "actors", "id name type country title office_at_date aliases cameo sector wikidata key evidence note",
                         ["id", "name", "type", "evidence"], {"actors.actor_type": "type", "actors.cameo_code": "cameo", "actors.sector": "sector"},
                         resolve=not from_source)
        title = ctx.span(a["title"], f"{rec} title") if a.get("title") else None
        if from_source:
            if not publisher:
                continue
            if a.get("name") != publisher and not a.get("note"):
                ctx.bad(f"{rec} name", f"an actor with evidence {{source: publisher}} is the publisher {short(publisher)}, but its name is {short(a.get('name'))}",
                        "name it as source.yaml's publisher, or add note: <why the names differ>")
            sp_cols = {"evidence": publisher, "evidence_source": "source_metadata", "start": None, "end": None, "sentence_id": None}
        elif sp is None:
            continue
        else:
            sp_cols = {"evidence": sp.text, "evidence_source": "text", "start": sp.start, "end": sp.end, "sentence_id": ctx.segment_of(sp)}
        actor_rules(ctx, rec, a, a.get("note"))
        wrong_key = key_problem(a)
        if wrong_key:
            ctx.bad(f"{rec} key", *wrong_key)
        qid = ctx.qid(a["id"])
        words = ([sp.text] if sp else []) + [a["name"], *(a.get("aliases") or [])]
        for w in words:
            names.setdefault(w, qid)
        out["actors"].append({"actor_id": qid, "article_id": aid, "name": a["name"], "actor_type": a["type"],
                              "country": a.get("country"), **evidence_cols(title, "title"),
                              "office_at_date": a.get("office_at_date"), "aliases": a.get("aliases") or [],
                              "cameo_code": a.get("cameo"), "sector": a.get("sector"), "wikidata_qid": a.get("wikidata"),
                              "actor_key": actor_key(a, str(a["name"])),
                              "evidence": sp_cols["evidence"], "evidence_source": sp_cols["evidence_source"],
                              "start": sp_cols["start"], "end": sp_cols["end"], "sentence_id": sp_cols["sentence_id"],
                              "coding_note": note_of(a, ctx, rec)})
        terms.append(("actor", qid, words if sp else ["", *words], rec))

    for s in assets:
        rec, sp = _entry(ctx, s, "assets", "id name category designation manufacturer nato_name operator part_of platform quantity aliases evidence note",
                         ["id", "name", "category", "evidence"], {"assets.category": "category"})
        if sp is None:
            continue
        scope = ctx.sentence_bounds(sp)
        asset_rules(ctx, rec, s, s.get("note"))
        for key in ("designation", "manufacturer", "nato_name"):
            if s.get(key) and not find_all(text, str(s[key]), scope[0], scope[1]) and \
                    not (key == "designation" and find_all(text, f"{s[key]}s", scope[0], scope[1])):  # "SU-24s": the model SU-24
                ctx.bad(f"{rec} {key}", f"{short(s[key])} is not in {scope[2]}", f"give {key} exactly as the sentence has it "
                        "(a designation written in the plural without its s), or leave it out")
        out["assets"].append({"asset_id": ctx.qid(s["id"]), "article_id": aid, "name": s["name"], "category": s["category"],
                              "designation": s.get("designation"), "manufacturer": s.get("manufacturer"),
                              "nato_name": s.get("nato_name"),
                              "operator_id": ctx.ref(actor_ids, s.get("operator"), "actor", f"{rec} operator"),
                              "part_of": ctx.ref(asset_ids, s.get("part_of"), "asset", f"{rec} part_of"),
                              "platform_id": ctx.ref(asset_ids, s.get("platform"), "asset", f"{rec} platform"),
                              **quantity_cols(ctx, s.get("quantity"), rec, scope),
                              "aliases": s.get("aliases") or [], **evidence_cols(sp), "sentence_id": ctx.segment_of(sp),
                              "coding_note": note_of(s, ctx, rec)})
        terms.append(("asset", ctx.qid(s["id"]), [sp.text, s["name"], *(s.get("aliases") or [])], rec))

    # Mentions: every occurrence of every name; aliases that never occur are typos.
    mention_spans: dict[str, list[Span]] = {}
    for kind, qid, words, rec in terms:
        for w in words[2:]:
            if not isinstance(w, str) or not find_all(text, w):
                ctx.bad(f"{rec} aliases", f"alias {short(w)} does not occur in the article", "remove it or copy it exactly from article.txt")
        ms = find_mentions(text, kind, qid, [w for w in words if isinstance(w, str) and w and find_all(text, w)])
        mention_spans[qid] = [m.span for m in ms]
        for m in ms:
            out["mentions"].append({"mention_id": f"{kind}:{qid}@{m.span.start}", "article_id": aid, "entity_kind": kind,
                                    "entity_id": qid, "text": m.span.text, "start": m.span.start, "end": m.span.end,
                                    "segment_id": ctx.segment_of(m.span)})

    return names, mention_spans


COORDINATE_KEYS = "latitude longitude feature_class"
# The GeoNames feature class a place of each type has (other types are not checked).
FEATURE_CLASS = {"country": "A", "city": "P"}


def place_coordinates(ctx: Ctx, p: dict, rec: str) -> dict[str, Any]:
    """latitude, longitude, feature class and their source: from the gazetteer for a GeoNames id
    it holds (checked against the place's type and country), else as the coding states them
    (`coordinates: {latitude, longitude, feature_class}` with a note)."""
    from ..dictionaries.gazetteer import point

    cols: dict[str, Any] = {"latitude": None, "longitude": None, "geonames_feature_class": None, "coordinates_source": None}
    gid, coded, note = p.get("geonames"), p.get("coordinates"), p.get("note")
    if coded is not None:
        if not isinstance(coded, dict):
            ctx.bad(f"{rec} coordinates", "must be a mapping", "write coordinates: {latitude: 41.9, longitude: 12.5, feature_class: P}")
            return cols
        ctx.keys(coded, COORDINATE_KEYS, f"{rec} coordinates")
        lat, lon, cls = coded.get("latitude"), coded.get("longitude"), coded.get("feature_class")
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lat, lon)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            ctx.bad(f"{rec} coordinates", "needs latitude (-90..90) and longitude (-180..180) as decimal degrees",
                    "write coordinates: {latitude: 41.9, longitude: 12.5, feature_class: P}")
            return cols
        if not ctx.enum("places.geonames_feature_class", cls, f"{rec} coordinates", "feature_class"):
            return cols
        if not note:
            ctx.bad(f"{rec} coordinates", "coordinates stated in the coding need their source",
                    "add note: <where the coordinates come from, e.g. https://www.geonames.org/<id>>")
            return cols
    if gid is None:
        if coded is not None:
            cols.update(latitude=float(lat), longitude=float(lon), geonames_feature_class=cls, coordinates_source="coded")
        return cols
    if not isinstance(gid, int) or isinstance(gid, bool):
        return cols  # the schema check names it (geonames must be a number)
    pt = point(gid)
    if pt is None:
        if coded is None:
            ctx.bad(f"{rec} geonames", f"GeoNames id {gid} is not in the gazetteer newsfacts ships (every country, every city of "
                                       "15,000 people or more), so the build cannot give its coordinates",
                    f"check the id, or state them: coordinates: {{latitude: ..., longitude: ..., feature_class: ...}} from "
                    f"https://www.geonames.org/{gid}, with note: <that source>")
            return cols
        cols.update(latitude=float(lat), longitude=float(lon), geonames_feature_class=cls, coordinates_source="coded")
        return cols
    want = FEATURE_CLASS.get(p.get("type"))
    if want and pt.feature_class != want and not note:
        ctx.bad(f"{rec} geonames", f"GeoNames id {gid} is a feature of class {pt.feature_class} in the gazetteer, not {want} "
                                   f"as a place of type {p.get('type')} is", "check the GeoNames id (https://www.geonames.org/<id>), or add note: <why>")
    # (a country that is no ISO code at all is named by the schema check, with the column's meaning)
    if isinstance(p.get("country"), str) and re.fullmatch(r"[A-Z]{3}", p["country"]) and pt.country \
            and p["country"] != pt.country and not note:
        ctx.bad(f"{rec} geonames", f"GeoNames id {gid} is in {pt.country} in the gazetteer, but the place's country is {p['country']}",
                "check the GeoNames id and the country, or add note: <why they differ>")
    if coded is not None and (float(lat), float(lon), cls) != (pt.latitude, pt.longitude, pt.feature_class):
        cols.update(latitude=float(lat), longitude=float(lon), geonames_feature_class=cls, coordinates_source="coded")
        return cols
    cols.update(latitude=pt.latitude, longitude=pt.longitude, geonames_feature_class=pt.feature_class, coordinates_source=pt.source)
    return cols


def _entry(ctx: Ctx, item: dict, section: str, allowed: str, required: list[str],
           codes: dict[str, str] | None = None, resolve: bool = True) -> tuple[str, Span | None]:
    """Check one coded entry's keys and codes and resolve its evidence; (record label, span or None)."""
    rec = f"{section} {short(item.get('id'))}"
    ctx.keys(item, allowed, rec)
    if not ctx.need(item, required, rec):
        return rec, None
    for field, key in (codes or {}).items():
        ctx.code(field, item.get(key), rec)
    if not resolve:
        return rec, None
    if isinstance(item["evidence"], dict) and "source" in item["evidence"]:
        ctx.bad(f"{rec} evidence", f"evidence {{source: ...}} is only for the publisher's own actor, not {section}",
                "give the article's words as evidence")
        return rec, None
    return rec, ctx.span(item["evidence"], f"{rec} evidence")
