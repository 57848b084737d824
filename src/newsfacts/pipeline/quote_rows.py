"""Rows of quotes: the coding decides, the detector (text/quotes.py) cross-checks.

A coded quote the detector reads the same way is `agrees`; one the detector missed
stands as coded (`coded_only`); one it reads differently is an error naming both
readings unless the coding keeps its own with a `note:` (`overridden`). A quote the
detector finds that the coding neither codes nor lists under `not_quotes:` is an omission."""
from __future__ import annotations

from typing import Any

from ..text.quotes import DetectedQuote, Unit, detect_quotes
from ..text.speakers import SpeakerIndex
from .context import Ctx, evidence_cols, listed, note_of, short
from .evidence import Span
from .segment import Segment

QUOTE_KEYS = "id speaker evidence kind cue speaker_words speech_event note"
UNIT_KINDS = ("title", "subtitle", "subheading")


def units_of(segs: list[Segment]) -> list[Unit]:
    out = []
    for s in segs:
        if s.kind == "sentence":
            out.append(Unit(s.segment_id, s.start, s.end, s.parent_id or s.segment_id))
        elif s.kind in UNIT_KINDS:
            out.append(Unit(s.segment_id, s.start, s.end, s.segment_id, header=True))
    return sorted(out, key=lambda u: u.start)


def speaker_index(actors: list[dict[str, Any]]) -> SpeakerIndex:
    """The known speakers, in actor_id order: the build and validation (which rebuilds it from
    the published actors table) must resolve every phrase alike."""
    idx = SpeakerIndex()
    for a in sorted(actors, key=lambda a: a["actor_id"]):
        names = [a["evidence"], *a["aliases"]] if a["evidence_source"] == "text" else list(a["aliases"])
        idx.add(a["actor_id"], a["name"], names, [a["title_text"]] if a.get("title_text") else [], a["actor_type"] == "person")
    return idx


def _row(ctx: Ctx, qid: str, kind: str, sp: Span, sentence_id: str, speaker_id: str | None, spk: Span | None,
         resolution: str | None, cue: Span | None, d: DetectedQuote | None, names: dict[str, str], speech: str | None,
         part_of: str | None, detection: str, note: str | None) -> dict[str, Any]:
    adr = d.addressee if d else None
    return {"quote_id": qid, "article_id": ctx.art.article_id, "speaker_id": speaker_id,
            **evidence_cols(spk, "speaker"), "speaker_resolution": resolution if speaker_id else None,
            "kind": kind, "text": sp.text, "start": sp.start, "end": sp.end,
            "cue_verb": cue.text if cue else None, "cue_start": cue.start if cue else None, "cue_end": cue.end if cue else None,
            "addressee_id": names.get(adr.text) if adr else None, **evidence_cols(adr, "addressee"),
            "insertions": [i.text for i in (d.insertions if d else [])],
            "speech_event_id": speech, "part_of": part_of, "detection": detection,
            "sentence_id": sentence_id, "coding_note": note}


def _reading(d: DetectedQuote) -> str:
    who = d.speaker.text if d.speaker else "nobody"
    cue = d.cue.text if d.cue else "no cue"
    return f"{d.kind} {d.span.text[:60]!r} at {d.span.start}-{d.span.end}, speaker {who!r}, cue {cue!r}"


