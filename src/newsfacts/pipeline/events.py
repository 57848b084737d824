"""Rows of events and their links to actors, assets and casualty figures."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..text.dates import DateRange, resolve
from .context import Ctx, evidence_cols, link_evidence, listed, note_of, quantity_cols, short
from .evidence import Span
from ..text.negation import negator_before
from .article_rules import article_event_rules
from .coding_rules import code_rules, context_rules, event_rules, source_rule, utterance_rules, verbal_place_rule
from .plover import check_plover

# PLOVER records factuality as auxiliary modes rather than as separate event types: an
# event that only may happen is never published as an actual one.
AUX_MODES: dict[tuple[str, str], str] = {
    ("polarity", "negative"): "negation",
    ("tense", "future"): "future",
    ("modality", "intended"): "future",
    ("modality", "hypothetical"): "hypothetical",
}
EVENT_KEYS = "id kind summary trigger date place polarity modality tense asserted_by attribution cameo plover acled actors assets casualties note"
KINDS = ("act", "utterance")
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
                bounds = {coded_date(spec["value"], None)[2]}
            else:
                s, _, p0 = coded_date(spec.get("start") or spec.get("end"), spec.get("precision"))
                _, e, _ = coded_date(spec.get("end") or spec.get("start"), spec.get("precision"))
                p = spec.get("precision") or p0
                bounds = {coded_date(spec[k], None)[2] for k in ("start", "end") if spec.get(k) not in (None, "")}
            if e < s:
                raise ValueError("it ends before it starts")
            coded = (s, e, p)
        except (ValueError, TypeError) as exc:
            ctx.bad(f"{rec} date", f"the coded date is not a date ({exc})", "write value: YYYY-MM-DD (or YYYY-MM or YYYY), or start:/end: as dates")
            return date
        if bounds != {p} and sp is None:  # a window the words do not give: the precision its bounds are written with
            ctx.bad(f"{rec} date", f"the coded date has precision {p}, but its bounds are written to the "
                                   f"{' and the '.join(sorted(bounds))}: a date's precision is the precision of its words, and a "
                                   "window the words do not give has the precision of its bounds",
                    f"write precision: {next(iter(bounds)) if len(bounds) == 1 else 'of the bounds'} (or leave it out), with a note "
                    "saying the window is the coder's; write both bounds to the same precision")
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


def said_at(events: list[dict], quotes: Any, dateline_place: str | None) -> set[str]:
    """The places where the article's words were said: the dateline's and each speech event's."""
    speech = {q.get("speech_event") for q in quotes if isinstance(q, dict)} if isinstance(quotes, list) else set()
    out = {dateline_place} if dateline_place else set()
    for e in events:
        if isinstance(e, dict) and (e.get("kind") == "utterance" or e.get("id") in speech) and isinstance(e.get("place"), str):
            out.add(e["place"])
    return out


