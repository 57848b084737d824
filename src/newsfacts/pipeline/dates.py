"""The publication date: printed in the text, stated in source.yaml, or inferred from the dateline."""
from __future__ import annotations

import datetime as dt
import re

from ..text.dates import MONTHS, WEEKDAYS, YEAR, resolve
from ..text.header import TIMESTAMP, Layout, dated_line, titled_months

__all__ = ["infer_publication_date", "printed_publication_date", "publication_date_clashes", "resolve"]


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


def timestamp_date(m: re.Match) -> dt.date:
    """The date of a TIMESTAMP match: numeric forms are read month first with slashes
    ("10/22/2015", U.S. sites) and day first with stops ("22.10.2015", European sites)."""
    if m.group("us"):
        mo, d, y = (int(x) for x in m.group("us").split("/"))
        return dt.date(y, mo, d)
    if m.group("eu"):
        d, mo, y = (int(x) for x in m.group("eu").split("."))
        return dt.date(y, mo, d)
    return resolve(m.group("date"), dt.date(9999, 12, 31)).start


def printed_publication_date(text: str, lay: Layout, lead: str) -> tuple[dt.date | None, bool, str]:
    """(date, inferred, basis) from the text alone: a timestamp line, a dateline with a
    year, or a dateline's month and day with the lead's weekday; (None, True, why) if none."""
    for b in lay.blocks:
        if b.kind == "timestamp":
            line = text[b.start:b.end]
            m = next((x for x in (TIMESTAMP.match(titled_months(part.strip())) or dated_line(titled_months(part.strip()))
                                  for part in re.split(r"\n|\s+[|•·]\s+", line)) if x), None)
            if m is None:
                continue
            return timestamp_date(m), False, f"printed in the timestamp line '{line}'"
    dl = lay.dateline
    if dl is None:
        return None, True, "the text prints no dateline or timestamp line with a date"
    if dl.month and dl.day and dl.year:
        return dt.date(dl.year, dl.month, dl.day), False, f"printed in the dateline '{text[dl.start:dl.end]}'"
    if dl.month and dl.day:
        try:
            d, basis = infer_publication_date(dl.month, dl.day, text, lead)
            return d, True, basis
        except ValueError as exc:
            return None, True, str(exc)
    return None, True, f"the dateline '{text[dl.start:dl.end]}' prints no date"


def publication_date_clashes(stated: dt.date, text: str, lay: Layout, lead: str) -> list[str]:
    """What a stated publication date contradicts in the text, where the text prints no full date:
    the month and day of the dateline, and the weekday the lead names for the dateline's day (the
    premise the year's inference rests on: a dateline's day is the day of the lead's weekday). A
    dateline without a day says nothing of the publication day, so a lead's weekday is then
    left alone (it often names the day of the event, not of the publication)."""
    dl = lay.dateline
    if dl is None or not (dl.month and dl.day):
        return []
    out = []
    printed = text[dl.start:dl.end]
    if (stated.month, stated.day) != (dl.month, dl.day):
        out.append(f"the dateline {printed!r} gives {MONTHS[dl.month - 1]} {dl.day} ({stated} is {MONTHS[stated.month - 1]} {stated.day})")
    if dl.year and stated.year != dl.year:
        out.append(f"the dateline {printed!r} gives the year {dl.year} ({stated} is in {stated.year})")
    weekdays = [w for w in WEEKDAYS if re.search(rf"\b{w}\b", lead)]
    if len(weekdays) == 1 and WEEKDAYS[stated.weekday()] != weekdays[0]:
        out.append(f"the lead names {weekdays[0]} for the dateline's day ({stated} is a {WEEKDAYS[stated.weekday()]})")
    return out
