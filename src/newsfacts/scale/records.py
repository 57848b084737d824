"""One input text as the readers hand it over: its fields checked and normalised, or why not.

Every reader (JSON Lines, Parquet, a folder of .txt files) turns what it reads into a raw
mapping of field -> value; `record()` applies the same checks to all of them, so a text
fails for the same reason, with the same message, whatever its format."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from ..safeio import MAX_TEXT_CHARS

# What a reader maps from its input's columns (keys); --column FIELD=NAME renames them.
FIELDS = ("id", "text", "title", "url", "publisher", "publication_date")
FOLDER_FIELDS = ("file",)  # the folder reader's metadata CSV: which .txt file a row describes
MAX_ID_CHARS = 1000
MAX_FIELD_CHARS = 10_000  # a title, url or publisher
MAX_ARTICLE_ID_CHARS = 120


class Failure(Exception):
    """Why a text cannot be drafted: `reason` is one of the errors table's reasons."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason, self.message = reason, message


@dataclass(frozen=True)
class Record:
    """A text to draft (failure None), or the error row it becomes (failure set)."""

    position: str                 # `line N`, `row N`, or a .txt file's name
    id: str | None = None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    publication_date: str | None = None
    failure: tuple[str, str] | None = None  # (reason, message)

    def key(self) -> list[Any]:
        """What identifies the record's output (hashed for the partition's content hash)."""
        return [self.position, self.id, self.text, self.title, self.url, self.publisher, self.publication_date,
                list(self.failure) if self.failure else None]


def failed(position: str, reason: str, message: str, id: Any = None) -> Record:
    if isinstance(id, int) and not isinstance(id, bool):
        id = str(id)
    if isinstance(id, str):  # kept for the errors table, shown (not lost) when it is not UTF-8 or huge
        id = id[:MAX_ID_CHARS].encode("utf-8", "backslashreplace").decode("utf-8")
    return Record(position, id=id if isinstance(id, str) else None, failure=(reason, message))


def check_text(value: Any, field: str) -> str:
    """The text, after the checks `newsfacts draft` makes on a file (UTF-8 without a BOM, LF line
    endings, within the size limit, no control characters); Failure otherwise."""
    from ..pipeline.articles import decode_text

    if value is None:
        raise Failure("empty", f"no text: the record has no {field!r}; map the text's column with --column text=NAME")
    if isinstance(value, str):
        if len(value) > MAX_TEXT_CHARS:
            raise Failure("too-large", f"the text has {len(value):,} characters; an article text is limited to {MAX_TEXT_CHARS:,}")
        try:
            raw = value.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate, which JSON allows as an escape
            raise Failure("not-utf-8", f"the text is not UTF-8 (character {exc.start} is a lone surrogate)") from None
    elif isinstance(value, (bytes, bytearray)):
        raw = bytes(value)
        if len(raw) > MAX_TEXT_CHARS * 4:
            raise Failure("too-large", f"the text is {len(raw):,} bytes; an article text is limited to {MAX_TEXT_CHARS:,} characters")
    else:
        raise Failure("bad-metadata", f"{field!r} is a {type(value).__name__}, not a text")
    if not raw.strip():
        raise Failure("empty", "the text is empty")
    text, bad = decode_text(raw)
    if bad:
        where, what, fix = bad
        reason = "not-utf-8" if "UTF-8" in what and "byte-order" not in what else \
            "too-large" if "limited to" in what else "not-plain-text"
        raise Failure(reason, f"the text{' at ' + where if where != 'file' else ''} {what}; {fix}")
    return text


def _string(value: str, field: str, limit: int) -> str:
    if len(value) > limit:
        raise Failure("bad-metadata", f"{field!r} has {len(value):,} characters (at most {limit:,})")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Failure("not-utf-8", f"{field!r} is not UTF-8 (character {exc.start} is a lone surrogate)") from None
    return value


def _optional(value: Any, field: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Failure("bad-metadata", f"{field!r} is a {type(value).__name__}, not a string")
    return _string(value, field, MAX_FIELD_CHARS)


def check_date(value: Any, field: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date, a date-time (its date as written) or a string of either."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) <= 40:
        try:
            day = dt.date.fromisoformat(value[:10])
            if len(value) > 10:
                dt.datetime.fromisoformat(value)  # the rest must be a time, not anything
            return day.isoformat()
        except ValueError:
            pass
    shown = repr(value)[:60] if isinstance(value, str) else f"a {type(value).__name__}"
    raise Failure("bad-metadata", f"{field!r} {shown} is not a date: give YYYY-MM-DD, or an ISO date-time beginning with it")


def record(position: str, raw: dict[str, Any], columns: dict[str, str], default_publisher: str | None) -> Record:
    """A reader's raw record (input column -> value) checked and normalised; never raises."""
    got = {f: raw.get(columns.get(f, f)) for f in FIELDS}
    name = {f: columns.get(f, f) for f in FIELDS}
    rid = got["id"]
    if isinstance(rid, int) and not isinstance(rid, bool):
        rid = str(rid)
    try:
        if rid is None or rid == "":
            raise Failure("no-id", f"no id: the record has no {name['id']!r}; map the id's column with --column id=NAME")
        if not isinstance(rid, str):
            raise Failure("bad-metadata", f"the id {name['id']!r} is a {type(rid).__name__}, not a string or an integer")
        _string(rid, name["id"], MAX_ID_CHARS)
        text = check_text(got["text"], name["text"])
        publisher = _optional(got["publisher"], name["publisher"]) or default_publisher
        if publisher is None:
            raise Failure("no-publisher", f"no publisher: the record has no {name['publisher']!r} and no --publisher was given")
        return Record(position, rid, text, _optional(got["title"], name["title"]), _optional(got["url"], name["url"]),
                      publisher, check_date(got["publication_date"], name["publication_date"]))
    except Failure as f:
        return failed(position, f.reason, f.message, rid)


def article_id(input_id: str) -> str:
    """The article id of a text: its input id when that is one already, otherwise its slug and
    8 hex digits of its sha256 (two ids never share a slug by accident)."""
    from ..pipeline.articles import ARTICLE_ID

    if ARTICLE_ID.match(input_id) and len(input_id) <= MAX_ARTICLE_ID_CHARS:
        return input_id
    slug = re.sub(r"[^a-z0-9]+", "-", input_id.lower()).strip("-")[:60].strip("-") or "text"
    return f"{slug}-{hashlib.sha256(input_id.encode('utf-8')).hexdigest()[:8]}"
