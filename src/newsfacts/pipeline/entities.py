"""Rows of places, actors and assets, and every mention of their names."""
from __future__ import annotations

from typing import Any

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
        rec, sp = _entry(ctx, p, "places", "id name type country aliases wikidata geonames evidence note", ["id", "name", "type", "evidence"])
        ctx.enum("places.place_type", p.get("type"), rec, "type")
        if sp is None:
            continue
        out["places"].append({"place_id": ctx.qid(p["id"]), "article_id": aid, "name": p["name"], "place_type": p["type"],
                              "country": p.get("country"), "aliases": p.get("aliases") or [], "wikidata_qid": p.get("wikidata"),
                              "geonames_id": p.get("geonames"), **evidence_cols(sp), "sentence_id": ctx.segment_of(sp)})
        terms.append(("place", ctx.qid(p["id"]), [sp.text, p["name"], *(p.get("aliases") or [])], rec))

    names: dict[str, str] = {}
    for a in actors:
        from_source = a.get("evidence") == PUBLISHER
        rec, sp = _entry(ctx, a, "actors", "id name type country title office_at_date aliases cameo sector wikidata evidence note",
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
        qid = ctx.qid(a["id"])
        words = ([sp.text] if sp else []) + [a["name"], *(a.get("aliases") or [])]
        for w in words:
            names.setdefault(w, qid)
        out["actors"].append({"actor_id": qid, "article_id": aid, "name": a["name"], "actor_type": a["type"],
                              "country": a.get("country"), **evidence_cols(title, "title"),
                              "office_at_date": a.get("office_at_date"), "aliases": a.get("aliases") or [],
                              "cameo_code": a.get("cameo"), "sector": a.get("sector"), "wikidata_qid": a.get("wikidata"),
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
