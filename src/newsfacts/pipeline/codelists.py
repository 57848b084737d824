"""Code lists in build/codelists/: which codes exist, and which schema fields use them."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX = "codelists.yaml"


@dataclass
class Codelist:
    name: str
    source: str
    fields: list[str]
    compound: bool
    rows: dict[str, dict[str, str]]

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
        out[name] = Codelist(name, meta["source"], list(meta.get("fields", [])), bool(meta.get("compound")), rows)
    return out


def by_field(lists: dict[str, Codelist]) -> dict[str, Codelist]:
    """'table.field' -> the code list that governs it."""
    return {f: cl for cl in lists.values() for f in cl.fields}
