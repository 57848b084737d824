"""Split an article's text into boilerplate, title, subtitle, dateline, paragraphs and sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

# Wire-service dateline: "SOCHI, October 22. /TASS/."
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z .'-]*[A-Z]), (?P<month>" + "|".join(MONTHS) + r") (?P<day>\d{1,2})\. /(?P<agency>[A-Z]+)/\.\s*"
)
BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # runs of non-empty lines
# A full stop after these does not end a sentence ("U.S. forces", "Gen. Smith").
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Gov", "Sen", "Rep",
                 "St", "Jr", "Sr", "Prof", "No", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "U.S", "U.N", "U.K", "E.U")


@dataclass(frozen=True)
class Segment:
    segment_id: str
    kind: str
    start: int
    end: int
    paragraph_index: int | None = None
    sentence_index: int | None = None
    parent_id: str | None = None


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    place_words: str
    place_start: int
    month: int
    day: int
    agency: str


class SegmentationError(ValueError):
    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.fix = fix


def _blocks(text: str) -> list[tuple[int, int]]:
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


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]; never splits inside quotation marks."""
    spans, s, inside = [], start, False
    for i in range(start, end):
        ch = text[i]
        if ch == '"':
            inside = not inside
        elif ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        if inside:
            continue
        terminal = ch in ".!?" or (ch in '"”' and i > start and text[i - 1] in ".!?")
        if ch == "." and _abbreviation_before(text, start, i):
            terminal = False
        k = i + 1
        if not terminal or k >= end or text[k] != " ":
            continue
        while k < end and text[k] == " ":
            k += 1
        if k < end and (text[k].isupper() or text[k] in '"“'):
            spans.append((s, i + 1))
            s = k
    if s < end:
        spans.append((s, end))
    return spans


def _abbreviation_before(text: str, start: int, dot: int) -> bool:
    word_start = dot
    while word_start > start and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot]
    return word in ABBREVIATIONS or (len(word) == 1 and word.isupper())  # initials: "John F. Kennedy"


def segment(article_id: str, text: str, boilerplate: list[str], has_subtitle: bool) -> tuple[list[Segment], Dateline | None]:
    blocks = _blocks(text)
    segs: list[Segment] = []
    pos = 0
    for i, expected in enumerate(boilerplate):
        if pos >= len(blocks) or text[blocks[pos][0]:blocks[pos][1]] != expected:
            found = text[blocks[pos][0]:blocks[pos][1]] if pos < len(blocks) else "end of text"
            raise SegmentationError(
                f"boilerplate line {i + 1} should be {expected!r} but the text has {found!r}",
                "make source.yaml `boilerplate` list the lines before the headline exactly",
            )
        segs.append(Segment(f"{article_id}/boilerplate-{i + 1}", "boilerplate", *blocks[pos]))
        pos += 1
    header = ["title"] + (["subtitle"] if has_subtitle else [])
    for kind in header:
        if pos >= len(blocks):
            raise SegmentationError(f"the text ends before its {kind}", "check article.txt and has_subtitle in source.yaml")
        segs.append(Segment(f"{article_id}/{kind}", kind, *blocks[pos]))
        pos += 1
    if pos >= len(blocks):
        raise SegmentationError("the article has no body paragraphs", "check article.txt")
    dateline = None
    for p, (bs, be) in enumerate(blocks[pos:], start=1):
        pid = f"{article_id}/p{p:02d}"
        segs.append(Segment(pid, "paragraph", bs, be, paragraph_index=p))
        body_start = bs
        if p == 1:
            m = DATELINE.match(text, bs, be)
            if m:
                dend = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
                dateline = Dateline(bs, dend, m.group("place"), m.start("place"),
                                    MONTHS.index(m.group("month")) + 1, int(m.group("day")), m.group("agency"))
                segs.append(Segment(f"{article_id}/dateline", "dateline", bs, dend, paragraph_index=p, parent_id=pid))
                body_start = m.end()
        for s_i, (ss, se) in enumerate(split_sentences(text, body_start, be), start=1):
            segs.append(Segment(f"{pid}s{s_i:02d}", "sentence", ss, se, paragraph_index=p, sentence_index=s_i, parent_id=pid))
    return segs, dateline


def smallest_containing(segs: list[Segment], start: int, end: int) -> Segment | None:
    """The sentence (or title/subtitle/dateline/boilerplate) that contains [start, end)."""
    best = None
    for s in segs:
        if s.kind != "paragraph" and s.start <= start and end <= s.end:
            if best is None or (s.end - s.start) < (best.end - best.start):
                best = s
    return best
