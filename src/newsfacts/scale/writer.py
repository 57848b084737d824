"""Where a partition's rows go: `<table>/month=YYYY-MM/part-<hash>.parquet`, written whole or not at all.

Each file is written under a hidden temporary name in its folder and renamed into place (a
rename is atomic), so a reader or a killed run never sees half a file; the partition's marker
(`_partitions/<hash>.json`, listing its files with their rows and sha256) is written the same
way, last: a partition is finished exactly when its marker exists. A rerun redoes a partition
without a marker, and since its files' names come from its content hash, it replaces them:
never a second copy."""
from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from .tables import PARTITION

PARTITIONS = "_partitions"
NAME_CHARS = 24  # of the partition's sha256 in its files' names: 96 bits
# Tests: "K:FLAG" makes the worker process die (SIGKILL) right after renaming the K-th file of a
# partition, before its marker, once: the first to create the file FLAG.
KILL_ENV = "NEWSFACTS_CORPUS_KILL_AFTER"


def part_path(table: str, month: str | None, digest: str) -> str:
    """A part file's path relative to the output folder (posix)."""
    folder = table if month is None else f"{table}/{PARTITION}={month}"
    return f"{folder}/part-{digest[:NAME_CHARS]}.parquet"


def marker_path(out: Path, digest: str) -> Path:
    return out / PARTITIONS / f"{digest}.json"


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def parquet_bytes(table: Any) -> bytes:
    """The same rows give the same bytes (the package's fixed options; one chunk, however built)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..pipeline.publish import PARQUET_OPTIONS

    sink = pa.BufferOutputStream()
    if table.num_rows == 0:  # no row group at all, as the package writes empty tables
        pq.ParquetWriter(sink, table.schema, **PARQUET_OPTIONS).close()
    else:
        pq.write_table(table.combine_chunks(), sink, **PARQUET_OPTIONS)
    return sink.getvalue().to_pybytes()


def write_partition(out: Path, digest: str, tables: dict[tuple[str, str | None], Any], summary: dict[str, Any]) -> dict[str, Any]:
    """Write every (table, month) -> Arrow table, then the marker; the marker's content."""
    files = []
    kill_after, _, flag = os.environ.get(KILL_ENV, "").partition(":")
    for n, ((table, month), arrow) in enumerate(sorted(tables.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")), 1):
        data = parquet_bytes(arrow)
        rel = part_path(table, month, digest)
        atomic_write(out / rel, data)
        files.append({"path": rel, "table": table, "month": month, "rows": arrow.num_rows,
                      "sha256": hashlib.sha256(data).hexdigest()})
        if kill_after and n == int(kill_after) and _first(flag):
            os.kill(os.getpid(), 9)
    marker = {**summary, "partition": digest, "files": files}
    atomic_write(marker_path(out, digest), json.dumps(marker, indent=1, sort_keys=True).encode("utf-8"))
    return marker


def _first(flag: str) -> bool:
    try:
        os.close(os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return True
    except FileExistsError:
        return False


def read_marker(out: Path, digest: str) -> dict[str, Any] | None:
    """A finished partition's marker, or None: no marker, or one that is damaged or whose files are gone."""
    path = marker_path(out, digest)
    try:
        marker = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("partition") != digest or not isinstance(marker.get("files"), list):
        return None
    for f in marker["files"]:
        if not isinstance(f, dict) or not isinstance(f.get("path"), str) or f["path"] != part_path(
                str(f.get("table")), f.get("month"), digest) or not (out / f["path"]).is_file():
            return None
    return marker

