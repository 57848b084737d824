"""Write the tables in CSV and Parquet into a staging folder, and compare it with the published copy.

Publishing itself (journaled, atomic) and the build lock are in newsfacts/journal.py."""
from __future__ import annotations

import csv
import datetime as dt
import filecmp
import io
from pathlib import Path
from typing import Any

from ..journal import OUTPUTS
from ..schemas import LIST_DELIMITER, arrow_type, field_names


def _cell(value: Any, ftype: str) -> str:
    if value is None:
        return ""
    if ftype == "list":
        return LIST_DELIMITER.join(value)
    if ftype == "boolean":
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _stored(value: Any, ftype: str) -> Any:
    if ftype == "list":
        return LIST_DELIMITER.join(value) if value else None
    return value


def write_csv(path: Path, schema: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(field_names(schema))
    types = [(f["name"], f["type"]) for f in schema["fields"]]
    for r in rows:
        w.writerow([_cell(r[n], t) for n, t in types])
    path.write_bytes(buf.getvalue().encode("utf-8"))


def write_parquet(path: Path, schema: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [pa.field(f["name"], arrow_type(f), nullable=not f.get("constraints", {}).get("required", False))
              for f in schema["fields"]]
    columns = [pa.array([_stored(r[f["name"]], f["type"]) for r in rows], type=arrow_type(f)) for f in schema["fields"]]
    table = pa.Table.from_arrays(columns, schema=pa.schema(fields))
    # Fixed options so the same rows give the same bytes (for a given pyarrow version).
    pq.write_table(table, path, compression="zstd", compression_level=3, use_dictionary=True, write_statistics=True)


def changed_files(stage: Path, root: Path) -> list[str]:
    """Outputs that differ between the staged build and the published copy (relative paths)."""
    diffs = []
    for out in OUTPUTS:
        new, old = stage / out, root / out
        if new.is_dir():
            names = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
            if old.is_dir():
                names |= {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
            for rel in sorted(names):
                a, b = new / rel, old / rel
                if not (a.is_file() and b.is_file() and filecmp.cmp(a, b, shallow=False)):
                    diffs.append(f"{out}/{rel.as_posix()}")
        elif new.is_file():
            if not (old.is_file() and filecmp.cmp(new, old, shallow=False)):
                diffs.append(out)
    return diffs


