"""Coding rules across articles: one rule per kind of actor, applied in every article, so that they
keep holding as the corpus grows (the rules within one article are in coding_rules.py and
article_rules.py). Each problem is reported at the row that breaks the rule, naming the row it
disagrees with; a note on the row that names what it keeps lets a deliberate difference stand.

- publishers: one outlet, one ownership (source.yaml publisher_ownership) and one CAMEO code;
- armed opposition the text ties to a state is that state's REB, in every article: militants coded
  UAF in an event placed in a country whose armed opposition another row codes <country>REB;
- an asset type's designation and manufacturer are filled the same way in every article: a model
  whose family another row gives a manufacturer for has one, or a note saying the text names none.

One CAMEO code per actor and period (the same Wikidata QID, or the same corpus key, carries one code
among articles published less than a year apart) is checked on actor keys, by actor_keys.check_keys:
a QID has exactly one key, so the rule per key holds it per QID too."""
from __future__ import annotations

import re
from typing import Any

from ..errors import Problems
from .coding_rules import names

Q_REB = ("CAMEO 1.1b3: REB 'Rebels' are armed and violent opposition groups; UAF is 'a last resort when an armed group "
         "cannot be identified either as MIL or REB'")


def _file(row: dict[str, Any]) -> str:
    return f"build/articles/{row['article_id']}/coding.yaml"


def _slug(row_id: str) -> str:
    return row_id.split("/", 1)[1]


def _where(row: dict[str, Any], table: str, key: str) -> str:
    return f"{_file(row)} ({table} {_slug(row[key])!r})"


def is_publisher(actor: dict[str, Any], publisher: str | None) -> bool:
    """Whether an actors row is the article's publisher: named by the source's metadata, or a media
    actor with the publisher's name (TASS for "TASS Russian News Agency")."""
    if not publisher:
        return False
    if actor.get("evidence_source") == "source_metadata":
        return True
    name = actor.get("name") or ""
    return actor.get("actor_type") == "media" and (name == publisher or publisher.startswith(name + " ")
                                                   or publisher in (actor.get("aliases") or []))


def corpus_rules(tables: dict[str, list[dict[str, Any]]], problems: Problems) -> None:
    articles = {a["article_id"]: a for a in tables["articles"]}
    publishers(tables["actors"], articles, problems)
    rebels(tables, problems)
    manufacturers(tables["assets"], problems)


def publishers(actors: list[dict[str, Any]], articles: dict[str, dict[str, Any]], problems: Problems) -> None:
    first: dict[str, dict[str, Any]] = {}
    for aid in sorted(articles, key=lambda a: (articles[a]["publication_date"], a)):
        art = articles[aid]
        if art.get("publisher_ownership") is None:
            continue
        seen = first.setdefault(art["publisher"], art)
        if seen["publisher_ownership"] != art["publisher_ownership"]:
            problems.add(f"build/articles/{aid}/source.yaml", "publisher_ownership",
                         f"{art['publisher']!r} is {art['publisher_ownership']} here but {seen['publisher_ownership']} in "
                         f"build/articles/{seen['article_id']}/source.yaml", "state the same ownership of one publisher in every article")
    coded: dict[str, dict[str, Any]] = {}
    for r in sorted(actors, key=lambda r: (articles[r["article_id"]]["publication_date"], r["actor_id"])):
        pub = articles[r["article_id"]]["publisher"]
        if not is_publisher(r, pub):
            continue
        seen = coded.setdefault(pub, r)
        if (seen.get("cameo_code") or None) != (r.get("cameo_code") or None) and not names(r.get("coding_note"), r.get("cameo_code") or "none"):
            problems.add(_file(r), f"actors {_slug(r['actor_id'])!r} cameo",
                         f"the publisher {pub!r} is coded {r.get('cameo_code') or 'without a CAMEO code'} here but "
                         f"{seen.get('cameo_code') or 'without one'} in {_where(seen, 'actors', 'actor_id')}",
                         "code one publisher the same way in every article (the publishers' rule: GOVMED for a government-run or "
                         "state-owned outlet, MED for any other)")


def _roles(code: str | None) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)] if code else []


def rebels(tables: dict[str, list[dict[str, Any]]], problems: Problems) -> None:
    reb: dict[str, dict[str, Any]] = {}
    for r in sorted(tables["actors"], key=lambda r: r["actor_id"]):
        parts = _roles(r.get("cameo_code"))
        if r.get("actor_type") == "armed_group" and len(parts) >= 2 and parts[1] == "REB":
            reb.setdefault(parts[0], r)
    if not reb:
        return
    places = {p["place_id"]: p for p in tables["places"]}
    events = {e["event_id"]: e for e in tables["events"]}
    where: dict[str, set[str]] = {}
    for link in tables["event_actors"]:
        place = places.get(events.get(link["event_id"], {}).get("place_id") or "")
        if place and place.get("country"):
            where.setdefault(link["actor_id"], set()).add(place["country"])
    for r in tables["actors"]:
        if r.get("actor_type") != "armed_group" or "UAF" not in _roles(r.get("cameo_code")):
            continue
        for cc in sorted(where.get(r["actor_id"], set())):
            other = reb.get(cc)
            if other is None or names(r.get("coding_note"), f"{cc}REB"):
                continue
            problems.add(_file(r), f"actors {_slug(r['actor_id'])!r} cameo",
                         f"an armed group in {cc} (its events are placed there) is coded {r['cameo_code']}, while "
                         f"{_where(other, 'actors', 'actor_id')} codes armed opposition in {cc} as {cc}REB: armed opposition "
                         f"the text ties to a state is that state's REB ({Q_REB})",
                         f"code it {cc}REB with country: {cc}, or keep UAF with a note naming {cc}REB and saying why it does not apply")


def _family(a: str, b: str) -> bool:
    """Whether two designations name one model family: equal, or one is the other plus variant letters (Su-24, Su-24M)."""
    a, b = a.lower(), b.lower()
    if len(a) > len(b):
        a, b = b, a
    return b.startswith(a) and (len(a) == len(b) or re.fullmatch(r"[a-z]+", b[len(a):]) is not None)


def manufacturers(assets: list[dict[str, Any]], problems: Problems) -> None:
    made = sorted((r for r in assets if r.get("designation") and r.get("manufacturer")), key=lambda r: r["asset_id"])
    for r in assets:
        if not r.get("designation") or r.get("manufacturer") or names(r.get("coding_note"), "manufacturer"):
            continue
        other = next((m for m in made if _family(m["designation"], r["designation"])), None)
        if other is not None:
            problems.add(_file(r), f"assets {_slug(r['asset_id'])!r} manufacturer",
                         f"{r['designation']} has no manufacturer here, but {_where(other, 'assets', 'asset_id')} gives "
                         f"{other['designation']} the manufacturer {other['manufacturer']}: an asset type's designation and "
                         "manufacturer are filled the same way in every article",
                         "give manufacturer: as the article names it, or add a note saying the article names none (the column "
                         "holds only what the article gives)")
