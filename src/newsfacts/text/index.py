"""One index of an article's words, so finding evidence costs the occurrences of its rarest
word, not a scan of the whole text per phrase.

`find_all(text, words)` is what evidence resolution, mentions, the draft and validation
call for every phrase; with thousands of phrases a regex scan per call is quadratic in the
article. The index maps each maximal word (`\\w+` run) to its start offsets once; a phrase
is then checked only where its rarest word occurs. Results equal the regex
`(?<!\\w)<words>(?!\\w)` with non-overlapping matches, left to right."""
from __future__ import annotations

import bisect
import re
from collections import OrderedDict

from .spans import Span

WORD = re.compile(r"\w+")


class WordIndex:
    def __init__(self, text: str):
        self.text = text
        self.starts: dict[str, list[int]] = {}
        for m in WORD.finditer(text):
            self.starts.setdefault(m.group(0), []).append(m.start())
        self._hits: dict[str, list[Span]] = {}

    def _bounded(self, s: int, e: int) -> bool:
        t = self.text
        return not (s > 0 and (t[s - 1].isalnum() or t[s - 1] == "_")) and not (e < len(t) and (t[e].isalnum() or t[e] == "_"))

    def hits(self, words: str) -> list[Span]:
        """Every occurrence of `words` in the whole text that is not part of a longer word."""
        got = self._hits.get(words)
        if got is not None:
            return got
        t, n = self.text, len(words)
        # Check the phrase only where its rarest word occurs: every word of a phrase is a
        # whole word of the text wherever the phrase stands as whole words.
        tokens = list(WORD.finditer(words))
        first = min(tokens, key=lambda m: len(self.starts.get(m.group(0), ()))) if tokens else None
        out: list[Span] = []
        if not words:
            pass
        elif first is None:  # punctuation only: a plain scan (rare, and the phrase is short)
            i = t.find(words)
            while i != -1:
                if self._bounded(i, i + n):
                    out.append(Span(i, i + n, words))
                    i = t.find(words, i + n)
                else:
                    i = t.find(words, i + 1)
        else:
            k, token = first.start(), first.group(0)
            last_end = -1
            for p in self.starts.get(token, ()):
                s = p - k
                if s < last_end or s < 0:
                    continue
                if t.startswith(words, s) and self._bounded(s, s + n):
                    out.append(Span(s, s + n, words))
                    last_end = s + n
        if len(self._hits) < 200_000:
            self._hits[words] = out
        return out

    def find_all(self, words: str, lo: int = 0, hi: int | None = None) -> list[Span]:
        hits = self.hits(words)
        if lo == 0 and (hi is None or hi >= len(self.text)):
            return hits
        hi = len(self.text) if hi is None else hi
        i = bisect.bisect_left(hits, lo, key=lambda h: h.start)
        out = []
        for h in hits[i:]:
            if h.start >= hi:
                break
            if h.end <= hi:
                out.append(h)
        return out

    def occurrence(self, words: str, start: int) -> int | None:
        """1-based number of the occurrence of `words` that starts at `start`, or None."""
        hits = self.hits(words)
        i = bisect.bisect_left(hits, start, key=lambda h: h.start)
        return i + 1 if i < len(hits) and hits[i].start == start else None


_INDEXES: "OrderedDict[int, WordIndex]" = OrderedDict()


def index_of(text: str) -> WordIndex:
    """The index of this text (the last few texts' indexes are kept)."""
    key = id(text)
    idx = _INDEXES.get(key)
    if idx is not None and idx.text is text:
        _INDEXES.move_to_end(key)
        return idx
    idx = WordIndex(text)
    _INDEXES[key] = idx
    while len(_INDEXES) > 8:
        _INDEXES.popitem(last=False)
    return idx


def find_all(text: str, words: str, lo: int = 0, hi: int | None = None) -> list[Span]:
    """Every occurrence of `words` in text[lo:hi] that is not part of a longer word."""
    return index_of(text).find_all(words, lo, hi)
