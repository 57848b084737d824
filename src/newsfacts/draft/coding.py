"""The drafted coding.yaml: what the readers found, as entries the build reads, each marked
`drafted:` with how it was found (a suggestion a coder confirms in `newsfacts review`)."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..pipeline.coding_rules import govmil_phrase
from ..text.dates import find_dates
from ..text.index import index_of
from ..text.speakers import slug
from .actors import CALENDAR, LOWER_TITLES, Actor, Mention, Reader, type_of
from .assets import read_assets
from .events import EventReader
from .places import LOCATIVE, Places

TODO = "TODO"


def occurrence(text: str, start: int, words: str) -> Any:
    """Evidence for the words at `start`: the words, or {words, occurrence} when they occur more than once."""
    idx = index_of(text)
    if len(idx.hits(words)) <= 1:
        return words
    return {"words": words, "occurrence": idx.occurrence(words, start)}


@lru_cache(maxsize=1)
def cameo_actor_codes() -> dict[str, dict[str, str]]:
    """The CAMEO actor components the package ships (code, kind, iso3)."""
    from .._resources import own_package_dir
    from ..safeio import read_csv_rows

    return {r["code"]: r for r in read_csv_rows(own_package_dir() / "data" / "codelists" / "cameo_actors.csv")}


def fit_code(code: str | None) -> tuple[str | None, str | None]:
    """(code, country) with only components of the code list; the country is the iso3 of a
    country component ("SCG" -> SCG's iso3, "IGO" -> none)."""
    if not code:
        return None, None
    known = cameo_actor_codes()
    parts = [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    kept = [p for p in parts if p in known]
    if not kept:
        return None, None
    head = known[kept[0]]
    country = (head.get("iso3") or None) if head.get("kind") == "country" else None
    if head.get("kind") == "region" and len(kept) > 1:
        kept = kept[1:]  # a region (WAF, MEA) is no one's affiliation: keep the roles
    return "".join(kept), country


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    return {r["iso3"]: c for c, r in cameo_actor_codes().items() if r.get("kind") == "country" and r.get("iso3")}


def country_code_of(iso3: str) -> str | None:
    """The CAMEO country code of an ISO 3166 alpha-3 code (the code list's own mapping)."""
    return _country_codes().get(iso3)


@lru_cache(maxsize=1)
def cameo_quads() -> dict[str, int]:
    from .._resources import own_package_dir
    from ..safeio import read_csv_rows

    return {r["code"]: int(r["quad_class"]) for r in read_csv_rows(own_package_dir() / "data" / "codelists" / "cameo_events.csv")
            if r["quad_class"]}


CREDIT = re.compile(r"^\(?(?:(?:Additional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting|[Ee]dited|[Ww]ritten|[Cc]ompiled|"
                    r"[Pp]hoto(?:graph)?s?|[Ii]mages?|[Vv]ideo|[Gg]raphics?|[Ii]llustration)\s+(?:by|:)"
                    r"|\bcontributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)\b"
                    r"|^[\(\[]?(?:Photo|Image|Video)\s+credit\b", re.M)
# Speaker phrases that name a document, not someone who speaks ("a statement said").
INANIMATE = frozenset("statement statements report reports data figures document documents website site letter "
                      "communique release readout transcript video footage message announcement note notice survey "
                      "study poll analysis assessment summary".split())
DESCRIBED_REACH = 64
GENERIC = frozenset("agency ministry department office government army military navy police authorities officials "
                    "source sources embassy spokesman spokeswoman spokesperson official group".split())
DESCRIPTION_SKIP = frozenset("the a an this that his her its their our".split())
PERSON_HEADS = frozenset("chief spokesman spokeswoman spokesperson admiral general colonel secretary minister president "
                         "commander official ambassador envoy diplomat chairman".split())


def consult_roles(ev) -> list[tuple[str, Any, Any]]:
    """(role, actor, words) of an event's two sides. PLOVER CONSULT (manual, 'Reciprocal
    events'): "In events where one side is hosting and one is visiting, the visitor will always
    be coded as the actor and the host will be the recipient"; where there is no such
    distinction "all of the entities are considered as the actor and no recipient is included"
    (both agents: agent is CAMEO's source, PLOVER's actor)."""
    sides = [("agent", ev.agent, ev.agent_words), ("target", ev.target, ev.target_words)] + list(getattr(ev, "more", []))
    if ev.plover_type != "CONSULT":
        return sides
    if ev.cameo.startswith("042"):  # X visits Y: the visitor is the subject
        return sides
    if ev.cameo.startswith("043"):  # X hosts Y: the visitor is the object
        return [("target" if r == "agent" else "agent", a, w) for r, a, w in sides]
    if ev.cameo.startswith("045"):  # a mediator and the parties: one side and the other
        return sides
    return [("agent", a, w) for _, a, w in sides]


class Composer:
    """Entries of coding.yaml for one article, and the ids that tie them together."""

    def __init__(self, text: str, aid: str, segs: list, lay: Any, published: dt.date | None, publisher: str):
        self.text, self.aid, self.segs, self.lay, self.published = text, aid, segs, lay, published
        self.publisher = publisher
        self.pub_id = slug(publisher)
        # Credit lines ("Photo by ...", "Reporting by ...; Editing by ...") name the reporters, not actors.
        self.spans = [(s.start, s.end) for s in segs if s.kind in ("sentence", "title", "subtitle", "subheading")
                      and not CREDIT.search(text, s.start, s.end)]
        self.reader = Reader(text, self.spans, published, publisher)
        self.actors: list[Actor] = self.reader.read()
        self.by_key = {a.key: a for a in self.actors}
        self.used: set[str] = set()  # actors an event, quote or asset refers to
        self.entries: dict[str, list[dict[str, Any]]] = {k: [] for k in ("places", "actors", "assets", "events", "quotes")}
        for a in self.actors:
            self._fix(a)

    # --- actors ---------------------------------------------------------------------------

    def _fix(self, a: Actor) -> None:
        """The coding rules the build checks, applied to the dictionaries' code: only components
        of the code list, GOVMIL for defence ministries and secretaries, the type of the code."""
        code, country = fit_code(a.code)
        strings = [a.name, a.title.text if a.title else None, *sorted(a.aliases)]
        if code and a.actor_type not in ("military_unit", "media") and govmil_phrase(strings) and "GOVMIL" not in code:
            head = code[:3] if country else ""
            code = head + "GOVMIL"
            a.basis += "; a defence ministry or secretary: GOVMIL (CAMEO 3.1.4)"
        a.code, a.country = code, country
        if a.actor_type != "person":
            a.actor_type = type_of(code)

    def add_mention(self, a: Actor, m: Mention) -> None:
        """A mention (and any alias set with it) of an actor already listed; the lookup indexes
        are updated in place, not rebuilt (a rebuild per description made a draft quadratic)."""
        a.mentions.append(m)
        self._index(a, [(len(a.mentions) - 1, m)])

    def add_actor(self, a: Actor) -> None:
        """An actor found after reading (a quote's speaker, an attacked place's state)."""
        self.actors.append(a)
        self.by_key[a.key] = a
        self._index(a, list(enumerate(a.mentions)))

    def _index(self, a: Actor, mentions: list[tuple[int, Mention]]) -> None:
        idx = getattr(self, "_mention_index", None)
        order = getattr(self, "_order", None)
        if idx is not None and order is not None:
            starts, rows, longest, _ = idx
            i = order.setdefault(id(a), len(order))
            for j, m in mentions:
                k = bisect.bisect_left(rows, (m.start, m.end, (i, j)))
                rows.insert(k, (m.start, m.end, (i, j), a))
                starts.insert(k, m.start)
                longest = max(longest, m.end - m.start)
            self._mention_index = (starts, rows, longest, len(self.actors))
        got = getattr(self, "_name_index", None)
        if got is not None:
            names, aliases, _ = got
            i = self.actors.index(a) if order is None else order.setdefault(id(a), len(order))
            names.setdefault(a.name, i)
            for x in a.aliases:
                aliases.setdefault(x, i)
            self._name_index = (names, aliases, len(self.actors))

    def _mentions(self) -> tuple[list[int], list[tuple[int, int, tuple[int, int], Actor]], int]:
        """Every mention sorted by start, for lookups by bisection (the events reader asks once
        per word): (starts, (start, end, order, actor)..., longest mention)."""
        idx = getattr(self, "_mention_index", None)
        if idx is None or idx[3] != len(self.actors):
            self._order = {id(a): i for i, a in enumerate(self.actors)}
            rows = sorted((m.start, m.end, (i, j), a) for i, a in enumerate(self.actors) for j, m in enumerate(a.mentions))
            longest = max((e - s for s, e, _, _ in rows), default=0)
            idx = self._mention_index = ([r[0] for r in rows], rows, longest, len(self.actors))
        return idx[0], idx[1], idx[2]

    def actor_at(self, start: int, end: int):
        """The actor (first in reading order) one of whose mentions holds start-end."""
        starts, rows, longest = self._mentions()
        best = None
        k = bisect.bisect_right(starts, start) - 1
        while k >= 0 and starts[k] >= start - longest:
            s, e, order, a = rows[k]
            if end <= e and (best is None or order < best[2]):
                best = (s, e, order, a)
            k -= 1
        return (best[3], best[0], best[1]) if best else None

    def speaker_actor(self, q: Any, idx: Any) -> Actor | None:
        """The reader's actor for a quote's speaker: the one its speaker words name, else one of
        the speaker's names."""
        if q.speaker is not None:
            hit = self.actor_at(q.speaker.start, q.speaker.end)
            if hit is None:  # "Defense Secretary Ash Carter said": the speaker phrase holds the mention
                # ... and ends where it ends (its head): "a U.S. official" is no mention of the U.S.
                starts, rows, _ = self._mentions()
                k = bisect.bisect_left(starts, q.speaker.start)
                inside = []
                while k < len(rows) and starts[k] < q.speaker.end:
                    before = self.text[max(q.speaker.start, starts[k] - 8):starts[k]].split()
                    # "relief officials in Nairobi": a place after the head names no speaker
                    if rows[k][1] == q.speaker.end and not (before and before[-1].lower() in LOCATIVE):
                        inside.append(rows[k])
                    k += 1
                if inside:
                    hit = (min(inside, key=lambda r: r[2])[3], 0, 0)
            if hit is not None:
                return hit[0]
        sp = idx.get(q.speaker_id) if q.speaker_id else None
        if sp is not None:
            names, aliases = self._names()
            found = [names[n] for n in (*sp.names, sp.name) if n in names]
            if sp.name in aliases:
                found.append(aliases[sp.name])
            if found:
                return self.actors[min(found)]
        return None

    def _names(self) -> tuple[dict[str, int], dict[str, int]]:
        """name -> the first actor so named, alias -> the first actor with it (by reading order)."""
        got = getattr(self, "_name_index", None)
        if got is None or got[2] != len(self.actors):
            names: dict[str, int] = {}
            aliases: dict[str, int] = {}
            for i, a in enumerate(self.actors):
                names.setdefault(a.name, i)
                for x in a.aliases:
                    aliases.setdefault(x, i)
            got = self._name_index = (names, aliases, len(self.actors))
        return got[0], got[1]

    def speaker_from_index(self, sp: Any, phrase: Any) -> Actor | None:
        """A speaker the dictionaries do not know ("the commander", "a spokesman"): an actor from the
        quote; a description of an actor already read ("the defense chief", "the ministry") is that
        actor, and a document ("a statement", "the report") is no actor at all."""
        words = [w for w in re.findall(r"[a-z]+", phrase.text.lower()) if w not in DESCRIPTION_SKIP]
        if not words or words[0] in INANIMATE or words[-1] in INANIMATE or phrase.text.strip() in CALENDAR \
                or words[-1] in ("today", "yesterday", "tomorrow", "tonight"):
            return None
        if len(words) <= 2 and words[-1].endswith("s") and (words[-1][:-1] in PERSON_HEADS or words[-1][:-1] in LOWER_TITLES):
            return None  # "the Presidents": several people named before, no one actor
        titled = " ".join(words) in " ".join((a.title.text.lower() if a.title else "") for a in self.actors)
        if len(words) <= 3 and (not any(ch.isupper() for ch in phrase.text[1:]) or titled
                                or all(w in LOWER_TITLES or w in PERSON_HEADS for w in words)):
            same = self._described(words, phrase.start)
            if same is not None:
                if phrase.text not in same.aliases:
                    same.aliases.add(phrase.text)
                self.add_mention(same, Mention(phrase.start, phrase.end, phrase.text, "description"))
                return same
            if len(words) == 1 and words[0] in GENERIC:
                return None  # "the agency said", "the ministry said": no one a coder could confirm
        key = sp.key if sp.key not in self.by_key else f"{sp.key}-speaker"
        person = sp.person or bool(re.search(r"(?:secretary|commander|spokes\w+|minister|official|president)$", phrase.text.lower()))
        a = Actor(key, sp.name, "person" if person else "collective", None, None,
                  basis=f"the speaker of a quote ({phrase.text})")
        a.mentions.append(Mention(phrase.start, phrase.end, phrase.text, "speaker"))
        for n in sp.names:
            if n != sp.name and index_of(self.text).hits(n):
                a.aliases.add(n)
        if person and sp.titles:
            t = max(sp.titles, key=len)
            hit = re.search(re.escape(t), self.text, re.I)
            if hit:
                a.title = Mention(hit.start(), hit.end(), self.text[hit.start():hit.end()], "title")
        if not person:
            a.actor_type = "collective"
        self.add_actor(a)
        return a

    def _described(self, words: list[str], before: int) -> Actor | None:
        """The latest actor named before `before` that a lower-case description fits: a person
        whose title holds one of its words ('the defense chief': Defense Secretary Carter), or
        an organisation whose name ends in its head ('the ministry': the Defense Ministry)."""
        person = words[-1] in PERSON_HEADS or words[-1] in LOWER_TITLES
        best = None
        # the actors first named before it, nearest first, at most DESCRIBED_REACH of them (linear in the text)
        firsts, seen = getattr(self, "_firsts", ([], 0))
        for k in range(seen, len(self.actors)):  # actors added since the last call, kept in order
            if self.actors[k].mentions:
                bisect.insort(firsts, (self.actors[k].mentions[0].start, k))
        self._firsts = (firsts, len(self.actors))
        cut = bisect.bisect_left(firsts, (before, -1))
        for _, k in reversed(firsts[max(0, cut - DESCRIBED_REACH):cut]):
            a = self.actors[k]
            if person and a.actor_type == "person":
                m0 = a.mentions[0]
                # its title, and the words just before its name ("Pentagon spokesman Navy Capt. Jeff Davis")
                title = ((a.title.text if a.title else "") + " " + self.text[max(0, m0.start - 40):m0.start]).lower()
                if any(w in title for w in words if len(w) > 3):
                    best = a if best is None or a.mentions[0].start > best.mentions[0].start else best
            elif not person and a.actor_type != "person" and a.name.lower().split()[-1:] == words[-1:]:
                best = a if best is None or a.mentions[0].start > best.mentions[0].start else best
        return best

    def _as_place(self, m: Mention) -> bool:
        """The mention names where something is: after a locative preposition (with its
        determiners and adjectives: 'in eastern Ukraine'), or after a place and a comma."""
        before = self.text[max(0, m.start - 40):m.start]
        if re.search(r",\s*$", before) and re.search(r"[A-Z][\w.’'-]*,\s*$", before):
            return True
        words = before.split()
        for w in reversed(words[-4:]):
            w = w.lower().strip(",")
            if w in LOCATIVE:
                return True
            if w not in ("the", "a", "an") and not re.fullmatch(r"(?:north|south|east|west)(?:ern)?|central|northern|southern|"
                                                               r"eastern|western|southeastern|southwestern|northeastern|"
                                                               r"northwestern|war-torn|neighboring|neighbouring", w):
                return False
        return False

    def actor_entries(self) -> list[dict[str, Any]]:
        home = self.reader.home
        pub: dict[str, Any] = {"id": self.pub_id, "name": self.publisher, "type": "media", "evidence": {"source": "publisher"}}
        if home:
            pub.update(country=home, cameo=f"{home}MED")
        out = [pub]
        for a in sorted(self.actors, key=lambda a: a.evidence.start):
            # A composite the dictionaries make of a country and a common noun ("American population")
            # that no event or quote uses is left out: it would be a suggestion to delete.
            if a.key not in self.used and (a.actor_type == "collective" or a.key == self.pub_id):
                continue
            if a.key == self.pub_id:
                continue
            if a.actor_type == "state" and a.key not in self.used and all(self._as_place(m) for m in a.mentions):
                continue  # a country named only as a place ("over Syria", "Sigonella, Italy") is no actor
            ev = a.evidence
            entry: dict[str, Any] = {"id": a.key, "drafted": a.basis or "read in the text", "name": a.name,
                                     "type": a.actor_type}
            if a.country:
                entry["country"] = a.country
            if a.title is not None and a.actor_type == "person":
                entry["title"] = occurrence(self.text, a.title.start, a.title.text)
            # every form the text names it by, the evidence's own words too ("The ship's commander")
            aliases = sorted(({m.text for m in a.mentions} | a.aliases) - {a.name})
            aliases = [w for w in aliases if index_of(self.text).hits(w)]
            if aliases:
                entry["aliases"] = aliases
            if a.code:
                entry["cameo"] = a.code
            entry["evidence"] = occurrence(self.text, ev.start, ev.text)
            out.append(entry)
        return out

    # --- places and assets -----------------------------------------------------------------

    def places(self) -> Places:
        pl = Places(self.text, self.spans)
        dl = self.lay.dateline
        if dl is not None:
            region = None
            if dl.region:
                for a in self.actors:
                    if a.actor_type == "state" and any(dl.place_start <= m.start < dl.end for m in a.mentions):
                        region = a.country
            pl.dateline(dl.place_words, dl.place_start, dl.region, region)
        located = []
        for a in self.actors:
            if a.actor_type != "state" or not a.country:
                continue
            for m in a.mentions:
                before = self.text[max(0, m.start - 12):m.start].split()
                if before and before[-1].lower() in LOCATIVE and m.text[:1].isupper() and not m.text.endswith(("n", "ian", "ese")):
                    located.append((a.country, m.start, m.end, m.text))
        pl.read(located, [(m.start, m.end) for a in self.actors if a.actor_type != "state" for m in a.mentions])
        self.place_reader = pl
        return pl

    def place_entries(self, pl: Places) -> list[dict[str, Any]]:
        out = []
        for p in sorted(pl.places.values(), key=lambda p: p.evidence.start):
            e: dict[str, Any] = {"id": p.key, "drafted": p.basis, "name": p.name, "type": p.place_type}
            if p.country:
                e["country"] = p.country
            if p.geonames_id:
                e["geonames"] = p.geonames_id
            ev = p.evidence
            aliases = sorted({m.text for m in p.mentions} - {p.name, ev.text})
            if aliases:
                e["aliases"] = aliases
            e["evidence"] = occurrence(self.text, ev.start, ev.text)
            out.append(e)
        return out

    def asset_entries(self) -> list[dict[str, Any]]:
        out = []
        adjectives = frozenset(m.text for a in self.actors for m in a.mentions if " " not in m.text)
        self.assets = read_assets(self.text, self.spans, adjectives)
        for s in self.assets:
            e: dict[str, Any] = {"id": s.key, "drafted": "read from its form (a designation, a ship's name or a kind of equipment)",
                                 "name": s.name, "category": s.category}
            if s.designation:
                e["designation"] = s.designation
            # The operator: an actor named in the asset's words or right before them ("Russian
            # helicopter", "the Russian Navy’s Caspian Flotilla").
            op = None
            for a in self.actors:
                for m in a.mentions:
                    inside = s.evidence[0] <= m.start < s.evidence[1]
                    before = m.end <= s.evidence[0] and self.text[m.end:s.evidence[0]] in (" ", "’s ", "'s ")
                    if (inside or before) and a.actor_type in ("state", "military_unit", "government", "armed_group"):
                        op = a
            if op is not None:
                e["operator"] = op.key
                self.used.add(op.key)
            if s.quantity:
                e["quantity"] = occurrence(self.text, s.quantity[0], s.quantity[2])
            e["evidence"] = occurrence(self.text, s.evidence[0], s.evidence[2])
            out.append(e)
        return out

    # --- events ------------------------------------------------------------------------------

    def sentence_of(self, pos: int):
        if not hasattr(self, "_sentences"):
            self._sentences = [s for s in self.segs if s.kind == "sentence"]
            self._sentence_starts = [s.start for s in self._sentences]
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        if k >= 0 and pos < self._sentences[k].end:
            return self._sentences[k]
        return None

    def date_in(self, start: int, end: int):
        if self.published is None:
            return None
        if not hasattr(self, "_header"):
            self._header = [(s.start, s.end) for s in self.segs if s.kind in ("dateline", "timestamp")]
        for m in find_dates(self.text, self.published, start, end):
            if not any(a <= m.span.start < b for a, b in self._header):
                return m
        return None

    def place_in(self, start: int, end: int):
        """A place the sentence puts the event in: after 'in', 'at', 'near', 'over'..."""
        pl = getattr(self, "place_reader", None)
        if pl is None:
            return None
        for p in pl.places.values():
            for m in p.mentions:
                if start <= m.start and m.end <= end:
                    before = self.text[max(start, m.start - 16):m.start].split()
                    if before and before[-1].lower() in LOCATIVE:
                        return p
        return None

    def event_entries(self, quotes: list, quote_actor: dict[int, Actor]) -> tuple[list[dict[str, Any]], dict[int, str]]:
        """Events the sentences state, and one speech event per speaker and paragraph of quotes;
        returns the entries and each quote's speech event id (by id(quote))."""
        quads = cameo_quads()
        excluded = [(q.span.start, q.span.end) for q in quotes if q.kind == "direct"]
        reader = EventReader(self.text, self.actor_at, excluded)
        by_sentence: dict[str, Actor] = {}
        for q in quotes:
            a = quote_actor.get(id(q))
            if a is not None:
                by_sentence.setdefault(q.sentence_id, a)
        out, taken = [], set()
        dl_place = self._dateline_place()

        last_k: dict[str, int] = {}  # per base, the last number tried: a repeated trigger costs no rescan

        def new_id(words: str) -> str:
            base = slug(words)[:28].strip("-") or "event"
            k = last_k.get(base, 1)
            eid = base if k == 1 else f"{base}-{k}"
            while eid in taken:
                k += 1
                eid = f"{base}-{k}"
            last_k[base] = k
            taken.add(eid)
            return eid

        # Speech events: the statement a speaker's quotes come from, one per speaker, dated by
        # the first date words of the sentences of the speaker's quotes. Each is an utterance with no
        # CAMEO code of its own: what the quotes say is drafted as events of their own (CAMEO 010 'is
        # not coded except when distinctions among 011 to 017 cannot be made').
        speech: dict[str, dict[str, Any]] = {}
        quote_event: dict[int, str] = {}
        spoken: dict[str, set[str]] = {}  # speech event id -> the sentences of its quotes
        content: set[str] = set()  # sentences with an event of their own (not a statement)
        for q in quotes:
            a = quote_actor.get(id(q))
            if q.part_of is not None or a is None or q.cue is None:
                continue
            seg = self._segment(q.sentence_id)
            if a.key not in speech:
                eid = new_id(f"{a.key}-statement")
                e = self._base(eid, f"{a.name} speaks (the statement the quotes come from)", q.cue.start, q.cue.text,
                               "the speech event of the quotes' cue", seg)
                e["kind"] = "utterance"
                e.update(polarity="positive", modality="actual", tense="past", asserted_by=self.pub_id)
                sp = q.speaker
                link: dict[str, Any] = {"actor": a.key, "role": "speaker"}
                if sp is not None and seg is not None and seg.start <= sp.start and sp.end <= seg.end:
                    link["evidence"] = occurrence(self.text, sp.start, sp.text)
                e["actors"] = [link]
                self.used.add(a.key)
                speech[a.key] = e
                out.append(e)
            if "date" not in speech[a.key] and seg is not None:
                self._when_where(speech[a.key], seg, verbal=True, dl_place=dl_place)
            spoken.setdefault(speech[a.key]["id"], set()).add(q.sentence_id)
            quote_event[id(q)] = speech[a.key]["id"]
        for e in speech.values():
            if "place" not in e and dl_place is not None:
                e["place"] = dl_place
        for s in self.segs:
            if s.kind != "sentence":
                continue
            ev = reader.read(s.start, s.end, speaker=by_sentence.get(s.segment_id))
            if ev is None:
                continue
            eid = new_id(ev.trigger.text)
            summary = " ".join(x for x in (ev.agent.name if ev.agent else None, ev.trigger.text,
                                            ev.target.name if ev.target else None) if x)
            e = self._base(eid, summary[:1].upper() + summary[1:], ev.trigger.start, ev.trigger.text, ev.how, s)
            speaker = ev.speaker if ev.speaker is not None else by_sentence.get(s.segment_id)
            e.update(polarity=ev.polarity, modality=ev.modality, tense=ev.tense,
                     asserted_by=speaker.key if speaker is not None else self.pub_id)
            if speaker is not None:
                self.used.add(speaker.key)
            if ev.attribution is not None:
                e["attribution"] = occurrence(self.text, ev.attribution.start, ev.attribution.text)
            e["cameo"] = ev.cameo
            if ev.plover_type:
                pl: dict[str, Any] = {"type": ev.plover_type}
                if ev.plover_mode:
                    pl["mode"] = ev.plover_mode
                if ev.plover_context:
                    pl["context"] = ev.plover_context
                e["plover"] = pl
            if ev.target is None and ev.cameo[:2] in ("18", "19", "20"):
                # "separatists shelled Mariupol": the attacked place's country is the target (CAMEO codes
                # an attack on a place as one on its state); the place's words are the evidence
                self._place_target(ev, s)
            links = []
            for role, actor, words in consult_roles(ev):
                if actor is None:
                    continue
                link = {"actor": actor.key, "role": role}
                if words is not None:
                    link["evidence"] = occurrence(self.text, words.start, words.text)
                links.append(link)
                self.used.add(actor.key)
            if links:
                e["actors"] = links
            # A verbal act (quad classes 1 and 3, meetings too) is placed and dated where it is
            # uttered, as the build's rule says; the reviewer corrects a remote meeting.
            verbal = quads.get(ev.cameo) in (1, 3)
            self._when_where(e, s, verbal=verbal, dl_place=dl_place)
            said = speech.get(speaker.key) if speaker is not None else None
            if verbal and "date" not in e and said is not None and "date" in said:
                e["date"] = dict(said["date"])
                e["drafted"] += f"; dated at the utterance (the date of {speaker.name}'s statement)"
            assets = [a for a in getattr(self, "assets", []) if s.start <= a.evidence[0] < s.end]
            if assets and ev.cameo[:2] in ("15", "17", "18", "19", "20"):
                e["assets"] = [{"asset": a.key, "role": "instrument"} for a in assets[:3]]
            if ev.notes:
                e["note"] = "; ".join(ev.notes)
            out.append(e)
            if not ev.cameo.startswith("01"):
                content.add(s.segment_id)
        # A speech event stays an utterance where its quoted words are coded as events of their
        # own; where none of them is, it is the statement itself, CAMEO 010 ("not coded except when
        # distinctions among 011 to 017 cannot be made ... statements are typically subordinate events").
        for e in speech.values():
            if not spoken.get(e["id"], set()) & content:
                del e["kind"]
                e["cameo"] = "010"
        return out, quote_event

    def _place_target(self, ev, seg) -> None:
        pl = getattr(self, "place_reader", None)
        if pl is None:
            return
        if getattr(self, "_place_mentions", None) is None:
            self._place_mentions = sorted((m.start, id(m), m, p) for p in pl.places.values() for m in p.mentions
                                          if p.country and p.place_type != "country")
            self._place_starts = [x[0] for x in self._place_mentions]
        k = bisect.bisect_left(self._place_starts, ev.trigger.end)
        if k < len(self._place_mentions) and self._place_mentions[k][0] < seg.end:
            _, _, m, p = self._place_mentions[k]
            code = country_code_of(p.country)
            if code is None:
                return
            key = f"country-{code.lower()}"
            a = self.by_key.get(key)
            if a is not None and a is ev.agent:
                return
            if a is None:
                from .actors import _country_name
                a = Actor(key, _country_name(code, p.country), "state", code, p.country,
                          basis=f"the state of a place attacked ({p.name}, GeoNames)")
                a.mentions.append(Mention(m.start, m.end, m.text, "place"))
                self.add_actor(a)
            ev.target, ev.target_words = a, type(ev.trigger)(m.start, m.end, m.text)
            ev.notes.append(f"target: the state of {m.text}, the place attacked")
            return

    def _segment(self, segment_id: str):
        if not hasattr(self, "_by_id"):
            self._by_id = {}
            for s in self.segs:
                self._by_id.setdefault(s.segment_id, s)
        return self._by_id.get(segment_id)

    def _dateline_place(self) -> str | None:
        dl = self.lay.dateline
        pl = getattr(self, "place_reader", None)
        if dl is None or pl is None:
            return None
        for p in pl.places.values():
            if any(m.start == dl.place_start for m in p.mentions):
                return p.key
        return None

    def _base(self, eid: str, summary: str, start: int, words: str, how: str, seg) -> dict[str, Any]:
        return {"id": eid, "drafted": how, "summary": summary, "trigger": occurrence(self.text, start, words)}

    def _when_where(self, e: dict[str, Any], seg, verbal: bool, dl_place: str | None) -> None:
        """The date words and place of the event's sentence; a verbal act without its own place is
        placed at the dateline (where the story was filed), which the coder confirms."""
        if seg is None:
            return
        m = self.date_in(seg.start, seg.end)
        if m is not None:
            date = {"words": m.span.text}
            occ = occurrence(self.text, m.span.start, m.span.text)
            if isinstance(occ, dict):
                date["occurrence"] = occ["occurrence"]
            e["date"] = date
        p = self.place_in(seg.start, seg.end)
        if p is not None:
            e["place"] = p.key
        elif verbal and dl_place is not None:
            e["place"] = dl_place
            e["drafted"] += "; placed at the dateline (the statement's place is not in its sentence)"

    def quote_entries(self, quotes: list, quote_actor: dict[int, "Actor"], quote_event: dict[int, str]) -> list[dict[str, Any]]:
        out = []
        for n, q in enumerate(quotes, start=1):
            if q.part_of is not None:
                continue
            a = quote_actor.get(id(q))
            e: dict[str, Any] = {"id": f"q{n:02d}", "drafted": f"a {q.kind} quote" + (f", speaker by {q.resolution}" if a else ""),
                                 "speaker": a.key if a is not None else None,
                                 "evidence": occurrence(self.text, q.span.start, q.span.text)}
            if a is not None:
                self.used.add(a.key)
            if id(q) in quote_event:
                e["speech_event"] = quote_event[id(q)]
            out.append(e)
        return out
