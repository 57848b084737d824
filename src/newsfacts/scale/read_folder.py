"""A folder of .txt files (one text each, UTF-8) with an optional metadata.csv.

metadata.csv has a header and a row per text: the file's name in its `file` column (or, without
one, `<id>.txt`), and any of id, title, url, publisher, publication_date (names mapped by
--column FIELD=NAME). A .txt file the CSV does not list is still drafted, with its name (less
.txt) as id; a file the CSV lists but the folder lacks is an error row. The client reads the
listing and the CSV; the tasks read the texts."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Iterator

from ..safeio import MAX_TEXT_CHARS, UnsafeFile, read_regular
from .plan import InputError, Options, Slice
from .records import FIELDS, Record, failed, record

METADATA = "metadata.csv"
MAX_METADATA_BYTES = 8_000_000_000


def plan(path: Path, fmt: str, options: Options) -> list[Slice]:
    try:
        names = sorted(e.name for e in os.scandir(path) if e.name.lower().endswith(".txt") and not e.name.startswith("."))
    except OSError as exc:
        raise InputError(f"{path}: cannot be listed ({exc.strerror})") from None
    listed = _metadata(path, options)
    known = {name for name, _ in listed}
    entries = listed + [(name, ()) for name in names if name not in known]
    if not entries:
        raise InputError(f"{path}: holds no .txt file and no {METADATA}; give a folder of UTF-8 .txt files, one text each")
    n = options.partition_size
    return [Slice(fmt, str(path), path.name, i, i + len(entries[i:i + n]), entries=tuple(entries[i:i + n]))
            for i in range(0, len(entries), n)]


def _metadata(folder: Path, options: Options) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """(file name, the row's mapped cells) for every row of metadata.csv, in its order."""
    path = folder / METADATA
    if not path.exists():
        return []
    try:
        data = read_regular(path, MAX_METADATA_BYTES, "metadata CSV")
        text = data.decode("utf-8-sig")
    except UnsafeFile as exc:
        raise InputError(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: is not UTF-8 (byte {exc.start}); save it as UTF-8") from None
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows, [])
        file_col, id_col = options.column("file"), options.column("id")
        if file_col not in header and id_col not in header:
            raise InputError(f"{path}: has neither a {file_col!r} nor an {id_col!r} column (its columns: "
                             f"{', '.join(header[:20])}); name each row's .txt file, or map a column with --column file=NAME")
        wanted = {options.column(f) for f in FIELDS if f != "text"} & set(header)
        out, first_line = [], {}
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(f"{path}: line {line} has {len(row)} cells, the header {len(header)}; quote cells that hold commas")
            cells = dict(zip(header, row))
            name = cells.get(file_col) or (f"{cells[id_col]}.txt" if cells.get(id_col) else "")
            if not name:
                raise InputError(f"{path}: line {line} names no file (empty {file_col!r} and {id_col!r}); fill one in")
            if name in first_line:
                raise InputError(f"{path}: line {line} lists {name} again (first on line {first_line[name]}); list each file once")
            first_line[name] = line
            out.append((name, tuple((k, v) for k, v in cells.items() if k in wanted and v != "")))
    except csv.Error as exc:
        raise InputError(f"{path}: line {rows.line_num} cannot be read as CSV ({exc})") from None
    return out


def read(sl: Slice, options: Options) -> Iterator[Record]:
    mapping, publisher = options.mapping, options.publisher
    folder = Path(sl.path)
    text_col, id_col = options.column("text"), options.column("id")
    for name, cells in sl.entries:
        meta = dict(cells)
        if "/" in name or "\\" in name or name in (".", ".."):
            yield failed(name, "unreadable", f"{METADATA} names {name!r}, which is not a file of the folder; give file names only",
                         meta.get(id_col))
            continue
        try:
            data = read_regular(folder / name, MAX_TEXT_CHARS * 4, "article text")
        except UnsafeFile as exc:
            why = str(exc).split(": ", 1)[-1]
            if why == "missing":
                yield failed(name, "unreadable", f"{METADATA} lists {name}, which is not in the folder; add it or remove its row",
                             meta.get(id_col))
            else:
                yield failed(name, "too-large" if "limited to" in why else "unreadable", f"the file {why}", meta.get(id_col))
            continue
        meta[text_col] = data
        meta.setdefault(id_col, name[:-4] if name.lower().endswith(".txt") else name)
        yield record(name, meta, mapping, publisher)
