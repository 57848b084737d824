"""Vectorised checks of the Parquet files against the schemas (pyarrow.compute).

frictionless reads Parquet row by row through pandas (see benchmarks/RESULTS.md);
these checks cover the same schema rules column-wise: types, required, unique,
enum, pattern, minimum, maximum, primary/unique keys and foreign keys."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..loading import PARQUET_SUFFIX, table_names
from ..schemas import arrow_type
from .report import Finding

REBUILD = "rebuild with `newsfacts build` (in a checkout) or reinstall newsfacts"


def _first_bad(mask: Any) -> int | None:
    import pyarrow.compute as pc

    idx = pc.index(mask, True).as_py()
    return idx + 1 if idx >= 0 else None


def check(package_dir: Path, desc: dict[str, Any]) -> tuple[list[Finding], int]:
    import pyarrow.parquet as pq

    resources = {r["name"]: r for r in desc["resources"]}
    data: dict[str, Any] = {}
    for t in table_names(desc):
        name = t + PARQUET_SUFFIX
        r = resources[name]
        try:
            data[t] = pq.read_table(package_dir / r["path"])
        except Exception:  # unreadable files are reported by the provenance layer
            continue
    return check_tables(data, desc)


def check_tables(data: dict[str, Any], desc: dict[str, Any]) -> tuple[list[Finding], int]:
    """The schema rules on Arrow tables already read ({table: Arrow table of its Parquet file}):
    what validation checks, and what `newsfacts view` checks on exactly the tables it renders."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out: list[Finding] = []
    n = 0
    resources = {r["name"]: r for r in desc["resources"]}
    for t, table in data.items():
        name = t + PARQUET_SUFFIX
        schema = resources[name]["schema"]
        fields = schema["fields"]
        n += 1
        expected = pa.schema([pa.field(f["name"], arrow_type(f)) for f in fields])
        if [(f.name, f.type) for f in table.schema] != [(f.name, f.type) for f in expected]:
            out.append(Finding("provenance", name, "parquet-schema", f"Arrow schema {table.schema.types} differs from the Table Schema", REBUILD))
            continue
        for f in fields:
            col, c = table[f["name"]], f.get("constraints", {})
            n += 1
            if c.get("required") and col.null_count:
                out.append(Finding("provenance", name, "required", f"{f['name']} has {col.null_count} empty cell(s)", REBUILD,
                                   row=_first_bad(pc.is_null(col))))
            if c.get("unique") and pc.count_distinct(col).as_py() != len(col) - col.null_count:
                out.append(Finding("provenance", name, "unique", f"{f['name']} repeats values", REBUILD))
            if "enum" in c:
                bad = pc.and_(pc.is_valid(col), pc.invert(pc.is_in(col, value_set=pa.array(c["enum"], type=col.type))))
                if pc.any(bad).as_py():
                    i = _first_bad(bad)
                    out.append(Finding("provenance", name, "enum", f"{f['name']} is not one of {c['enum']}", REBUILD, row=i, value=str(col[i - 1])))
            if "pattern" in c and f["type"] == "string":
                bad = pc.and_(pc.is_valid(col), pc.invert(pc.match_substring_regex(col, c["pattern"])))
                if pc.any(bad).as_py():
                    i = _first_bad(bad)
                    out.append(Finding("provenance", name, "pattern", f"{f['name']} does not match {c['pattern']}", REBUILD, row=i, value=str(col[i - 1])))
            if "minimum" in c and col.null_count < len(col) and pc.min(col).as_py() < c["minimum"]:
                out.append(Finding("provenance", name, "minimum", f"{f['name']} is below {c['minimum']}", REBUILD))
            if "maximum" in c and col.null_count < len(col) and pc.max(col).as_py() > c["maximum"]:
                out.append(Finding("provenance", name, "maximum", f"{f['name']} is above {c['maximum']}", REBUILD))
        for key in [schema.get("primaryKey", [])] + schema.get("uniqueKeys", []):
            if key:
                n += 1
                groups = table.group_by(key).aggregate([([], "count_all")])
                if len(groups) != len(table):
                    repeated = groups.filter(pc.greater(groups["count_all"], 1))
                    first = _first_bad(pc.is_in(table[key[0]], value_set=repeated[key[0]])) if len(key) == 1 else None
                    out.append(Finding("provenance", name, "unique-key", f"{'+'.join(key)} repeats", REBUILD, row=first,
                                       value=str(table[key[0]][first - 1]) if first else None))
        for fk in schema.get("foreignKeys", []):
            (col_name,), (ref_col,) = fk["fields"], fk["reference"]["fields"]
            ref = fk["reference"]["resource"].removesuffix(PARQUET_SUFFIX) or t
            if ref not in data:
                continue
            n += 1
            col = table[col_name]
            bad = pc.and_(pc.is_valid(col), pc.invert(pc.is_in(col, value_set=data[ref][ref_col])))
            if pc.any(bad).as_py():
                i = _first_bad(bad)
                out.append(Finding("provenance", name, "foreign-key", f"{col_name} has no row in {ref}.{ref_col}",
                                   "restore the referenced row, or fix the reference in the coding and rebuild", row=i, value=str(col[i - 1])))
    return out, n
