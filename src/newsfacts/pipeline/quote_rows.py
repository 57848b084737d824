"""Rows of quotes: detected in the text, matched one to one with the coded ones."""
from __future__ import annotations

from typing import Any

from .context import Ctx, evidence_cols, listed
from .quotes import detect_quotes
from .segment import Segment


def quote_rows(ctx: Ctx, sentences: list[Segment], names: dict[str, str], actor_ids: set[str], event_ids: set[str],
               out: dict[str, list[dict[str, Any]]]) -> set[str]:
    """Fill out's quotes; every detected quote must be coded and every coded quote detected."""
    text, aid, cod = ctx.art.text, ctx.art.article_id, ctx.art.coding
    covered: set[str] = set()
    # Quotes: detected in the text, then matched one to one with the coded ones.
    detected = detect_quotes(text, [s for s in sentences], names)
    by_span = {(q.span.start, q.span.end): q for q in detected}
    matched: set[tuple[int, int]] = set()
    for q in listed(cod.get("quotes"), ctx, "quotes"):
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
            "addressee_id": d.addressee_id, **evidence_cols(d.addressee, "addressee"),
            "insertions": [i.text for i in d.insertions],
            "speech_event_id": ctx.ref(event_ids, q["speech_event"], "event", f"{rec} speech_event"),
            "sentence_id": d.sentence_id})
    for d in detected:
        if (d.span.start, d.span.end) not in matched:
            article = "an" if d.kind == "indirect" else "a"
            ctx.bad("quotes", f"the text has {article} {d.kind} quote by {d.speaker.text!r} at {d.span.start}-{d.span.end} that is not coded: {d.span.text!r}",
                    "add it under quotes: with id, speaker, evidence (these exact words) and speech_event")

    return covered
