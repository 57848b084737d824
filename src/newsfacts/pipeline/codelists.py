"""Code lists in build/codelists/: which codes exist, and which schema fields use them."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX = "codelists.yaml"
RULES = "rules.yaml"


@dataclass
class Codelist:
    name: str
    source: str
    fields: list[str]
    compound: bool
    rows: dict[str, dict[str, str]]
    checks: str | None = None  # for a crosswalk: the field whose value selects its row

    def check(self, value: str) -> bool:
        if self.compound:  # CAMEO actor codes chain three-letter parts: RUS + GOV
            parts = [value[i:i + 3] for i in range(0, len(value), 3)]
            return len(value) % 3 == 0 and all(p in self.rows for p in parts)
        return value in self.rows

    def label(self, code: str) -> str:
        return self.rows[code]["label"]


def read_codelists(folder: Path) -> dict[str, Codelist]:
    import yaml

    index: dict[str, Any] = yaml.safe_load((Path(folder) / INDEX).read_text(encoding="utf-8"))
    out = {}
    for name, meta in index.items():
        with open(Path(folder) / meta["file"], encoding="utf-8", newline="") as fh:
            rows = {r["code"]: r for r in csv.DictReader(fh)}
        out[name] = Codelist(name, meta["source"], list(meta.get("fields", [])), bool(meta.get("compound")), rows,
                             meta.get("crosswalk"))
    return out


def by_field(lists: dict[str, Codelist]) -> dict[str, Codelist]:
    """'table.field' -> the code list that governs it."""
    return {f: cl for cl in lists.values() for f in cl.fields}


def read_rules(root: Path) -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load((Path(root) / "build" / "codelists" / RULES).read_text(encoding="utf-8")) or []


def check_rules(rules: list[dict[str, Any]], tables: dict[str, list[dict[str, Any]]], root: Path) -> None:
    """Every rule's example row must exist and carry the values the rule states."""
    from ..errors import Problems
    from ..schemas import read_schema

    problems = Problems()
    file = f"build/codelists/{RULES}"
    for i, r in enumerate(rules, start=1):
        rec = f"rule {i} ({r.get('rule', '?')})"
        table = r.get("table")
        if table not in tables:
            problems.add(file, rec, f"names unknown table {table!r}", f"use one of {', '.join(tables)}")
            continue
        key = read_schema(Path(root) / "schemas", table)["primaryKey"][0]
        row = next((x for x in tables[table] if x[key] == r.get("example")), None)
        if row is None:
            problems.add(file, rec, f"example {r.get('example')!r} is not a row of {table}", "point the example at an existing id")
            continue
        for col, want in (r.get("values") or {}).items():
            if row.get(col) != want:
                problems.add(file, rec, f"example {r['example']} has {col} = {row.get(col)!r}, the rule says {want!r}",
                             "recode the example in its coding.yaml, or correct the rule")
    problems.raise_if_any()
