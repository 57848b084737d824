"""Quantity words -> value / min / max / qualifier, keeping the words as written."""
from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"a": 1, "an": 1, "single": 1, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                     "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12})
# Vague plurals: one rule for all of them. The smallest reading is two of the unit
# ("hundreds" >= 200, "millions" >= 2,000,000) and the largest is just under the next
# unit a writer would use instead ("hundreds" <= 999, "thousands" <= 999,999,
# "millions" <= 999,999,999).
VAGUE = {
    "dozens": ("dozens", 24, 143),
    "hundreds": ("hundreds", 200, 999),
    "thousands": ("thousands", 2000, 999_999),
    "millions": ("millions", 2_000_000, 999_999_999),
}


@dataclass(frozen=True)
class Quantity:
    value: int | None
    min: int | None
    max: int | None
    qualifier: str


def _number(token: str) -> int | None:
    t = token.lower()
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", token):
        return int(token.replace(",", ""))
    return None


def parse_quantity(words: str) -> Quantity:
    w = words.strip()
    n = _number(w)
    if n is not None:
        return Quantity(n, n, n, "exact")
    low = w.lower()
    if low in VAGUE:
        q, lo, hi = VAGUE[low]
        return Quantity(None, lo, hi, q)
    if low in ("numerous", "many", "several"):
        return Quantity(None, 2, None, "numerous")
    m = re.fullmatch(r"(over|more than|above|at least)\s+(\S+)", w, flags=re.I)
    if m and _number(m.group(2)) is not None:
        n = _number(m.group(2))
        at_least = m.group(1).lower() == "at least"
        return Quantity(n, n if at_least else n + 1, None, "more_than")
    m = re.fullmatch(r"(about|around|some|nearly|almost|approximately|roughly)\s+(\S+)", w, flags=re.I)
    if m and _number(m.group(2)) is not None:
        n = _number(m.group(2))
        return Quantity(n, None, None, "approximate")
    raise ValueError(
        f"quantity {w[:60]!r} is not understood; supported: digits ('26', '200,000'), number words ('four'), "
        "'over N', 'more than N', 'at least N', 'about N', 'dozens', 'hundreds', 'thousands', 'millions', 'numerous'"
    )
