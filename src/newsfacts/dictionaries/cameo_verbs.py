"""The CAMEO verb pattern dictionary (petrarch2's CAMEO.2.0.txt, MIT), from the compiled lexicon.

`lexicon/verbs.tsv` lists every verb form with its block and code, `lexicon/verb_patterns.tsv`
each block's default code and its patterns, synonym sets expanded (written by
scripts/from_vendor.py; format in each file's header and lexicon/SOURCE.md). A pattern is the
words before and after the verb that pick a more precise code (ask ... for humanitarian aid:
0233, appeal for humanitarian aid): elements in order, each one of its alternatives, a word
marked `*` taking an ending ("sanction*" covers "sanctions"). PETRARCH matched patterns on a
parse tree; the draft matches them on the words of a clause, in order, which is what TABARI did,
and leaves the judgment to the coder."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .phoenix import rows

VERB_COLUMNS = "form\tblock\tcode"
PATTERN_COLUMNS = "block\tcode\tbefore\tafter"

Word = tuple[str, bool]  # (lowercase word, whole word only)


@dataclass(frozen=True)
class Pattern:
    before: tuple[tuple[tuple[Word, ...], ...], ...]  # elements; each element: alternatives; each: words in a row
    after: tuple[tuple[tuple[Word, ...], ...], ...]
    code: str | None
    size: int  # words it needs: more words, a more specific pattern


class Verb(NamedTuple):  # a tuple: seven thousand of them are made at load
    block: str
    words: tuple[Word, ...]   # the form's words ("ask", "for" for +ASK_FOR)
    code: str | None          # its own code, else the block's default


def _word(w: str) -> Word:
    return (w[:-1], False) if w.endswith("*") else (w, True)


def _elements(s: str) -> tuple[tuple[tuple[Word, ...], ...], ...]:
    return tuple(tuple(tuple(_word(w) for w in alt.split("_")) for alt in el.split("|")) for el in s.split(" ")) if s else ()


class Dictionary:
    """Verb forms by first word; a block's default code and patterns, parsed on first use."""

    def __init__(self) -> None:
        self.forms: dict[str, list[Verb]] = {}
        for line in rows("verbs.tsv", VERB_COLUMNS):
            form, block, code = line.split("\t")
            words = form.split(" ")
            self.forms.setdefault(words[0], []).append(Verb(block, tuple((w, True) for w in words), code or None))
        self._rows: dict[str, list[str]] = {}
        for line in rows("verb_patterns.tsv", PATTERN_COLUMNS):
            self._rows.setdefault(line.split("\t", 1)[0], []).append(line)
        self._blocks: dict[str, tuple[str | None, list[Pattern]]] = {}

    def block(self, name: str) -> tuple[str | None, list[Pattern]]:
        """(the block's default code, its patterns in dictionary order); (None, []) for no block."""
        got = self._blocks.get(name)
        if got is None:
            default, patterns = None, []
            for line in self._rows.get(name, ()):
                _, code, before, after = line.split("\t")
                if not before and not after:
                    default = code or None
                    continue
                b, a = _elements(before), _elements(after)
                patterns.append(Pattern(b, a, code or None, sum(len(alts[0]) for alts in b + a)))
            got = self._blocks[name] = (default, patterns)
        return got


@lru_cache(maxsize=1)
def load() -> Dictionary:
    return Dictionary()


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