def event_rows(ctx: Ctx, events: list[dict], place_ids: set[str], actor_ids: set[str], asset_ids: set[str],
               mention_spans: dict[str, list[Span]], published: dt.date, out: dict[str, list[dict[str, Any]]],
               dateline_place: str | None = None) -> set[str]:
    """Fill out's events, event_actors, event_assets and event_casualties; return the sentences they cover."""
    aid = ctx.art.article_id
    covered: set[str] = set()
    spoken = said_at(events, ctx.art.coding.get("quotes"), dateline_place)
    place_names = {p["place_id"].split("/", 1)[1]: p["name"] for p in out["places"]}
    actor_rows = {a["actor_id"]: a for a in out["actors"]}
    built: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for e in events:
        rec = f"events {short(e.get('id'))}"
        ctx.keys(e, EVENT_KEYS, rec)
        kind = e.get("kind", "act")
        if kind not in KINDS:
            ctx.bad(rec, f"kind {short(kind)} is not one of {', '.join(KINDS)}",
                    "write kind: utterance for a speech event whose content is coded as events of its own, or leave kind out (an act)")
            continue
        ok = all([ctx.enum("events.polarity", e.get("polarity"), rec), ctx.enum("events.modality", e.get("modality"), rec),
                  ctx.enum("events.tense", e.get("tense"), rec)])
        cameo_raw = e.get("cameo")
        ctx.code("events.cameo_code", cameo_raw, rec)
        need = ["id", "summary", "trigger", "polarity", "modality", "tense", "asserted_by"] + (["cameo"] if kind == "act" else [])
        if not ctx.need(e, need, rec) or not ok:
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
        note = note_of(e, ctx, rec)
        links = e.get("actors") if isinstance(e.get("actors"), list) else []
        source_rule(ctx, rec, links, note)
        if kind == "utterance":
            utterance_rules(ctx, rec, e, links, date, note)
            row = _row(ctx, e, eid, trig, sentence_id, date, place_ids, actor_ids, attr, note, kind, None, {}, {})
            row["plover_aux_modes"] = _aux(e, date, published)
            out["events"].append(row)
            built.append((e, row))
            _link_rows(ctx, eid, rec, e.get("actors"), "actor", actor_ids, mention_spans, scope, out)
            _link_rows(ctx, eid, rec, e.get("assets"), "asset", asset_ids, mention_spans, scope, out)
            continue
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
        check_plover(ctx, rec, cameo, plover, note)
        place_type = next((p["place_type"] for p in out["places"] if p["place_id"] == ctx.qid(str(e.get("place")))), None)
        quad = int(cl.rows[cameo]["quad_class"]) if cameo_ok else None
        event_rules(ctx, rec, e, cameo, cl.label(cameo) if cameo_ok else None, quad, date, place_type, plover, note)
        code_rules(ctx, rec, cameo, cl.rows[cameo] if cameo_ok else None, note)
        if quad in (1, 3):
            verbal_place_rule(ctx, rec, f"CAMEO {cameo} ({cl.label(cameo)})", e.get("place"), spoken, place_names, note)
        linked = [actor_rows.get(ctx.qid(l["actor"])) for l in links if isinstance(l, dict) and isinstance(l.get("actor"), str)]
        context_rules(ctx, rec, list(plover.get("context") or []), [a.get("country") for a in linked if a],
                      any(a.get("actor_type") == "igo" for a in linked if a), note)
        neg = negator_before(ctx.art.text, trig.start, scope[0])
        read = "negative" if neg else "positive"
        if e["polarity"] != read and not note:
            ctx.bad(f"{rec} polarity", f"the coding says {e['polarity']} but the build reads {read} "
                                       + (f"({neg!r} right before the trigger)" if neg else "(no negator right before the trigger)"),
                    "correct polarity, or keep it and add note: <why the words mean that>")
        row = _row(ctx, e, eid, trig, sentence_id, date, place_ids, actor_ids, attr, note, kind,
                   (cameo, cl.label(cameo) if cameo_ok else None, quad), plover, acled)
        row["plover_aux_modes"] = _aux(e, date, published)
        out["events"].append(row)
        built.append((e, row))
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

    article_event_rules(ctx, built, out)
    return covered


def _aux(e: dict[str, Any], date: dict[str, Any], published: dt.date | None) -> list[str]:
    """PLOVER's auxiliary modes, from polarity, modality and tense, and historical for a date over a year before publication."""
    aux = list(dict.fromkeys(m for (k, v), m in AUX_MODES.items() if e.get(k) == v))
    if published and date["date_end"] and date["date_end"] < published.replace(year=published.year - 1) and "historical" not in aux:
        aux.append("historical")
    return aux


def _row(ctx: Ctx, e: dict[str, Any], eid: str, trig: Span, sentence_id: str | None, date: dict[str, Any], place_ids: set[str],
         actor_ids: set[str], attr: Span | None, note: str | None, kind: str, cameo: tuple[str, str | None, int | None] | None,
         plover: dict[str, Any], acled: dict[str, Any]) -> dict[str, Any]:
    """One events row, in the schema's column order; an utterance has no codes."""
    rec = f"events {short(e.get('id'))}"
    code, label, quad = cameo or (None, None, None)
    return {
        "event_id": eid, "article_id": ctx.art.article_id, "summary": e["summary"], **evidence_cols(trig, "trigger"),
        "sentence_id": sentence_id, **date,
        "place_id": ctx.ref(place_ids, e.get("place"), "place", f"{rec} place"),
        "polarity": e["polarity"], "modality": e["modality"], "tense": e["tense"], "plover_aux_modes": [],
        "asserted_by": ctx.ref(actor_ids, e["asserted_by"], "actor", f"{rec} asserted_by"),
        **evidence_cols(attr, "attribution"),
        "event_kind": kind, "cameo_code": code, "cameo_label": label,
        "cameo_root": code[:2] if code else None, "quad_class": quad,
        "plover_type": plover.get("type"), "plover_mode": plover.get("mode"), "plover_context": plover.get("context") or [],
        "acled_event_type": acled.get("type"), "acled_sub_event_type": acled.get("sub_type"),
        "coding_note": note,
    }


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
