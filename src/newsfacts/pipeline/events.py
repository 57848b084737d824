"""Rows of events and their links to actors, assets and casualty figures."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..text.dates import DateRange, resolve
from .context import Ctx, evidence_cols, link_evidence, listed, note_of, quantity_cols, short
from .evidence import Span
from ..text.negation import negator_before
from .coding_rules import event_rules
from .plover import check_plover

# PLOVER records factuality as auxiliary modes rather than as separate event types: an
# event that only may happen is never published as an actual one.
AUX_MODES: dict[tuple[str, str], str] = {
    ("polarity", "negative"): "negation",
    ("tense", "future"): "future",
    ("modality", "intended"): "future",
    ("modality", "hypothetical"): "hypothetical",
}
EVENT_KEYS = "id summary trigger date place polarity modality tense asserted_by attribution cameo plover acled actors assets casualties note"
DATE_KEYS = "words occurrence value start end precision note"


def coded_date(value: Any, precision: Any) -> tuple[dt.date, dt.date, str]:
    """`value: 2016-01-01 | 2016-01 | 2016` -> (start, end, precision)."""
    if isinstance(value, dt.date):
        return value, value, precision or "day"
    s = str(value)
    if re.fullmatch(r"\d{4}", s):
        y = int(s)
        return dt.date(y, 1, 1), dt.date(y, 12, 31), precision or "year"
    if re.fullmatch(r"\d{4}-\d{2}", s):
        y, m = map(int, s.split("-"))
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return dt.date(y, m, 1), nxt - dt.timedelta(days=1), precision or "month"
    d = dt.date.fromisoformat(s)
    return d, d, precision or "day"


def event_date(ctx: Ctx, spec: Any, rec: str, scope: tuple[int, int, str], published: dt.date,
               future: bool = False) -> dict[str, Any]:
    """The date columns of an event: read from its words, stated by the coding, or both and compared."""
    date = {"date_text": None, "date_text_start": None, "date_text_end": None, "date_start": None,
            "date_end": None, "date_precision": None, "date_basis": None}
    if spec in (None, "") or published is None:  # no publication date yet: its own problem says so
        return date
    if isinstance(spec, dict):
        ctx.keys(spec, DATE_KEYS, f"{rec} date")
        words_ref = {k: spec[k] for k in ("words", "occurrence") if k in spec} if spec.get("words") else None
    else:
        words_ref, spec = spec, {}
    note = note_of(spec, ctx, f"{rec} date")
    if words_ref is not None and isinstance(words_ref, dict) and set(words_ref) == {"words"}:
        words_ref = words_ref["words"]
    sp = ctx.span(words_ref, f"{rec} date", scope) if words_ref is not None else None
    if words_ref is not None and sp is None:
        return date
    detected: DateRange | None = None
    why = None
    if sp is not None:
        try:
            detected = resolve(sp.text, published, future)
        except ValueError as exc:
            why = str(exc)
    coded = None
    if any(k in spec for k in ("value", "start", "end")):
        if not ctx.enum("events.date_precision", spec.get("precision"), f"{rec} date", "precision"):
            return date
        try:
            if "value" in spec:
                s, e, p = coded_date(spec["value"], spec.get("precision"))
            else:
                s, _, p0 = coded_date(spec.get("start") or spec.get("end"), spec.get("precision"))
                _, e, _ = coded_date(spec.get("end") or spec.get("start"), spec.get("precision"))
                p = spec.get("precision") or p0
            if e < s:
                raise ValueError("it ends before it starts")
            coded = (s, e, p)
        except (ValueError, TypeError) as exc:
            ctx.bad(f"{rec} date", f"the coded date is not a date ({exc})", "write value: YYYY-MM-DD (or YYYY-MM or YYYY), or start:/end: as dates")
            return date
    if sp is not None:
        date.update(date_text=sp.text, date_text_start=sp.start, date_text_end=sp.end)
    if coded and detected:
        if coded == (detected.start, detected.end, detected.precision):
            date.update(date_start=detected.start, date_end=detected.end, date_precision=detected.precision,
                        date_basis=detected.basis + (f"; {note}" if note else ""))
        elif note:
            date.update(date_start=coded[0], date_end=coded[1], date_precision=coded[2], date_basis=f"coded: {note}")
        else:
            ctx.bad(f"{rec} date", f"the coding says {coded[0]}..{coded[1]} ({coded[2]}) but the build reads {sp.text!r} as "
                                   f"{detected.start}..{detected.end} ({detected.precision}: {detected.basis})",
                    "correct the coded date, or keep it and add note: <why the words mean that date>")
    elif coded:
        if sp is None and not note:
            ctx.bad(f"{rec} date", "a date without words from the text needs a reason", "add note: <how the date is known>")
            return date
        date.update(date_start=coded[0], date_end=coded[1], date_precision=coded[2],
                    date_basis="coded: " + (note or f"the build cannot read {sp.text!r}; stated by the coder"))
    elif detected:
        date.update(date_start=detected.start, date_end=detected.end, date_precision=detected.precision, date_basis=detected.basis)
    else:
        ctx.bad(f"{rec} date", why or "no date", "give the date words exactly as the article has them, or state the date: "
                "{words: ..., value: YYYY-MM-DD, precision: day, note: <why>}")
    return date


def event_rows(ctx: Ctx, events: list[dict], place_ids: set[str], actor_ids: set[str], asset_ids: set[str],
               mention_spans: dict[str, list[Span]], published: dt.date, out: dict[str, list[dict[str, Any]]]) -> set[str]:
    """Fill out's events, event_actors, event_assets and event_casualties; return the sentences they cover."""
    aid = ctx.art.article_id
    covered: set[str] = set()
    for e in events:
        rec = f"events {short(e.get('id'))}"
        ctx.keys(e, EVENT_KEYS, rec)
        ok = all([ctx.enum("events.polarity", e.get("polarity"), rec), ctx.enum("events.modality", e.get("modality"), rec),
                  ctx.enum("events.tense", e.get("tense"), rec)])
        cameo_raw = e.get("cameo")
        ctx.code("events.cameo_code", cameo_raw, rec)
        if not ctx.need(e, ["id", "summary", "trigger", "polarity", "modality", "tense", "asserted_by", "cameo"], rec) or not ok:
            continue
        trig = ctx.span(e["trigger"], f"{rec} trigger")
        if trig is None:
            continue
        scope = ctx.sentence_bounds(trig)
        sentence_id = ctx.segment_of(trig)
        covered.add(sentence_id)
        eid = ctx.qid(e["id"])
        date = event_date(ctx, e.get("date"), rec, scope, published, e.get("tense") == "future")
        attr = ctx.span(e["attribution"], f"{rec} attribution", scope) if e.get("attribution") else None
        cameo = str(cameo_raw)
        cl = ctx.codes.get("events.cameo_code")
        cameo_ok = cl is not None and not isinstance(cameo_raw, (int, float)) and cl.check(cameo)
        plover = e.get("plover") or {}
        acled = e.get("acled") or {}
        if not isinstance(plover, dict) or not isinstance(acled, dict):
            ctx.bad(rec, "plover and acled must be mappings", "write plover: {type: ..., mode: ..., context: [...]}")
            continue
        ctx.keys(plover, "type mode context", f"{rec} plover")
        ctx.keys(acled, "type sub_type", f"{rec} acled")
        ctx.code("events.plover_type", plover.get("type"), rec)
        ctx.code("events.plover_mode", plover.get("mode"), rec)
        for c in plover.get("context") or []:
            ctx.code("events.plover_context", c, rec)
        ctx.code("events.acled_sub_event_type", acled.get("sub_type"), rec)
        acl = ctx.codes.get("events.acled_sub_event_type")
        if acl and acled.get("sub_type") in acl.rows and acl.rows[acled["sub_type"]]["event_type"] != acled.get("type"):
            ctx.bad(f"{rec} acled", f"sub-event type {short(acled['sub_type'])} belongs to {acl.rows[acled['sub_type']]['event_type']!r}, not {short(acled.get('type'))}",
                    "fix the ACLED event type to match its sub-event type")
        note = note_of(e, ctx, rec)
        check_plover(ctx, rec, cameo, plover, note)
        place_type = next((p["place_type"] for p in out["places"] if p["place_id"] == ctx.qid(str(e.get("place")))), None)
        event_rules(ctx, rec, e, cameo, cl.label(cameo) if cameo_ok else None,
                    int(cl.rows[cameo]["quad_class"]) if cameo_ok else None, date, place_type, plover, note)
        neg = negator_before(ctx.art.text, trig.start, scope[0])
        read = "negative" if neg else "positive"
        if e["polarity"] != read and not note:
            ctx.bad(f"{rec} polarity", f"the coding says {e['polarity']} but the build reads {read} "
                                       + (f"({neg!r} right before the trigger)" if neg else "(no negator right before the trigger)"),
                    "correct polarity, or keep it and add note: <why the words mean that>")
        aux = list(dict.fromkeys(m for (k, v), m in AUX_MODES.items() if e.get(k) == v))
        if published and date["date_end"] and date["date_end"] < published.replace(year=published.year - 1) and "historical" not in aux:
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
            "coding_note": note,
        })
        _link_rows(ctx, eid, rec, e.get("actors"), "actor", actor_ids, mention_spans, scope, out)
        _link_rows(ctx, eid, rec, e.get("assets"), "asset", asset_ids, mention_spans, scope, out)
        seen_casualties: set[str] = set()
        for i, c in enumerate(listed(e.get("casualties"), ctx, f"{rec} casualties"), start=1):
            crec = f"{rec} casualties[{i}]"
            ctx.keys(c, "id type evidence quantity victims", crec)
            slug = c.get("id") or c.get("type")
            if isinstance(slug, str) and slug in seen_casualties:
                ctx.bad(crec, f"a second casualty figure {short(slug)} in this event", "give each figure its own id: (id: soldiers-killed)")
                continue
            seen_casualties.add(slug) if isinstance(slug, str) else None
            if not ctx.need(c, ["type", "evidence", "quantity"], crec) or not ctx.enum("event_casualties.casualty_type", c.get("type"), crec, "type"):
                continue
            sp = ctx.span(c["evidence"], f"{crec} evidence", scope)
            if sp:
                out["event_casualties"].append({"casualty_id": f"{eid}/{slug}", "article_id": aid, "event_id": eid,
                                                "casualty_type": c["type"], "victims": c.get("victims"),
                                                **quantity_cols(ctx, c["quantity"], crec, scope), **evidence_cols(sp)})

    return covered


