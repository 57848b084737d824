"""JSON Lines (one JSON object per line; `.gz` for gzip): the reader of news archives' dumps.

A plain file is cut by the client into slices of `partition_size` lines (one pass over its
bytes, counting newlines), each read by a task from its byte offset. A gzipped file cannot be
entered midway, so it is one slice (give several files to spread it over workers); its task
still cuts it into partitions. Blank lines are no texts. A line that is not JSON, not UTF-8,
not an object or too long becomes an error row and reading goes on at the next line."""
from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import IO, Iterator

from ..safeio import MAX_TEXT_CHARS, UnsafeFile, check_regular
from .plan import InputError, Options, Slice
from .records import Record, failed, record

# A line holds one text, JSON-escaped (at worst 6 bytes a character), and its metadata.
MAX_LINE_BYTES = MAX_TEXT_CHARS * 6 + 1_000_000
BLOCK = 1 << 24


def plan(path: Path, fmt: str, options: Options) -> list[Slice]:
    try:
        check_regular(path, 1 << 62, "input")
    except UnsafeFile as exc:
        raise InputError(str(exc)) from None
    if fmt == "jsonl.gz":
        return [Slice(fmt, str(path), path.name)]
    n = options.partition_size
    slices, start, offset, line, pos, last = [], 0, 0, 0, 0, b"\n"
    with open(path, "rb") as fh:
        while True:
            block = fh.read(BLOCK)
            if not block:
                break
            count = block.count(b"\n")
            if line + count - start < n:  # no slice ends in this block
                line += count
            else:
                i = block.find(b"\n")
                while i != -1:
                    line += 1
                    if line - start == n:
                        end = pos + i + 1
                        slices.append(Slice(fmt, str(path), path.name, start, line, offset, end))
                        start, offset = line, end
                    i = block.find(b"\n", i + 1)
            pos += len(block)
            last = block[-1:]
    if pos > offset:  # the last lines; the very last may lack its newline
        slices.append(Slice(fmt, str(path), path.name, start, line + (last != b"\n"), offset, pos))
    return slices


def _lines(fh: IO[bytes], limit: int | None) -> Iterator[tuple[bytes | None, bool]]:
    """(line without its newline, or None when it is longer than MAX_LINE_BYTES, which is skipped)."""
    count = 0
    while limit is None or count < limit:
        raw = fh.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        count += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while True:  # skip the rest of the line without holding it
                rest = fh.readline(BLOCK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None, True
            continue
        yield raw.rstrip(b"\n").rstrip(b"\r"), False


def read(sl: Slice, options: Options) -> Iterator[Record]:
    mapping, publisher = options.mapping, options.publisher
    opener = gzip.open if sl.format == "jsonl.gz" else open
    number = sl.start
    with opener(sl.path, "rb") as fh:
        if sl.offset:
            fh.seek(sl.offset)
        lines = _lines(fh, None if sl.stop is None else sl.stop - sl.start)
        while True:
            try:
                line, too_long = next(lines)
            except StopIteration:
                return
            except (EOFError, OSError, zlib.error) as exc:  # a damaged or truncated gzip stream
                yield failed(f"line {number + 1}", "unreadable",
                             f"the file cannot be read past line {number} ({type(exc).__name__}: {str(exc)[:120]}); "
                             "the lines after it are not drafted: repair or re-download the file")
                return
            number += 1
            where = f"line {number}"
            if too_long:
                yield failed(where, "too-large", f"the line is over {MAX_LINE_BYTES:,} bytes; an article text is limited to "
                             f"{MAX_TEXT_CHARS:,} characters")
                continue
            if not line.strip():
                continue
            yield _record(where, line, mapping, publisher)


def _record(where: str, line: bytes, mapping: dict[str, str], publisher: str | None) -> Record:
    try:
        s = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return failed(where, "not-utf-8", f"the line is not UTF-8 (byte {exc.start}); save the file as UTF-8")
    try:
        obj = json.loads(s)
    except json.JSONDecodeError as exc:
        return failed(where, "unreadable", f"the line is not JSON ({exc.msg} at character {exc.pos}); one JSON object a line")
    except RecursionError:
        return failed(where, "unreadable", "the line is JSON nested too deeply to read; one flat JSON object a line")
    if not isinstance(obj, dict):
        return failed(where, "unreadable", f"the line is a JSON {type(obj).__name__}, not an object; one JSON object a line")
    return record(where, obj, mapping, publisher)
