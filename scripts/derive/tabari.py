"""Readers of the TABARI/PETRARCH dictionary formats (petrarch2's Phoenix dictionaries and CAMEO.2.0.txt).

They run only when the lexicon and the code lists are generated (`scripts/from_vendor.py`); the draft
reads the compiled lexicon. Until then these were the draft's own readers, and the lexicon is what they
made of the files, lookup for lookup: where the old reader had a quirk, so does the lexicon.

Actor dictionaries: an entry is a head phrase, `+` alias lines and one or more CAMEO codes, some dated
(`[RUSGOV 000507-080507]`: Putin as head of government from May 2000 to May 2008; `>20070101`,
`<19991231`). Words are joined by `_`; a phrase that ends in `_` matches whole words only, one that does
not may take a plural or possessive ending on its last word ("RUSSIAN" covers "Russians"). The agents
dictionary maps role nouns to role codes appended to an actor's code (`DEFENSE_MINIST [~GOVMIL]`), with
`!MACRO!` word lists and `{plural}` forms.

The verb dictionary: a verb block names a verb and its synonyms (each may carry a code of its own and its
irregular forms in braces), a default code, and patterns: words before and after the verb (`*`) that
pick a more precise code: `- * (FOR {HUMANITARIAN AID}) [0233]`. Patterns hold plain words (a word
without a trailing `_` may take an ending), `{...}` for words that follow one another, `(...)` for a
prepositional phrase, `&SET` for one of a synonym set, and the markers `$` (source), `+` (target), `^`
and `%`, which are skipped."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENTS_FILE = "Phoenix.agents.txt"
VERBS_FILE = "CAMEO.2.0.txt"
_CODE = re.compile(r"\[([A-Z~]{3,}~?)\s*([^\]]*)\]")
_DATE = re.compile(r"^(?:>(\d{6,8})|<(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))$")


# --- actors -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Code:
    code: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Entry:
    head: str                      # the head phrase as written ("RUSSIAN_FEDERATION_")
    names: tuple[tuple[tuple[str, ...], bool], ...]  # (lowercase words, whole words only)
    codes: tuple[Code, ...]
    source: str                    # file name


def _date(s: str) -> dt.date | None:
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
            out.append(Code(code, _date(after or a) if (after or a) else None, _date(before or b) if (before or b) else None))
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


class Index:
    """The actor dictionaries indexed as the draft looked them up: by the first word of every
    head and alias line (up to its first `_` or space), each word's entries in file and line order."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.lines: list[list[str]] = []
        self.first: dict[str, list[tuple[int, int]]] = {}
        for f, name in enumerate(ACTOR_FILES):
            lines = texts[name].split("\n")
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

    def entry(self, f: int, start: int) -> Entry | None:
        lines, end = self.lines[f], start + 1
        while end < len(lines) and (not lines[end] or lines[end][0] in "#\t +"):
            end += 1
        got = parse_actors("\n".join(lines[start:end]), ACTOR_FILES[f])
        return got[0] if got else None

    def lookups(self) -> list[tuple[str, int, int, Entry]]:
        """(word, file index, line index, entry) for every word, in the order the draft met them."""
        out = []
        for word in sorted(self.first):
            for f, start in dict.fromkeys(self.first[word]):
                e = self.entry(f, start)
                if e is not None:
                    out.append((word, f, start, e))
        return out


def load_actors(texts: dict[str, str]) -> list[Entry]:
    """Every entry of the three actor dictionaries, parsed whole (the code lists' reading)."""
    entries: list[Entry] = []
    for name in ACTOR_FILES:
        entries += parse_actors(texts[name], name)
    return entries


def countries(entries: list[Entry]) -> dict[str, Entry]:
    """CAMEO country code -> its entry in Phoenix.Countries.actors: the entry whose bare
    three-letter code holds today ("UKRAINE_ [UKR >911221]": Ukraine since December 1991)."""
    out: dict[str, Entry] = {}
    for e in entries:
        if e.source == ACTOR_FILES[0]:
            for c in e.codes:
                if len(c.code) == 3 and c.end is None:
                    out.setdefault(c.code, e)
    return out


# --- agents -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Agent:
    words: tuple[str, ...]
    exact: bool
    code: str          # the role code(s) appended, e.g. "GOVMIL"
    prefix: bool       # [IGO~]: the code goes before the actor's
    line: int          # 1-based line in Phoenix.agents.txt


def parse_agents(text: str) -> list[Agent]:
    macros: dict[str, list[str]] = {}
    out: list[Agent] = []
    for n, raw in enumerate(text.split("\n"), 1):
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
                out.append(Agent(p[0], p[1], code.strip("~"), code.endswith("~"), n))
    return out


# --- verbs ------------------------------------------------------------------------------

Word = tuple[str, bool]  # (lowercase word, whole word only)


@dataclass(frozen=True)
class Pattern:
    before: tuple[tuple[tuple[Word, ...], ...], ...]  # elements; each element: alternatives; each: words in a row
    after: tuple[tuple[tuple[Word, ...], ...], ...]
    code: str | None
    line: int


@dataclass(frozen=True)
class Verb:
    block: str
    words: tuple[str, ...]    # the form's words ("ask", "for" for +ASK_FOR)
    code: str | None          # its own code, else the block's default
    line: int


