"""Facts re-derived from the words: what a forger who recomputes every hash cannot make agree.

The build reads quotes, speakers, cues, dates, the publication date and quantities in
the text and compares them with the coding; a coded value that differs stands only with
a note. This layer does the same reading on a published package, with the same code
(text/ and the build's own comparisons), and compares it with the rows:

- every direct quote sits between quotation marks;
- a quote marked `agrees` is exactly what the text analysis reads there (kind, speaker,
  cue); `overridden` and `coded_only` rows carry their note; every quote the analysis
  finds is a row, or a row of not_quotes (so a deleted quote is found);
- an event's dates follow from its date words (or its basis is the coder's note), and its
  polarity from the words before its trigger (or it has a note);
- the publication date is the printed or inferred one, unless stated with a note;
- an actor's country is the country of its CAMEO code;
- an event's PLOVER codes agree with the crosswalk row of its CAMEO code, or carry a note;
- a link's shared countries and date overlap are what its events' rows give, and support
  its judgment or carry a note;
- a place's coordinates are the gazetteer's point for its GeoNames id, or the coder's with a note;
- actor keys: a QID has one key and a key one QID;
- event_dyads is exactly its derivation from the published events, actors, places and articles.
What the text cannot show (an agent swapped for another actor named in the sentence, a
CAMEO code changed within one PLOVER category, a figure moved to another number of its sentence) is caught on an installed copy by the
wheel's RECORD (release.py) and in a checkout by `newsfacts validate --rebuild`."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import NewsfactsError
from .report import Finding

FIX = "rebuild from the coding (`newsfacts build`) or reinstall: the row does not say what the article's words say"
OPENING = "\"“‘'«"
CLOSING = "\"”’'»"


def _int(v: str) -> int | None:
    return int(v) if v not in (None, "") and str(v).lstrip("-").isdigit() else None


def _none(v: Any) -> Any:
    return None if v == "" else v


def _segments(rows: list[dict[str, str]]) -> list[Any]:
    from ..pipeline.segment import Segment

    return sorted((Segment(r["segment_id"], r["kind"], int(r["start"]), int(r["end"]), _int(r["paragraph_index"]),
                           _int(r["sentence_index"]), _none(r["parent_id"])) for r in rows), key=lambda s: (s.start, -s.end))


def _by_article(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for i, r in enumerate(rows, start=1):
        out.setdefault(r.get("article_id", ""), []).append({**r, "_row": i})
    return out


def _between_marks(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is the inside of a pair of quotation marks (a paragraph may
    leave a quote open: then it runs to the paragraph's end)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] not in OPENING:
        return False
    j = end
    while j < len(text) and text[j] in " \t,":
        j += 1
    return j >= len(text) or text[j] in CLOSING or text[j] == "\n"


def quotes(text: str, segs: list[Any], actors: list[dict[str, str]], rows: list[dict[str, str]],
           dismissed: list[dict[str, str]], out: list[Finding]) -> int:
    from ..pipeline.quote_rows import speaker_index, units_of
    from ..text.quotes import detect_quotes

    actor_rows = [{"actor_id": a["actor_id"], "name": a["name"], "evidence": a["evidence"],
                   "evidence_source": a["evidence_source"], "aliases": [x for x in a["aliases"].split("|") if x],
                   "title_text": _none(a["title_text"]), "actor_type": a["actor_type"]} for a in actors]
    detected = detect_quotes(text, units_of(segs), speaker_index(actor_rows))
    by_span = {d.key: d for d in detected}
    matched: set[tuple[int, int]] = set()
    n = 0
    for r in rows:
        n += 1
        span = (_int(r["start"]), _int(r["end"]))
        if None in span:
            continue
        matched.add(span)
        d = by_span.get(span)
        note, det, row = _none(r.get("coding_note")), r.get("detection"), r["_row"]

        def bad(check: str, msg: str, value: str | None = None) -> None:
            out.append(Finding("provenance", "quotes", check, msg, FIX, row=row, value=value))

        if r.get("kind") == "direct" and not _between_marks(text, *span):
            bad("quote-not-in-marks", "a direct quote must be the words inside quotation marks, and these are not", r["text"][:60])
        if det == "agrees":
            if d is None:
                bad("quote-not-read", "detection says the text analysis agrees, but it reads no quote at these words", r["text"][:60])
                continue
            got_cue = (_int(r["cue_start"]), _int(r["cue_end"]))
            want_cue = (d.cue.start, d.cue.end) if d.cue else (None, None)
            diffs = []
            if r["kind"] != d.kind:
                diffs.append(f"kind {r['kind']}, read {d.kind}")
            if (_none(r["speaker_id"]) or None) != d.speaker_id:
                diffs.append(f"speaker {r['speaker_id'] or 'none'}, read {d.speaker_id or 'none'}")
            if got_cue != want_cue:
                diffs.append(f"cue at {got_cue}, read {want_cue}")
            if diffs:
                bad("quote-disagrees", "detection says agrees, but the text analysis reads otherwise: " + "; ".join(diffs))
        elif det == "coded_only":
            if d is not None:
                bad("quote-detection", "detection says coded_only, but the text analysis reads a quote at exactly these words")
            elif not note and not _none(r.get("part_of")):
                bad("quote-without-note", "a quote the text analysis does not read needs the coder's note")
        elif det == "overridden" and not note and not _none(r.get("part_of")):
            bad("quote-without-note", "an overridden quote needs the coder's note saying why")
    dismissed_spans = {(_int(x["start"]), _int(x["end"])) for x in dismissed}
    for d in detected:
        if d.key in matched or d.key in dismissed_spans or (d.part_of is not None and d.part_of.key in matched):
            continue
        out.append(Finding("provenance", "quotes", "quote-missing",
                           f"the text has a {d.kind} quote at {d.span.start}-{d.span.end} that is neither a row of quotes nor of not_quotes",
                           FIX, value=d.span.text[:60]))
    return n


def dates(published: dt.date, rows: list[dict[str, str]], out: list[Finding]) -> int:
    from ..text.dates import resolve

    n = 0
    for r in rows:
        if not (r.get("date_text") or r.get("date_start")):
            continue
        n += 1
        basis = r.get("date_basis", "")
        if basis.startswith("coded: "):
            continue  # the coder's date, with the note that explains it
        got = (r["date_start"], r["date_end"], r["date_precision"])
        if not r.get("date_text"):
            out.append(Finding("provenance", "events", "date-without-words", "a date without date words needs the coder's note (date_basis 'coded: ...')",
                               FIX, row=r["_row"]))
            continue
        try:
            want = resolve(r["date_text"], published, r.get("tense") == "future")
        except ValueError as exc:
            out.append(Finding("provenance", "events", "date-words", str(exc)[:160], FIX, row=r["_row"], value=r["date_text"]))
            continue
        if got != (want.start.isoformat(), want.end.isoformat(), want.precision):
            out.append(Finding("provenance", "events", "date-disagrees",
                               f"the date words {r['date_text']!r} give {want.start}..{want.end} ({want.precision}), the row {got[0]}..{got[1]} ({got[2]})",
                               FIX, row=r["_row"], value=r["event_id"]))
    return n


def polarities(text: str, segs: list[Any], rows: list[dict[str, str]], out: list[Finding]) -> int:
    from ..text.negation import polarity

    starts = {s.segment_id: s.start for s in segs}
    n = 0
    for r in rows:
        t = _int(r.get("trigger_start"))
        if t is None or r.get("coding_note"):
            continue
        n += 1
        read = polarity(text, t, starts.get(r.get("sentence_id"), 0))
        if r.get("polarity") != read:
            out.append(Finding("provenance", "events", "polarity-disagrees",
                               f"the words read {read} but the row says {r.get('polarity')} and has no note", FIX, row=r["_row"], value=r["event_id"]))
    return n


def publication_date(text: str, segs: list[Any], row: dict[str, str], out: list[Finding]) -> None:
    from ..pipeline.dates import printed_publication_date, publication_date_clashes
    from ..pipeline.segment import layout_from_segments

    lay = layout_from_segments(text, segs)
    sentences = [s for s in segs if s.kind == "sentence"]
    lead = text[sentences[0].start:sentences[0].end] if sentences else ""
    printed, inferred, _ = printed_publication_date(text, lay, lead)
    published, basis = row["publication_date"], row.get("publication_date_basis", "")
    if printed is None:
        if not basis.startswith(("not printed in the text", "stated in source.yaml")):
            out.append(Finding("provenance", "articles", "publication-date", "the text prints no publication date, so its basis "
                               "must be the coder's ('not printed in the text; ...')", FIX, row=row["_row"], value=published))
        clashes = publication_date_clashes(dt.date.fromisoformat(published), text, lay, lead)
        if clashes and not basis.startswith("stated in source.yaml: "):
            out.append(Finding("provenance", "articles", "publication-date", "; ".join(clashes) + ", and the row has no coder's note",
                               FIX, row=row["_row"], value=published))
    elif printed.isoformat() != published and not basis.startswith("stated in source.yaml: "):
        out.append(Finding("provenance", "articles", "publication-date",
                           f"the text gives {printed} but the row says {published} without the coder's note", FIX, row=row["_row"], value=published))
    elif printed.isoformat() == published and (row.get("publication_date_inferred") == "true") != bool(inferred) \
            and not basis.startswith("stated in source.yaml: "):
        out.append(Finding("provenance", "articles", "publication-date", "publication_date_inferred is not what the text gives",
                           FIX, row=row["_row"]))


def countries(rows: list[dict[str, str]], codes: dict[str, dict[str, str]], out: list[Finding]) -> int:
    n = 0
    for r in rows:
        code = r.get("cameo_code", "")
        head = codes.get(code[:3])
        if not head or head.get("kind") != "country":
            continue
        n += 1
        want = head.get("iso3") or code[:3]
        if r.get("country") != want and not r.get("coding_note"):
            out.append(Finding("provenance", "actors", "country-disagrees",
                               f"CAMEO code {code} is an actor of {want}, the row says country {r.get('country') or 'none'}",
                               FIX, row=r["_row"], value=r["actor_id"]))
    return n


def crosswalk(rows: list[dict[str, str]], cw: dict[str, dict[str, str]], out: list[Finding]) -> int:
    from ..pipeline.plover import crosswalk_gap

    n = 0
    for r in rows:
        n += 1
        gap = crosswalk_gap(cw, r["cameo_code"], _none(r["plover_type"]), _none(r["plover_mode"]),
                            [c for c in r["plover_context"].split("|") if c])
        if gap and not r.get("coding_note"):
            out.append(Finding("provenance", "events", "crosswalk", gap + ", and the row has no note", FIX, row=r["_row"], value=r["event_id"]))
    return n


def links(raw: dict[str, list[dict[str, str]]], out: list[Finding]) -> int:
    from ..pipeline.links import Facts, gaps

    def plain(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [{k: _none(v) for k, v in r.items()} for r in rows]

    facts = Facts({t: plain(raw.get(t, [])) for t in ("events", "actors", "places", "event_actors")})
    n = 0
    for i, ln in enumerate(raw.get("event_links", []), start=1):
        n += 1
        a, b = ln["event_id_a"], ln["event_id_b"]
        if a not in facts.events or b not in facts.events:
            continue  # a dangling key: the foreign-key checks report it
        acts, places, overlap = facts.shared(a, b)
        stored = ([x for x in ln["shared_actor_countries"].split("|") if x], [x for x in ln["shared_place_countries"].split("|") if x],
                  {"true": True, "false": False}.get(ln["dates_overlap"]))
        if stored != (acts, places, overlap):
            out.append(Finding("provenance", "event_links", "link-facts",
                               f"the events' rows share countries {acts} / {places} and overlap {overlap}, the row says {stored[0]} / {stored[1]} and {stored[2]}",
                               FIX, row=i, value=ln["link_id"]))
        why = gaps(ln["judgment"], acts, places, overlap)
        if why and not ln.get("coding_note"):
            out.append(Finding("provenance", "event_links", "link-judgment",
                               f"judged {ln['judgment']} but {' and '.join(why)}, and the row has no note", FIX, row=i, value=ln["link_id"]))
    return n


def coordinates(rows: list[dict[str, str]], out: list[Finding]) -> int:
    """A place's coordinates are the gazetteer's point for its GeoNames id (or the coder's, with a note)."""
    from ..dictionaries.gazetteer import point

    n = 0
    for i, r in enumerate(rows, start=1):
        n += 1
        gid, source = _int(r.get("geonames_id")), r.get("coordinates_source", "")
        cols = (r.get("latitude", ""), r.get("longitude", ""), r.get("geonames_feature_class", ""))
        if source in ("geonames", "capital"):
            pt = point(gid) if gid is not None else None
            want = (str(pt.latitude), str(pt.longitude), pt.feature_class, pt.source) if pt else None
            if want != (*cols, source):
                out.append(Finding("provenance", "places", "coordinates-disagree",
                                   f"GeoNames id {gid or 'none'} is {want[:3] if want else 'not in the gazetteer'} ({want[3] if want else '-'}), "
                                   f"the row says {cols} ({source})", FIX, row=i, value=r.get("place_id")))
        elif source == "coded":
            if not r.get("coding_note"):
                out.append(Finding("provenance", "places", "coordinates-without-note", "coordinates stated in the coding need the coder's note",
                                   FIX, row=i, value=r.get("place_id")))
        elif gid is not None or any(cols):
            out.append(Finding("provenance", "places", "coordinates-missing" if gid is not None else "coordinates-without-source",
                               "a place with a GeoNames id has coordinates from the gazetteer" if gid is not None
                               else "coordinates need their coordinates_source", FIX, row=i, value=r.get("place_id")))
    return n


def actor_keys(actors: list[dict[str, str]], articles: list[dict[str, str]], out: list[Finding]) -> int:
    """The build's cross-article identity checks of actor_key (a QID has one key, a key one QID), on the
    published rows (one CAMEO code per key is a coding rule the build checks on finished articles)."""
    from ..errors import Problems
    from ..pipeline.actor_keys import check_keys

    problems = Problems()
    dated = [{"article_id": a["article_id"], "publication_date": dt.date.fromisoformat(a["publication_date"])}
             for a in articles if a.get("publication_date")]
    check_keys([{k: _none(v) for k, v in r.items()} for r in actors], dated, problems, cameo=False)
    for p in problems.items:
        out.append(Finding("provenance", "actors", "actor-key", f"{p.file} {p.record}: {p.message}", p.fix))
    return len(actors)


def dyads(raw: dict[str, list[dict[str, str]]], schema: dict[str, Any], lists: dict[str, list[dict[str, str]]],
          out: list[Finding]) -> int:
    """event_dyads is exactly what its derivation from the published events, event_actors, actors,
    places, segments and articles gives: a row edited, added or left out is named."""
    from ..pipeline.dyads import GOLDSTEIN, dyad_rows, goldstein_scores
    from ..pipeline.publish import cell

    def text(v: Any, ftype: str) -> str:
        return v if isinstance(v, str) else cell(v, ftype)

    plain = {t: [{k: _none(v) for k, v in r.items()} for r in raw.get(t, [])]
             for t in ("events", "event_actors", "actors", "places", "segments", "articles")}
    roles = {r["code"]: r.get("cameo_role") for r in lists.get("roles", [])}
    types = {f["name"]: f["type"] for f in schema["fields"]}
    want = {r["dyad_id"]: r for r in dyad_rows(plain, roles, list(types), goldstein_scores(lists.get(GOLDSTEIN, [])))}
    got = {r.get("dyad_id", ""): (i, r) for i, r in enumerate(raw.get("event_dyads", []), start=1)}
    fix = "rebuild (`newsfacts build`) or reinstall: event_dyads is derived from the other tables, never edited"
    for k in sorted(set(want) - set(got)):
        out.append(Finding("provenance", "event_dyads", "dyad-missing", "the other tables give this row, event_dyads lacks it", fix, value=k))
    for k in sorted(set(got) - set(want)):
        out.append(Finding("provenance", "event_dyads", "dyad-extra", "the other tables give no such row", fix, row=got[k][0], value=k))
    for k in sorted(set(want) & set(got)):
        i, row = got[k]
        bad = next((c for c in types if text(want[k][c], types[c]) != row.get(c, "")), None)
        if bad:
            out.append(Finding("provenance", "event_dyads", "dyad-differs",
                               f"{bad} is {row.get(bad, '')[:60]!r}, the other tables give {text(want[k][bad], types[bad])[:60]!r}",
                               fix, row=i, value=k))
    return len(want) + len(got)


# The tables whose rows the checks of this module (and coding.py) hold per article; any other
# table may be streamed row by row when it is large (provenance.py).
HELD = ("articles", "segments", "quotes", "not_quotes", "actors", "places", "assets", "events", "event_actors",
        "event_assets", "event_casualties", "event_links", "event_dyads")


# --- what the build derives from other columns, re-derived (what --rebuild would compute, where cheap) ---

# (table, start column, end column, the column naming the segment that contains them)
CONTAINED = (("events", "trigger_start", "trigger_end", "sentence_id"), ("actors", "start", "end", "sentence_id"),
             ("places", "start", "end", "sentence_id"), ("assets", "start", "end", "sentence_id"),
             ("mentions", "start", "end", "segment_id"))


def derived(raw: dict[str, list[dict[str, str]]], segs: dict[str, list[Any]], lists: dict[str, list[dict[str, str]]],
            out: list[Finding]) -> int:
    """Columns the build computes from others, computed again the build's way: an edit that
    changes one and not the other (an event's code but not its label, an actor's role but not
    the link's id, an event added or dropped without its sentence's coverage) is found."""
    from ..pipeline.events import AUX_MODES
    from ..pipeline.segment import smallest_containing

    n = 0

    def bad(table: str, check: str, row: dict[str, str], msg: str, value: str | None = None) -> None:
        out.append(Finding("provenance", table, check, msg, FIX, row=row["_row"], value=value))

    published = {a["article_id"]: a.get("publication_date", "") for a in raw.get("articles", [])}
    cameo = {r["code"]: r for r in lists.get("cameo_events", [])}
    for r in (r for rows in _by_article(raw.get("events", [])).values() for r in rows):
        n += 1
        code = r.get("cameo_code", "")
        if code in cameo:
            want = {"cameo_label": cameo[code].get("label", ""), "cameo_root": code[:2], "quad_class": cameo[code].get("quad_class", "")}
            for col, v in want.items():
                if r.get(col, "") != v:
                    bad("events", "derived-column", r, f"{col} is {r.get(col, '')[:60]!r}, but CAMEO {code} gives {v[:60]!r}", r["event_id"])
        aux = list(dict.fromkeys(m for (k, v), m in AUX_MODES.items() if r.get(k) == v))
        try:
            pub = dt.date.fromisoformat(published.get(r.get("article_id", ""), ""))
            if r.get("date_end") and dt.date.fromisoformat(r["date_end"]) < pub.replace(year=pub.year - 1) and "historical" not in aux:
                aux.append("historical")
        except ValueError:
            pass  # an unreadable date is the date checks' finding
        if r.get("plover_aux_modes", "") != "|".join(aux):
            bad("events", "derived-column", r, f"plover_aux_modes is {r.get('plover_aux_modes', '')!r}, but polarity, modality, "
                                               f"tense and date give {'|'.join(aux)!r}", r["event_id"])
    roles = {r["code"]: r for r in lists.get("roles", [])}
    for table, kind in (("event_actors", "actor"), ("event_assets", "asset")):
        for r in (r for rows in _by_article(raw.get(table, [])).values() for r in rows):
            n += 1
            slug = r.get(f"{kind}_id", "").split("/", 1)[-1]
            want = f"{r.get('event_id', '')}/{slug}/{r.get('role', '')}"
            if r.get(f"{table[:-1]}_id") != want:
                bad(table, "derived-column", r, f"the link's id is not its event, {kind} and role ({want!r})", r.get(f"{table[:-1]}_id"))
            if kind == "actor" and r.get("role") in roles:
                for col in ("cameo_role", "plover_role"):
                    if r.get(col, "") != roles[r["role"]].get(col, ""):
                        bad(table, "derived-column", r, f"{col} is {r.get(col, '')!r}, but role {r['role']} gives "
                                                        f"{roles[r['role']].get(col, '')!r}", r["event_actor_id"])
    for table, s_col, e_col, seg_col in CONTAINED:
        for i, r in enumerate(raw.get(table, []), start=1):  # row by row: a large table may be streamed
            article_segs = segs.get(r.get("article_id", ""))
            s, e = _int(r.get(s_col)), _int(r.get(e_col))
            if not article_segs or s is None or e is None:
                continue
            n += 1
            seg = smallest_containing(article_segs, s, e)
            want = seg.segment_id if seg else ""
            if r.get(seg_col, "") != want:
                bad(table, "derived-column", {**r, "_row": i}, f"{seg_col} is {r.get(seg_col, '')!r}, but the segment around "
                                                               f"{s}-{e} is {want!r}", r.get(next(iter(r))))
    n += coverage(raw, segs, out)
    return n


def coverage(raw: dict[str, list[dict[str, str]]], segs: dict[str, list[Any]], out: list[Finding]) -> int:
    """A body sentence is `coded` exactly when a fact row takes its evidence from it (an event's
    trigger, a quote, an asset, a casualty figure) and `uncoded` otherwise: an event invented in
    a sentence the coding left out, or one dropped from a sentence only it covered, is found."""
    from ..pipeline.segment import smallest_containing
    from .coding import derived_part

    covered: set[str] = {r.get("sentence_id", "") for t in ("events", "assets") for r in raw.get(t, [])}
    covered |= {r.get("sentence_id", "") for r in raw.get("quotes", []) if not derived_part(r)}
    for r in raw.get("event_casualties", []):
        s, e, article_segs = _int(r.get("start")), _int(r.get("end")), segs.get(r.get("article_id", ""))
        seg = smallest_containing(article_segs, s, e) if article_segs and s is not None and e is not None else None
        if seg:
            covered.add(seg.segment_id)
    n = 0
    for i, r in enumerate(raw.get("segments", []), start=1):
        if r.get("kind") != "sentence" or r.get("coverage") not in ("coded", "uncoded"):
            continue  # a missing coverage is the provenance layer's finding
        n += 1
        want = "coded" if r["segment_id"] in covered else "uncoded"
        if r["coverage"] != want:
            why = ("no event, quote, asset or casualty row takes its evidence from it" if want == "uncoded"
                   else "a fact row takes its evidence from it")
            out.append(Finding("provenance", "segments", "coverage-disagrees", f"sentence {r['segment_id']} is {r['coverage']}, but {why}",
                               FIX, row=i, value=r["segment_id"]))
    return n


def check(raw: dict[str, list[dict[str, str]]], texts: dict[str, str], lists: dict[str, list[dict[str, str]]],
          schemas: dict[str, dict[str, Any]] | None = None) -> tuple[list[Finding], int]:
    """Every re-derivation above, per article; an article whose rows cannot be re-read is one finding."""
    out: list[Finding] = []
    n = 0
    segs = _by_article(raw.get("segments", []))
    per = {t: _by_article(raw.get(t, [])) for t in ("quotes", "not_quotes", "actors", "events")}
    for a in _by_article(raw.get("articles", [])).values():
        a = a[0]
        aid = a["article_id"]
        text = texts.get(aid)
        if text is None:
            continue
        try:
            seg = _segments(segs.get(aid, []))
            n += quotes(text, seg, per["actors"].get(aid, []), per["quotes"].get(aid, []), per["not_quotes"].get(aid, []), out)
            publication_date(text, seg, a, out)
            n += 1 + dates(dt.date.fromisoformat(a["publication_date"]), per["events"].get(aid, []), out)
            n += polarities(text, seg, per["events"].get(aid, []), out)
        except (KeyError, ValueError, TypeError, IndexError, NewsfactsError) as exc:
            out.append(Finding("provenance", "articles", "facts-unreadable",
                               f"the rows of {aid} cannot be re-read against its text ({type(exc).__name__}: {str(exc)[:120]})", FIX, row=a["_row"]))
    article_segs: dict[str, list[Any]] = {}
    for aid, rows in segs.items():
        try:
            article_segs[aid] = _segments(rows)
        except (KeyError, ValueError, TypeError):
            continue  # reported above for the article
    n += derived(raw, article_segs, lists, out)
    actor_codes = {r["code"]: r for r in lists.get("cameo_actors", [])}
    n += countries([r for rows in per["actors"].values() for r in rows], actor_codes, out)
    cw = {r["code"]: r for r in lists.get("cameo_plover", [])}
    if cw:
        n += crosswalk([r for rows in per["events"].values() for r in rows], cw, out)
    n += links(raw, out)
    n += coordinates(raw.get("places", []), out)
    try:
        n += actor_keys(raw.get("actors", []), raw.get("articles", []), out)
    except (KeyError, ValueError) as exc:
        out.append(Finding("provenance", "actors", "facts-unreadable", f"actor keys cannot be re-read ({type(exc).__name__})", FIX))
    if schemas and "event_dyads" in schemas:
        try:
            n += dyads(raw, schemas["event_dyads"], lists, out)
        except (KeyError, ValueError, TypeError) as exc:
            out.append(Finding("provenance", "event_dyads", "facts-unreadable",
                               f"event_dyads cannot be re-derived from the other tables ({type(exc).__name__}: {str(exc)[:80]})", FIX))
    return out, n
