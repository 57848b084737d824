"""Date words -> ISO start/end with a precision, and the publication date the dateline implies."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .segment import MONTHS

WEEKDAYS = list(calendar.day_name)  # Monday .. Sunday
_M = "|".join(MONTHS)
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class DateRange:
    start: dt.date
    end: dt.date
    precision: str  # day | month | year
    basis: str
    inferred: bool


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def infer_publication_date(month: int, day: int, text: str, lead: str) -> tuple[dt.date, str]:
    """The dateline gives month and day; the weekday in the lead and the years the
    article mentions fix the year: the first year not before the latest year mentioned
    in which that day falls on that weekday."""
    weekdays = [w for w in WEEKDAYS if re.search(rf"\b{w}\b", lead)]
    years = sorted({int(y) for y in YEAR.findall(text)})
    if len(weekdays) != 1 or not years:
        raise ValueError(
            "the year of publication cannot be inferred (it needs exactly one weekday in the lead sentence "
            f"and at least one year in the text; found weekdays {weekdays or 'none'} and years {years or 'none'})"
        )
    weekday = weekdays[0]
    floor = years[-1]
    for year in range(floor, floor + 8):  # a weekday recurs on a date within 7 years
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if WEEKDAYS[candidate.weekday()] == weekday:
            basis = (
                f"inferred: the dateline gives {MONTHS[month - 1]} {day} without a year; the lead says '{weekday}', "
                f"and {year} is the first year not before {floor} (the latest year the article mentions) "
                f"in which {MONTHS[month - 1]} {day} is a {weekday}"
            )
            return candidate, basis
    raise ValueError(f"no year from {floor} on has {MONTHS[month - 1]} {day} on a {weekday}")


def parse_date_words(words: str, published: dt.date) -> DateRange:
    """Resolve date words against the publication date. Raises ValueError if not understood."""
    w = words.strip()
    m = re.fullmatch(rf"(?:on )?({_M}) (\d{{1,2}})(?:,? (\d{{4}}))?", w)
    if m:
        month, day = MONTHS.index(m.group(1)) + 1, int(m.group(2))
        if m.group(3):
            d = dt.date(int(m.group(3)), month, day)
            return DateRange(d, d, "day", "stated in full", False)
        year = published.year
        try:
            d = dt.date(year, month, day)
        except ValueError as exc:
            raise ValueError(f"{w!r} is not a calendar date") from exc
        if d > published:  # a wire story reports the past: "October 30" in January is last year's
            year -= 1
            d = dt.date(year, month, day)
        return DateRange(d, d, "day", f"year inferred: the latest {MONTHS[month - 1]} {day} not after publication ({published.isoformat()})", True)
    if w in WEEKDAYS:
        back = (published.weekday() - WEEKDAYS.index(w)) % 7
        d = published - dt.timedelta(days=back)
        how = "the publication day" if back == 0 else f"{back} day(s) before publication"
        return DateRange(d, d, "day", f"inferred: '{w}' read as {how} ({published.isoformat()})", True)
    m = re.fullmatch(rf"({_M})(?: and ({_M}))? (\d{{4}})", w)
    if m:
        year = int(m.group(3))
        first = MONTHS.index(m.group(1)) + 1
        last = MONTHS.index(m.group(2)) + 1 if m.group(2) else first
        if last < first:
            raise ValueError(f"{w!r}: months are out of order")
        return DateRange(dt.date(year, first, 1), _last_day(year, last), "month", "stated: month(s) and year", False)
    m = re.fullmatch(r"(?:since (?:its start |the start |the beginning )?in |since )(\d{4})", w)
    if m:
        year = int(m.group(1))
        if year > published.year:
            raise ValueError(f"{w!r} starts after publication")
        return DateRange(dt.date(year, 1, 1), published, "year",
                         f"stated start year {year}; 'since' read as ongoing up to publication ({published.isoformat()})", True)
    m = re.fullmatch(r"(?:in )?(\d{4})", w)
    if m:
        year = int(m.group(1))
        return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "stated: year", False)
    raise ValueError(
        f"date words {w!r} are not understood; supported forms: 'September 30', 'Thursday', "
        "'January and February 2014', 'since its start in 2011', '2014'"
    )
