"""Rows of events and their links to actors, assets and casualty figures."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .context import Ctx, evidence_cols, link_evidence, listed, quantity_cols
from .dates import parse_date_words
from .evidence import Span

# PLOVER records factuality as auxiliary modes rather than as separate event types.
AUX_MODES: dict[tuple[str, str], str] = {
    ("polarity", "negative"): "negation",
    ("tense", "future"): "future",
    ("modality", "hypothetical"): "hypothetical",
}


def event_rows(ctx: Ctx, events: list[dict], place_ids: set[str], actor_ids: set[str], asset_ids: set[str],
               mention_spans: dict[str, list[Span]], published: dt.date, out: dict[str, list[dict[str, Any]]]) -> set[str]:
    """Fill out's events, event_actors, event_assets and event_casualties; return the sentences they cover."""
    aid = ctx.art.article_id
    covered: set[str] = set()
    for e in events:
        rec = f"events {e.get('id')!r}"
        ctx.keys(e, "id summary trigger date place polarity modality tense asserted_by attribution cameo plover acled actors assets casualties", rec)
        if not ctx.need(e, ["id", "summary", "trigger", "polarity", "modality", "tense", "asserted_by", "cameo"], rec):
            continue
        trig = ctx.span(e["trigger"], f"{rec} trigger")
        if trig is None:
            continue
        lo, hi, where = ctx.sentence_bounds(trig)
        sentence_id = ctx.segment_of(trig)
        covered.add(sentence_id)
        eid = ctx.qid(e["id"])
        date = {"date_text": None, "date_text_start": None, "date_text_end": None, "date_start": None,
                "date_end": None, "date_precision": None, "date_basis": None}
        if e.get("date"):
            words = e["date"].get("words") if isinstance(e["date"], dict) else e["date"]
            dsp = ctx.span(words, f"{rec} date", lo, hi, where)
            if dsp:
                try:
                    dr = parse_date_words(dsp.text, published)
                    date.update(date_text=dsp.text, date_text_start=dsp.start, date_text_end=dsp.end, date_start=dr.start,
                                date_end=dr.end, date_precision=dr.precision, date_basis=dr.basis)
                except ValueError as exc:
                    ctx.bad(f"{rec} date", str(exc), "give the date words exactly as the sentence has them, in a supported form")
        attr = ctx.span(e["attribution"], f"{rec} attribution", lo, hi, where) if e.get("attribution") else None
        cameo = str(e["cameo"])
        ctx.code("events.cameo_code", cameo, rec)
        cl = ctx.codes.get("events.cameo_code")
        cameo_ok = cl is not None and cl.check(cameo)
        plover = e.get("plover") or {}
        acled = e.get("acled") or {}
        ctx.code("events.plover_type", plover.get("type"), rec)
        ctx.code("events.plover_mode", plover.get("mode"), rec)
        for c in plover.get("context") or []:
            ctx.code("events.plover_context", c, rec)
        ctx.code("events.acled_sub_event_type", acled.get("sub_type"), rec)
        acl = ctx.codes.get("events.acled_sub_event_type")
        if acl and acled.get("sub_type") in acl.rows and acl.rows[acled["sub_type"]]["event_type"] != acled.get("type"):
            ctx.bad(f"{rec} acled", f"sub-event type {acled['sub_type']!r} belongs to {acl.rows[acled['sub_type']]['event_type']!r}, not {acled.get('type')!r}",
                    "fix the ACLED event type to match its sub-event type")
        aux = [m for (k, v), m in AUX_MODES.items() if e.get(k) == v]
        if date["date_end"] and date["date_end"] < published.replace(year=published.year - 1) and "historical" not in aux:
            aux.append("historical")
        out["events"].append({
            "event_id": eid, "article_id": aid, "summary": e["summary"], **evidence_cols(trig, "trigger"),
            "sentence_id": sentence_id, **date,
            "place_id": ctx.ref(place_ids, e.get("place"), "place", f"{rec} place"),
            "polarity": e["polarity"], "modality": e["modality"], "tense": e["tense"], "plover_aux_modes": aux,
            "asserted_by": ctx.ref(actor_ids, e["asserted_by"], "actor", f"{rec} asserted_by"),
            **evidence_cols(attr, "attribution"),
            "cameo_code": cameo, "cameo_label": cl.label(cameo) if cameo_ok else None,
            "cameo_root": cameo[:2], "quad_class": int(cl.rows[cameo]["quad_class"]) if cameo_ok else None,
            "plover_type": plover.get("type"), "plover_mode": plover.get("mode"), "plover_context": plover.get("context") or [],
            "acled_event_type": acled.get("type"), "acled_sub_event_type": acled.get("sub_type"),
        })
        _link_rows(ctx, eid, rec, e.get("actors"), "actor", actor_ids, mention_spans, (lo, hi, where), out)
        _link_rows(ctx, eid, rec, e.get("assets"), "asset", asset_ids, mention_spans, (lo, hi, where), out)
        for i, c in enumerate(listed(e.get("casualties"), ctx, f"{rec} casualties"), start=1):
            crec = f"{rec} casualties[{i}]"
            ctx.keys(c, "type evidence quantity victims", crec)
            if not ctx.need(c, ["type", "evidence", "quantity"], crec):
                continue
            sp = ctx.span(c["evidence"], f"{crec} evidence", lo, hi, where)
            if sp:
                out["event_casualties"].append({"casualty_id": f"{eid}/{c['type']}", "article_id": aid, "event_id": eid,
                                                "casualty_type": c["type"], "victims": c.get("victims"),
                                                **quantity_cols(ctx, c["quantity"], crec, lo, hi, where), **evidence_cols(sp)})

    return covered


def _link_rows(ctx: Ctx, eid: str, rec: str, links: Any, kind: str, known: set[str],
               mention_spans: dict[str, list[Span]], scope: tuple[int, int, str], out: dict[str, list[dict[str, Any]]]) -> None:
    """event_actors or event_assets rows: `kind` is "actor" or "asset"."""
    table = f"event_{kind}s"
    for i, link in enumerate(listed(links, ctx, f"{rec} {kind}s"), start=1):
        lrec = f"{rec} {kind}s[{i}]"
        ctx.keys(link, f"{kind} role evidence", lrec)
        ctx.code(f"{table}.role", link.get("role"), lrec)
        target = ctx.ref(known, link.get(kind), kind, lrec)
        if target is None or not ctx.need(link, ["role"], lrec):
            continue
        sp = link_evidence(ctx, link, mention_spans.get(target, []), *scope, lrec)
        if sp:
            out[table].append({f"{table[:-1]}_id": f"{eid}/{link[kind]}/{link['role']}", "article_id": ctx.art.article_id,
                               "event_id": eid, f"{kind}_id": target, "role": link["role"], **evidence_cols(sp)})
