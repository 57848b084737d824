"""Whether an event's words are negated: "does not plan to take part", "never fired", "didn't attack".

A negator among the few words right before the trigger, in the same clause (no comma, colon,
semicolon, dash or bracket between), negates it. The coding decides an event's polarity; the
build and validation compare it with this reading, and a difference stands only with a note
(CAMEO codes the positive action and carries the negation apart; see the coding rules)."""
from __future__ import annotations

import re

NEGATORS = frozenset(("not", "never", "no", "neither", "nor", "cannot", "without"))
WINDOW = 4  # words before the trigger: "does not plan to take part" has the negator 3 words back
_TOKEN = re.compile(r"[\w'’]+|[,;:—–()\[\]]")
_BREAK = frozenset(",;:—–()[]")


def negator_before(text: str, trigger_start: int, lo: int) -> str | None:
    """The negating word before the trigger at `trigger_start` (searching back to `lo`, the
    sentence start), or None."""
    head = text[max(lo, trigger_start - 80):trigger_start]
    toks = _TOKEN.findall(head)
    words = 0
    for tok in reversed(toks):
        if tok in _BREAK:
            return None
        low = tok.lower()
        if low in NEGATORS or low.endswith(("n't", "n’t")):
            return tok
        words += 1
        if words >= WINDOW:
            return None
    return None


def polarity(text: str, trigger_start: int, lo: int) -> str:
    return "negative" if negator_before(text, trigger_start, lo) else "positive"
