"""The CAMEO verb pattern dictionary (petrarch2's CAMEO.2.0.txt, MIT), read as data.

A verb block names a verb and its synonyms (each may carry a code of its own and its
irregular forms in braces), a default code, and patterns: words before and after the verb
(`*`) that pick a more precise code: `- * (FOR {HUMANITARIAN AID}) [0233]` (ask for
humanitarian aid: appeal for humanitarian aid). Patterns hold plain words (a word without a
trailing `_` may take an ending: "SANCTION" covers "sanctions"), `{...}` for words that
follow one another, `(...)` for a prepositional phrase, `&SET` for one of a synonym set, and
the markers `$` (source), `+` (target), `^` and `%`, which this reader skips.
PETRARCH matches patterns on a parse tree; the draft matches them on the words of a clause,
in order, which is what TABARI did, and leaves the judgment to the coder."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FILE = Path(__file__).resolve().parent / "petrarch2" / "CAMEO.2.0.txt"
_CODE = re.compile(r"\[([0-9:\-]*)\]")

Word = tuple[str, bool]  # (lowercase word, whole word only)


@dataclass(frozen=True)
class Pattern:
    before: tuple[tuple[tuple[Word, ...], ...], ...]  # elements; each element: alternatives; each: words in a row
    after: tuple[tuple[tuple[Word, ...], ...], ...]
    code: str | None
    size: int  # words it needs: more words, a more specific pattern


@dataclass(frozen=True)
class Verb:
    block: str
    words: tuple[Word, ...]   # the verb's own words ("ask", "for" for +ASK_FOR)
    code: str | None          # its own code, else the block's default


def _word(w: str) -> Word:
    return (w.strip("_").lower(), w.endswith("_"))


def _code(raw: str) -> str | None:
    """[042:043] -> 042 (the code of the event; the second is its reciprocal); [---] -> None."""
    parts = [p for p in raw.split(":") if p and p != "---"]
    return parts[0] if parts else None


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


class Dictionary:
    def __init__(self, text: str):
        self.synsets: dict[str, list[tuple[Word, ...]]] = {}
        self.blocks: dict[str, tuple[str | None, list[Pattern]]] = {}
        self.forms: dict[str, list[Verb]] = {}  # first word of a form -> verbs
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
                cm = _CODE.search(line)
                if not cm:
                    continue
                body = line[1:cm.start()]
                if "*" not in body:
                    continue
                before, after = body.split("*", 1)
                b, a = self._elements(before), self._elements(after)
                size = sum(len(alts[0]) for alts in b + a) if (b or a) else 0
                self.blocks[current][1].append(Pattern(tuple(b), tuple(a), _code(cm.group(1)), size))
                continue
            self._verb_line(current, line)

    def _verb_line(self, block: str, line: str) -> None:
        cm = _CODE.search(line)
        code = _code(cm.group(1)) if cm else None
        rest = _CODE.sub("", line).strip()
        irregular = re.search(r"\{([^}]*)\}", rest)
        head = rest[:irregular.start()] if irregular else rest
        head = head.strip()
        phrase = head.startswith("+")
        words = [w for w in re.split(r"_", head.lstrip("+")) if w]
        if not words:
            return
        forms: list[list[str]] = []
        if irregular:
            forms = [[w.lower() for w in re.split(r"_", f.lstrip("+")) if w] for f in irregular.group(1).split()]
            forms.insert(0, [w.lower() for w in words])
        elif phrase:
            forms = [[w.lower() for w in words]]  # a phrase is listed as written (its forms in braces)
        else:
            forms = [[f] + [w.lower() for w in words[1:]] for f in regular_forms(words[0])]
        for f in forms:
            if f:
                v = Verb(block, tuple((w, True) for w in f), code)
                self.forms.setdefault(f[0], []).append(v)

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
                seq: list[tuple[tuple[Word, ...], ...]] = []
                for t in inner:
                    seq.append(self._alts(t))
                # a phrase or a prepositional phrase: its words in order, one element per word
                out.extend(seq)
                continue
            out.append(self._alts(tok))
        return [e for e in out if e]

    def _alts(self, tok: str) -> tuple[tuple[Word, ...], ...]:
        if tok.startswith("&"):
            return tuple(self.synsets.get(tok[1:].strip("_"), []))
        words = tuple(_word(w) for w in tok.split("_") if w)
        return (words,) if words else ()


@lru_cache(maxsize=1)
def load() -> Dictionary:
    return Dictionary(FILE.read_text(encoding="utf-8"))


def word_matches(token: str, w: Word) -> bool:
    word, exact = w
    if token == word:
        return True
    return not exact and token.startswith(word) and len(token) - len(word) <= 3


def _match_seq(tokens: list[str], at: int, seq: tuple[Word, ...]) -> bool:
    return at + len(seq) <= len(tokens) and all(word_matches(tokens[at + k], seq[k]) for k in range(len(seq)))


def match_elements(tokens: list[str], lo: int, hi: int, elements: tuple, window: int = 12) -> int | None:
    """Match the pattern elements in tokens[lo:hi] in order (each within `window` tokens of the
    last); the number of tokens matched, or None."""
    pos, matched = lo, 0
    for alts in elements:
        found = None
        for j in range(pos, min(hi, pos + window)):
            for seq in alts:
                if _match_seq(tokens, j, seq) and j + len(seq) <= hi:
                    found = (j, len(seq))
                    break
            if found:
                break
        if not found:
            return None
        pos, matched = found[0] + found[1], matched + found[1]
    return matched
