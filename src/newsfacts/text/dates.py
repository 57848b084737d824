"""Date expressions in news text: find them and resolve them against the publication date.

Points relative to the publication date ("today", "yesterday", "tomorrow", "Tuesday",
"last Monday", "two days ago") are counted from the publication date with the calendar
alone (no library, so validation re-reads every date with the same rules as the build);
so are ranges ("January and February 2014", "from 2011 to 2014", "last week", "earlier
this month", "since 2011"), the precision of each expression, the year of a date printed
without one, the basis in words, and one wire convention: a weekday that is the
publication's own weekday ("Ivanov said Thursday" in a Thursday story) is the
publication day, not a week earlier.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .spans import Span

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = list(calendar.day_name)  # Monday .. Sunday
_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
         "Oct": 10, "Nov": 11, "Dec": 12}
MONTH = r"(?:" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
_WD = "|".join(WEEKDAYS)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
YEAR = re.compile(rf"(?<![\d,.$])({_YEAR})(?![\d%])")

# One expression, in the order the alternatives are tried at each position (longest first).
_X = rf"(?:{MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{MONTH},?\s+{_YEAR}|{MONTH}\s+{_YEAR}|{MONTH}\s+{_DAY}(?![\d,])|{_DAY}\s+{MONTH}|{_YEAR}(?![\d%]))"
EXPR = re.compile(
    rf"(?P<range>(?:[Ff]rom|[Bb]etween)\s+(?P<r1>{_X})\s+(?:to|and|until|through)\s+(?P<r2>{_X}))"
    rf"|(?P<mdr>(?P<mdrm>{MONTH})\s+(?P<mdr1>{_DAY})\s*(?:-|–|to|and|through)\s*(?P<mdr2>{_DAY})(?:,?\s+(?P<mdry>{_YEAR}))?(?![\d]))"
    rf"|(?P<sinceper>[Ss]ince\s+(?:(?P<spq>last|early|late)\s+(?P<spu>week|month|year)|(?P<swd>{_WD})\b|the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?P<spu2>year|month|week)\b))"
    rf"|(?P<yrange>(?P<y1>{_YEAR})\s*(?:-|–|to)\s*(?P<y2>{_YEAR})(?!\d))"
    rf"|(?P<since>[Ss]ince\s+(?:(?:its|the)\s+(?:start|beginning|outbreak|launch)\s+in\s+)?(?P<s1>{_X}))"
    rf"|(?P<bound>(?:[Bb]y|[Uu]ntil|[Tt]hrough|[Aa]s\s+of)\s+(?P<b1>{_X}))"
    rf"|(?P<full>(?:[Oo]n\s+)?(?:(?:{_WD}),?\s+)?(?:(?P<fm>{MONTH})\s+(?P<fd>{_DAY}),?\s+(?P<fy>{_YEAR})|(?P<fd2>{_DAY})\s+(?P<fm2>{MONTH}),?\s+(?P<fy2>{_YEAR})))(?!\d)"
    rf"|(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))"
    rf"|(?P<mm>(?:[Ii]n\s+)?(?P<m1>{MONTH})\s+and\s+(?P<m2>{MONTH}),?\s+(?P<my>{_YEAR}))"
    rf"|(?P<monthyear>(?:[Ii]n\s+|[Ee]arly\s+|[Ll]ate\s+|[Mm]id-)?(?P<mym>{MONTH}),?\s+(?P<myy>{_YEAR}))"
    rf"|(?P<md>(?:[Oo]n\s+)?(?:(?:{_WD}),?\s+)?(?:(?P<mdm>{MONTH})\s+(?P<mdd>{_DAY})(?![\d,]\d)|(?P<mdd2>{_DAY})\s+(?P<mdm2>{MONTH})))"
    rf"|(?P<rel>\b(?:[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|[Tt]he\s+day\s+before\s+yesterday)\b)"
    rf"|(?P<daypart>\b(?:[Tt]his|[Ee]arlier\s+this|[Ll]ater\s+this)\s+(?:morning|afternoon|evening)\b)"
    rf"|(?P<lastnight>\b[Ll]ast\s+night\b)"
    rf"|(?P<weekend>\b(?:(?:[Oo]ver|[Dd]uring|[Aa]t|[Oo]n)\s+the|[Tt]his\s+past)\s+weekend\b)"
    rf"|(?P<season>\b(?:(?P<sq>[Ll]ast|[Tt]his|[Nn]ext|[Tt]his\s+past)\s+(?P<sn>spring|summer|autumn|fall|winter)\b(?!\s+of)"
    rf"|(?:[Tt]he\s+|[Ii]n\s+the\s+)?(?P<sn2>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?(?P<sy>{_YEAR})(?![\d%])))"
    rf"|(?P<decade>\b(?:[Ii]n\s+)?(?:the\s+)?(?P<dec>(?:1[89]|20)\d0)s\b)"
    rf"|(?P<part>\b(?P<pp>[Ee]arly|[Ll]ate|[Mm]id-|(?:[Aa]t\s+)?[Tt]he\s+(?:end|start|beginning|middle)\s+of)\s*(?P<pq2>this|last|next)\s+(?P<pu2>week|month|year)\b)"
    rf"|(?P<ago>\b(?P<an>{_NUM})\s+(?P<au>day|week|month|year)s?\s+ago\b)"
    rf"|(?P<recent>\b(?:[Oo]ver|[Ii]n|[Dd]uring|[Ff]or|[Ww]ithin)\s+the\s+(?:past|last|previous)\s+(?P<rn>{_NUM})\s+(?P<ru>day|week|month|year)s?\b)"
    rf"|(?P<overnight>\b[Oo]vernight\b)"
    rf"|(?P<period>\b(?P<pq>[Ee]arlier\s+this|[Ll]ater\s+this|[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast)\s+(?P<pu>week|month|year|weekend)\b)"
    rf"|(?P<wd>(?:\b(?P<wq>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his)\s+)?\b(?P<wday>{_WD})(?:\s+(?:morning|afternoon|evening|night))?\b)"
    rf"|(?P<inmonth>\b(?:[Ii]n|[Ss]ince|[Ee]arly|[Ll]ate|[Mm]id-|(?:[Aa]t\s+)?[Tt]he\s+(?:end|start|beginning|middle)\s+of)\s*(?P<im1>{MONTH})(?!\s*\d))"
    rf"|(?P<year>\b(?:(?:[Ii]n|[Dd]uring)\s+)?(?P<yy>{_YEAR})(?![\d%]))"
)
FORMS = ("'October 22', 'Oct. 7, 2015', '22 October 2015', '2015-10-22', 'on Monday', 'Thursday', "
         "'today', 'yesterday', 'tomorrow', 'two days ago', 'last week', 'earlier this month', 'this year', "
         "'January 2014', 'January and February 2014', 'in 2014', 'since 2011', 'since its start in 2011', "
         "'by Jan. 1, 2016', 'from 2011 to 2014', '2011-2014', 'over the past two months', 'overnight', "
         "'Oct. 7-8', 'since last month', 'since Monday', 'last night', 'this morning', 'over the weekend', "
         "'last summer', 'summer 2014', 'the 1990s', 'late last year', 'mid-October', 'the end of October'")


@dataclass(frozen=True)
class DateRange:
    start: dt.date
    end: dt.date
    precision: str  # day | week | month | year
    basis: str
    inferred: bool


@dataclass(frozen=True)
class DateMention:
    span: Span
    range: DateRange


def month_number(word: str) -> int:
    w = word.rstrip(".")
    return MONTHS.index(w) + 1 if w in MONTHS else _ABBR[w]


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(words: str) -> int:
    return int(re.match(r"\d+", words).group(0))


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_RELATIVE = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}


def _months_back(d: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier, or the month's last day if it has fewer."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _ago(number: str, unit: str, published: dt.date) -> dt.date:
    n = _NUMBER_WORDS.get(number.lower()) or int(number)
    if unit == "day":
        return published - dt.timedelta(days=n)
    if unit == "week":
        return published - dt.timedelta(weeks=n)
    return _months_back(published, n * (12 if unit == "year" else 1))


FUTURE = re.compile(r"\b(?:will|shall|is to|are to|plans? to|planned to|is due|are due|scheduled|expected to|is set to|are set to|to be held|next)\b", re.I)


def _no_earlier_than(month: int, day: int | None, published: dt.date) -> dt.date:
    """The earliest such date not before publication: for what the text says will happen."""
    for year in (published.year, published.year + 1):
        try:
            d = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if d >= published or (day is None and (year, month) == (published.year, published.month)):
            return d
    raise ValueError(f"{MONTHS[month - 1]} {day} is not a calendar date")


def _no_later_than(month: int, day: int | None, published: dt.date) -> dt.date:
    """The latest such date not after publication: wire copy reports what has happened."""
    for year in (published.year, published.year - 1):
        try:
            d = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if d <= published:
            return d
    raise ValueError(f"{MONTHS[month - 1]} {day} is not a calendar date")


def _single(words: str, published: dt.date) -> DateRange:
    """One of the forms of a range end (`_X`): a full date, month and year, month and day, or a year."""
    m = EXPR.fullmatch(words.strip())
    if not m or not (m.group("full") or m.group("monthyear") or m.group("md") or m.group("year")):
        raise ValueError(f"{words!r} is not a date")
    return _resolve(m, published)


def _resolve(m: re.Match, published: dt.date, future: bool = False) -> DateRange:
    """future: the words speak of what will happen (a future verb before them, or the event's
    tense), so a date without a year, or a bare weekday, is the next one, not the last."""
    g = m.groupdict()
    pub = published.isoformat()
    if g["range"]:
        a, b = _single(g["r1"], published), _single(g["r2"], published)
        if b.end < a.start:
            raise ValueError(f"{m.group(0)!r}: the range ends before it starts")
        prec = max((a, b), key=lambda r: ("day", "week", "month", "year").index(r.precision)).precision
        return DateRange(a.start, b.end, prec, f"range: from {a.basis} to {b.basis}", a.inferred or b.inferred)
    if g["yrange"]:
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < y1:
            raise ValueError(f"{m.group(0)!r}: the range ends before it starts")
        return DateRange(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year", "stated: a range of years", False)
    if g["since"]:
        a = _single(g["s1"], published)
        if a.start > published:
            raise ValueError(f"{m.group(0)!r} starts after publication ({pub})")
        return DateRange(a.start, published, a.precision,
                         f"'since' read as ongoing from {a.start.isoformat()} up to publication ({pub}); start {a.basis}", True)
    if g["bound"]:
        a = _single(g["b1"], published)
        word = m.group(0).split()[0].lower()
        return DateRange(a.start, a.end, a.precision, f"'{word}' a stated date, the deadline or limit; {a.basis}", a.inferred)
    if g["mdr"]:
        month, d1, d2 = month_number(g["mdrm"]), _day(g["mdr1"]), _day(g["mdr2"])
        if d2 < d1:
            raise ValueError(f"{m.group(0)!r}: the range ends before it starts")
        if g["mdry"]:
            y = int(g["mdry"])
            return DateRange(dt.date(y, month, d1), dt.date(y, month, d2), "day", "stated: a range of days", False)
        first = (_no_earlier_than if future else _no_later_than)(month, d1, published)
        return DateRange(first, dt.date(first.year, month, d2), "day",
                         f"a range of days, year inferred: the {'first' if future else 'latest'} {MONTHS[month - 1]} "
                         f"{d1} {'not before' if future else 'not after'} publication ({pub})", True)
    if g["sinceper"]:
        if g["swd"]:
            back = (published.weekday() - WEEKDAYS.index(g["swd"])) % 7 or 7
            start, what = published - dt.timedelta(days=back), g["swd"]
        else:
            unit = g["spu"] or g["spu2"]
            r = _period(["last" if g["spq"] else "this"], unit, published)
            start, what = r.start, " ".join(m.group(0).split()[1:])
        return DateRange(start, published, "day" if g["swd"] else ("week" if (g["spu"] or g["spu2"]) == "week" else
                                                                  (g["spu"] or g["spu2"])),
                         f"'since {what}' read as ongoing from {start.isoformat()} up to publication ({pub})", True)
    if g["full"]:
        month = month_number(g["fm"] or g["fm2"])
        d = dt.date(int(g["fy"] or g["fy2"]), month, _day(g["fd"] or g["fd2"]))
        return DateRange(d, d, "day", "stated in full", False)
    if g["iso"]:
        d = dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        return DateRange(d, d, "day", "stated in full", False)
    if g["mm"]:
        year, first, last = int(g["my"]), month_number(g["m1"]), month_number(g["m2"])
        if last < first:
            raise ValueError(f"{m.group(0)!r}: the months are out of order")
        return DateRange(dt.date(year, first, 1), _last_day(year, last), "month", "stated: months and year", False)
    if g["monthyear"]:
        year, month = int(g["myy"]), month_number(g["mym"])
        return DateRange(dt.date(year, month, 1), _last_day(year, month), "month", "stated: month and year", False)
    if g["md"]:
        month, day = month_number(g["mdm"] or g["mdm2"]), _day(g["mdd"] or g["mdd2"])
        named = next((w for w in WEEKDAYS if w in m.group(0)), None)
        if named:  # "Monday, October 19": the year in which that day is that weekday, nearest publication
            fits = []
            for y in (published.year - 1, published.year, published.year + 1):
                try:
                    c = dt.date(y, month, day)
                except ValueError:
                    continue
                if WEEKDAYS[c.weekday()] == named:
                    fits.append(c)
            if fits:
                d = min(fits, key=lambda c: abs((c - published).days))
                return DateRange(d, d, "day", f"year inferred: the {MONTHS[month - 1]} {day} nearest publication ({pub}) "
                                              f"that falls on a {named}", True)
        if future:
            d = _no_earlier_than(month, day, published)
            return DateRange(d, d, "day", f"year inferred: the first {MONTHS[month - 1]} {day} not before publication ({pub}), "
                                          "the text speaking of the future", True)
        d = _no_later_than(month, day, published)
        return DateRange(d, d, "day", f"year inferred: the latest {MONTHS[month - 1]} {day} not after publication ({pub})", True)
    if g["rel"]:
        w = " ".join(m.group(0).lower().split())
        d = published + dt.timedelta(days=_RELATIVE[w])
        return DateRange(d, d, "day", f"'{w}' resolved against the publication date ({pub})", True)
    if g["daypart"]:
        return DateRange(published, published, "day", f"'{m.group(0)}' read as the publication day ({pub})", True)
    if g["lastnight"]:
        return DateRange(published - dt.timedelta(days=1), published, "day",
                         f"'last night' read as the night before publication ({pub})", True)
    if g["weekend"]:
        wd = published.weekday()
        sat = published - dt.timedelta(days=wd - 5) if wd >= 5 else published - dt.timedelta(days=wd + 2)
        if future and wd < 5:
            sat += dt.timedelta(weeks=1)
        end = min(sat + dt.timedelta(days=1), published) if sat <= published else sat + dt.timedelta(days=1)
        return DateRange(sat, end, "day", f"'{m.group(0)}' read as the weekend {'after' if sat > published else 'up to'} "
                                          f"publication ({pub})", True)
    if g["season"]:
        return _season(g, published, future)
    if g["decade"]:
        y = int(g["dec"])
        return DateRange(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "year", "stated: a decade", False)
    if g["part"]:
        r = _period([g["pq2"]], g["pu2"], published)
        return DateRange(r.start, r.end, r.precision, f"'{' '.join(m.group(0).split())}': a part of {r.basis}", True)
    if g["ago"]:
        unit = g["au"]
        d = _ago(g["an"], unit, published)
        return DateRange(d, d, {"day": "day", "week": "week", "month": "month", "year": "year"}[unit],
                         f"'{m.group(0)}' counted back from the publication date ({pub})", True)
    if g["recent"]:
        unit = g["ru"]
        start = _ago(g["rn"], unit, published)
        return DateRange(start, published, unit, f"'{m.group(0)}' read as the span up to publication ({pub})", True)
    if g["overnight"]:
        return DateRange(published - dt.timedelta(days=1), published, "day",
                         f"'overnight' read as the night before publication ({pub})", True)
    if g["period"]:
        return _period(g["pq"].lower().split(), g["pu"], published)
    if g["wd"]:
        day, q = g["wday"], (g["wq"] or "").lower()
        back = (published.weekday() - WEEKDAYS.index(day)) % 7
        if q == "next":
            d = published + dt.timedelta(days=(WEEKDAYS.index(day) - published.weekday() - 1) % 7 + 1)
            how = "the next one after publication"
        elif future and q != "last" and back:
            d = published + dt.timedelta(days=7 - back)
            how = f"{(d - published).days} day(s) after publication, the text speaking of the future"
        elif q == "last" or back:
            d = published - dt.timedelta(days=back or 7)
            how = f"{(published - d).days} day(s) before publication"
        else:
            d, how = published, "the publication day (a wire story's own weekday)"
        return DateRange(d, d, "day", f"'{m.group(0)}' read as {how} ({pub})", True)
    if g["inmonth"]:
        month = month_number(g["im1"])
        d = _no_later_than(month, None, published)
        end = min(_last_day(d.year, month), published)
        if m.group(0).lower().startswith("since"):
            return DateRange(d, published, "month", f"'since' read as ongoing from {MONTHS[month - 1]} {d.year} up to publication ({pub})", True)
        return DateRange(d, end, "month", f"year inferred: the latest {MONTHS[month - 1]} not after publication ({pub})", True)
    if g["year"]:
        year = int(g["yy"])
        return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "stated: year", False)
    raise ValueError(f"{m.group(0)!r} is not a date")  # pragma: no cover - every alternative is handled above


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def _season(g: dict, published: dt.date, future: bool) -> DateRange:
    """A season (meteorological, northern hemisphere: winter is December to February), at the
    precision of its months: 'summer 2014', 'last summer', 'this winter'."""
    name = (g["sn"] or g["sn2"]).lower()
    first, last = _SEASONS[name]
    pub = published.isoformat()
    if g["sy"]:
        year, basis, inferred = int(g["sy"]), "stated: season and year", False
    else:
        q = " ".join((g["sq"] or "").lower().split())
        # the season of that name that is under way or last ended before publication ("this")
        year = published.year if (published.month >= first or first == 12) else published.year - 1
        if first == 12 and published.month >= 3:
            year = published.year  # the coming winter
        if q in ("last", "this past") and _season_start(year, first) >= published:
            year -= 1
        if q == "last" and _season_start(year, first) <= published <= _season_end(year, first, last):
            year -= 1
        if q == "next" or (future and q == "this" and _season_end(year, first, last) < published):
            year += 1
        basis, inferred = f"'{q} {name}' read against the publication date ({pub})", True
    return DateRange(_season_start(year, first), _season_end(year, first, last), "month", basis, inferred)


def _season_start(year: int, first: int) -> dt.date:
    return dt.date(year, first, 1)


def _season_end(year: int, first: int, last: int) -> dt.date:
    return _last_day(year + 1 if last < first else year, last)


def _period(q: list[str], unit: str, published: dt.date) -> DateRange:
    pub = published.isoformat()
    rel = {"this": 0, "last": -1, "past": -1, "next": 1}[q[-1]]
    if unit in ("week", "weekend"):
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=rel)
        start, end = (monday, monday + dt.timedelta(days=6)) if unit == "week" else (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        prec = "week" if unit == "week" else "day"
    elif unit == "month":
        y, mth = published.year, published.month + rel
        if mth == 0:
            y, mth = y - 1, 12
        elif mth == 13:
            y, mth = y + 1, 1
        start, end, prec = dt.date(y, mth, 1), _last_day(y, mth), "month"
    else:
        y = published.year + rel
        start, end, prec = dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    if q[0] == "earlier":
        end = min(end, published)
    elif q[0] == "later":
        start = max(start, published)
    words = " ".join(q + [unit])
    return DateRange(start, end, prec, f"'{words}' read as the {unit} of the publication date ({pub}) and its bounds", True)


def resolve(words: str, published: dt.date, future: bool = False) -> DateRange:
    """Resolve date words (exactly one expression) against the publication date; ValueError if not understood."""
    w = " ".join(str(words).split())
    m = EXPR.fullmatch(w)
    if not m:
        raise ValueError(f"date words {w[:80]!r} are not understood; supported forms: {FORMS}")
    try:
        return _resolve(m, published, future)
    except (ValueError, KeyError) as exc:
        raise ValueError(f"date words {w[:80]!r}: {exc}") from None


def find_dates(text: str, published: dt.date, lo: int = 0, hi: int | None = None) -> list[DateMention]:
    """Every date expression in text[lo:hi], resolved; coordinated weekdays ("on Monday
    and Tuesday") become one mention per day, so each day can date its own event."""
    hi = len(text) if hi is None else hi
    out: list[DateMention] = []
    clauses = _Clauses(text, lo, hi)
    for m in EXPR.finditer(text, lo, hi):
        if m.group("year") and not _plausible_year(text, m):
            continue
        try:
            r = _resolve(m, published, clauses.future_before(m.start()))
        except ValueError:
            continue
        out.append(DateMention(Span(m.start(), m.end(), m.group(0)), r))
    return out


_CLAUSE_END = re.compile(r"[.!?] |\n")
_LONGEST_FUTURE = 32  # characters: longer than any alternative of FUTURE ("expected to", "to be held")


class _Clauses:
    """Whether future words precede a point within its clause (from the last ". ", "! ", "? "
    or line break), for points in increasing order. Clause ends and future words are found
    once for the whole range and walked with pointers: searching back from every date made
    many dates in one long clause quadratic."""

    def __init__(self, text: str, lo: int, hi: int):
        self.text, self.lo = text, lo
        self.ends = [m.span() for m in _CLAUSE_END.finditer(text, lo, hi)]
        self.future = [m.span() for m in FUTURE.finditer(text, lo, hi)]
        self.e = self.f = 0

    def future_before(self, at: int) -> bool:
        """FUTURE.search(text, clause, at) for the clause `at` is in, in amortised constant time."""
        ends, fut = self.ends, self.future
        while self.e < len(ends) and ends[self.e][1] <= at:
            self.e += 1
        clause = max(self.lo, ends[self.e - 1][0] + 1) if self.e else self.lo
        while self.f < len(fut) and fut[self.f][1] <= at:
            self.f += 1
        # The last future word that ends before `at`, if it starts inside the clause; a word
        # that ends exactly at `at` (read with `at` as the end of the text) is looked for nearby.
        if self.f and fut[self.f - 1][0] >= clause:
            return True
        return FUTURE.search(self.text, max(clause, at - _LONGEST_FUTURE), at) is not None


def _plausible_year(text: str, m: re.Match) -> bool:
    """A bare four-digit number is a year unless it counts something ("2000 troops")."""
    after = text[m.end():m.end() + 12]
    return not re.match(r"\s+[a-z]", after) or bool(re.match(r"\s+(?:and|to|when|as|after|before|until|that|in|on|at|with|but|or)\b", after))
