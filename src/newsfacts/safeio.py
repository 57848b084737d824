"""Reading untrusted files without hanging, exhausting memory or crashing (standard library only).

Every file newsfacts opens from a package or a build folder goes through `open_regular`
(streamed) or `read_regular` (whole): it must be a regular file (a FIFO, device or folder in
its place would hang or crash a plain `open().read()`) of bounded size. JSON goes through
`load_json`, whose pre-check refuses a deeply nested document in linear time before
json.loads could recurse into it. The limits are here, once, and every message names the limit."""
from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from .errors import NewsfactsError

# Limits on every input. A news article is 5-50 KB; these leave room for any real one
# and for a corpus of 100,000 articles, and refuse what only an attack or damage makes.
MAX_TEXT_CHARS = 2_000_000          # an article text (article.txt, data/text/*.txt)
MAX_YAML_BYTES = 2_000_000          # source.yaml, coding.yaml and the other YAML inputs
MAX_DESCRIPTOR_BYTES = 256_000_000  # datapackage.json
MAX_JSON_BYTES = 64_000_000         # suites, schemas and other JSON files
MAX_CODELIST_BYTES = 16_000_000     # a code list (build/codelists/*.csv, data/codelists/*.csv)
MAX_DATA_FILE_BYTES = 4_000_000_000  # a CSV or Parquet table
MAX_CSV_IN_MEMORY = 64_000_000      # a CSV that is not its Parquet twin is checked row by row only up to this size
MAX_TABLE_ROWS = 20_000_000         # rows of one table (Parquet metadata is checked before reading)
MAX_JSON_DEPTH = 64                 # nesting of a JSON document

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class UnsafeFile(NewsfactsError):
    """A file that is not a regular file, is too large, or cannot be read."""


def _kind(mode: int) -> str:
    return "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "not a regular file"


def _missing(path: str | Path, what: str) -> UnsafeFile:
    if os.path.islink(path):  # a dangling link is damage, not an absent optional file
        return UnsafeFile(f"{path}: is a symbolic link to nothing; the {what} must be a regular file")
    return UnsafeFile(f"{path}: missing")


def check_regular(path: str | Path, limit: int, what: str = "file") -> int:
    """The size of `path`, after checking it is a regular file of at most `limit` bytes."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise _missing(path, what) from None
    except OSError as exc:
        raise UnsafeFile(f"{path}: cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeFile(f"{path}: is {_kind(st.st_mode)}; the {what} must be a regular file")
    if st.st_size > limit:
        raise UnsafeFile(f"{path}: is {st.st_size:,} bytes; the {what} is limited to {limit:,} bytes")
    return st.st_size


def open_regular(path: str | Path, limit: int, what: str = "file") -> BinaryIO:
    """A regular file of at most `limit` bytes, open for reading; UnsafeFile otherwise.

    The one way newsfacts opens an untrusted file: non-blocking (so a FIFO cannot block the
    open) and checked with fstat on the open descriptor (so a FIFO or device swapped in after
    a stat is still refused). Streaming readers check the bytes they read against `limit`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _missing(path, what) from None
    except IsADirectoryError:
        raise UnsafeFile(f"{path}: is a folder; the {what} must be a regular file") from None
    except OSError as exc:
        raise UnsafeFile(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFile(f"{path}: is {_kind(st.st_mode)}; the {what} must be a regular file")
        if st.st_size > limit:
            raise UnsafeFile(f"{path}: is {st.st_size:,} bytes; the {what} is limited to {limit:,} bytes")
        return os.fdopen(fd, "rb", buffering=0)
    except BaseException:
        os.close(fd)
        raise


def read_chunks(fh: BinaryIO, path: str | Path, limit: int, what: str = "file", size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of an open_regular file in chunks, refusing a file that grows past `limit` while read."""
    total = 0
    while True:
        try:
            chunk = fh.read(size)
        except OSError as exc:
            raise UnsafeFile(f"{path}: cannot be read ({exc.strerror})") from None
        if not chunk:
            return
        total += len(chunk)
        if total > limit:  # the file grew while we read it
            raise UnsafeFile(f"{path}: is more than {limit:,} bytes; the {what} is limited to {limit:,} bytes")
        yield chunk


def read_regular(path: str | Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; UnsafeFile otherwise (see open_regular)."""
    with open_regular(path, limit, what) as fh:
        return b"".join(read_chunks(fh, path, limit, what))


def read_csv_rows(path: str | Path, limit: int = MAX_CODELIST_BYTES, what: str = "code list") -> list[dict[str, str]]:
    """The rows of a small UTF-8 CSV file (a code list) as dicts; UnsafeFile with the reason otherwise."""
    import csv
    import io

    raw = read_regular(path, limit, what)
    try:
        return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    except UnicodeDecodeError as exc:
        raise UnsafeFile(f"{path}: is not UTF-8 (byte {exc.start})") from None
    except csv.Error as exc:
        raise UnsafeFile(f"{path}: is not CSV ({str(exc)[:80]})") from None


# A string runs to its closing quote or, unclosed, to the end of the document (json.loads then
# says what is wrong). Possessive and atomic, so no start is ever retried: a string that
# fails to close would otherwise be rescanned from each of its escaped quotes (quadratic:
# 36 s for 128 KB of `"\\"\\"\\"...`).
_JSON_STRING = re.compile(r'"(?>[^"\\]++|\\[\s\S]?)*+(?:"|\Z)')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes


def json_depth_ok(raw: bytes | str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets nest at most `limit` deep (strings skipped): checked before json.loads,
    whose recursion would otherwise fail deep inside a parse. Strings and everything but
    brackets are dropped by regular expressions, and the running depth is summed in C."""
    from itertools import accumulate

    s = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    steps = _NOT_BRACKET.sub("", _JSON_STRING.sub("", s)).encode("ascii").translate(_DEPTH_STEP)
    return max(accumulate(memoryview(steps).cast("b")), default=0) <= limit


def load_json(path: str | Path, limit: int = MAX_JSON_BYTES, what: str = "JSON file") -> Any:
    """A JSON document from a regular file; UnsafeFile with a one-line reason otherwise."""
    raw = read_regular(path, limit, what)
    return parse_json(raw, path, what)


def parse_json(raw: bytes, path: str | Path, what: str = "JSON file") -> Any:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise UnsafeFile(f"{path}: starts with a byte-order mark; the {what} must be UTF-8 JSON without one")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsafeFile(f"{path}: is not UTF-8 (byte {exc.start})") from None
    if not json_depth_ok(text):
        raise UnsafeFile(f"{path}: nests more than {MAX_JSON_DEPTH} levels deep; the {what} is not one newsfacts writes")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise UnsafeFile(f"{path}: is not valid JSON ({type(exc).__name__}: {str(exc)[:80]})") from None


_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def text_problem(text: str) -> tuple[int, str] | None:
    """(offset, what) of the first character an article text may not hold, or None: control
    characters (damage), bidirectional controls (they make the words on screen differ from
    the code points the offsets count, the "Trojan Source" trick) and a byte-order mark."""
    m = _FORBIDDEN.search(text)
    if m is None:
        return None
    c = m.group(0)
    o = ord(c)
    what = ("a byte-order mark (U+FEFF)" if c == "\ufeff" else f"the bidirectional control U+{o:04X}"
            if c in BIDI_CONTROLS else f"the control character U+{o:04X}")
    return m.start(), what