def _link_rows(ctx: Ctx, eid: str, rec: str, links: Any, kind: str, known: set[str],
               mention_spans: dict[str, list[Span]], scope: tuple[int, int, str], out: dict[str, list[dict[str, Any]]]) -> None:
    """event_actors or event_assets rows: `kind` is "actor" or "asset"."""
    table = f"event_{kind}s"
    for i, link in enumerate(listed(links, ctx, f"{rec} {kind}s"), start=1):
        lrec = f"{rec} {kind}s[{i}]"
        ctx.keys(link, f"{kind} role evidence", lrec)
        ctx.code(f"{table}.role", link.get("role"), lrec)
        ctx.enum(f"{table}.role", link.get("role"), lrec, "role")
        target = ctx.ref(known, link.get(kind), kind, lrec)
        if target is None or not ctx.need(link, ["role"], lrec):
            continue
        sp = link_evidence(ctx, link, mention_spans.get(target, []), scope, lrec)
        if sp:
            row = {f"{table[:-1]}_id": f"{eid}/{link[kind]}/{link['role']}", "article_id": ctx.art.article_id,
                   "event_id": eid, f"{kind}_id": target, "role": link["role"]}
            if kind == "actor":  # the role as CAMEO and PLOVER name it, from the roles code list
                mapped = ctx.codes["event_actors.role"].rows.get(link["role"], {})
                row.update(cameo_role=mapped.get("cameo_role"), plover_role=mapped.get("plover_role"))
            out[table].append({**row, **evidence_cols(sp)})
