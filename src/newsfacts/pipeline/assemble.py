"""Rows of every table for one article: the coding's judgments plus what the build reads in the text."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from ..errors import Problems
from .articles import SOURCE, Article
from .codelists import Codelist
from .coding_rules import publisher_rule
from .context import Ctx, ids, listed, short
from .dates import printed_publication_date, publication_date_clashes
from .entities import entity_rows
from .events import event_rows
from .evidence import Span
from ..layout import text_path
from .quote_rows import quote_rows
from .segment import LayoutError, segment

SOURCE_KEYS = ("added_in publisher publisher_ownership publisher_ownership_basis language url boilerplate has_subtitle title title_source layout publication_date "
               "publication_date_basis publication_date_note dateline dateline_note title_note text_license text_license_name "
               "text_attribution text_completeness note")
CODING_KEYS = "places actors assets events quotes not_quotes uncoded"
TABLES = ("articles", "segments", "places", "actors", "assets", "events", "event_actors",
          "event_assets", "event_casualties", "quotes", "not_quotes", "mentions")


def _layout_overrides(src: dict, ctx: Ctx, file: str) -> dict[str, str]:
    out = {}
    for i, item in enumerate(listed(src.get("layout"), ctx, "layout"), start=1):
        rec = f"layout[{i}]"
        ctx.keys(item, "line kind note", rec, file=file)
        if ctx.need(item, ["line", "kind"], rec) and ctx.enum("segments.kind", item["kind"], rec, "kind"):
            out[str(item["line"])] = item["kind"]
    return out


def publication(ctx: Ctx, src: dict, text: str, lay: Any, lead: str, file: str) -> tuple[dt.date | None, bool, str | None]:
    """The publication date: what the text prints (or implies) and what source.yaml states, compared."""
    printed, inferred, basis = printed_publication_date(text, lay, lead)
    stated = src.get("publication_date")
    note = src.get("publication_date_note")
    if stated in (None, ""):
        if printed is None:
            ctx.bad("publication_date", f"cannot be read from the text ({basis})",
                    "add `publication_date: YYYY-MM-DD` to source.yaml with `publication_date_basis: <how it is known>`", file=file)
        return printed, inferred, basis + (f"; {note}" if note and printed else "")
    try:
        stated = stated if isinstance(stated, dt.date) else dt.date.fromisoformat(str(stated))
    except ValueError:
        ctx.bad("publication_date", f"{short(stated)} is not a date", "write publication_date: YYYY-MM-DD", file=file)
        return None, True, None
    own_basis = src.get("publication_date_basis")
    if printed is not None and printed != stated:
        if not note:
            ctx.bad("publication_date", f"source.yaml says {stated} but the text gives {printed} ({basis})",
                    "correct publication_date, or keep it and add publication_date_note: <why>", file=file)
            return None, True, None
        return stated, True, f"stated in source.yaml: {note}"
    if printed is not None:
        return stated, inferred, basis + (f"; {note}" if note else "")
    if not own_basis:
        ctx.bad("publication_date", f"the text does not print it ({basis}), so source.yaml must say how {stated} is known",
                "add publication_date_basis: <the evidence for the date>", file=file)
        return None, True, None
    clashes = publication_date_clashes(stated, text, lay, lead)
    if clashes and not note:
        ctx.bad("publication_date", f"source.yaml says {stated}, but " + "; and ".join(clashes),
                "correct publication_date, or keep it and add publication_date_note: <why the text's day does not apply>", file=file)
        return None, True, None
    if clashes:
        return stated, True, f"stated in source.yaml: {note}; not printed in the text; {own_basis}"
    return stated, True, f"not printed in the text; {own_basis}"


def assemble(art: Article, problems: Problems, codes: dict[str, Codelist], schemas_dir: Any = None,
             lists: dict[str, Codelist] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one article; problems are recorded, not raised."""
    ctx = Ctx(art, problems, codes, schemas_dir, lists)
    text, src, cod, aid = art.text, art.source, art.coding, art.article_id
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in TABLES}
    src_file = art.file(SOURCE)
    ctx.keys(src, SOURCE_KEYS, "source.yaml", file=src_file)
    ctx.keys(cod, CODING_KEYS, "coding.yaml")
    for key in ("publisher", "language", "text_license", "text_attribution"):
        if not isinstance(src.get(key), str) or not src.get(key):
            ctx.bad(key, "is missing" if src.get(key) in (None, "") else "must be text", f"add `{key}: ...`", file=src_file)
    ownership = src.get("publisher_ownership")
    if ownership is not None and ctx.enum("articles.publisher_ownership", ownership, "publisher_ownership") and \
            not src.get("publisher_ownership_basis"):
        ctx.bad("publisher_ownership", "says who owns the publisher without saying how it is known",
                "add publisher_ownership_basis: <the public record of the outlet's ownership>", file=src_file)
    completeness = src.get("text_completeness", "complete")
    if completeness not in ("complete", "lead_excerpt"):
        ctx.bad("text_completeness", f"{short(completeness)} is not one of complete, lead_excerpt", "write text_completeness: complete or lead_excerpt", file=src_file)
    boiler = src.get("boilerplate") or []
    if not isinstance(boiler, list) or not all(isinstance(b, str) for b in boiler):
        ctx.bad("boilerplate", "must be a list of lines", 'write boilerplate: ["All news"]', file=src_file)
        return out
    title_stated = src.get("title")
    if title_stated is not None and not isinstance(title_stated, str):
        ctx.bad("title", "must be text", "write title: <the headline>", file=src_file)
        return out
    has_sub = src.get("has_subtitle")
    if has_sub is not None and not isinstance(has_sub, bool):
        ctx.bad("has_subtitle", "must be true or false", "write has_subtitle: true or false", file=src_file)
        return out
    overrides = _layout_overrides(src, ctx, src_file)
    try:
        printed_title = bool(title_stated) and title_stated in text.split("\n")
        no_title = bool(title_stated) and not printed_title
        if no_title:  # a stated title the text does not print: unless the text prints another headline
            probe = segment(aid, text, boiler, has_title=None, has_subtitle=has_sub, overrides=overrides)[1].first("title")
            if probe is not None and not src.get("title_note"):
                ctx.bad("title", f"source.yaml gives {short(title_stated)} but the text prints the title {short(text[probe.start:probe.end])}",
                        "remove title: from source.yaml (the printed one is used), or keep yours and add title_note: <why>", file=src_file)
                return out
            no_title = probe is None
        segs, lay = segment(aid, text, boiler, has_title=False if no_title else None, has_subtitle=has_sub, overrides=overrides)
    except LayoutError as exc:
        ctx.bad("layout", str(exc), exc.fix, file=src_file)
        return out
    ctx.segs = segs
    sentences = [s for s in segs if s.kind == "sentence"]
    dl = lay.dateline
    if src.get("dateline") is not None:
        printed = text[dl.start:dl.end] if dl else None
        if printed != src["dateline"] and not src.get("dateline_note"):
            ctx.bad("dateline", f"source.yaml says {short(src['dateline'])} but the build reads {short(printed) if printed else 'no dateline'}",
                    "correct dateline:, or keep it and add dateline_note: <why>", file=src_file)
        elif printed != src["dateline"]:
            from ..text.header import Dateline, find_dateline
            sp = ctx.span(src["dateline"], "dateline")
            if sp is None:
                return out
            place = sp.text.split(",")[0].strip()
            dl = find_dateline(text, sp.start, sp.end + 1) or Dateline(sp.start, sp.end, place, sp.start, None, None, None, None, None)
    published, inferred, basis = publication(ctx, src, text, lay, text[sentences[0].start:sentences[0].end] if sentences else "", src_file)
    # Without a publication date (its problem is recorded: nothing publishes) the rows are still
    # made, so a draft's entries keep their words in the review; only dates are not read.

    places = listed(cod.get("places"), ctx, "places")
    actors = listed(cod.get("actors"), ctx, "actors")
    assets = listed(cod.get("assets"), ctx, "assets")
    events = listed(cod.get("events"), ctx, "events")
    place_ids, actor_ids = ids(places, ctx, "places"), ids(actors, ctx, "actors")
    asset_ids, event_ids = ids(assets, ctx, "assets"), ids(events, ctx, "events")

    names, mention_spans = entity_rows(ctx, places, actors, assets, place_ids, actor_ids, asset_ids, out, src.get("publisher"))
    publisher_rule(ctx, actors, src.get("publisher"), ownership)
    dl_place = next((r["place_id"] for r in out["places"] if dl and r["start"] == dl.place_start), None)
    covered = event_rows(ctx, events, place_ids, actor_ids, asset_ids, mention_spans, published, out,
                         dl_place.split("/", 1)[1] if dl_place else None)
    covered |= quote_rows(ctx, segs, names, actor_ids, event_ids, out)

    # Coverage: every body sentence carries a fact row or is listed as deliberately uncoded.
    for row in out["assets"]:
        covered.add(row["sentence_id"])
    for row in out["event_casualties"]:
        covered.add(ctx.segment_of(Span(row["start"], row["end"], row["evidence"])))
    uncoded: dict[str, str] = {}
    for i, u in enumerate(listed(cod.get("uncoded"), ctx, "uncoded"), start=1):
        rec = f"uncoded[{i}]"
        ctx.keys(u, "sentence reason", rec)
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
                ctx.bad(f"sentence {s.segment_id}", f"{short(text[s.start:s.end], 80)} is not the evidence of any event, quote, asset or casualty row",
                        "code what it says, or list it under `uncoded:` with `sentence: <some of its words>` and a `reason:`")
        out["segments"].append({"segment_id": s.segment_id, "article_id": aid, "kind": s.kind,
                                "paragraph_index": s.paragraph_index, "sentence_index": s.sentence_index,
                                "parent_id": s.parent_id, "start": s.start, "end": s.end, "text": text[s.start:s.end],
                                "coverage": coverage, "uncoded_reason": reason})

    seg_text = {s.kind: text[s.start:s.end] for s in segs if s.kind in ("title", "subtitle")}
    title, title_in_text, title_source = seg_text.get("title"), True, None
    if title_stated is not None and title is not None and title_stated != title:
        if not src.get("title_note"):
            ctx.bad("title", f"source.yaml gives {short(title_stated)} but the text prints the title {short(title)}",
                    "remove title: from source.yaml (the printed one is used), or keep yours and add title_note: <why>", file=src_file)
        title, title_in_text, title_source = title_stated, False, f"stated in source.yaml instead of the printed {title!r}: {src['title_note']}"
    elif title is None:
        if not title_stated:
            ctx.bad("title", "the text prints no title line", "add title: <the headline> and title_source: <where it comes from> to source.yaml", file=src_file)
        elif not src.get("title_source"):
            ctx.bad("title", "a title that is not printed in the text needs its source", "add title_source: <where the title comes from>", file=src_file)
        title, title_in_text, title_source = title_stated, False, src.get("title_source")
    if dl and dl_place is None:
        ctx.bad("places", f"the dateline place {short(dl.place_words)} is not coded as a place", f"add a place with evidence: {dl.place_words}")
    notes = [n for n in (src.get("note"), src.get("dateline_note"), src.get("title_note")) if n]
    out["articles"].append({
        "article_id": aid, "publisher": src.get("publisher"), "publisher_ownership": ownership, "url": src.get("url"), "title": title,
        "title_in_text": title_in_text, "title_source": title_source, "subtitle": seg_text.get("subtitle"),
        "dateline_text": text[dl.start:dl.end] if dl else None,
        "dateline_start": dl.start if dl else None, "dateline_end": dl.end if dl else None,
        "dateline_place_id": dl_place, "language": src.get("language"), "publication_date": published,
        "publication_date_inferred": inferred, "publication_date_basis": basis,
        "text_path": text_path(aid), "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "text_length": len(text), "text_license": src.get("text_license"),
        "text_license_id": src.get("text_license_name") or "LicenseRef-publisher-copyright", "text_attribution": src.get("text_attribution"),
        "text_completeness": completeness, "coding_note": " ".join(notes) or None})
    return out
