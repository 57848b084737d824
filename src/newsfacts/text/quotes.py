"""Quotations in news copy: direct, indirect and mixed, with cue verb and speaker.

Handles U.S. and British punctuation (`fail,"` and `fail",`), straight, curly and
single marks, a quote running over several sentences, a paragraph that opens a quote
and leaves it open for the next, the speaker before or after the cue ("Carter said",
"said Defense Secretary Ash Carter"), "according to", a quote with no cue that continues
the paragraph's or the previous paragraph's speaker, and single-quoted fragments in
headlines (recorded without a cue). The words inside quotation marks are always a
direct quote of their own; a reported clause around them is a mixed quote that they
are `part_of`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from .spans import Span, trim
from .speakers import Phrase, SpeakerIndex, parse, speaker_after, speaker_before

CUE_VERBS = ("said", "says", "say", "told", "tells", "added", "adds", "noted", "notes", "stressed", "stresses",
             "warned", "warns", "wrote", "writes", "announced", "announces", "insisted", "insists", "argued", "argues",
             "acknowledged", "acknowledges", "explained", "explains", "concluded", "recalled", "recalls", "declared",
             "declares", "stated", "states", "claimed", "claims", "replied", "responded", "emphasized", "emphasised",
             "underlined", "underscored", "observed", "admitted", "conceded", "suggested", "urged", "promised", "vowed",
             "pledged", "predicted", "cautioned", "complained", "confirmed", "denied", "disclosed", "revealed",
             "reported", "remarked", "commented", "continued", "pointed out", "according to")
# Verbs that report speech only next to quotation marks ("called the maneuvers 'unsafe'").
WEAK_CUES = ("called", "calls", "asked", "asks", "described", "describes", "dubbed", "termed", "denounced", "denounces",
             "branded", "brands", "labeled", "labelled", "labels", "decried", "decries")
_CUES = "|".join(sorted((re.escape(c) for c in CUE_VERBS + WEAK_CUES), key=len, reverse=True))
# Lower case only ("States" in "United States" is no cue), except a sentence-initial "According to".
CUE = re.compile(rf"(?<![\w-])(?:{_CUES}|According to)(?![\w-])")
STRONG = {c.lower() for c in CUE_VERBS}
INSERTION = re.compile(r"\[[^\]]+\]")
# Between a cue and the reported words: when, where and how it was said, then "that" or a colon.
_WHEN = (r",?\s+(?:on\s+|late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|"
         r"this\s+week|last\s+week|earlier|later|again|repeatedly|also|recently)(?:\s+(?:morning|afternoon|evening|night))?")
_HOW = (r",?\s+(?:in|during|at)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:statement|interview|briefing|conference|speech|letter|post|tweet|address|meeting|call|remarks|hearing|message)"
        r"(?:\s+(?:on|with|to|in)\s+[\w.’'-]+(?:\s+[A-Z][\w.’'-]*)*)?")
# When and how it was said, in any order ("said in a statement Thursday", "said Thursday in a statement").
ADVERBIALS = re.compile(rf"(?:{_WHEN}|{_HOW})*")
# Between a cue and the reported words: the adverbials, then "that" or a colon.
AFTER_CUE = re.compile(rf"(?:{_WHEN}|{_HOW})*(?:,?\s+that)?\s*[:,]?\s*")
ADDRESSEE = re.compile(r"\s+(?P<adr>(?:the\s+)?(?:[a-z]+(?:\s+[a-z]+)?|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*))(?=\s+(?:when|that|after|before|on|in|at|about|during)\b|[,.:])")
DOUBLE_OPEN, DOUBLE_CLOSE = "“", "”"
SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))['‘](?=[\w])")
SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['’](?![\w])")


@dataclass(frozen=True)
class Unit:
    """A piece of text quotes are looked for in: a body sentence, or a header line."""
    segment_id: str
    start: int
    end: int
    paragraph: str  # the paragraph (or header segment) it belongs to
    header: bool = False


@dataclass
class DetectedQuote:
    kind: str  # direct | indirect | mixed
    span: Span
    sentence_id: str
    cue: Span | None = None
    speaker: Span | None = None
    speaker_id: str | None = None
    resolution: str | None = None  # name | description | pronoun | continuation
    addressee: Span | None = None
    addressee_id: str | None = None
    insertions: list[Span] = field(default_factory=list)
    part_of: "DetectedQuote | None" = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.span.start, self.span.end)


@dataclass
class _Marked:
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the paragraph leaves it open
    inner: Span


def _double_marks(text: str, start: int, end: int) -> tuple[list[_Marked], bool]:
    """Quoted spans in text[start:end] and whether the last one is left open."""
    out, open_at = [], None
    for i in range(start, end):
        ch = text[i]
        if ch == DOUBLE_OPEN or (ch == '"' and open_at is None):
            if open_at is None:
                open_at = i
        elif ch == DOUBLE_CLOSE or ch == '"':
            if open_at is not None:
                inner = _inner(text, open_at + 1, i)
                if not inner.text:
                    # Marks with nothing between them quote nothing: a stray mark before a real one
                    # (`said,“ "We agreed`): a straight mark here opens the quote, a closing one ends none.
                    open_at = i if ch == '"' else None
                    continue
                out.append(_Marked(open_at, i, inner))
                open_at = None
    if open_at is not None:
        out.append(_Marked(open_at, None, _inner(text, open_at + 1, end)))
        return out, True
    return out, False


def _single_marks(text: str, start: int, end: int, taken: list[_Marked]) -> list[_Marked]:
    out = []
    pos = start
    while True:
        o = SINGLE_OPEN.search(text, pos, end)
        if not o:
            return out
        c = SINGLE_CLOSE.search(text, o.end(), end)
        if not c:
            return out
        if not any(m.open <= o.start() <= (m.close or end) for m in taken):
            out.append(_Marked(o.start(), c.start(), _inner(text, o.end(), c.start())))
        pos = c.end()


def _inner(text: str, start: int, end: int) -> Span:
    """The quoted words: what stands inside the marks, without a trailing comma (U.S. style
    puts the writer's comma inside the marks) or surrounding space."""
    return trim(text, start, end, " \n\t,")


def _inside(marks: list[_Marked], end: int) -> "Any":
    """A test of whether an offset lies inside one of the (sorted, disjoint) marked spans."""
    opens = [m.open for m in marks]

    def test(i: int) -> bool:
        k = bisect.bisect_right(opens, i) - 1
        return k >= 0 and i <= (marks[k].close if marks[k].close is not None else end)
    return test


def _cues(text: str, unit: Unit, marks: list[_Marked]) -> list[re.Match]:
    inside = _inside(marks, unit.end)
    return [m for m in CUE.finditer(text, unit.start, unit.end) if not inside(m.start())]


@dataclass
class _Attribution:
    cue: Span
    phrase: Phrase
    speaker_first: bool  # "Carter said" (True) or "said Carter" (False)
    comma_after_speaker: bool


WINDOW = 250  # a speaker phrase is shorter: looking further would make a long sentence cost O(n) per cue
_NP = re.compile(r"\s+(?P<np>[^,.;]+)")
QUOTED_AS = re.compile(r"\b(?:quoted|cited)\s+(?P<spk>[^,.;\"“”]{2,80}?)\s+as\s+(?P<cue>saying|telling)\b")


def _attribution(text: str, unit: Unit, marks: list[_Marked]) -> _Attribution | None:
    has_quote = bool(marks)
    inside = _inside(marks, unit.end)
    qa = next((m for m in QUOTED_AS.finditer(text, unit.start, unit.end) if not inside(m.start())), None)
    if qa:  # "TASS quoted Shoigu as saying": the speaker is the one quoted, not the medium
        sp = Span(qa.start("spk"), qa.end("spk"), qa.group("spk"))
        phrase = parse(sp) or Phrase(sp, "name", sp.text, None)
        return _Attribution(Span(qa.start("cue"), qa.end("cue"), qa.group("cue")), phrase, True, False)
    for m in _cues(text, unit, marks):
        cue = Span(m.start(), m.end(), m.group(0))
        weak = cue.text.lower() not in STRONG
        if weak and not has_quote:
            continue
        if cue.text.lower() == "according to":
            np = _NP.match(text, cue.end, min(unit.end, cue.end + WINDOW))
            if np:
                s = np.start("np")
                words = np.group("np").rstrip()
                sp = Span(s, s + len(words), words)
                return _Attribution(cue, parse(sp) or Phrase(sp, "name", words, None), False, False)
            continue
        phrase, comma = speaker_before(text, unit.start, cue.start)
        if phrase is not None:
            return _Attribution(cue, phrase, True, comma)
        # Inverted: `"...," said Carter.` or `<content>, said the official.`
        j = cue.start
        while j > unit.start and text[j - 1].isspace():
            j -= 1
        if j == unit.start or text[max(unit.start, j - 2):j].endswith((",", ',"', ",”", '"', "”", "’", ",’")):
            phrase = speaker_after(text, cue.end, min(unit.end, cue.end + WINDOW))
            if phrase is not None:
                return _Attribution(cue, phrase, False, False)
    return None


def _strip_appositive(text: str, lo: int, end: int) -> int:
    """`<content>, the chief of X, Sergey Ivanov, said` -> the end of <content>."""
    head = text[lo:end].rstrip().rstrip(",")
    cut = head.rfind(", ")
    if cut != -1 and re.match(r"(?:the|a|an|his|her|its|their)\s", head[cut + 2:]):
        return lo + cut
    return lo + len(head)


_BLANK = re.compile(r"\s*")
_LEAD = re.compile(r"[\s,:]*")
_BETWEEN = re.compile(r"[\s,]*")
_TAIL = re.compile(r"[\s.!?]*")


def _only(rx: re.Pattern, text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] is all matched by rx (no slice is copied: marks can be many)."""
    return lo >= hi or rx.match(text, lo, hi).end() == hi


def detect_quotes(text: str, units: list[Unit], speakers: SpeakerIndex) -> list[DetectedQuote]:
    """Quotes in reading order; `speakers` resolves speaker phrases (and learns new ones in a draft).
    Linear in the text: paragraphs, marks and cues are looked up, never rescanned per unit."""
    found: list[DetectedQuote] = []
    bounds: dict[str, tuple[int, int]] = {}
    for u in units:
        ps, pe = bounds.get(u.paragraph, (u.start, u.end))
        bounds[u.paragraph] = (min(ps, u.start), max(pe, u.end))
    para_of = {u.segment_id: u.paragraph for u in units}
    para_marks: dict[str, tuple[list[_Marked], list[int], bool]] = {}
    for para, (ps, pe) in bounds.items():
        dm, left_open = _double_marks(text, ps, pe)
        ms = sorted(dm + _single_marks(text, ps, pe, dm), key=lambda m: m.open)
        para_marks[para] = (ms, [m.open for m in ms], left_open)
    prev_para, prev_para_speaker = None, None
    para_found_from = 0  # index in `found` where the current paragraph's quotes begin
    prev_unit = None
    para_attr: dict[str, DetectedQuote] = {}
    for u in units:
        marks_all, opens_at, left_open = para_marks[u.paragraph]
        if u.paragraph != prev_para:
            if prev_para is not None:
                last = [q for q in found[para_found_from:] if q.kind == "direct" and para_of.get(q.sentence_id) == prev_para]
                prev_para_speaker = last[-1] if last else None
            prev_para, para_found_from = u.paragraph, len(found)
        marks = marks_all[bisect.bisect_left(opens_at, u.start):bisect.bisect_left(opens_at, u.end)]
        if prev_unit is not None:
            _note_people(text, prev_unit[0], speakers, prev_unit[1])
        attr = None if u.header else _attribution(text, u, marks)
        prev_unit = (u, attr)
        speaker_id = resolution = None
        if attr is not None:
            speaker_id, resolution = speakers.resolve(attr.phrase)
        if attr is None:
            # No cue here: continue the speaker of this paragraph, or of the previous
            # paragraph when this one opens with a quotation mark.
            src = para_attr.get(u.paragraph)
            opens = bool(marks) and _only(_BLANK, text, u.start, marks[0].open)
            first_unit = u.start == bounds[u.paragraph][0]
            for m in marks:
                q = DetectedQuote("direct", m.inner, u.segment_id, insertions=_insertions(text, m.inner))
                if src is not None:
                    q.cue, q.speaker, q.speaker_id, q.resolution = src.cue, src.speaker, src.speaker_id, src.resolution
                elif not u.header and opens and first_unit and prev_para_speaker is not None:
                    q.speaker_id, q.resolution = prev_para_speaker.speaker_id, "continuation"
                found.append(q)
            continue
        a = attr
        common = dict(sentence_id=u.segment_id, cue=a.cue, speaker=a.phrase.span, speaker_id=speaker_id, resolution=resolution)
        adr = None
        if a.cue.text.lower() in ("told", "tells"):
            am = ADDRESSEE.match(text, a.cue.end, u.end)
            if am:
                adr = Span(am.start("adr"), am.end("adr"), am.group("adr"))
        attr_start = min(a.phrase.span.start, a.cue.start)
        attr_end = max(a.phrase.span.end, a.cue.end)
        directs, fragments = [], []
        for m in marks:
            at_start = _only(_BLANK, text, u.start, m.open)
            lead_ok = at_start or (m.open >= attr_end and _only(_LEAD, text, attr_end, m.open)
                                   and AFTER_CUE.fullmatch(text, a.cue.end, m.open) is not None) \
                or (bool(directs) and directs[0].close is not None and directs[0].close < m.open and attr_end <= m.open
                    and _only(_BETWEEN, text, attr_end, m.open))
            tail_ok = _only(_TAIL, text, (m.close + 1) if m.close is not None else u.end, u.end) \
                or (m.close is not None and m.close < attr_start)
            if lead_ok and tail_ok or (at_start and m.close is not None and m.close < attr_start):
                directs.append(m)
            else:
                fragments.append(m)
        for m in directs:
            q = DetectedQuote("direct", m.inner, **common, insertions=_insertions(text, m.inner))
            q.addressee = adr
            found.append(q)
            para_attr[u.paragraph] = q
        if directs and not fragments:
            continue
        # Reported speech, with or without quoted fragments.
        spans = _reported(text, u, a)
        kind = "mixed" if fragments else "indirect"
        parts: set[tuple[int, int]] = set()
        for sp in spans:
            if not sp.text or len(sp.text.split()) < 2 and not fragments:
                continue
            inside = [f for f in fragments if sp.start <= f.open < sp.end]
            q = DetectedQuote(kind if inside else "indirect", sp, **common, insertions=_insertions(text, sp))
            q.addressee = adr
            found.append(q)
            for f in inside:
                found.append(DetectedQuote("direct", f.inner, **common, insertions=_insertions(text, f.inner), part_of=q))
                parts.add((f.inner.start, f.inner.end))
            para_attr.setdefault(u.paragraph, q)
        for f in fragments:  # a fragment outside any reported clause
            if (f.inner.start, f.inner.end) not in parts:
                found.append(DetectedQuote("direct", f.inner, **common, insertions=_insertions(text, f.inner)))
    return found


def _note_people(text: str, u: Unit, speakers: SpeakerIndex, attr: "_Attribution | None") -> None:
    """Titled people named outside the attribution are antecedents for a later "he" or "she"."""
    if u.header:
        return
    lo = u.start
    if attr is not None:
        speakers.note_people(text, max(attr.phrase.span.end, attr.cue.end), u.end)
        return
    speakers.note_people(text, lo, u.end)


def _insertions(text: str, sp: Span) -> list[Span]:
    return [Span(m.start(), m.end(), m.group(0)) for m in INSERTION.finditer(text, sp.start, sp.end)]


def _reported(text: str, u: Unit, a: _Attribution) -> list[Span]:
    """The reported clause(s) of a sentence with an attribution."""
    end = u.end - 1 if text[u.end - 1] == "." else u.end
    spk, cue = a.phrase.span, a.cue
    attr_start = min(spk.start, cue.start)
    attr_end = max(spk.end, cue.end)
    content_before = text[u.start:attr_start].strip().rstrip(",").strip()
    if a.cue.text.lower() == "according to":
        if attr_start == u.start or not content_before:  # "According to X, <content>."
            rest = re.match(r"[^,]*,\s*", text[spk.end:u.end])
            return [trim(text, spk.end + (rest.end() if rest else 0), end)]
        return [trim(text, u.start, attr_start)]  # "<content>, according to X."
    adv = ADVERBIALS.match(text, attr_end, end)
    rest = text[adv.end():end]
    if a.cue.text.lower() in ("told", "tells"):
        rest = ""  # what follows "told journalists" is the occasion, not the content
    postposed = bool(content_before) and (not a.speaker_first or not rest.strip() or rest.lstrip().startswith(","))
    if postposed:
        # Postposed: "<content>, Carter said." / "<content>, said Carter." / parenthetical "<a>, Carter said, <b>."
        stop = _strip_appositive(text, u.start, attr_start) if a.speaker_first and a.comma_after_speaker else attr_start
        parts = [trim(text, u.start, stop)]
        tm = re.match(r"\s*,\s*(?:and\s+|but\s+)?(?:(?:adding|noting|saying|stressing)\s+(?:that\s+)?)?", text[adv.end():end])
        if tm and len(rest.split()) >= 2:  # parenthetical: "<a>, Carter said (today), <b>."
            parts.append(trim(text, adv.end() + tm.end(), end))
        return parts
    # Preposed: "Carter said (today) (that) <content>."
    start = attr_end
    if a.cue.text.lower() in ("told", "tells"):
        am = ADDRESSEE.match(text, cue.end, u.end)
        if am:
            start = am.end()
    after = AFTER_CUE.match(text, start, end)
    return [trim(text, after.end() if after else start, end)]
