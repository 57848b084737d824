"""The output folder as a whole: claimed at the start of a run, described at its end.

`manifest.json` says what the folder holds (texts in, drafted, failed; rows per table; months;
the options and the drafter) and whether the run that writes it finished: it is rewritten with
`complete: false` before any partition is written and with `complete: true` only when every
partition is, after the partitions of texts no longer given are removed, `schemas/` and
`datapackage.json` are written. Readers (`newsfacts.load`) refuse an incomplete folder."""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from ..__about__ import __version__
from ..errors import NewsfactsError
from .tables import ERRORS, PARTITION, corpus_tables, descriptor_schema
from .writer import NAME_CHARS, PARTITIONS, atomic_write

MANIFEST = "manifest.json"
DESCRIPTOR = "datapackage.json"
SCHEMAS = "schemas"
KIND = "newsfacts machine-draft corpus"
LOCK = ".lock"
PART = re.compile(r"^\.?part-([0-9a-f]{%d})\.parquet(\..*\.tmp)?$" % NAME_CHARS)


class OutputError(NewsfactsError):
    """The output folder cannot be used."""


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The folder's manifest when it is a corpus's, else None."""
    from ..safeio import MAX_JSON_BYTES, UnsafeFile, parse_json, read_regular

    try:
        m = parse_json(read_regular(out / MANIFEST, MAX_JSON_BYTES, "manifest"), out / MANIFEST, "manifest")
    except (UnsafeFile, NewsfactsError):
        return None
    return m if isinstance(m, dict) and m.get("kind") == KIND else None


def check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file; give a folder (new or empty, or one an earlier run wrote)")
    if out.is_dir() and any(out.iterdir()) and read_manifest(out) is None:
        raise OutputError(f"--out {out} holds files and no {MANIFEST} of a newsfacts corpus; give a new or empty folder "
                          "(nothing in it is overwritten), or the folder of an earlier run to resume it")


@contextlib.contextmanager
def claimed(out: Path) -> Iterator[None]:
    """One run writes a folder at a time; the folder is marked incomplete until the run finishes."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"another newsfacts draft-corpus run is writing {out}; wait for it, or give another --out") from None
        old = read_manifest(out) or {}
        atomic_write(out / MANIFEST, _json({**old, "kind": KIND, "complete": False}))
        yield
    finally:
        os.close(fd)


def _json(data: Any) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def finish(out: Path, partitions: list[dict[str, Any]], options: dict[str, Any], inputs: list[str],
           drafter: str) -> dict[str, Any]:
    """Remove what this run does not hold, write schemas/, datapackage.json and the manifest."""
    unique: dict[str, dict[str, Any]] = {}
    for p in partitions:
        unique.setdefault(p["partition"], p)
    removed = remove_stale(out, unique)
    for table in corpus_tables():
        atomic_write(out / SCHEMAS / f"{table}.schema.json", _json(descriptor_schema(table)))
    atomic_write(out / DESCRIPTOR, _json(descriptor(unique.values())))
    counts = Counter()
    reasons: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    months: set[str] = set()
    for p in unique.values():
        counts.update(texts=p["texts"], drafted=p["drafted"], failed=p["failed"])
        reasons.update(p["reasons"])
        for f in p["files"]:
            rows[f["table"]] += f["rows"]
            if f["month"]:
                months.add(f["month"])
    dups = duplicate_ids(out, unique.values())
    manifest = {
        "kind": KIND, "complete": True, "newsfacts": __version__, "drafter": drafter,
        "inputs": inputs, "options": options,
        "texts": {"in": counts["texts"], "drafted": counts["drafted"], "failed": counts["failed"]},
        "failed_by_reason": dict(sorted(reasons.items())),
        "partitions": len(unique), "repeated_partitions": len(partitions) - len(unique),
        "months": sorted(months),
        "rows": {t: rows[t] for t in corpus_tables()},
        "duplicate_ids": {"count": len(dups), "first": dups[:10]},
    }
    atomic_write(out / MANIFEST, _json(manifest))
    return {**manifest, "removed": removed}


def remove_stale(out: Path, partitions: dict[str, dict[str, Any]]) -> int:
    """Delete part files and markers of partitions this run does not hold (texts no longer
    given, other options, another drafter) and temporary files of killed runs; only files
    named as this module names them are touched."""
    keep = {f["path"] for p in partitions.values() for f in p["files"]}
    removed = 0
    for table in corpus_tables():
        folder = out / table
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):
            rel = path.relative_to(out).as_posix()
            if path.is_file() and not path.is_symlink() and PART.match(path.name) and rel not in keep:
                path.unlink()
                removed += not path.name.startswith(".")
            elif path.is_dir() and path.name.startswith(f"{PARTITION}=") and not any(path.iterdir()):
                path.rmdir()
    markers = out / PARTITIONS
    if markers.is_dir():
        for path in markers.iterdir():
            if path.is_file() and (path.name.startswith(".") or path.suffix == ".json" and path.stem not in partitions):
                path.unlink()
    return removed


def descriptor(partitions: Any) -> dict[str, Any]:
    """A Data Package with one resource per part file, each pointing at its table's schema file."""
    order = {t: i for i, t in enumerate(corpus_tables())}
    files = sorted((f for p in partitions for f in p["files"]), key=lambda f: (order[f["table"]], f["month"] or "", f["path"]))
    texts = sum(p["drafted"] for p in partitions)
    resources = []
    for f in files:
        digest = f["path"].rsplit("part-", 1)[1][:NAME_CHARS]
        resources.append({
            "name": f"{f['table']}.{f['month']}.{digest}" if f["month"] else f"{f['table']}.{digest}",
            "type": "table", "path": f["path"], "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "hash": f"sha256:{f['sha256']}", "schema": f"{SCHEMAS}/{f['table']}.schema.json"})
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "newsfacts-machine-draft",
        "title": f"Machine draft of {texts:,} news texts by newsfacts {__version__}",
        "description": (
            "Every row is a machine draft: what `newsfacts draft` proposes for a text, reviewed by no one (column "
            "machine_draft). The tables are those of the newsfacts package (schemas/ gives each column), hive-partitioned "
            f"by publication month (<table>/{PARTITION}=YYYY-MM/part-<hash>.parquet); each part is a resource here. Texts "
            f"that could not be drafted are rows of `{ERRORS}`. Foreign keys are not declared (a Table Schema names one "
            "resource a key refers to; the rows a part refers to are in the parts of the same partition hash and month)."),
        "resources": resources,
    }


def duplicate_ids(out: Path, partitions: Any) -> list[str]:
    """Article ids that occur in more than one text (the input gave an id twice)."""
    import pyarrow.parquet as pq

    seen: Counter[str] = Counter()
    for p in partitions:
        for f in p["files"]:
            if f["table"] == "articles" and f["rows"]:
                seen.update(pq.read_table(out / f["path"], columns=["article_id"])["article_id"].to_pylist())
    return sorted(k for k, n in seen.items() if n > 1)
