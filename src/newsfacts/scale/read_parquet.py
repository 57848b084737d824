"""Parquet with a column per field (names mapped by --column FIELD=NAME).

The client reads only the footer: whole row groups are grouped into slices of about
`partition_size` rows (a row group is never split: Parquet is read by row group, so a task
that wanted part of one would read it all); a task reads only the mapped columns."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..safeio import UnsafeFile, check_regular
from .plan import InputError, Options, Slice
from .records import FIELDS, Record, failed, record

REQUIRED = ("id", "text")


def _open(path: str | Path):
    import pyarrow.parquet as pq

    return pq.ParquetFile(path)


def plan(path: Path, fmt: str, options: Options) -> list[Slice]:
    try:
        check_regular(path, 1 << 62, "input")
        pf = _open(path)
    except UnsafeFile as exc:
        raise InputError(str(exc)) from None
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise InputError(f"{path}: cannot be read as Parquet ({type(exc).__name__}: {str(exc)[:160]})") from None
    names = pf.schema_arrow.names
    mapping = options.mapping
    for f in FIELDS:
        col = mapping.get(f, f)
        if col not in names and (f in REQUIRED or f in mapping):
            raise InputError(f"{path}: has no column {col!r} for the {f} (its columns: {', '.join(names[:20])}); "
                             f"map it with --column {f}=NAME")
    md = pf.metadata
    slices, start, rows = [], 0, 0
    for g in range(md.num_row_groups):
        rows += md.row_group(g).num_rows
        if rows >= options.partition_size:
            slices.append(Slice(fmt, str(path), path.name, start, g + 1))
            start, rows = g + 1, 0
    if start < md.num_row_groups:
        slices.append(Slice(fmt, str(path), path.name, start, md.num_row_groups))
    return slices


def read(sl: Slice, options: Options) -> Iterator[Record]:
    mapping, publisher = options.mapping, options.publisher
    pf = _open(sl.path)
    names = set(pf.schema_arrow.names)
    columns = sorted({mapping.get(f, f) for f in FIELDS} & names)
    first = sum(pf.metadata.row_group(g).num_rows for g in range(sl.start))
    for g in range(sl.start, sl.stop if sl.stop is not None else pf.metadata.num_row_groups):
        try:
            table = pf.read_row_group(g, columns=columns)
        except Exception as exc:  # a damaged row group: each of its rows is an error row, the others still read
            n = pf.metadata.row_group(g).num_rows
            why = (f"rows {first}-{first + n - 1} (row group {g}) cannot be read ({type(exc).__name__}: {str(exc)[:120]}); "
                   "repair or re-export the file")
            for i in range(first, first + n):
                yield failed(f"row {i}", "unreadable", why)
            first += n
            continue
        for batch in table.to_batches(max_chunksize=1000):
            for raw in batch.to_pylist():
                yield record(f"row {first}", raw, mapping, publisher)
                first += 1
