"""The layout of an article: header lines before the body, the dateline, subheadings.

Recognised in any English news copy:
- boilerplate: site lines the source declares (or, for a draft, a few well-known ones);
- title and subtitle: headline-like lines (no sentence punctuation at the end) before the body;
- byline ("By Jane Doe"), desk line ("VOA News", "DoD News, Defense Media Activity",
  "Associated Press") and timestamp line ("April 14, 2016 08:16 AM") as their own segments;
- the dateline opening the first body paragraph: TASS ("SOCHI, October 22. /TASS/."),
  AP ("WASHINGTON (AP) —"), Reuters ("MOSCOW, Oct 22 (Reuters) -"), AFP ("Beirut (AFP) -"),
  U.S. government ("SIGONELLA, Italy, Oct. 7, 2015 —"), with an em dash, en dash, hyphen or "--";
- subheadings: short headline-like lines between body paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import MONTH, month_number

BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # runs of non-empty lines
# Lines a news site prints before the headline; a draft proposes them as boilerplate.
KNOWN_BOILERPLATE = frozenset(s.lower() for s in (
    "All news", "Advertisement", "Share", "Share this", "Print", "Email", "Read more", "Video", "Photo",
    "Breaking news", "Latest news", "News", "Home", "Top stories", "Subscribe", "Follow us", "Listen"))
DESK_WORDS = re.compile(r"\b(News|Press|Agency|Service|Media|Wire|Staff|Desk|Bureau|Reuters|AFP|TASS|AP|VOA|"
                        r"Xinhua|Interfax|Bloomberg|Correspondent|Reporter|Writer|Editor)\b")
BYLINE = re.compile(r"(?:By|BY)\s+[A-Z0-9][\w.’'-]*(?:[ ,]+(?:and\s+)?[A-Z0-9][\w.’'-]*)*(?:,\s*[\w ]+)?")
_TIME = (r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*\(?(?:[A-Z]{2,4}|UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?"
         r"|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
# A date in full: "Oct. 22, 2015", "22 October 2015", "2015-10-22", and the numeric forms of
# government and European sites: "10/22/2015" (month first) and "22.10.2015" (day first).
_FULL_DATE = (rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}"
              rf"|\d{{4}}-\d{{2}}-\d{{2}}|(?P<us>\d{{1,2}}/\d{{1,2}}/\d{{4}})|(?P<eu>\d{{1,2}}\.\d{{1,2}}\.\d{{4}}))")
TIMESTAMP = re.compile(rf"(?:(?:Updated|Published|Posted|Released|Release date|Release Date|Date|Last updated|Last Updated|"
                       rf"Last modified|Last Modified|First published)(?:\s+on)?\s*:?\s*)?"
                       rf"(?P<date>{_FULL_DATE})(?:(?:,|\s+at|\s*[-|/])?\s*(?:{_TIME}))?\.?")
# What may stand beside the date on a timestamp line: a desk or a place ("Feb. 15, 2017 , DOD News",
# "October 21, 2016, Novo-Ogaryovo, Moscow Region"), or a byline before it ("by VOA News October 08, 2015").
TIME_ONLY = re.compile(_TIME)
_BESIDE = re.compile(r"[A-Za-z0-9][\w.’'&-]*(?:[ ,]+[A-Za-z][\w.’'&-]*){0,7}")
_DASH = r"(?:—|–|--|-)"
_PLACE_UP = r"[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,3}"
_PLACE_TC = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"
_REGION = r"(?:,\s+(?P<region>[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,2}))"
_DL_DATE = rf"(?:,\s+(?P<dmonth>{MONTH})\s+(?P<dday>\d{{1,2}})(?:,\s+(?P<dyear>\d{{4}}))?|,\s+(?P<dday2>\d{{1,2}})\s+(?P<dmonth2>{MONTH})(?:\s+(?P<dyear2>\d{{4}}))?)"
_AGENCY = r"\s*\((?P<agency>[A-Z][A-Za-z.&’' -]{0,30})\)"
DATELINES = (
    # TASS: "SOCHI, October 22. /TASS/."
    re.compile(rf"(?P<place>{_PLACE_UP}),\s+(?P<tmonth>{MONTH})\s+(?P<tday>\d{{1,2}})\.?\s*/(?P<tagency>[A-Z][A-Za-z-]+)/\.?"),
    # AP, Reuters, AFP, U.S. government and the like: PLACE[, Region][, date][ (AGENCY)] —
    re.compile(rf"(?P<place>{_PLACE_UP}){_REGION}?{_DL_DATE}?(?:{_AGENCY})?\s*(?P<dash>{_DASH})(?=\s)"),
    re.compile(rf"(?P<place>{_PLACE_TC}){_REGION}?{_DL_DATE}?{_AGENCY}\s*(?P<dash>{_DASH}|:)(?=\s)"),
)
HEADLINE_END = tuple('.!?:;,"”’\')…')


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    place_words: str
    place_start: int
    region: str | None
    month: int | None
    day: int | None
    year: int | None
    agency: str | None

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class Block:
    kind: str  # boilerplate | title | subtitle | byline | desk_line | timestamp | subheading | paragraph
    start: int
    end: int
    dateline: Dateline | None = None


@dataclass
class Layout:
    blocks: list[Block] = field(default_factory=list)

    def first(self, kind: str) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)

    @property
    def dateline(self) -> Dateline | None:
        return next((b.dateline for b in self.blocks if b.dateline), None)


class LayoutError(ValueError):
    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.fix = fix


def blocks(text: str) -> list[tuple[int, int]]:
    out = []
    for m in BLOCK.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def find_dateline(text: str, start: int, end: int) -> Dateline | None:
    """A dateline opening text[start:end], or None."""
    for rx in DATELINES:
        m = rx.match(text, start, end)
        if not m:
            continue
        g = m.groupdict()
        place = m.group("place")
        if g.get("tmonth"):
            month, day, year, agency = month_number(g["tmonth"]), int(g["tday"]), None, g["tagency"]
        else:
            mon = g.get("dmonth") or g.get("dmonth2")
            d = g.get("dday") or g.get("dday2")
            y = g.get("dyear") or g.get("dyear2")
            month, day, year, agency = (month_number(mon) if mon else None), (int(d) if d else None), (int(y) if y else None), g.get("agency")
            # A bare upper-case word and a hyphen is too weak ("NATO - the alliance"):
            # a hyphen needs an agency or a date beside it.
            if g.get("dash") == "-" and not (agency or month):
                continue
            if len(place.replace(" ", "")) < 2:
                continue
        return Dateline(start, m.end(), place, m.start("place"), g.get("region"), month, day, year, agency)
    return None


def is_headline_like(line: str) -> bool:
    words = line.split()
    return "\n" not in line and 0 < len(words) <= 30 and len(line) <= 220 and not line.endswith(HEADLINE_END) \
        and (line[0].isupper() or line[0].isdigit() or line[0] in "'‘\"“")


_UPPER_MONTH = re.compile(r"\b(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
                          r"JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\b")


def titled_months(line: str) -> str:
    """The line with upper-case month names title-cased ("OCTOBER 22, 2015 / 8:30 PM", Reuters'
    header), the same length, so offsets still hold."""
    return _UPPER_MONTH.sub(lambda m: m.group(0).title(), line)


def line_kind(line: str) -> str | None:
    """byline, desk_line or timestamp for a header line that is one of them."""
    line = titled_months(line)
    if TIMESTAMP.fullmatch(line):
        return "timestamp"
    # DoD style: "Aug. 1, 2014 | BY Jim Garamone" (the date line carries the byline).
    parts = [p.strip() for p in re.split(r"\s+[|•·]\s+", line)]
    if len(parts) == 2 and any(TIMESTAMP.fullmatch(parts[k]) and BYLINE.fullmatch(parts[1 - k]) for k in (0, 1)):
        return "timestamp"
    if "\n" not in line and dated_line(line):
        return "timestamp"
    # "Release: 16-09\nApril 13, 2016": a block of short header lines, one of them the date.
    lines = line.split("\n")
    if 2 <= len(lines) <= 3 and all(_short_header(x) for x in lines) and any(TIMESTAMP.fullmatch(x) for x in lines):
        return "timestamp"
    if BYLINE.fullmatch(line) and len(line.split()) <= 12:
        return "byline"
    # AFPS style: "By Jim Garamone\nAmerican Forces Press Service" (a byline over a desk line).
    lines = line.split("\n")
    if len(lines) in (2, 3) and BYLINE.fullmatch(lines[0]) and all(
            len(x.split()) <= 8 and DESK_WORDS.search(x) and not x.endswith(HEADLINE_END[:3]) for x in lines[1:]):
        return "byline"
    if len(line.split()) <= 8 and not line.endswith(HEADLINE_END[:3]) and DESK_WORDS.search(line) and "\n" not in line:
        return "desk_line"
    # "Headquarters, United States European Command\nMedia Operations Division": an issuing office
    # printed over several short lines (one line alone is a headline's business).
    if 2 <= len(lines) <= 3 and all(_short_header(x) and x[:1].isupper() for x in lines):
        return "desk_line"
    return None


def _short_header(line: str) -> bool:
    return 0 < len(line.split()) <= 8 and not line.rstrip().endswith(HEADLINE_END)


def dated_line(line: str) -> re.Match | None:
    """The date of a one-line header that is a date with a desk, place or byline beside it
    ("Feb. 15, 2017 , DOD News", "by VOA News October 08, 2015"), or None."""
    m = TIMESTAMP.match(line)
    if m and m.end() < len(line):
        rest = line[m.end():].strip()
        if rest[:1] in ",|•·-–—/" and all(_BESIDE.fullmatch(part.strip()) or TIME_ONLY.fullmatch(part.strip())
                                          for part in re.split(r"\s*/\s*", rest[1:].strip())) \
                and not rest.endswith(HEADLINE_END):
            return m  # "OCTOBER 22, 2015 / 8:30 PM / 3 YEARS AGO"
        return None
    if m:
        return m
    for m in TIMESTAMP.finditer(line):
        before = line[:m.start()].strip()
        if m.end() == len(line) and re.fullmatch(r"(?:[Bb]y|BY)\s+" + _BESIDE.pattern, before):
            return m
    return None


def layout(text: str, boilerplate: list[str] | None = None, *, has_title: bool | None = None,
           has_subtitle: bool | None = None, overrides: dict[str, str] | None = None) -> Layout:
    """Read the article's layout. `boilerplate` lists the site lines before the headline
    (None: guess well-known ones); has_title / has_subtitle force the reading of the
    headline lines where the coding states them; overrides maps an exact line to its kind."""
    spans = blocks(text)
    if not spans:
        raise LayoutError("the text is empty", "put the article's text in article.txt")
    overrides = overrides or {}
    out: list[Block] = []
    pos = 0
    if boilerplate is None:
        while pos < len(spans) - 1 and text[spans[pos][0]:spans[pos][1]].strip().lower() in KNOWN_BOILERPLATE:
            out.append(Block("boilerplate", *spans[pos]))
            pos += 1
    else:
        for i, expected in enumerate(boilerplate):
            found = text[spans[pos][0]:spans[pos][1]] if pos < len(spans) else "end of text"
            if found != expected:
                raise LayoutError(f"boilerplate line {i + 1} should be {expected!r} but the text has {found[:80]!r}",
                                  "make source.yaml `boilerplate` list the lines before the headline exactly")
            out.append(Block("boilerplate", *spans[pos]))
            pos += 1
    # Header zone: everything before the first body paragraph.
    headlines = 0
    while pos < len(spans):
        s, e = spans[pos]
        line = text[s:e]
        forced = overrides.get(line)
        if forced and forced != "paragraph":
            out.append(Block(forced, s, e))
            headlines += forced in ("title", "subtitle")
            pos += 1
            continue
        if forced == "paragraph" or find_dateline(text, s, e):
            break
        kind = line_kind(line)
        if kind:
            out.append(Block(kind, s, e))
            pos += 1
            continue
        if pos == len(spans) - 1 or not is_headline_like(line):
            break
        if headlines == 0 and has_title is not False:
            out.append(Block("title", s, e))
        elif headlines <= 1 and has_subtitle is not False and (has_title is not False or headlines == 0):
            out.append(Block("subtitle", s, e))
        else:
            break
        headlines += 1
        pos += 1
    if has_subtitle and not any(b.kind == "subtitle" for b in out):
        raise LayoutError("source.yaml says has_subtitle: true but no subtitle line stands before the body",
                          "set has_subtitle: false, or check the header lines of article.txt")
    if has_title and not any(b.kind == "title" for b in out):
        raise LayoutError("source.yaml says the title is printed in the text but no headline line stands before the body",
                          "give the title under `title:` in source.yaml with `title_source:`, or check article.txt")
    if pos >= len(spans):
        raise LayoutError("the article has no body paragraphs", "check article.txt: the body must follow the header lines")
    unmatched = sorted(set(overrides) - {text[s:e] for s, e in spans})
    if unmatched:
        raise LayoutError(f"the layout override for {unmatched[0][:80]!r} matches no line of the text",
                          "copy the whole line (a header line or a paragraph) exactly from article.txt, or remove the override")
    first = True
    for s, e in spans[pos:]:
        line = text[s:e]
        forced = overrides.get(line)
        if forced:
            out.append(Block(forced, s, e))
            continue
        dl = find_dateline(text, s, e) if first else None
        if not first and is_headline_like(line) and len(line.split()) <= 14:
            out.append(Block("subheading", s, e))
            continue
        out.append(Block("paragraph", s, e, dl))
        first = False
    return Layout(out)
