"""A package's tables read in bounded memory: validation streams every CSV, whatever its size.

A re-hashed CSV of 1.5 GB made validation hold the file, its text, a parsed Arrow copy and
a dict per row at once (17.7 GB). Here a table's CSV and its Parquet twin are read side by
side in blocks of BLOCK_BYTES (Arrow batches typed as `load` reads them) and compared block
by block, so a CSV that is not its twin is found without ever being held; CSV rows for the
row-by-row checks are parsed from the open file one at a time. Which rows validation then
keeps in memory is decided by provenance.py with the limits in safeio.py."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Iterator

from ..errors import DataError
from ..safeio import MAX_DATA_FILE_BYTES, MAX_TABLE_ROWS, UnsafeFile, open_regular

# A CSV block of pyarrow's streaming reader, which reads about 35 blocks ahead: 1 MB holds
# about 40 MB whatever the file's size (4 MB held 150 MB).
BLOCK_BYTES = 1 << 20
BATCH_ROWS = 1 << 15   # a Parquet batch


def _csv_batches(path: Path, schema: dict[str, Any]) -> Iterator[Any]:
    import pyarrow.csv as pacsv

    from ..loading import csv_convert_options

    with open_regular(path, MAX_DATA_FILE_BYTES, "data file") as fh:
        head = fh.read(3)
        if head == b"\xef\xbb\xbf":
            raise DataError(f"{path}: starts with a byte-order mark; rebuild or reinstall")
        fh.seek(0)
        reader = pacsv.open_csv(fh, read_options=pacsv.ReadOptions(block_size=BLOCK_BYTES, use_threads=False),
                                convert_options=csv_convert_options(schema))
        rows = 0
        for batch in reader:
            rows += batch.num_rows
            if rows > MAX_TABLE_ROWS:
                raise DataError(f"{path}: holds more than {MAX_TABLE_ROWS:,} rows; a table is limited to {MAX_TABLE_ROWS:,}")
            yield batch


def _parquet_batches(path: Path) -> Iterator[Any]:
    import pyarrow.parquet as pq

    with open_regular(path, MAX_DATA_FILE_BYTES, "data file") as fh:
        pf = pq.ParquetFile(fh)
        if pf.metadata.num_rows > MAX_TABLE_ROWS:
            raise DataError(f"{path}: holds {pf.metadata.num_rows:,} rows; a table is limited to {MAX_TABLE_ROWS:,}")
        yield from pf.iter_batches(batch_size=BATCH_ROWS, use_threads=False)


def typed_batches(path: Path, fmt: str, schema: dict[str, Any]) -> Iterator[Any]:
    """The file as Arrow tables of a block each, typed and checked as `load` reads it (columns,
    types, enum values); DataError naming the file when it cannot be read so."""
    import pyarrow as pa

    from ..loading import enum_columns

    source = _csv_batches(path, schema) if fmt == "csv" else _parquet_batches(path)
    try:
        for batch in source:
            table = pa.Table.from_batches([batch])
            enum_columns(table, schema, path)
            yield table
    except (DataError, UnsafeFile):
        raise
    except Exception as exc:  # pyarrow raises many types for a damaged file
        raise DataError(f"{path}: cannot be read as {fmt} ({type(exc).__name__}: {str(exc)[:200]}); reinstall or rebuild") from None


def unreadable(path: Path, fmt: str, schema: dict[str, Any]) -> str | None:
    """Why the file cannot be read as `load` reads it, or None (read through, a block at a time)."""
    try:
        for _ in typed_batches(path, fmt, schema):
            pass
    except (DataError, UnsafeFile) as exc:
        return str(exc)
    return None


def compare_twins(csv_path: Path, parquet_path: Path | None, schema: dict[str, Any]) -> tuple[dict[str, str], tuple | None]:
    """({format: why it cannot be read}, the first difference (message, 1-based row, CSV value) or
    None): both files read side by side, one block of each held at a time. parquet_path None:
    the CSV alone is read through (its readability)."""
    from .provenance import first_difference

    unreadable: dict[str, str] = {}
    counts = {"csv": 0, "parquet": 0}

    def side(fmt: str, path: Path) -> Iterator[Any]:
        try:
            for table in typed_batches(path, fmt, schema):
                counts[fmt] += table.num_rows
                yield table
        except (DataError, UnsafeFile) as exc:
            unreadable[fmt] = str(exc)

    csv_side = side("csv", csv_path)
    if parquet_path is None:
        for _ in csv_side:
            pass
        return unreadable, None
    parquet_side = side("parquet", parquet_path)
    a = b = None
    offset, difference = 0, None
    while True:
        while a is None or a.num_rows == 0:
            a = next(csv_side, None)
            if a is None:
                break
        while b is None or b.num_rows == 0:
            b = next(parquet_side, None)
            if b is None:
                break
        if unreadable or a is None or b is None:
            break
        k = min(a.num_rows, b.num_rows)
        d = first_difference(a.slice(0, k), b.slice(0, k))
        if d is not None:
            difference = (d[0], None if d[1] is None else d[1] + offset, d[2])
            break
        offset += k
        a, b = a.slice(k), b.slice(k)
    if unreadable:
        return unreadable, None
    for rest in (csv_side, parquet_side):  # the row counts, for the message: one block at a time
        for _ in rest:
            pass
    if not unreadable and counts["csv"] != counts["parquet"]:
        difference = (f"CSV has {counts['csv']} rows, Parquet {counts['parquet']}", None, None)
    return unreadable, difference


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """A CSV's rows as dicts of their text, parsed from the open file one at a time (UnicodeDecodeError
    or csv.Error on damage, UnsafeFile if the file is not a regular file within the limit)."""
    with open_regular(path, MAX_DATA_FILE_BYTES, "data file") as fh:
        text = io.TextIOWrapper(io.BufferedReader(fh, BLOCK_BYTES), encoding="utf-8", newline="")
        yield from csv.DictReader(text)
