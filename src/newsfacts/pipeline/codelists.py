"""Code lists in build/codelists/: which codes exist, and which schema fields use them."""
from __future__ import annotations

import csv
import re
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
    license: str | None = None  # an SPDX id, where the list's source licenses it otherwise than the package

    def check(self, value: str) -> bool:
        if self.compound:  # CAMEO actor codes chain three-letter parts: RUS + GOV
            parts = [value[i:i + 3] for i in range(0, len(value), 3)]
            return len(value) % 3 == 0 and all(p in self.rows for p in parts)
        return value in self.rows

    def label(self, code: str) -> str:
        return self.rows[code]["label"]


INDEX_KEYS = {"file", "source", "fields", "compound", "crosswalk", "license"}
SPDX_ID = re.compile(r"[A-Za-z0-9.+-]{1,64}")
RULE_KEYS = {"rule", "table", "example", "values"}


def read_codelists(folder: Path) -> dict[str, Codelist]:
    from ..errors import Problems
    from .yaml_input import read_yaml

    problems = Problems()
    label = f"build/codelists/{INDEX}"
    index: dict[str, Any] = read_yaml(Path(folder) / INDEX, label, problems) or {}
    out = {}
    for name, meta in index.items():
        if not isinstance(meta, dict) or not {"file", "source"} <= set(meta) or set(meta) - INDEX_KEYS:
            problems.add(label, str(name)[:40], f"needs the keys file and source (and may have {', '.join(sorted(INDEX_KEYS - {'file', 'source'}))})",
                         "fix the entry")
            continue
        licence = meta.get("license")
        if licence is not None and not (isinstance(licence, str) and SPDX_ID.fullmatch(licence)):
            problems.add(label, str(name)[:40], f"license {str(licence)[:40]!r} is not an SPDX licence id",
                         "give the list's licence as an SPDX id (CC-BY-SA-4.0), or leave license out for the package's")
            continue
        path = Path(folder) / str(meta["file"])
        if path.resolve().parent != Path(folder).resolve():
            problems.add(label, str(name)[:40], f"file {str(meta['file'])[:60]!r} is not in build/codelists/", "name a CSV file in build/codelists/")
            continue
        try:
            with open(path, encoding="utf-8", newline="") as fh:
                rows = {r["code"]: r for r in csv.DictReader(fh)}
        except (OSError, UnicodeDecodeError, KeyError, csv.Error) as exc:
            problems.add(f"build/codelists/{meta['file']}", "file", f"cannot be read as a code list ({type(exc).__name__})",
                         "make it a UTF-8 CSV with columns code, label, description")
            continue
        out[name] = Codelist(name, meta["source"], list(meta.get("fields", [])), bool(meta.get("compound")), rows,
                             meta.get("crosswalk"), licence)
    problems.raise_if_any()
    return out


def by_field(lists: dict[str, Codelist]) -> dict[str, Codelist]:
    """'table.field' -> the code list that governs it."""
    return {f: cl for cl in lists.values() for f in cl.fields}


def read_rules(root: Path) -> list[dict[str, Any]]:
    from ..errors import Problems
    from .yaml_input import read_yaml

    problems = Problems()
    label = f"build/codelists/{RULES}"
    rules = read_yaml(Path(root) / "build" / "codelists" / RULES, label, problems, list) or []
    for i, r in enumerate(rules, start=1):
        if not isinstance(r, dict) or set(map(str, r)) - RULE_KEYS:
            problems.add(label, f"rule {i}", f"must be a mapping with the keys {', '.join(sorted(RULE_KEYS))}", "fix the rule")
    problems.raise_if_any()
    return rules


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