def _word(w: str) -> Word:
    return (w.strip("_").lower(), w.endswith("_"))


def _code(raw: str) -> str | None:
    """[042:043] -> 042 (the code of the event; the second is its reciprocal); [---] -> None."""
    parts = [p for p in raw.split(":") if p and p != "---"]
    return parts[0] if parts else None


_VCODE = re.compile(r"\[([0-9:\-]*)\]")


def regular_forms(base: str) -> list[str]:
    """The regular forms of an English verb: asks, asked, asking (the dictionary lists the irregular ones)."""
    b = base.lower()
    out = [b]
    if re.search(r"(?:s|sh|ch|x|z|o)$", b):
        out.append(b + "es")
    elif re.search(r"[^aeiou]y$", b):
        out.append(b[:-1] + "ies")
    else:
        out.append(b + "s")
    if b.endswith("e"):
        out += [b + "d", b[:-1] + "ing"]
    elif re.search(r"[^aeiou]y$", b):
        out += [b[:-1] + "ied", b + "ing"]
    else:
        out += [b + "ed", b + "ing"]
        if re.search(r"(?:^|[^aeiou])[aeiou][bdgklmnprt]$", b) and len(b) <= 5:
            out += [b + b[-1] + "ed", b + b[-1] + "ing"]  # stop: stopped, stopping
    return out


class VerbDictionary:
    """CAMEO.2.0.txt read as the draft read it: synonym sets expanded where a pattern names them
    (a set named before it is defined is empty there), a block named twice keeps its second default
    and patterns."""

    def __init__(self, text: str):
        self.synsets: dict[str, list[tuple[Word, ...]]] = {}
        self.blocks: dict[str, tuple[str | None, list[Pattern]]] = {}
        self.verbs: list[Verb] = []
        lines = text.split("\n")
        i = 0
        current = None
        while i < len(lines):
            line = lines[i].split("#", 1)[0].rstrip()
            i += 1
            if not line.strip():
                continue
            if line.startswith("&"):
                name = line.strip().strip("_")
                members = []
                while i < len(lines) and lines[i].startswith("+"):
                    members.append(tuple(_word(w) for w in re.split(r"[_\s]+", lines[i][1:].split("#", 1)[0].strip()) if w))
                    i += 1
                self.synsets[name[1:]] = [m for m in members if m]
                continue
            m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
            if m:
                current = m.group(1)
                self.blocks[current] = (_code(m.group(2)), [])
                continue
            if current is None:
                continue
            if line.startswith("-"):
                cm = _VCODE.search(line)
                if not cm:
                    continue
                body = line[1:cm.start()]
                if "*" not in body:
                    continue
                before, after = body.split("*", 1)
                b, a = self._elements(before), self._elements(after)
                self.blocks[current][1].append(Pattern(tuple(b), tuple(a), _code(cm.group(1)), i))
                continue
            self._verb_line(current, line, i)

    def _verb_line(self, block: str, line: str, n: int) -> None:
        cm = _VCODE.search(line)
        code = _code(cm.group(1)) if cm else None
        rest = _VCODE.sub("", line).strip()
        irregular = re.search(r"\{([^}]*)\}", rest)
        head = rest[:irregular.start()] if irregular else rest
        head = head.strip()
        is_phrase = head.startswith("+")
        words = [w for w in re.split(r"_", head.lstrip("+")) if w]
        if not words:
            return
        forms: list[list[str]] = []
        if irregular:
            forms = [[w.lower() for w in re.split(r"_", f.lstrip("+")) if w] for f in irregular.group(1).split()]
            forms.insert(0, [w.lower() for w in words])
        elif is_phrase:
            forms = [[w.lower() for w in words]]  # a phrase is listed as written (its forms in braces)
        else:
            forms = [[f] + [w.lower() for w in words[1:]] for f in regular_forms(words[0])]
        for f in forms:
            if f:
                self.verbs.append(Verb(block, tuple(f), code, n))

    def _elements(self, s: str) -> list[tuple[tuple[Word, ...], ...]]:
        """Pattern elements in order; each element is a tuple of alternatives (word sequences)."""
        out: list[tuple[tuple[Word, ...], ...]] = []
        for tok in re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", s):
            if tok in ("$", "+", "^", "%") or tok.startswith(("$", "^", "%")) and len(tok) == 1:
                continue
            if tok[0] in "{(":
                inner = [t for t in tok[1:-1].split() if t not in ("$", "+", "^", "%")]
                if not inner:
                    continue
                # a phrase or a prepositional phrase: its words in order, one element per word
                out.extend(self._alts(t) for t in inner)
                continue
            out.append(self._alts(tok))
        return [e for e in out if e]

    def _alts(self, tok: str) -> tuple[tuple[Word, ...], ...]:
        if tok.startswith("&"):
            return tuple(self.synsets.get(tok[1:].strip("_"), []))
        words = tuple(_word(w) for w in tok.split("_") if w)
        return (words,) if words else ()


def read(folder: Path) -> dict[str, str]:
    return {name: (folder / name).read_text(encoding="utf-8") for name in (*ACTOR_FILES, AGENTS_FILE, VERBS_FILE)}
