"""`newsfacts draft`: the text analysis run on an uncoded article, to start its coding.

The draft holds what the build can read without judgment: the layout, the publication
date, quotes with their speakers and cues, the speakers as actors, the dateline place,
and the dated expressions (as suggestions: an event needs a human's codes). Written with
`--out`, it is a source.yaml and a coding.yaml that `newsfacts build` accepts as they are:
every sentence not yet coded is listed under `uncoded:` with a TODO reason.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..__about__ import __version__
from ..errors import NewsfactsError
from ..pipeline.articles import ARTICLE_ID, read_text
from ..pipeline.dates import printed_publication_date
from ..pipeline.evidence import find_all
from ..pipeline.quote_rows import units_of
from ..pipeline.segment import LayoutError, segment
from ..text.dates import find_dates
from ..text.index import index_of
from ..text.header import KNOWN_BOILERPLATE
from ..text.quotes import detect_quotes
from ..text.speakers import SpeakerIndex, slug

TODO = "TODO"
COUNTRIES = {"Afghanistan": "AFG", "Belgium": "BEL", "Britain": "GBR", "China": "CHN", "Egypt": "EGY", "England": "GBR",
             "France": "FRA", "Georgia": "GEO", "Germany": "DEU", "India": "IND", "Iran": "IRN", "Iraq": "IRQ",
             "Israel": "ISR", "Italy": "ITA", "Japan": "JPN", "Jordan": "JOR", "Lebanon": "LBN", "Libya": "LBY",
             "Pakistan": "PAK", "Poland": "POL", "Qatar": "QAT", "Russia": "RUS", "Saudi Arabia": "SAU", "Spain": "ESP",
             "Switzerland": "CHE", "Syria": "SYR", "Turkey": "TUR", "Ukraine": "UKR", "United Kingdom": "GBR",
             "Yemen": "YEM", "Belarus": "BLR", "Kazakhstan": "KAZ", "Estonia": "EST", "Latvia": "LVA", "Lithuania": "LTU"}
CAPITALS = {"WASHINGTON": "USA", "MOSCOW": "RUS", "SOCHI": "RUS", "DAMASCUS": "SYR", "BEIRUT": "LBN", "LONDON": "GBR",
            "PARIS": "FRA", "BERLIN": "DEU", "BRUSSELS": "BEL", "KYIV": "UKR", "KIEV": "UKR", "BEIJING": "CHN",
            "ANKARA": "TUR", "TEHRAN": "IRN", "BAGHDAD": "IRQ", "GENEVA": "CHE", "VIENNA": "AUT", "TOKYO": "JPN",
            "NEW YORK": "USA", "ARLINGTON": "USA", "ST. PETERSBURG": "RUS", "MINSK": "BLR", "KABUL": "AFG"}


class DraftError(NewsfactsError):
    pass


def _occurrence(text: str, sp_start: int, words: str) -> Any:
    idx = index_of(text)
    if len(idx.hits(words)) <= 1:
        return words
    return {"words": words, "occurrence": idx.occurrence(words, sp_start)}


def draft(path: str | Path, publisher: str, publication_date: str | dt.date | None = None, title: str | None = None,
          article_id: str | None = None) -> dict[str, Any]:
    """Draft an article: {"tables": rows by table, "source": source.yaml, "coding": coding.yaml,
    "suggestions": dated expressions, "messages": what the draft could not decide}."""
    p = Path(path)
    text, bad = read_text(p)
    if bad:
        where, what, fix = bad
        if what == "missing":
            raise DraftError(f"{p}: cannot be read (it does not exist); give the path of the article's text")
        raise DraftError(f"{p}: {where + ': ' if where != 'file' else ''}{what}; {fix}")
    aid = article_id or (p.parent.name if ARTICLE_ID.match(p.parent.name) and p.name == "article.txt" else slug(p.stem))
    if not ARTICLE_ID.match(aid):
        raise DraftError(f"article id {aid!r} is not lowercase letters, digits and hyphens; pass --id")
    messages: list[str] = []
    lines = [ln.strip() for ln in text.split("\n\n") if ln.strip()]
    boiler = []
    for ln in lines:
        if ln.lower() in KNOWN_BOILERPLATE:
            boiler.append(ln)
        else:
            break
    printed_title = title in text.split("\n") if title else False
    try:
        segs, lay = segment(aid, text, boiler, has_title=False if title and not printed_title else None)
    except LayoutError as exc:
        raise DraftError(f"{p}: {exc}; {exc.fix}") from None
    sentences = [s for s in segs if s.kind == "sentence"]
    lead = text[sentences[0].start:sentences[0].end] if sentences else ""
    printed, inferred, basis = printed_publication_date(text, lay, lead)
    source: dict[str, Any] = {"added_in": __version__, "publisher": publisher, "language": "en", "url": None}
    if boiler:
        source["boilerplate"] = boiler
    if publication_date:
        pub = publication_date if isinstance(publication_date, dt.date) else dt.date.fromisoformat(str(publication_date))
        if printed is not None and printed != pub:
            messages.append(f"publication date: given {pub}, but the text gives {printed} ({basis}); source.yaml keeps yours with a TODO note")
            source["publication_date_note"] = f"{TODO}: the text gives {printed}; say why {pub} is right"
        source["publication_date"] = pub
        if printed is None:
            source["publication_date_basis"] = f"{TODO}: given to newsfacts draft; say how it is known"
        pub_basis = "given to newsfacts draft" if printed is None else basis
    elif printed is not None:
        pub, pub_basis = printed, basis
    else:
        # Quotes and speakers can still be drafted; dates need the publication date to resolve.
        pub, pub_basis = None, f"{TODO}: not printed in the text ({basis})"
        messages.append(f"publication date: cannot be read from the text ({basis}); relative dates are not resolved: "
                        "pass --publication-date YYYY-MM-DD")
        source["publication_date"] = None
        source["publication_date_basis"] = f"{TODO}: the date and how it is known"
    seg_text = {s.kind: text[s.start:s.end] for s in segs if s.kind in ("title", "subtitle")}
    if "title" in seg_text:
        the_title = seg_text["title"]
    elif title:
        the_title = title
        source["title"], source["title_source"] = title, f"{TODO}: where the title comes from (given to newsfacts draft)"
    else:
        the_title = f"{TODO}: the headline"
        source["title"], source["title_source"] = the_title, f"{TODO}: where the title comes from"
        messages.append("title: the text prints none; pass --title, or fill in title and title_source in source.yaml")
    if lay.first("subtitle") is None and "has_subtitle" not in source:
        source["has_subtitle"] = False
    source["text_license"] = f"{TODO}: the licence of the text"
    source["text_attribution"] = f'{publisher}, "{the_title}", {pub.isoformat() if pub else TODO}.'
    source["text_completeness"] = "complete"

    # Quotes and their speakers.
    idx = SpeakerIndex(learn=True)
    try:
        quotes = detect_quotes(text, units_of(segs), idx)
    except Exception as exc:  # noqa: BLE001 - a draft goes on without quotes, and says why
        quotes = []
        messages.append(f"quotes: the detector failed ({type(exc).__name__}: {str(exc)[:120]}); please report this text")
    pub_id = slug(publisher)
    actors = [{"id": pub_id, "name": publisher, "type": "media", "evidence": {"source": "publisher"}}]
    actor_rows = [{"actor_id": f"{aid}/{pub_id}", "article_id": aid, "name": publisher, "actor_type": "media",
                   "aliases": [], "evidence": publisher, "evidence_source": "source_metadata"}]
    first_phrase: dict[str, Any] = {}
    for q in quotes:
        if q.speaker_id and q.speaker and q.resolution in ("name", "description") and q.speaker_id not in first_phrase:
            first_phrase[q.speaker_id] = q.speaker
    for sp in idx.speakers:
        if sp.key == pub_id or sp.key not in first_phrase:
            continue
        ev = first_phrase[sp.key]
        aliases = sorted(n for n in sp.names if n != ev.text and n != sp.name and find_all(text, n))
        kind = "person" if sp.person or re.search(r"(?:secretary|commander|spokes\w+|minister|official|president)$", ev.text.lower()) else "government"
        entry = {"id": sp.key, "name": sp.name, "type": kind, "evidence": _occurrence(text, ev.start, ev.text)}
        if aliases:
            entry["aliases"] = aliases
        if sp.titles and kind == "person":
            t = max(sp.titles, key=len)
            hit = re.search(re.escape(t), text, re.I)
            if hit:
                entry["title"] = _occurrence(text, hit.start(), text[hit.start():hit.end()])
        actors.append(entry)
        actor_rows.append({"actor_id": f"{aid}/{sp.key}", "article_id": aid, "name": sp.name, "actor_type": kind,
                           "aliases": sorted(sp.names - {sp.name}), "evidence": ev.text, "evidence_source": "text",
                           "start": ev.start, "end": ev.end})
    known = {a["id"] for a in actors}
    coded_quotes, quote_rows, covered = [], [], set()
    ids: dict[int, str] = {}
    for n, q in enumerate(quotes, start=1):
        qid = f"q{n:02d}"
        ids[id(q)] = qid
        spk = q.speaker_id if q.speaker_id in known else None
        row = {"quote_id": f"{aid}/{qid}", "article_id": aid, "speaker_id": f"{aid}/{spk}" if spk else None,
               "speaker_text": q.speaker.text if q.speaker else None, "speaker_resolution": q.resolution if spk else None,
               "kind": q.kind, "text": q.span.text, "start": q.span.start, "end": q.span.end,
               "cue_verb": q.cue.text if q.cue else None, "cue_start": q.cue.start if q.cue else None,
               "cue_end": q.cue.end if q.cue else None, "part_of": f"{aid}/{ids[id(q.part_of)]}" if q.part_of else None,
               "sentence_id": q.sentence_id}
        quote_rows.append(row)
        covered.add(q.sentence_id)
        if q.part_of is None:
            entry = {"id": qid, "speaker": spk, "evidence": _occurrence(text, q.span.start, q.span.text)}
            if spk is None:
                entry["speaker"] = None
            coded_quotes.append(entry)
    places, place_rows = [], []
    dl = lay.dateline
    if dl is not None:
        words = dl.place_words
        country = COUNTRIES.get(dl.region or "") or CAPITALS.get(words.upper())
        entry = {"id": slug(words), "name": words.title() if words.isupper() else words, "type": "city",
                 "evidence": _occurrence(text, dl.place_start, words)}
        if country:
            entry["country"] = country
        places.append(entry)
        place_rows.append({"place_id": f"{aid}/{entry['id']}", "article_id": aid, "name": entry["name"], "place_type": "city",
                           "country": country, "evidence": words, "start": dl.place_start, "end": dl.place_start + len(words)})
    # Dated expressions: suggestions for events (an event needs its codes from a human).
    header_spans = [(s.start, s.end) for s in segs if s.kind in ("dateline", "timestamp")]
    event_rows, suggestions = [], []
    for s in segs:
        if pub is None or s.kind not in ("sentence", "title", "subtitle", "subheading"):
            continue
        for m in find_dates(text, pub, s.start, s.end):
            if any(a <= m.span.start < b for a, b in header_spans):
                continue
            r = m.range
            k = len(event_rows) + 1
            event_rows.append({"event_id": f"{aid}/date-{k:02d}", "article_id": aid, "summary": f"{TODO}: what happened",
                               "sentence_id": s.segment_id, "date_text": m.span.text, "date_text_start": m.span.start,
                               "date_text_end": m.span.end, "date_start": r.start.isoformat(), "date_end": r.end.isoformat(),
                               "date_precision": r.precision, "date_basis": r.basis})
            suggestions.append(f"{m.span.text!r} in {s.segment_id}: {r.start}..{r.end} ({r.precision}); {r.basis}")
    uncoded = []
    for s in sentences:
        if s.segment_id not in covered:
            words = text[s.start:s.end]
            uncoded.append({"sentence": _occurrence(text, s.start, words), "reason": f"{TODO}: not coded yet (drafted by newsfacts draft)"})
    coding = {"places": places, "actors": actors, "assets": [], "events": [], "quotes": coded_quotes,
              "not_quotes": [], "uncoded": uncoded}
    segment_rows = [{"segment_id": s.segment_id, "article_id": aid, "kind": s.kind, "paragraph_index": s.paragraph_index,
                     "sentence_index": s.sentence_index, "parent_id": s.parent_id, "start": s.start, "end": s.end,
                     "text": text[s.start:s.end]} for s in segs]
    article = {"article_id": aid, "publisher": publisher, "title": the_title, "title_in_text": "title" in seg_text,
               "subtitle": seg_text.get("subtitle"), "dateline_text": text[dl.start:dl.end] if dl else None,
               "dateline_start": dl.start if dl else None, "dateline_end": dl.end if dl else None,
               "language": "en", "publication_date": pub.isoformat() if pub else None,
               "publication_date_inferred": bool(inferred) if printed else True,
               "publication_date_basis": pub_basis, "text_length": len(text)}
    mentions = []
    for a in actor_rows:
        if a["evidence_source"] != "text":
            continue
        for w in {a["evidence"], a["name"], *a["aliases"]}:
            for h in find_all(text, w):
                mentions.append({"mention_id": f"actor:{a['actor_id']}@{h.start}", "article_id": aid, "entity_kind": "actor",
                                 "entity_id": a["actor_id"], "text": h.text, "start": h.start, "end": h.end})
    tables = {"articles": [article], "segments": segment_rows, "places": place_rows, "actors": actor_rows,
              "events": event_rows, "quotes": quote_rows, "mentions": sorted(mentions, key=lambda m: m["start"])}
    return {"article_id": aid, "text": text, "tables": tables, "source": source, "coding": coding,
            "suggestions": suggestions, "messages": messages}


def _yaml(data: dict[str, Any], header: str, tail: str = "", flow: bool | None = None) -> str:
    import yaml

    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=flow)
    return header + body + tail


def write_draft(d: dict[str, Any], out: str | Path, force: bool = False) -> list[Path]:
    """Write article.txt (if absent), source.yaml and coding.yaml into `out`; never overwrite a coding unless forced."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    txt = folder / "article.txt"
    if txt.exists():
        if txt.read_text(encoding="utf-8") != d["text"]:
            raise DraftError(f"{txt} exists with a different text; draft into an empty folder")
    else:
        txt.write_text(d["text"], encoding="utf-8")
        written.append(txt)
    for name in ("source.yaml", "coding.yaml"):
        if (folder / name).exists() and not force:
            raise DraftError(f"{folder / name} exists; it may hold coding work: remove it or pass --force")
    head = (f"# Source metadata, drafted by newsfacts {__version__}. Fill in every TODO; see the README,\n"
            "# 'Adding or editing an article'. The text (article.txt) is verbatim and never edited.\n")
    (folder / "source.yaml").write_text(_yaml(d["source"], head, flow=False), encoding="utf-8")
    tail = "".join(f"#   {s}\n" for s in d["suggestions"])
    tail = ("\n# Dated expressions the build reads in the text: each may date an event to code under `events:`\n"
            "# (with trigger, codes, actors; see the first article's coding.yaml for the form).\n" + tail) if tail else ""
    head = (f"# Coding drafted by newsfacts {__version__} from the text alone: quotes, their speakers, the dateline place.\n"
            "# The judgments are yours: check every entry, code the events, assets and places, and replace each\n"
            "# `uncoded:` TODO with codes (or a real reason). `newsfacts build` accepts this file as it is.\n")
    (folder / "coding.yaml").write_text(_yaml(d["coding"], head, tail), encoding="utf-8")
    written += [folder / "source.yaml", folder / "coding.yaml"]
    return written
