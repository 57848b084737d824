"""Write the tables in CSV and Parquet into a staging folder, and compare it with the published copy.

Publishing itself (journaled, atomic) and the build lock are in newsfacts/journal.py."""
from __future__ import annotations

import csv
import datetime as dt
import filecmp
import io
from pathlib import Path
from typing import Any

from ..journal import OUTPUT_IS_DIR, OUTPUTS
from ..schemas import LIST_DELIMITER, arrow_type, field_names


def cell(value: Any, ftype: str) -> str:
    """A value as the CSV writes it (validation --rebuild compares published cells with it)."""
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
        w.writerow([cell(r[n], t) for n, t in types])
    path.write_bytes(buf.getvalue().encode("utf-8"))


# Fixed options so the same rows give the same bytes (for a given pyarrow version).
PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "use_dictionary": True, "write_statistics": True}


def arrow_table(schema: dict[str, Any], rows: list[dict[str, Any]]) -> Any:
    """Rows (values as the build holds them: dates as dates, lists as lists) -> an Arrow table
    with the schema's columns and types (also what `newsfacts draft-corpus` writes)."""
    import pyarrow as pa

    fields = [pa.field(f["name"], arrow_type(f), nullable=not f.get("constraints", {}).get("required", False))
              for f in schema["fields"]]
    columns = [pa.array([_stored(r[f["name"]], f["type"]) for r in rows], type=arrow_type(f)) for f in schema["fields"]]
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def write_parquet(path: Path, schema: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    import pyarrow.parquet as pq

    table = arrow_table(schema, rows)
    options = PARQUET_OPTIONS
    if not rows:
        # No row group at all rather than one of 0 rows, which Hugging Face `datasets` refuses
        # ("BatchSize must be greater than 0"); every other reader sees the same empty table.
        pq.ParquetWriter(path, table.schema, **options).close()
        return
    pq.write_table(table, path, **options)


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


def _described(root: Path) -> set[str]:
    """Paths the previous build wrote under data/: those its datapackage.json describes."""
    from ..closure import path_syntax
    from ..safeio import MAX_DESCRIPTOR_BYTES, UnsafeFile, parse_json, read_regular

    try:
        desc = parse_json(read_regular(root / "datapackage.json", MAX_DESCRIPTOR_BYTES, "descriptor"), root, "descriptor")
        return {r["path"] for r in desc["resources"] if isinstance(r, dict) and isinstance(r.get("path"), str)
                and not path_syntax(r["path"])}
    except (UnsafeFile, KeyError, TypeError):
        return set()


def unowned_outputs(root: Path, stage: Path) -> list[str]:
    """What publishing would move away and delete though the build did not write it: a
    folder where a file belongs (or the other way round), a link, or a file or folder
    under data/ or validation/suites/ that neither the previous nor this build wrote."""
    out = []
    old_data = None
    for rel in OUTPUTS:
        p = root / rel
        if not (p.exists() or p.is_symlink()):
            continue
        want_dir = OUTPUT_IS_DIR[rel]
        if p.is_symlink():
            out.append(f"{rel} is a symbolic link (the build writes a real {'folder' if want_dir else 'file'} there)")
            continue
        if want_dir != p.is_dir() or (not want_dir and not p.is_file()):
            out.append(f"{rel} is a {'folder' if p.is_dir() else 'special file'}; the build writes a {'folder' if want_dir else 'file'} there")
            continue
        if not want_dir:
            continue
        if rel == "data" and old_data is None:
            old_data = _described(root)
        for q in sorted(p.rglob("*")):
            sub = q.relative_to(root).as_posix()
            if (stage / sub).exists() and (q.is_dir() == (stage / sub).is_dir()) and not q.is_symlink():
                continue
            if q.is_file() and not q.is_symlink() and (sub in (old_data or set()) or (rel != "data" and q.suffix == ".json")):
                continue
            if q.is_dir() and not q.is_symlink() and any(x.is_file() for x in q.rglob("*")):
                continue  # its files are judged one by one
            out.append(f"{sub} was not written by the build")
    return out

