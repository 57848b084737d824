"""Words of an article with their offsets, as the draft's readers see them.

"U.S." and "SU-24s" are one word each; a possessive "’s" is split off ("Russia’s" is the
word "Russia", marked possessive); every word keeps its offsets in the verbatim text."""
from __future__ import annotations

import re
from dataclasses import dataclass

TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*|[,;:()\[\]—–\"“”]")
POSSESSIVE = re.compile(r"[’']s$")


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str
    possessive: bool = False

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    out = []
    for m in TOKEN.finditer(text, start, len(text) if end is None else end):
        s, w = m.start(), m.group(0)
        p = POSSESSIVE.search(w)
        if p and len(w) > 2:
            out.append(Tok(s, s + p.start(), w[:p.start()], True))
        else:
            out.append(Tok(s, m.end(), w))
    return out
