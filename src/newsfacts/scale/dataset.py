"""Reading a machine-drafted corpus back: `newsfacts.load(table, root=DIR)` and `tables(root=DIR)`.

The parts are the resources of the corpus's datapackage.json (never a file it does not list),
each checked against its sha256 unless verify=False, read with the corpus's Arrow types and
given its month; the frame is typed as `load` types the package's tables (categoricals with
exactly the schema's values, lists as lists, dates as datetime64)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import DataError
from .manifest import DESCRIPTOR, MANIFEST, read_manifest
from .tables import ERRORS, PARTITION, corpus_tables, dataset_schema

if TYPE_CHECKING:
    import pandas as pd

RERUN = "rerun `newsfacts draft-corpus` with the same inputs and --out"


def is_corpus(root: str | Path | None) -> bool:
    return root is not None and (Path(root) / MANIFEST).is_file() and read_manifest(Path(root)) is not None


def _descriptor(root: Path) -> dict[str, Any]:
    from ..safeio import MAX_DESCRIPTOR_BYTES, UnsafeFile, parse_json, read_regular

    manifest = read_manifest(root)
    if manifest is None or manifest.get("complete") is not True:
        raise DataError(f"{root}: the run that writes this corpus has not finished (or was stopped); {RERUN} to finish it")
    try:
        desc = parse_json(read_regular(root / DESCRIPTOR, MAX_DESCRIPTOR_BYTES, "descriptor"), root / DESCRIPTOR, "descriptor")
    except UnsafeFile as exc:
        raise DataError(f"{exc}; {RERUN}") from None
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise DataError(f"{root / DESCRIPTOR}: has no list of resources; {RERUN}")
    return desc


def tables(root: str | Path) -> list[str]:
    _descriptor(Path(root))
    return list(corpus_tables())


def load(table: str, root: str | Path, *, verify: bool = True, articles: Iterable[str] | None = None) -> "pd.DataFrame":
    import hashlib

    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..closure import resolve_inside
    from ..loading import THREADED_ROWS, to_frame
    from ..safeio import MAX_DATA_FILE_BYTES, UnsafeFile, read_regular
    from .tables import arrow_schema

    base = Path(root)
    desc = _descriptor(base)
    if table not in corpus_tables():
        raise KeyError(f"no table {table!r} in the corpus; tables: {', '.join(corpus_tables())}")
    want = f"schemas/{table}.schema.json"
    parts = []
    for r in desc["resources"]:
        if not isinstance(r, dict) or r.get("schema") != want:
            continue
        path = r.get("path")
        inside, why = resolve_inside(base, path)
        if why or not path.startswith(f"{table}/"):
            raise DataError(f"{base / DESCRIPTOR}: resource {str(r.get('name'))[:80]!r}: {why or f'path {path!r} is outside {table}/'}; {RERUN}")
        try:
            data = read_regular(inside, MAX_DATA_FILE_BYTES, "table")
        except UnsafeFile as exc:
            raise DataError(f"{exc}; {RERUN}") from None
        if verify and r.get("hash") != f"sha256:{hashlib.sha256(data).hexdigest()}":
            raise DataError(f"{base / path}: its sha256 is not the one datapackage.json records; the file is damaged or "
                            f"was edited: {RERUN} (it redrafts nothing that is whole)")
        try:
            pf = pq.ParquetFile(pa.BufferReader(data))
            # Threads pay for themselves only on large parts (as `load` reads the package's tables).
            part = pf.read(use_threads=pf.metadata.num_rows > THREADED_ROWS)
        except Exception as exc:  # pyarrow raises many types for a damaged file
            raise DataError(f"{base / path}: cannot be read as Parquet ({type(exc).__name__}); {RERUN}") from None
        if part.schema != arrow_schema(table):
            raise DataError(f"{base / path}: its columns or types are not the corpus's {table} schema; {RERUN}")
        if table != ERRORS:
            month = path.split("/")[1].partition(f"{PARTITION}=")[2]
            part = part.append_column(PARTITION, pa.array([month] * part.num_rows, type=pa.string()))
        parts.append(part)
    schema = dataset_schema(table)
    if not parts:
        from ..pipeline.publish import arrow_table

        parts = [arrow_table(schema, [])]
    frame = to_frame(pa.concat_tables(parts).cast(arrow_table_schema(schema)), schema, base / table)
    if articles is not None:
        if "article_id" not in frame.columns:
            raise ValueError(f"the {table} table has no article_id to select articles by; filter its id column")
        wanted = [articles] if isinstance(articles, str) else list(articles)
        frame = frame[frame["article_id"].isin(wanted)].reset_index(drop=True)
    return frame


def arrow_table_schema(schema: dict[str, Any]) -> Any:
    import pyarrow as pa

    from ..schemas import arrow_type

    return pa.schema([pa.field(f["name"], arrow_type(f)) for f in schema["fields"]])
