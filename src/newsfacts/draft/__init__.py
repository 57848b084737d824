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
from ..pipeline.quote_rows import units_of
from ..pipeline.segment import LayoutError, segment
from ..text.dates import find_dates
from ..text.header import KNOWN_BOILERPLATE
from ..text.quotes import detect_quotes
from ..text.speakers import SpeakerIndex, slug
from .check import checked
from .actors import Mention
from .coding import Composer

TODO = "TODO"


class DraftError(NewsfactsError):
    pass


def draft(path: str | Path, publisher: str, publication_date: str | dt.date | None = None, title: str | None = None,
          article_id: str | None = None, url: str | None = None) -> dict[str, Any]:
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
    return draft_text(text, publisher, publication_date, title, aid, url, name=str(p))


def draft_text(text: str, publisher: str, publication_date: str | dt.date | None = None, title: str | None = None,
               article_id: str = "article", url: str | None = None, name: str = "text") -> dict[str, Any]:
    """`draft` of a text already read and checked (`pipeline.articles.decode_text`): what
    `newsfacts draft-corpus` runs on every text of an archive; `url` goes to the source,
    `name` (where the text comes from) begins an error's message."""
    aid = article_id
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
        raise DraftError(f"{name}: {exc}; {exc.fix}") from None
    sentences = [s for s in segs if s.kind == "sentence"]
    lead = text[sentences[0].start:sentences[0].end] if sentences else ""
    printed, inferred, basis = printed_publication_date(text, lay, lead)
    source: dict[str, Any] = {"added_in": __version__, "publisher": publisher, "language": "en", "url": url}
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

    # Quotes and their speakers, then every table the readers can draft.
    idx = SpeakerIndex(learn=True)
    try:
        quotes = detect_quotes(text, units_of(segs), idx)
    except Exception as exc:  # noqa: BLE001 - a draft goes on without quotes, and says why
        quotes = []
        messages.append(f"quotes: the detector failed ({type(exc).__name__}: {str(exc)[:120]}); please report this text")
    comp = Composer(text, aid, segs, lay, pub, publisher)
    quote_actor = {}
    for q in quotes:
        if q.speaker_id is None and q.part_of is None:
            continue
        a = comp.speaker_actor(q, idx)
        if a is None and q.speaker_id and q.speaker is not None and q.resolution in ("name", "description"):
            sp = idx.get(q.speaker_id)
            if sp is not None:
                a = comp.by_key.get(sp.key) or comp.speaker_from_index(sp, q.speaker)
        if a is None and q.speaker_id:
            sp = idx.get(q.speaker_id)
            a = next((x for x in comp.actors if sp is not None and (x.key == sp.key or x.name == sp.name)), None)
        if a is not None:
            quote_actor[id(q)] = a
            if q.resolution == "description" and q.speaker is not None and q.speaker.text not in a.aliases \
                    and not any(m.start == q.speaker.start for m in a.mentions):
                # "the admiral": a description of the named speaker is one of their names in this text
                a.aliases.add(q.speaker.text)
                comp.add_mention(a, Mention(q.speaker.start, q.speaker.end, q.speaker.text, "description"))
    for q in quotes:  # a continuation speaks with its opening quote's voice
        if q.part_of is not None and id(q.part_of) in quote_actor:
            quote_actor[id(q)] = quote_actor[id(q.part_of)]
    pl = comp.places()
    coding: dict[str, Any] = {"places": comp.place_entries(pl), "actors": [], "assets": comp.asset_entries()}
    coding["events"], quote_event = comp.event_entries(quotes, quote_actor)
    coding["quotes"] = comp.quote_entries(quotes, quote_actor, quote_event)
    coding["actors"] = comp.actor_entries()
    coding["not_quotes"], coding["uncoded"] = [], []
    tables = checked(aid, text, source, coding, messages, undated=pub is None)
    tables = {k: v for k, v in tables.items() if k != "event_casualties" or v}
    # Dated expressions no drafted event is dated by (a sentence may hold two): suggestions the coder may code.
    dated = {(r["date_text_start"], r["date_text_end"]) for r in tables.get("events", []) if r.get("date_text")}
    header_spans = [(s.start, s.end) for s in segs if s.kind in ("dateline", "timestamp")]
    suggestions = []
    for s in segs:
        if pub is None or s.kind not in ("sentence", "title", "subtitle", "subheading"):
            continue
        for m in find_dates(text, pub, s.start, s.end):
            if any(a <= m.span.start < b for a, b in header_spans) or (m.span.start, m.span.end) in dated:
                continue
            r = m.range
            k = len(suggestions) + 1
            tables.setdefault("events", []).append({
                "event_id": f"{aid}/date-{k:02d}", "article_id": aid, "summary": f"{TODO}: what happened", "sentence_id": s.segment_id,
                "date_text": m.span.text, "date_text_start": m.span.start, "date_text_end": m.span.end,
                "date_start": r.start.isoformat(), "date_end": r.end.isoformat(), "date_precision": r.precision,
                "date_basis": r.basis})
            suggestions.append(f"{m.span.text!r} in {s.segment_id}: {r.start}..{r.end} ({r.precision}); {r.basis}")
    tables = _plain(tables)
    return {"article_id": aid, "text": text, "tables": tables, "source": source, "coding": coding,
            "suggestions": suggestions, "messages": messages}


