"""The Phoenix/PETRARCH actor and agent dictionaries (petrarch2, MIT), read as data.

Actor dictionaries (TABARI format): an entry is a head phrase, `+` alias lines and one or
more CAMEO codes, some dated (`[RUSGOV 000507-080507]`: Putin as head of government from
May 2000 to May 2008; `>20070101`, `<19991231`). Words are joined by `_`; a phrase that
ends in `_` matches whole words only, one that does not may take a plural or possessive
ending on its last word ("RUSSIAN" covers "Russians"). The agents dictionary maps role
nouns to role codes that are appended to an actor's code (`DEFENSE_MINIST [~GOVMIL]`:
"the Russian defense minister" is RUSGOVMIL), with `!MACRO!` word lists and `{plural}`
forms. This module parses them once into plain tuples (`load()` caches the result); the
draft matches phrases with them and the build checks coded actor codes against them."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent / "petrarch2"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENTS_FILE = "Phoenix.agents.txt"
_CODE = re.compile(r"\[([A-Z~]{3,}~?)\s*([^\]]*)\]")
_DATE = re.compile(r"^(?:>(\d{6,8})|<(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))$")


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
    names: tuple[tuple[tuple[str, ...], bool], ...]  # (lowercase words, whole words only)
    codes: tuple[Code, ...]
    source: str                    # file name

    def code_on(self, on: dt.date | None) -> str | None:
        """The code that holds on a date: a dated code that holds then wins over an undated one
        (Putin is RUSGOV from 2000, though his entry also carries the undated RUSELI)."""
        held = [c for c in self.codes if c.holds(on) and c.code != "---"]
        dated = [c for c in held if c.start or c.end]
        pick = dated or held
        return pick[-1].code if pick else None


def _date(s: str, end: bool) -> dt.date | None:
    if len(s) == 6:
        yy = int(s[:2])
        s = f"{1900 + yy if yy > 30 else 2000 + yy}{s[2:]}"
    try:
        return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:  # "2004017" and other typos in the source: the bound is dropped
        return None


def _codes(line: str) -> list[Code]:
    out = []
    for code, when in _CODE.findall(line):
        when = when.strip()
        m = _DATE.match(when) if when else None
        if m:
            after, before, a, b = m.groups()
            out.append(Code(code, _date(after or a, False) if (after or a) else None, _date(before or b, True) if (before or b) else None))
        else:
            out.append(Code(code))
    return out


def phrase(words: str) -> tuple[tuple[str, ...], bool] | None:
    """A dictionary phrase -> (lowercase words, whole words only)."""
    w = words.strip()
    exact = w.endswith("_")
    toks = tuple(t.lower() for t in re.split(r"[_\s]+", w.strip("_")) if t)
    return (toks, exact) if toks else None


def parse_actors(text: str, source: str) -> list[Entry]:
    entries: list[Entry] = []
    head, names, codes = None, [], []

    def close() -> None:
        if head is not None and names:
            entries.append(Entry(head, tuple(names), tuple(codes), source))

    for raw in text.split("\n"):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in (" ", "\t"):  # a continuation: more codes of the current entry
            codes.extend(_codes(line))
        elif line.startswith("+"):
            p = phrase(_CODE.sub("", line[1:]))
            if p:
                names.append(p)
            codes.extend(_codes(line))
        else:
            close()
            head_words = _CODE.sub("", line).strip()
            head, names, codes = head_words, [], _codes(line)
            p = phrase(head_words)
            if p:
                names.append(p)
    close()
    return entries


@dataclass(frozen=True)
class Agent:
    words: tuple[str, ...]
    exact: bool
    code: str          # the role code(s) appended, e.g. "GOVMIL"
    prefix: bool       # [IGO~]: the code goes before the actor's


def parse_agents(text: str) -> list[Agent]:
    macros: dict[str, list[str]] = {}
    out: list[Agent] = []
    for raw in text.split("\n"):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        cm = _CODE.search(line)
        if not cm:
            continue
        code = cm.group(1)
        forms = [line[:cm.start()]]
        plural = re.search(r"\{([^}]*)\}", forms[0])
        if plural:
            forms = [forms[0][:plural.start()]] + ([plural.group(1)] if plural.group(1).strip() else [])
        expanded = []
        for f in forms:
            mm = re.search(r"!(\w+)!", f)
            expanded += [f[:mm.start()] + v + f[mm.end():] for v in macros.get(mm.group(1), [])] if mm else [f]
        for f in expanded:
            p = phrase(f)
            if p:
                out.append(Agent(p[0], p[1], code.strip("~"), code.endswith("~")))
    return out


class Index:
    """The actor dictionaries indexed by the first word of every name, parsed only where asked:
    a draft looks up the words of one article, not 27,000 entries (parsing them all takes a
    second; indexing the lines takes a twentieth of that)."""

    def __init__(self) -> None:
        self.lines: list[list[str]] = []
        self.first: dict[str, list[tuple[int, int]]] = {}
        self._parsed: dict[tuple[int, int], Entry | None] = {}
        for f, name in enumerate(ACTOR_FILES):
            lines = (HERE / name).read_text(encoding="utf-8").split("\n")
            self.lines.append(lines)
            start = 0
            for i, line in enumerate(lines):
                if not line or line[0] in "#\t ":
                    continue
                if line[0] == "+":
                    line = line[1:]
                else:
                    start = i
                w = line.split("_", 1)[0].split(None, 1)
                if w:
                    self.first.setdefault(w[0].lower(), []).append((f, start))

    def _entry(self, f: int, start: int) -> Entry | None:
        key = (f, start)
        if key not in self._parsed:
            lines, end = self.lines[f], start + 1
            while end < len(lines) and (not lines[end] or lines[end][0] in "#\t +"):
                end += 1
            got = parse_actors("\n".join(lines[start:end]), ACTOR_FILES[f])
            self._parsed[key] = got[0] if got else None
        return self._parsed[key]

    def entries(self, first_word: str) -> list[Entry]:
        """Every entry with a name whose first word is `first_word` (lowercase)."""
        out: list[Entry] = []
        for f, start in dict.fromkeys(self.first.get(first_word, ())):
            e = self._entry(f, start)
            if e is not None:
                out.append(e)
        return out


@lru_cache(maxsize=1)
def index() -> Index:
    return Index()


@lru_cache(maxsize=1)
def agents() -> tuple[Agent, ...]:
    return tuple(parse_agents((HERE / AGENTS_FILE).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load() -> tuple[tuple[Entry, ...], tuple[Agent, ...]]:
    """Every actor entry of the three actor dictionaries, and every agent (parsed once)."""
    entries: list[Entry] = []
    for name in ACTOR_FILES:
        entries += parse_actors((HERE / name).read_text(encoding="utf-8"), name)
    return tuple(entries), agents()


def countries() -> dict[str, Entry]:
    """CAMEO country code -> its entry in Phoenix.Countries.actors: the entry whose bare
    three-letter code holds today ("UKRAINE_ [UKR >911221]": Ukraine since December 1991)."""
    out: dict[str, Entry] = {}
    for e in load()[0]:
        if e.source == ACTOR_FILES[0]:
            for c in e.codes:
                if len(c.code) == 3 and c.end is None:
                    out.setdefault(c.code, e)
    return out