def quote_rows(ctx: Ctx, segs: list[Segment], names: dict[str, str], actor_ids: set[str], event_ids: set[str],
               out: dict[str, list[dict[str, Any]]]) -> set[str]:
    text, cod = ctx.art.text, ctx.art.coding
    covered: set[str] = set()
    detected = detect_quotes(text, units_of(segs), speaker_index(out["actors"]))
    by_span = {d.key: d for d in detected}
    matched: dict[tuple[int, int], str] = {}  # detected span -> quote_id
    dismissed: set[tuple[int, int]] = set()
    for i, nq in enumerate(listed(cod.get("not_quotes"), ctx, "not_quotes"), start=1):
        rec = f"not_quotes[{i}]"
        ctx.keys(nq, "words reason", rec)
        if ctx.need(nq, ["words", "reason"], rec):
            sp = ctx.span(nq["words"], f"{rec} words")
            if sp and sp.text and (sp.start, sp.end) not in by_span:
                ctx.bad(rec, f"the build detects no quote {short(sp.text)}", "remove the entry, or copy the detected words exactly")
            elif sp and (sp.start, sp.end) in dismissed:
                ctx.bad(rec, f"the words {short(sp.text)} are listed twice", "keep one entry")
            elif sp:
                dismissed.add((sp.start, sp.end))
                out["not_quotes"].append({"not_quote_id": f"{ctx.art.article_id}/not-quote@{sp.start}", "article_id": ctx.art.article_id,
                                          "text": sp.text, "start": sp.start, "end": sp.end, "reason": str(nq["reason"]),
                                          "sentence_id": ctx.segment_of(sp)})
    coded_rows: list[tuple[dict[str, Any], DetectedQuote | None]] = []
    coded_spans: dict[tuple[int, int], str] = {}
    for q in listed(cod.get("quotes"), ctx, "quotes"):
        rec = f"quotes {short(q.get('id'))}"
        ctx.keys(q, QUOTE_KEYS, rec)
        ctx.enum("quotes.kind", q.get("kind"), rec, "kind")
        if not ctx.need(q, ["id", "evidence"], rec):
            continue
        sp = ctx.span(q["evidence"], f"{rec} evidence")
        if sp is None:
            continue
        note = note_of(q, ctx, rec)
        speaker = ctx.ref(actor_ids, q.get("speaker"), "actor", f"{rec} speaker")
        speech = ctx.ref(event_ids, q.get("speech_event"), "event", f"{rec} speech_event")
        d = by_span.get((sp.start, sp.end))
        sentence_id = ctx.segment_of(sp)
        if (sp.start, sp.end) in coded_spans:
            ctx.bad(rec, f"the words {short(sp.text)} are already coded as quote {coded_spans[(sp.start, sp.end)]!r}",
                    "code each quote once: remove one of the two entries")
            continue
        coded_spans[(sp.start, sp.end)] = q["id"]
        if d is None:
            # The one override rule: a value the build reads differently, or not at all, stands only with a note.
            over = [x for x in detected if x.span.start < sp.end and sp.start < x.span.end and x.key not in matched]
            if over and not note:
                ctx.bad(rec, f"coded quote {short(sp.text)} is not what the build reads here: {_reading(over[0])}",
                        "make evidence exactly the words the build detects, or keep yours and add note: <why>")
                continue
            if not q.get("kind"):
                ctx.bad(rec, "the build detects no quote here, so the coding must give its kind", "add kind: direct, indirect or mixed")
                continue
            if not note:
                ctx.bad(rec, f"the build reads no quote in {short(sp.text)}, so a coded one needs the coder's reason",
                        "add note: <why these words are a quote>, or remove the entry")
                continue
            cue = ctx.span(q["cue"], f"{rec} cue", ctx.sentence_bounds(sp)) if q.get("cue") not in (None, "none") else None
            spk = ctx.span(q["speaker_words"], f"{rec} speaker_words", ctx.sentence_bounds(sp)) if q.get("speaker_words") else None
            row = _row(ctx, ctx.qid(q["id"]), q["kind"], sp, sentence_id, speaker, spk, "coded" if not spk else "name", cue,
                       None, names, speech, None, "overridden" if over else "coded_only", note)
            out["quotes"].append(row)
            covered.add(sentence_id)
            continue
        matched[d.key] = ctx.qid(q["id"])
        disagree = []
        if q.get("kind") and q["kind"] != d.kind:
            disagree.append(f"kind: coded {q['kind']}, read {d.kind}")
        if speaker and d.speaker_id != speaker:
            read = f"{d.speaker_id.split('/')[-1]!r} ({d.speaker.text if d.speaker else 'carried over'!r})" if d.speaker_id else "none"
            disagree.append(f"speaker: coded {q['speaker']!r}, read {read}")
        cue = d.cue
        if q.get("cue") == "none":  # the coding says the words have no attribution verb
            if cue is not None:
                disagree.append(f"cue: coded none, read {cue.text!r}")
            cue = None
        elif q.get("cue"):
            csp = ctx.span(q["cue"], f"{rec} cue", ctx.sentence_bounds(sp))
            if csp and (cue is None or (csp.start, csp.end) != (cue.start, cue.end)):
                disagree.append(f"cue: coded {csp.text!r}, read {cue.text if cue else 'none'!r}")
                cue = csp
        spk, resolution = d.speaker, d.resolution
        if not speaker and d.speaker_id:
            speaker = d.speaker_id
        elif speaker and d.speaker_id != speaker:
            # The coding names the speaker the text does not (or names another): the detected
            # speaker words belong to someone else.
            spk = ctx.span(q["speaker_words"], f"{rec} speaker_words") if q.get("speaker_words") else None
            resolution = "name" if spk else "coded"
        if disagree and not note:
            ctx.bad(rec, "the coding and the text disagree: " + "; ".join(disagree),
                    "correct the coding, or keep it and add note: <why the coding is right>")
            continue
        row = _row(ctx, ctx.qid(q["id"]), q.get("kind") or d.kind, d.span, d.sentence_id, speaker, spk, resolution, cue, d,
                   names, speech, None, "overridden" if disagree else "agrees", note)
        out["quotes"].append(row)
        coded_rows.append((row, d))
        covered.add(d.sentence_id)
    # The quoted words of a coded mixed quote are direct rows of their own, part_of it.
    parts: dict[int, list[DetectedQuote]] = {}
    for p in detected:
        if p.part_of is not None:
            parts.setdefault(id(p.part_of), []).append(p)
    for row, d in coded_rows:
        for n, p in enumerate(parts.get(id(d), ()), start=1):
            if p.key in matched:
                continue
            matched[p.key] = f"{row['quote_id']}/part-{n}"
            out["quotes"].append(_row(ctx, matched[p.key], "direct", p.span, p.sentence_id, row["speaker_id"], p.speaker,
                                      row["speaker_resolution"], p.cue, p, names, row["speech_event_id"], row["quote_id"],
                                      row["detection"], None))
    for r in out["quotes"]:  # a coded direct part names its mixed quote too
        d = by_span.get((r["start"], r["end"]))
        if r["part_of"] is None and d is not None and d.part_of is not None and d.part_of.key in matched:
            r["part_of"] = matched[d.part_of.key]
    for d in detected:
        if d.key in matched or d.key in dismissed or (d.part_of is not None and d.part_of.key in matched):
            continue
        who = f" by {d.speaker.text!r}" if d.speaker else ""
        ctx.bad("quotes", f"the text has {'an' if d.kind == 'indirect' else 'a'} {d.kind} quote{who} at {d.span.start}-{d.span.end} that is not coded: {short(d.span.text, 80)}",
                "add it under quotes: with id, speaker and evidence (these exact words), or list it under not_quotes: with words and a reason")
    return covered
