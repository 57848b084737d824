"""In a checkout, the rows against what the coding states outright: which entries exist and who plays which role.

`newsfacts validate --rebuild` rebuilds every row from build/ and compares cell by cell (as
long as a build). Part of that costs only a YAML read per article, and catches what the words
cannot show: for each article the package holds, every event, actor, place, asset and quote
row is an entry of its coding.yaml and every entry a row, and every event's actor and asset
links are the coding's (an agent and a target swapped, an event invented or dropped). The
coding is read with the build's guarded reader. What this does not compare (the values each
entry states: codes, dates, evidence) is what --rebuild adds."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .report import Finding

FIX = "run `newsfacts build` (the coding is the authority), or restore the package from git"
# section of coding.yaml -> (table, key column); quotes: not the parts the build splits out of a mixed quote
ENTRIES = (("events", "events", "event_id"), ("actors", "actors", "actor_id"), ("places", "places", "place_id"),
           ("assets", "assets", "asset_id"), ("quotes", "quotes", "quote_id"))
LINKS = (("actors", "actor", "event_actors"), ("assets", "asset", "event_assets"))


def is_checkout(package_dir: Path) -> bool:
    return (Path(package_dir) / "build" / "articles").is_dir() and (Path(package_dir) / "schemas").is_dir()


def derived_part(quote: dict[str, str]) -> bool:
    """A direct part the build splits out of a coded mixed quote (`<quote_id>/part-<n>`), not an entry of the coding."""
    return bool(quote.get("part_of")) and quote.get("quote_id", "").startswith(quote["part_of"] + "/part-")


def _entries(coding: dict[str, Any], section: str) -> list[dict[str, Any]]:
    items = coding.get(section)
    return [e for e in items if isinstance(e, dict)] if isinstance(items, list) else []


def check(package_dir: Path, raw: dict[str, list[dict[str, str]]]) -> tuple[list[Finding], int]:
    from ..errors import Problems
    from ..pipeline.articles import CODING
    from ..pipeline.yaml_input import read_yaml

    out: list[Finding] = []
    n = 0
    by_article: dict[str, dict[str, list[dict[str, str]]]] = {}
    for table in {t for _, t, _ in ENTRIES} | {t for _, _, t in LINKS}:
        for i, r in enumerate(raw.get(table, []), start=1):
            by_article.setdefault(r.get("article_id", ""), {}).setdefault(table, []).append({**r, "_row": i})
    for a in raw.get("articles", []):
        aid = a.get("article_id", "")
        rel = f"build/articles/{aid}/{CODING}"
        problems = Problems()
        coding = read_yaml(Path(package_dir) / rel, rel, problems) if "/" not in aid and aid not in ("", ".", "..") else None
        n += 1
        if coding is None:
            why = problems.items[0].message if problems.items else "is not an article folder name"
            out.append(Finding("provenance", "articles", "coding-unreadable", f"{rel} {why}; the package's rows of {aid} cannot be "
                               "compared with their coding", "restore the article's coding, then `newsfacts build`", value=aid))
            continue
        mine = by_article.get(aid, {})
        for section, table, key in ENTRIES:
            n += 1
            rows = {r[key]: r for r in mine.get(table, []) if not (table == "quotes" and derived_part(r))}
            coded = {f"{aid}/{e['id']}" for e in _entries(coding, section) if isinstance(e.get("id"), str)}
            for k in sorted(set(rows) - coded):
                out.append(Finding("provenance", table, "row-not-coded", f"{k} is a row, but {rel} codes no such entry in {section}",
                                   FIX, row=rows[k]["_row"], value=k))
            for k in sorted(coded - set(rows)):
                out.append(Finding("provenance", table, "coded-row-missing", f"{rel} codes {section} {k.split('/', 1)[1]!r}, "
                                   "but the package has no row of it", FIX, value=k))
        for section, kind, table in LINKS:
            n += 1
            rows_by = {(r.get("event_id"), r.get(f"{kind}_id"), r.get("role")): r for r in mine.get(table, [])}
            coded_links = {(f"{aid}/{e['id']}", f"{aid}/{link.get(kind)}", link.get("role"))
                           for e in _entries(coding, "events") if isinstance(e.get("id"), str)
                           for link in _entries(e, section)}
            for k in sorted(set(rows_by) - coded_links, key=str):
                out.append(Finding("provenance", table, "link-not-coded", f"event {k[0]} has {kind} {k[1]} as {k[2]}, but {rel} "
                                   f"does not link them so", FIX, row=rows_by[k]["_row"], value="|".join(map(str, k))))
            for k in sorted(coded_links - set(rows_by), key=str):
                out.append(Finding("provenance", table, "coded-link-missing", f"{rel} links event {k[0]} to {kind} {k[1]} as {k[2]}, "
                                   "but the package has no such row", FIX, value="|".join(map(str, k))))
    return out, n
