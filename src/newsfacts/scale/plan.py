"""What a run drafts: its options, and its inputs cut into slices the workers read themselves.

The client only looks at the inputs (line offsets, Parquet metadata, a folder's listing); the
texts never travel through it. A slice is read by one task, which cuts it into partitions of
`partition_size` texts: the unit that is drafted, written and skipped on a rerun."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import NewsfactsError
from .records import FIELDS, FOLDER_FIELDS, Record

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl.gz", ".ndjson.gz": "jsonl.gz",
           ".parquet": "parquet", ".pq": "parquet"}


class InputError(NewsfactsError):
    """An input the run cannot read at all (missing, wrong format, a mapped column absent)."""


@dataclass(frozen=True)
class Options:
    """Everything besides the texts that decides the output (sent to every task)."""

    columns: tuple[tuple[str, str], ...] = ()   # (field, input column) for renamed fields
    publisher: str | None = None                # for texts whose record names none
    partition_size: int = 1000

    @property
    def mapping(self) -> dict[str, str]:
        return dict(self.columns)

    def column(self, name: str) -> str:
        return self.mapping.get(name, name)


@dataclass(frozen=True)
class Slice:
    """Part of one input that one task reads: lines [start, stop) of a JSON Lines file (bytes
    [offset, end) of it; a gzipped file is one slice, it cannot be entered midway), row groups
    [start, stop) of a Parquet file, or entries of a folder."""

    format: str
    path: str                 # absolute, as the workers open it
    name: str                 # the file's or folder's name, for the errors table
    start: int = 0
    stop: int | None = None
    offset: int = 0
    end: int | None = None
    entries: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = field(default=(), repr=False)

    def describe(self) -> str:
        what = {"jsonl": "lines", "jsonl.gz": "lines", "parquet": "row groups", "folder": "files"}[self.format]
        if self.format == "folder":
            return f"{self.path}: {len(self.entries)} files from {self.entries[0][0]}" if self.entries else self.path
        if self.stop is None:
            return self.path
        return f"{self.path}: {what} {self.start + (self.format != 'parquet')}-{self.stop - (self.format == 'parquet')}"


def format_of(path: Path) -> str | None:
    if path.is_dir():
        return "folder"
    name = path.name.lower()
    for suffix, fmt in sorted(FORMATS.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix):
            return fmt
    return None


def check_columns(columns: dict[str, str]) -> None:
    known = FIELDS + FOLDER_FIELDS
    for f in columns:
        if f not in known:
            raise InputError(f"--column {f}=...: {f!r} is not a field; map one of {', '.join(known)}")


def plan(inputs: list[Path], options: Options) -> list[Slice]:
    """The slices of every input, in the order given; an unreadable input is an InputError."""
    from . import read_folder, read_jsonl, read_parquet

    readers = {"jsonl": read_jsonl, "jsonl.gz": read_jsonl, "parquet": read_parquet, "folder": read_folder}
    check_columns(options.mapping)
    slices: list[Slice] = []
    seen: set[Path] = set()
    for given in inputs:
        path = Path(given)
        if not path.exists():
            raise InputError(f"{given}: no such file or folder; give JSON Lines (.jsonl, .jsonl.gz), Parquet (.parquet) "
                             "or a folder of .txt files")
        fmt = format_of(path)
        if fmt is None:
            raise InputError(f"{given}: not an input newsfacts reads; give JSON Lines (.jsonl, .jsonl.gz), "
                             "Parquet (.parquet) or a folder of .txt files with metadata.csv")
        real = path.resolve()
        if real in seen:
            raise InputError(f"{given}: given twice; give each input once")
        seen.add(real)
        slices += readers[fmt].plan(real, fmt, options)
    return slices


def read(sl: Slice, options: Options) -> Iterator[Record]:
    """The records of a slice, in order (run on a worker)."""
    from . import read_folder, read_jsonl, read_parquet

    reader: Any = {"jsonl": read_jsonl, "jsonl.gz": read_jsonl, "parquet": read_parquet, "folder": read_folder}[sl.format]
    return reader.read(sl, options)
