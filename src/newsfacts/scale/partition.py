"""One task: read a slice, and for each partition of it (`partition_size` texts) skip it when its
marker says it is done, or draft every text and write the partition.

A partition is named by the sha256 of what decides its output: the drafter (this newsfacts's
code, code lists and schemas), the input's name, and each record as read (position, id, text,
metadata, or why it cannot be drafted). The same texts give the same name on any worker, in any
run; anything that would change a row changes the name."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..__about__ import __version__
from ..errors import NewsfactsError
from .plan import Options, Slice, read
from .records import Record, article_id
from .tables import ERRORS, draft_tables, file_schema
from .writer import read_marker, write_partition

FLUSH = 100  # texts whose rows are held as Python objects before they become Arrow columns


@lru_cache(maxsize=1)
def drafter() -> str:
    """sha256 of everything the draft's rows depend on: the version, every file of the
    newsfacts package (code, dictionaries), the code lists and the schemas."""
    from .._resources import shipped_schemas_dir
    from ..draft.check import codelists_dir

    h = hashlib.sha256(f"newsfacts {__version__}\n".encode())
    pkg = Path(__file__).resolve().parents[1]
    roots = [(pkg, "package"), (codelists_dir(), "codelists"), (shipped_schemas_dir(), "schemas")]
    for root, label in roots:
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root).as_posix()
            if not p.is_file() or "__pycache__" in rel or rel.startswith("_package/") or p.suffix in (".pyc", ".pyo"):
                continue
            h.update(f"{label}/{rel}\n".encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def partition_hash(name: str, records: list[Record], options: Options) -> str:
    # The column names are in it too: an error row's message names the column it misses.
    h = hashlib.sha256(json.dumps(["newsfacts draft-corpus 1", drafter(), name, options.columns],
                                  ensure_ascii=False).encode("utf-8"))
    for r in records:
        h.update(json.dumps(r.key(), ensure_ascii=False).encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()


def run_slice(sl: Slice, out: str, options: Options) -> list[dict[str, Any]]:
    """The task each worker runs: one summary per partition of the slice (markers' content)."""
    target = Path(out)
    done = []
    records = read(sl, options)
    for batch in _batches(records, options.partition_size):
        done.append(run_partition(sl.name, batch, target, options))
    return done


def _batches(records: Iterator[Record], n: int) -> Iterator[list[Record]]:
    while True:
        batch = list(islice(records, n))
        if not batch:
            return
        yield batch


def run_partition(name: str, records: list[Record], out: Path, options: Options) -> dict[str, Any]:
    digest = partition_hash(name, records, options)
    marker = read_marker(out, digest)
    if marker is not None:
        return {**marker, "skipped": True}
    summary, tables = draft_partition(name, records, options)
    return {**write_partition(out, digest, tables, summary), "skipped": False}


def draft_partition(name: str, records: Iterable[Record], options: Options) -> tuple[dict[str, Any], dict[tuple[str, str | None], Any]]:
    """Draft every record: (counts, (table, month) -> Arrow table; (errors, None) -> the error rows)."""
    import pyarrow as pa

    from ..pipeline.publish import arrow_table

    held: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (table, month) -> rows not yet in Arrow
    done: dict[tuple[str, str], list[Any]] = {}
    errors: list[dict[str, Any]] = []
    reasons: Counter[str] = Counter()
    texts = drafted = pending = 0
    for rec in records:
        texts += 1
        rows, month, failure = (None, None, rec.failure) if rec.failure else draft_record(rec, options)
        if failure is not None:
            reasons[failure[0]] += 1
            errors.append({"id": rec.id, "file": name, "record": rec.position, "reason": failure[0], "message": failure[1]})
            continue
        drafted += 1
        for table, table_rows in rows.items():
            held.setdefault((table, month), []).extend(table_rows)
        pending += 1
        if pending == FLUSH:
            _flush(held, done)
            pending = 0
    _flush(held, done)
    tables: dict[tuple[str, str | None], Any] = {}
    months = sorted({m for _, m in done})
    for table in draft_tables():
        mine = [m for m in months if (table, m) in done]
        for month in mine:
            tables[(table, month)] = pa.concat_tables(done[(table, month)])
        if months and not mine:  # one empty part, so every table has a file and a schema to read
            tables[(table, months[0])] = arrow_table(file_schema(table), [])
    tables[(ERRORS, None)] = arrow_table(file_schema(ERRORS), errors)
    summary = {"input": name, "texts": texts, "drafted": drafted, "failed": texts - drafted,
               "reasons": dict(sorted(reasons.items())), "newsfacts": __version__}
    return summary, tables


def _flush(held: dict[tuple[str, str], list[dict[str, Any]]], done: dict[tuple[str, str], list[Any]]) -> None:
    from ..pipeline.publish import arrow_table

    for (table, month), rows in held.items():
        if rows:
            done.setdefault((table, month), []).append(arrow_table(file_schema(table), rows))
    held.clear()


def draft_record(rec: Record, options: Options) -> tuple[dict[str, list[dict[str, Any]]] | None, str | None, tuple[str, str] | None]:
    """(rows by table, publication month, None), or (None, None, (reason, message))."""
    from ..draft import draft_text
    from ..errors import Problems
    from ..pipeline.run import row_problems

    aid = article_id(rec.id)
    try:
        d = draft_text(rec.text, rec.publisher, rec.publication_date, rec.title, aid, rec.url, name="the text")
    except NewsfactsError as exc:
        return None, None, ("draft-failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - one text's failure must not stop the archive
        return None, None, ("draft-failed", f"the draft failed ({type(exc).__name__}: {str(exc)[:200]}); please report this text")
    published = d["tables"]["articles"][0]["publication_date"]
    if not published:
        col = options.column("publication_date")
        return None, None, ("no-date", f"no publication date: the record has no {col!r} and the text prints none; "
                                       f"give it in the {col!r} column (YYYY-MM-DD)")
    rows: dict[str, list[dict[str, Any]]] = {}
    problems = Problems()
    for table in draft_tables():
        schema = file_schema(table)
        full = [_complete(r, table, rec) for r in built_rows(d, table)]
        row_problems(table, full, schema, problems)
        rows[table] = full
    if problems.items:
        p = problems.items[0]
        more = f" (and {len(problems.items) - 1} more)" if len(problems.items) > 1 else ""
        return None, None, ("breaks-schema", f"a drafted row breaks its schema: {p.record}: {p.message}{more}; "
                                             "please report this text")
    return rows, published[:7], None


def built_rows(d: dict[str, Any], table: str) -> list[dict[str, Any]]:
    """A draft's rows of `table` as the build makes them: the events less the date suggestions the
    draft appends for a coder (one per entry of d["suggestions"]; no trigger, no code: prompts,
    not events, and rows the events schema refuses)."""
    rows = d["tables"].get(table, [])
    return rows[:len(rows) - len(d["suggestions"])] if table == "events" and d["suggestions"] else rows


@lru_cache(maxsize=None)
def _columns(table: str) -> tuple[tuple[str, bool], ...]:
    return tuple((f["name"], f["type"] == "date") for f in file_schema(table)["fields"])


def _complete(row: dict[str, Any], table: str, rec: Record) -> dict[str, Any]:
    """A draft row with every column of the corpus's schema: dates as dates, the machine-draft mark."""
    out = {}
    for name, is_date in _columns(table):
        v = row.get(name)
        out[name] = dt.date.fromisoformat(v) if is_date and isinstance(v, str) else v
    out["machine_draft"] = True
    if "input_id" in out:
        out["input_id"] = rec.id
    return out