def draft_many(paths, publisher: str, publication_date: str | dt.date | None = None, title: str | None = None):
    """Draft many articles in one process (the dictionaries are read once): yields
    (path, draft or None, error message or None) per path, in order."""
    for p in paths:
        try:
            yield p, draft(p, publisher, publication_date, title), None
        except NewsfactsError as exc:
            yield p, None, str(exc)


def _plain(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Rows as JSON values (dates as ISO strings)."""
    out = {}
    for t, rows in tables.items():
        out[t] = [{k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in r.items()} for r in rows]
    return out


def _yaml(data: dict[str, Any], header: str, tail: str = "", flow: bool | None = None) -> str:
    """YAML in the layout of the hand-written codings (indented sequences, one key per line,
    small references such as `{words: said, occurrence: 2}` inline), so that a review's
    round-trip save changes only what the reviewer changed."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
            return super().increase_indent(flow, False)

    def small(values: Any) -> bool:
        return all(not isinstance(v, (dict, list)) for v in values)

    def mapping(dumper: Any, d: dict) -> Any:
        inline = flow is not False and len(d) <= 3 and small(d.values())
        return dumper.represent_mapping("tag:yaml.org,2002:map", d, flow_style=inline)

    def sequence(dumper: Any, seq: list) -> Any:
        inline = flow is not False and small(seq)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", seq, flow_style=inline)

    Dumper.add_representer(dict, mapping)
    Dumper.add_representer(list, sequence)
    body = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return header + body + tail


def write_draft(d: dict[str, Any], out: str | Path, force: bool = False) -> list[Path]:
    """Write article.txt (if absent), source.yaml and coding.yaml into `out`; never overwrite a coding unless forced."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    txt = folder / "article.txt"
    if txt.exists() or txt.is_symlink():
        text, bad = read_text(txt)
        if bad:
            raise DraftError(f"{txt}: {bad[1]}; draft into an empty folder")
        if text != d["text"]:
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
    head = (f"# Coding drafted by newsfacts {__version__} from the text alone: places, actors, assets, events and\n"
            "# quotes, each a suggestion marked `drafted:`. The judgments are yours: confirm, correct or remove\n"
            "# every entry (`newsfacts review <this folder>` does it in the browser), add what is missing, and\n"
            "# replace each TODO. `newsfacts build --draft` accepts this file as it is; `newsfacts build`\n"
            "# publishes it once no `drafted:` mark or TODO is left.\n")
    (folder / "coding.yaml").write_text(_yaml(d["coding"], head, tail), encoding="utf-8")
    written += [folder / "source.yaml", folder / "coding.yaml"]
    return written
