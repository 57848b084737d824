"""Forging a package the way a careful attacker would: rows edited in CSV and Parquet alike,
every hash and byte count in datapackage.json recomputed, so that only what re-reads the
words (or a fresh build, or the wheel's RECORD) can tell."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from typing import Any, Callable

from newsfacts.pipeline.publish import write_csv, write_parquet
from newsfacts.schemas import LIST_DELIMITER

Rows = list[dict[str, str]]


def read_rows(pkg: Path, table: str) -> Rows:
    with open(pkg / "data" / "csv" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _typed(value: str, ftype: str) -> Any:
    if value == "":
        return [] if ftype == "list" else None
    return {"integer": int, "number": float, "boolean": lambda v: v == "true", "date": dt.date.fromisoformat,
            "list": lambda v: v.split(LIST_DELIMITER)}.get(ftype, str)(value)


def schema_of(pkg: Path, table: str) -> dict[str, Any]:
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    return next(r["schema"] for r in desc["resources"] if r["name"] == table)


def write_rows(pkg: Path, table: str, rows: Rows, nullable: bool = False) -> None:
    """Both formats from the rows; nullable=True lets a required cell be empty (as a forger's own writer would)."""
    import copy

    schema = schema_of(pkg, table)
    typed = [{f["name"]: _typed(r.get(f["name"], ""), f["type"]) for f in schema["fields"]} for r in rows]
    write_csv(pkg / "data" / "csv" / f"{table}.csv", schema, typed)
    if nullable:
        schema = copy.deepcopy(schema)
        for f in schema["fields"]:
            f.get("constraints", {}).pop("required", None)
    write_parquet(pkg / "data" / "parquet" / f"{table}.parquet", schema, typed)


def rehash(pkg: Path, change: Callable[[dict[str, Any]], None] | None = None) -> None:
    """Recompute every sha256 and byte count in datapackage.json (after `change` edits it), and croissant.json."""
    p = pkg / "datapackage.json"
    desc = json.loads(p.read_text(encoding="utf-8"))
    if change:
        change(desc)
    for r in desc["resources"]:
        f = pkg / r["path"]
        if f.is_file():
            r["hash"] = "sha256:" + hashlib.sha256(f.read_bytes()).hexdigest()
            if "bytes" in r:
                r["bytes"] = f.stat().st_size
    p.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    # A consistent forger regenerates the Croissant metadata too (it is derived from the descriptor).
    from newsfacts.pipeline.croissant import CROISSANT, croissant_json

    c = pkg / CROISSANT
    if c.is_file():
        old = json.loads(c.read_text(encoding="utf-8"))
        c.write_text(croissant_json(desc, old["citeAs"], old["datePublished"]), encoding="utf-8")


def rederive_dyads(pkg: Path) -> None:
    """event_dyads from the (edited) tables, with the package's own derivation: a consistent forger
    keeps the derived table in step with the rows it changed."""
    from newsfacts.pipeline.dyads import GOLDSTEIN, dyad_rows, goldstein_scores

    plain = {t: [{k: (v if v != "" else None) for k, v in r.items()} for r in read_rows(pkg, t)]
             for t in ("events", "event_actors", "actors", "places", "segments", "articles")}
    with open(pkg / "data" / "codelists" / "roles.csv", encoding="utf-8", newline="") as fh:
        roles = {r["code"]: r["cameo_role"] for r in csv.DictReader(fh)}
    with open(pkg / "data" / "codelists" / f"{GOLDSTEIN}.csv", encoding="utf-8", newline="") as fh:
        scores = goldstein_scores(csv.DictReader(fh))
    names = [f["name"] for f in schema_of(pkg, "event_dyads")["fields"]]
    rows = [{k: "" if v is None else str(v) for k, v in r.items()} for r in dyad_rows(plain, roles, names, scores)]
    write_rows(pkg, "event_dyads", sorted(rows, key=lambda r: r["dyad_id"]))


def edit(pkg: Path, table: str, fn: Callable[[Rows], Rows | None], nullable: bool = False) -> None:
    rows = read_rows(pkg, table)
    rows = fn(rows) or rows
    write_rows(pkg, table, rows, nullable)
    if table != "event_dyads" and (pkg / "data" / "csv" / "event_dyads.csv").is_file():
        rederive_dyads(pkg)
    rehash(pkg)


def row(rows: Rows, key: str, value: str) -> dict[str, str]:
    return next(r for r in rows if r[key] == value)


def text_of(pkg: Path, article_id: str) -> str:
    return (pkg / "data" / "text" / f"{article_id}.txt").read_text(encoding="utf-8")


def span(pkg: Path, article_id: str, words: str, occurrence: int = 1) -> tuple[str, str]:
    text = text_of(pkg, article_id)
    at = -1
    for _ in range(occurrence):
        at = text.index(words, at + 1)
    return str(at), str(at + len(words))


def csv_text(rows: Rows) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()
