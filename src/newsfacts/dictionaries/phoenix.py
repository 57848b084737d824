"""The Phoenix actor and agent dictionaries (openeventdata/petrarch2, MIT), from the compiled lexicon.

`lexicon/actors.tsv` and `lexicon/agents.tsv` are written by scripts/from_vendor.py from the
dictionaries (their format: each file's header and lexicon/SOURCE.md). An actor entry has names
and CAMEO codes, some dated (Putin is RUSGOV from May 2000 to May 2008); a name marked `*` may take
an ending on its last word ("russian*" covers "Russians"). Agents are role nouns whose codes are
added to an actor's ("defense minist*": GOVMIL, so "the Russian defense minister" is RUSGOVMIL).
actors.tsv is sorted by the word the draft looks up, so a lookup is a bisection into its lines
and only the entries of the words an article holds are ever parsed."""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent / "lexicon"
ACTOR_COLUMNS = "word\tsection\thead\tnames\tcodes"
AGENT_COLUMNS = "phrase\tcode\tposition"


def rows(name: str, columns: str) -> list[str]:
    """The data lines of a lexicon file (its `#` header and column line checked and dropped)."""
    lines = (HERE / name).read_text(encoding="utf-8").split("\n")
    k = 0
    while k < len(lines) and lines[k].startswith("#"):
        k += 1
    if k >= len(lines) or lines[k] != columns:
        raise RuntimeError(f"{HERE / name}: not a lexicon file with the columns {columns.split()}; "
                           "reinstall newsfacts or regenerate it with scripts/from_vendor.py")
    return lines[k + 1:-1] if lines[-1] == "" else lines[k + 1:]


@dataclass(frozen=True)
class Code:
    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds(self, on: dt.date | None) -> bool:
        return on is None or ((self.start is None or self.start <= on) and (self.end is None or on <= self.end))


@dataclass(frozen=True)
class Entry:
    head: str                      # the head phrase as written ("RUSSIAN_FEDERATION_")
    names: tuple[tuple[tuple[str, ...], bool], ...]  # (lowercase words, whole words only), those of the word looked up
    codes: tuple[Code, ...]
    section: str                   # Countries, International or MilNonState

    @property
    def source(self) -> str:
        return f"Phoenix.{self.section}.actors.txt"

    def code_on(self, on: dt.date | None) -> str | None:
        """The code that holds on a date: a dated code that holds then wins over an undated one
        (Putin is RUSGOV from 2000, though his entry also carries the undated RUSELI)."""
        held = [c for c in self.codes if c.holds(on)]
        dated = [c for c in held if c.start or c.end]
        pick = dated or held
        return pick[-1].code if pick else None


def _date(s: str) -> dt.date | None:
    return None if s == ".." else dt.date.fromisoformat(s)


def _code(s: str) -> Code:
    code, _, when = s.partition("@")
    if not when:
        return Code(code)
    start, end = when.split("/")
    return Code(code, _date(start), _date(end))


def _phrase(p: str) -> tuple[tuple[str, ...], bool]:
    return (tuple(p[:-1].split(" ")), False) if p.endswith("*") else (tuple(p.split(" ")), True)


def _entry(line: str) -> Entry:
    _, section, head, names, codes = line.split("\t")
    return Entry(head.replace("\\t", "\t") if "\\" in head else head, tuple(_phrase(p) for p in names.split("|")),
                 tuple(_code(c) for c in codes.split(" ")) if codes else (), section)


class Index:
    """The actor entries by the first word of their names; a word's entries in the order the
    draft tries them (parsed on first use)."""

    def __init__(self) -> None:
        self.lines = rows("actors.tsv", ACTOR_COLUMNS)
        self._parsed: dict[str, list[Entry]] = {}

    def entries(self, first_word: str) -> list[Entry]:
        """Every entry with a name whose first word is `first_word` (lowercase)."""
        got = self._parsed.get(first_word)
        if got is None:
            key, lines = first_word + "\t", self.lines
            i = bisect.bisect_left(lines, key)
            got = []
            while i < len(lines) and lines[i].startswith(key):
                got.append(_entry(lines[i]))
                i += 1
            self._parsed[first_word] = got
        return got


class Agent(NamedTuple):  # a tuple: three thousand of them are made at load
    words: tuple[str, ...]
    exact: bool
    code: str          # the role code(s) added, e.g. "GOVMIL"
    prefix: bool       # [IGO~]: the code goes before the actor's


@lru_cache(maxsize=1)
def index() -> Index:
    return Index()


@lru_cache(maxsize=1)
def agents() -> tuple[Agent, ...]:
    """Every agent, in dictionary order (the first of two equally long matches wins)."""
    out = []
    for line in rows("agents.tsv", AGENT_COLUMNS):
        phrase, code, position = line.split("\t")
        words, exact = _phrase(phrase)
        out.append(Agent(words, exact, code, position == "prefix"))
    return tuple(out)
