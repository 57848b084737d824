"""Rows of every table for one article: the coding's judgments plus what the build computes."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from ..errors import Problems
from .articles import SOURCE, Article
from .codelists import Codelist
from .context import Ctx, ids, listed
from .dates import infer_publication_date
from .entities import entity_rows
from .events import event_rows
from .evidence import Span
from .quote_rows import quote_rows
from .layout import text_path
from .segment import SegmentationError, segment



def assemble(art: Article, problems: Problems, codes: dict[str, Codelist]) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one article; problems are recorded, not raised."""
    ctx = Ctx(art, problems, codes)
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
    places = listed(cod.get("places"), ctx, "places")
    actors = listed(cod.get("actors"), ctx, "actors")
    assets = listed(cod.get("assets"), ctx, "assets")
    events = listed(cod.get("events"), ctx, "events")
    place_ids, actor_ids = ids(places, ctx, "places"), ids(actors, ctx, "actors")
    asset_ids, event_ids = ids(assets, ctx, "assets"), ids(events, ctx, "events")

    names, mention_spans = entity_rows(ctx, places, actors, assets, place_ids, actor_ids, asset_ids, out)
    covered = event_rows(ctx, events, place_ids, actor_ids, asset_ids, mention_spans, published, out)
    covered |= quote_rows(ctx, sentences, names, actor_ids, event_ids, out)

    # Coverage: every body sentence carries a fact row or is listed as deliberately uncoded.
    for row in out["assets"]:
        covered.add(row["sentence_id"])
    for row in out["event_casualties"]:
        covered.add(ctx.segment_of(Span(row["start"], row["end"], row["evidence"])))
    uncoded: dict[str, str] = {}
    for i, u in enumerate(listed(cod.get("uncoded"), ctx, "uncoded"), start=1):
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
        "text_path": text_path(aid), "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "text_length": len(text), "text_license": src.get("text_license"), "text_attribution": src.get("text_attribution")})
    return out


