"""Rows of every table for one article: the coding's judgments plus what the build computes."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from ..errors import Problems
from .articles import CODING, SOURCE, Article
from .codelists import Codelist
from .dates import infer_publication_date, parse_date_words
from .evidence import EvidenceError, Span, find_all, resolve
from .mentions import find_mentions
from .quantities import parse_quantity
from .quotes import detect_quotes
from .segment import SegmentationError, segment, smallest_containing

# PLOVER records factuality as auxiliary modes rather than as separate event types.
AUX_MODES: dict[tuple[str, str], str] = {
    ("polarity", "negative"): "negation",
    ("tense", "future"): "future",
    ("modality", "hypothetical"): "hypothetical",
}
TEXT_DIR = "data/text"


class _Ctx:
    """Per-article helpers that record problems instead of stopping at the first."""

    def __init__(self, art: Article, problems: Problems, codes: dict[str, Codelist]):
        self.art, self.problems, self.codes = art, problems, codes
        self.file = art.file(CODING)
        self.segs: list = []

    def qid(self, slug: str) -> str:
        return f"{self.art.article_id}/{slug}"

    def bad(self, record: str, message: str, fix: str, file: str | None = None) -> None:
        self.problems.add(file or self.file, record, message, fix)

    def span(self, value: Any, record: str, lo: int = 0, hi: int | None = None, where: str = "the article") -> Span | None:
        try:
            return resolve(self.art.text, value, lo, hi, where)
        except EvidenceError as exc:
            self.bad(record, str(exc), exc.fix)
            return None

    def segment_of(self, sp: Span) -> str | None:
        seg = smallest_containing(self.segs, sp.start, sp.end)
        return seg.segment_id if seg else None

    def sentence_bounds(self, sp: Span) -> tuple[int, int, str]:
        seg = smallest_containing(self.segs, sp.start, sp.end)
        return seg.start, seg.end, f"its sentence ({seg.segment_id})"

    def need(self, rec: dict, keys: list[str], record: str) -> bool:
        missing = [k for k in keys if rec.get(k) in (None, "")]
        if missing:
            self.bad(record, f"is missing {', '.join(missing)}", f"add {', '.join(k + ': ...' for k in missing)}")
        return not missing

    def keys(self, rec: dict, allowed: str, record: str) -> None:
        extra = sorted(set(map(str, rec)) - set(allowed.split()))
        if extra:  # a typo ("evidense:") would otherwise be silently ignored
            self.bad(record, f"has unknown key(s) {', '.join(extra)}", f"remove them, or use the keys {', '.join(allowed.split())}")

    def code(self, field: str, value: Any, record: str) -> None:
        cl = self.codes.get(field)
        if cl is None or value in (None, ""):
            return
        if not cl.check(str(value)):
            self.bad(record, f"{field.split('.')[1]} {value!r} is not in code list {cl.name} (build/codelists/{cl.name}.csv)",
                     f"use a code from build/codelists/{cl.name}.csv, or add the code there with its source")

    def ref(self, ids: set[str], slug: Any, what: str, record: str) -> str | None:
        if slug in (None, ""):
            return None
        if slug not in ids:
            known = ", ".join(sorted(ids)) or "none"
            self.bad(record, f"refers to unknown {what} {slug!r}", f"use one of the {what} ids declared in this file: {known}")
            return None
        return self.qid(slug)


def _listed(items: Any, ctx: _Ctx, key: str) -> list[dict]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        ctx.bad(key, "must be a list of mappings", f"write `{key}:` followed by `- id: ...` entries")
        return []
    return items


def _ids(items: list[dict], ctx: _Ctx, key: str) -> set[str]:
    seen: set[str] = set()
    for i, it in enumerate(items, start=1):
        slug = it.get("id")
        if not isinstance(slug, str) or not slug:
            ctx.bad(f"{key}[{i}]", "has no id", "add `id: <slug>` (lowercase, hyphens)")
        elif slug in seen:
            ctx.bad(f"{key}[{i}] id {slug!r}", "duplicate id", f"give each entry of {key} its own id")
        else:
            seen.add(slug)
    return seen


def _evidence_cols(sp: Span | None, prefix: str = "") -> dict[str, Any]:
    names = ("evidence", "start", "end") if not prefix else (f"{prefix}_text", f"{prefix}_start", f"{prefix}_end")
    return dict(zip(names, (sp.text, sp.start, sp.end) if sp else (None, None, None)))


def _quantity(ctx: _Ctx, words: Any, record: str, lo: int, hi: int, where: str) -> dict[str, Any]:
    cols = {"quantity_text": None, "quantity_start": None, "quantity_end": None, "quantity_value": None,
            "quantity_min": None, "quantity_max": None, "quantity_qualifier": None}
    if words in (None, ""):
        return cols
    sp = ctx.span(str(words), f"{record} quantity", lo, hi, where)
    if sp is None:
        return cols
    try:
        q = parse_quantity(sp.text)
    except ValueError as exc:
        ctx.bad(f"{record} quantity", str(exc), "write the quantity words as the article has them, in a supported form")
        return cols
    cols.update(quantity_text=sp.text, quantity_start=sp.start, quantity_end=sp.end, quantity_value=q.value,
                quantity_min=q.min, quantity_max=q.max, quantity_qualifier=q.qualifier)
    return cols


def assemble(art: Article, problems: Problems, codes: dict[str, Codelist]) -> dict[str, list[dict[str, Any]]]:
    ctx = _Ctx(art, problems, codes)
    text, src, cod, aid = art.text, art.source, art.coding, art.article_id
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "articles", "segments", "places", "actors", "assets", "events", "event_actors",
        "event_assets", "event_casualties", "quotes", "mentions")}
    src_file = art.file(SOURCE)
    for key in ("publisher", "language", "text_license", "text_attribution"):
        if not src.get(key):
            ctx.bad(key, "is missing", f"add `{key}: ...`", file=src_file)
    try:
        segs, dateline = segment(aid, text, list(src.get("boilerplate") or []), bool(src.get("has_subtitle", True)))
    except SegmentationError as exc:
        ctx.bad("segmentation", str(exc), exc.fix, file=src_file)
        return out
    ctx.segs = segs
    sentences = [s for s in segs if s.kind == "sentence"]

    # Publication date: printed, or inferred from the dateline's day, the weekday and the years mentioned.
    published, inferred, basis = None, True, None
    if src.get("publication_date"):
        published, inferred, basis = dt.date.fromisoformat(str(src["publication_date"])), False, "stated in source.yaml"
    elif dateline is None:
        ctx.bad("publication_date", "the text has no dateline to infer the date from", "add `publication_date: YYYY-MM-DD` to source.yaml", file=src_file)
    else:
        try:
            published, basis = infer_publication_date(dateline.month, dateline.day, text, text[sentences[0].start:sentences[0].end])
        except ValueError as exc:
            ctx.bad("publication_date", str(exc), "add `publication_date: YYYY-MM-DD` to source.yaml", file=src_file)
    if published is None:
        return out

    # Places and actors first: everything else refers to them.
    places = _listed(cod.get("places"), ctx, "places")
    actors = _listed(cod.get("actors"), ctx, "actors")
    assets = _listed(cod.get("assets"), ctx, "assets")
    events = _listed(cod.get("events"), ctx, "events")
    place_ids, actor_ids = _ids(places, ctx, "places"), _ids(actors, ctx, "actors")
    asset_ids, event_ids = _ids(assets, ctx, "assets"), _ids(events, ctx, "events")
    terms: list[tuple[str, str, list[str], str]] = []  # (kind, qualified id, words, record)

    for p in places:
        rec = f"places {p.get('id')!r}"
        ctx.keys(p, "id name type country aliases wikidata evidence", rec)
        if not ctx.need(p, ["id", "name", "type", "country", "evidence"], rec):
            continue
        sp = ctx.span(p["evidence"], f"{rec} evidence")
        if sp is None:
            continue
        out["places"].append({"place_id": ctx.qid(p["id"]), "article_id": aid, "name": p["name"], "place_type": p["type"],
                              "country": p["country"], "aliases": p.get("aliases") or [], "wikidata_qid": p.get("wikidata"),
                              **_evidence_cols(sp), "sentence_id": ctx.segment_of(sp)})
        terms.append(("place", ctx.qid(p["id"]), [sp.text, p["name"], *(p.get("aliases") or [])], rec))

    names: dict[str, str] = {}
    for a in actors:
        rec = f"actors {a.get('id')!r}"
        ctx.keys(a, "id name type country title office_at_date aliases cameo sector wikidata evidence", rec)
        if not ctx.need(a, ["id", "name", "type", "evidence"], rec):
            continue
        ctx.code("actors.actor_type", a["type"], rec)
        ctx.code("actors.cameo_code", a.get("cameo"), rec)
        ctx.code("actors.sector", a.get("sector"), rec)
        sp = ctx.span(a["evidence"], f"{rec} evidence")
        title = ctx.span(a["title"], f"{rec} title") if a.get("title") else None
        if sp is None:
            continue
        qid = ctx.qid(a["id"])
        for w in [sp.text, a["name"], *(a.get("aliases") or [])]:
            names.setdefault(w, qid)
        out["actors"].append({"actor_id": qid, "article_id": aid, "name": a["name"], "actor_type": a["type"],
                              "country": a.get("country"), **_evidence_cols(title, "title"),
                              "office_at_date": a.get("office_at_date"), "aliases": a.get("aliases") or [],
                              "cameo_code": a.get("cameo"), "sector": a.get("sector"), "wikidata_qid": a.get("wikidata"),
                              **_evidence_cols(sp), "sentence_id": ctx.segment_of(sp)})
        terms.append(("actor", qid, [sp.text, a["name"], *(a.get("aliases") or [])], rec))

    for s in assets:
        rec = f"assets {s.get('id')!r}"
        ctx.keys(s, "id name category designation manufacturer nato_name operator part_of platform quantity aliases evidence", rec)
        if not ctx.need(s, ["id", "name", "category", "evidence"], rec):
            continue
        ctx.code("assets.category", s["category"], rec)
        sp = ctx.span(s["evidence"], f"{rec} evidence")
        if sp is None:
            continue
        lo, hi, where = ctx.sentence_bounds(sp)
        for key in ("designation", "manufacturer", "nato_name"):
            if s.get(key) and not find_all(text, str(s[key]), lo, hi):
                ctx.bad(f"{rec} {key}", f"{s[key]!r} is not in {where}", f"give {key} exactly as the sentence has it, or leave it out")
        out["assets"].append({"asset_id": ctx.qid(s["id"]), "article_id": aid, "name": s["name"], "category": s["category"],
                              "designation": s.get("designation"), "manufacturer": s.get("manufacturer"),
                              "nato_name": s.get("nato_name"),
                              "operator_id": ctx.ref(actor_ids, s.get("operator"), "actor", f"{rec} operator"),
                              "part_of": ctx.ref(asset_ids, s.get("part_of"), "asset", f"{rec} part_of"),
                              "platform_id": ctx.ref(asset_ids, s.get("platform"), "asset", f"{rec} platform"),
                              **_quantity(ctx, s.get("quantity"), rec, lo, hi, where),
                              "aliases": s.get("aliases") or [], **_evidence_cols(sp), "sentence_id": ctx.segment_of(sp)})
        terms.append(("asset", ctx.qid(s["id"]), [sp.text, s["name"], *(s.get("aliases") or [])], rec))

    # Mentions: every occurrence of every name; aliases that never occur are typos.
    mention_spans: dict[str, list[Span]] = {}
    for kind, qid, words, rec in terms:
        declared = words[2:]
        for w in declared:
            if not find_all(text, w):
                ctx.bad(f"{rec} aliases", f"alias {w!r} does not occur in the article", "remove it or copy it exactly from article.txt")
        ms = find_mentions(text, kind, qid, [w for w in words if find_all(text, w)])
        mention_spans[qid] = [m.span for m in ms]
        for m in ms:
            out["mentions"].append({"mention_id": f"{kind}:{qid}@{m.span.start}", "article_id": aid, "entity_kind": kind,
                                    "entity_id": qid, "text": m.span.text, "start": m.span.start, "end": m.span.end,
                                    "segment_id": ctx.segment_of(m.span)})

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
            "event_id": eid, "article_id": aid, "summary": e["summary"], **_evidence_cols(trig, "trigger"),
            "sentence_id": sentence_id, **date,
            "place_id": ctx.ref(place_ids, e.get("place"), "place", f"{rec} place"),
            "polarity": e["polarity"], "modality": e["modality"], "tense": e["tense"], "plover_aux_modes": aux,
            "asserted_by": ctx.ref(actor_ids, e["asserted_by"], "actor", f"{rec} asserted_by"),
            **_evidence_cols(attr, "attribution"),
            "cameo_code": cameo, "cameo_label": cl.label(cameo) if cameo_ok else None,
            "cameo_root": cameo[:2], "quad_class": int(cl.rows[cameo]["quad_class"]) if cameo_ok else None,
            "plover_type": plover.get("type"), "plover_mode": plover.get("mode"), "plover_context": plover.get("context") or [],
            "acled_event_type": acled.get("type"), "acled_sub_event_type": acled.get("sub_type"),
        })
        for i, link in enumerate(_listed(e.get("actors"), ctx, f"{rec} actors"), start=1):
            lrec = f"{rec} actors[{i}]"
            ctx.keys(link, "actor role evidence", lrec)
            ctx.code("event_actors.role", link.get("role"), lrec)
            actor = ctx.ref(actor_ids, link.get("actor"), "actor", lrec)
            if actor is None or not ctx.need(link, ["role"], lrec):
                continue
            sp = _link_evidence(ctx, link, mention_spans.get(actor, []), lo, hi, where, lrec)
            if sp:
                out["event_actors"].append({"event_actor_id": f"{eid}/{link['actor']}/{link['role']}", "article_id": aid,
                                            "event_id": eid, "actor_id": actor, "role": link["role"], **_evidence_cols(sp)})
        for i, link in enumerate(_listed(e.get("assets"), ctx, f"{rec} assets"), start=1):
            lrec = f"{rec} assets[{i}]"
            ctx.keys(link, "asset role evidence", lrec)
            asset = ctx.ref(asset_ids, link.get("asset"), "asset", lrec)
            if asset is None or not ctx.need(link, ["role"], lrec):
                continue
            sp = _link_evidence(ctx, link, mention_spans.get(asset, []), lo, hi, where, lrec)
            if sp:
                out["event_assets"].append({"event_asset_id": f"{eid}/{link['asset']}/{link['role']}", "article_id": aid,
                                            "event_id": eid, "asset_id": asset, "role": link["role"], **_evidence_cols(sp)})
        for i, c in enumerate(_listed(e.get("casualties"), ctx, f"{rec} casualties"), start=1):
            crec = f"{rec} casualties[{i}]"
            ctx.keys(c, "type evidence quantity victims", crec)
            if not ctx.need(c, ["type", "evidence", "quantity"], crec):
                continue
            sp = ctx.span(c["evidence"], f"{crec} evidence", lo, hi, where)
            if sp:
                out["event_casualties"].append({"casualty_id": f"{eid}/{c['type']}", "article_id": aid, "event_id": eid,
                                                "casualty_type": c["type"], "victims": c.get("victims"),
                                                **_quantity(ctx, c["quantity"], crec, lo, hi, where), **_evidence_cols(sp)})

    # Quotes: detected in the text, then matched one to one with the coded ones.
    detected = detect_quotes(text, [s for s in sentences], names)
    by_span = {(q.span.start, q.span.end): q for q in detected}
    matched: set[tuple[int, int]] = set()
    for q in _listed(cod.get("quotes"), ctx, "quotes"):
        rec = f"quotes {q.get('id')!r}"
        ctx.keys(q, "id speaker evidence speech_event kind", rec)
        if not ctx.need(q, ["id", "speaker", "evidence", "speech_event"], rec):
            continue
        sp = ctx.span(q["evidence"], f"{rec} evidence")
        if sp is None:
            continue
        d = by_span.get((sp.start, sp.end))
        if d is None:
            near = [x for x in detected if x.sentence_id == ctx.segment_of(sp)]
            hint = f"the build reads this sentence's quote as {near[0].span.text!r}" if near else "the build finds no cue verb and speaker in this sentence"
            ctx.bad(rec, f"coded quote {sp.text!r} is not a quote the build detects in the text ({hint})",
                    "make evidence exactly the quoted or reported words the build detects, or remove the quote")
            continue
        matched.add((sp.start, sp.end))
        speaker = ctx.ref(actor_ids, q["speaker"], "actor", f"{rec} speaker")
        if speaker and d.speaker_id and d.speaker_id != speaker:
            ctx.bad(f"{rec} speaker", f"coded speaker {q['speaker']!r} but the text attributes the quote to {d.speaker_id!r} ({d.speaker.text!r})",
                    "correct the speaker")
        if q.get("kind") and q["kind"] != d.kind:
            ctx.bad(f"{rec} kind", f"coded as {q['kind']} but the text makes it {d.kind}", f"write kind: {d.kind} or leave kind out")
        covered.add(d.sentence_id)
        out["quotes"].append({
            "quote_id": ctx.qid(q["id"]), "article_id": aid, "speaker_id": speaker,
            "speaker_text": d.speaker.text, "speaker_start": d.speaker.start, "speaker_end": d.speaker.end,
            "speaker_resolution": d.resolution, "kind": d.kind, "text": d.span.text, "start": d.span.start, "end": d.span.end,
            "cue_verb": d.cue.text, "cue_start": d.cue.start, "cue_end": d.cue.end,
            "addressee_id": d.addressee_id, **_evidence_cols(d.addressee, "addressee"),
            "insertions": [i.text for i in d.insertions],
            "speech_event_id": ctx.ref(event_ids, q["speech_event"], "event", f"{rec} speech_event"),
            "sentence_id": d.sentence_id})
    for d in detected:
        if (d.span.start, d.span.end) not in matched:
            article = "an" if d.kind == "indirect" else "a"
            ctx.bad("quotes", f"the text has {article} {d.kind} quote by {d.speaker.text!r} at {d.span.start}-{d.span.end} that is not coded: {d.span.text!r}",
                    "add it under quotes: with id, speaker, evidence (these exact words) and speech_event")

    # Coverage: every body sentence carries a fact row or is listed as deliberately uncoded.
    for row in out["assets"]:
        covered.add(row["sentence_id"])
    for row in out["event_casualties"]:
        covered.add(ctx.segment_of(Span(row["start"], row["end"], row["evidence"])))
    uncoded: dict[str, str] = {}
    for i, u in enumerate(_listed(cod.get("uncoded"), ctx, "uncoded"), start=1):
        rec = f"uncoded[{i}]"
        if not ctx.need(u, ["sentence", "reason"], rec):
            continue
        sp = ctx.span(u["sentence"], f"{rec} sentence")
        if sp:
            uncoded[ctx.segment_of(sp)] = u["reason"]
    for s in segs:
        coverage = reason = None
        if s.kind == "sentence":
            if s.segment_id in uncoded:
                coverage, reason = "uncoded", uncoded[s.segment_id]
            elif s.segment_id in covered:
                coverage = "coded"
            else:
                ctx.bad(f"sentence {s.segment_id}", f"{text[s.start:s.end]!r} is not the evidence of any event, quote, asset or casualty row",
                        "code what it says, or list it under `uncoded:` with `sentence: <some of its words>` and a `reason:`")
        out["segments"].append({"segment_id": s.segment_id, "article_id": aid, "kind": s.kind,
                                "paragraph_index": s.paragraph_index, "sentence_index": s.sentence_index,
                                "parent_id": s.parent_id, "start": s.start, "end": s.end, "text": text[s.start:s.end],
                                "coverage": coverage, "uncoded_reason": reason})

    seg_text = {s.kind: text[s.start:s.end] for s in segs if s.kind in ("title", "subtitle")}
    dl_place = next((r["place_id"] for r in out["places"] if dateline and r["start"] == dateline.place_start), None)
    if dateline and dl_place is None:
        ctx.bad("places", f"the dateline place {dateline.place_words!r} is not coded as a place", f"add a place with evidence: {dateline.place_words}")
    out["articles"].append({
        "article_id": aid, "publisher": src.get("publisher"), "title": seg_text.get("title"), "subtitle": seg_text.get("subtitle"),
        "dateline_text": text[dateline.start:dateline.end] if dateline else None,
        "dateline_start": dateline.start if dateline else None, "dateline_end": dateline.end if dateline else None,
        "dateline_place_id": dl_place, "language": src.get("language"), "publication_date": published,
        "publication_date_inferred": inferred, "publication_date_basis": basis,
        "text_path": f"{TEXT_DIR}/{aid}.txt", "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "text_length": len(text), "text_license": src.get("text_license"), "text_attribution": src.get("text_attribution")})
    return out


def _link_evidence(ctx: _Ctx, link: dict, mentions: list[Span], lo: int, hi: int, where: str, rec: str) -> Span | None:
    """Evidence of a link: the words given, or the entity's first mention in the event's sentence."""
    if link.get("evidence"):
        return ctx.span(link["evidence"], f"{rec} evidence", lo, hi, where)
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    if not inside:
        ctx.bad(rec, f"the entity is not mentioned in {where}", "add `evidence: <the words that refer to it there>` to the link")
        return None
    return inside[0]
