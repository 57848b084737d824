"""Find quotations in the text itself: quotation-mark spans, cue verb, speaker, kind."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .evidence import Span
from .segment import Segment

CUE_VERBS = ("said", "told", "explained", "concluded", "recalled")
CUE = re.compile(r"(?<!\w)(" + "|".join(CUE_VERBS) + r")(?!\w)")
PRONOUNS = {"He", "he", "She", "she"}
# The speaker stands right before the cue: a pronoun or a run of capitalised words ("Sergey Ivanov,").
SPEAKER = re.compile(r"(?P<spk>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*|he|she),? $")
ADDRESSEE = re.compile(r" (?P<adr>[a-z]+(?: [a-z]+)?)(?= when| that|,|\.| about)")
INSERTION = re.compile(r"\[[^\]]+\]")
APPOSITIVE_START = ("the ", "a ", "an ")
# Between the cue and the reported words: "said (on) Thursday that ..."
AFTER_CUE = re.compile(r"(?: (?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday))?(?: that)?")


@dataclass
class DetectedQuote:
    sentence_id: str
    kind: str
    span: Span
    cue: Span
    speaker: Span
    speaker_id: str | None
    resolution: str
    addressee: Span | None = None
    addressee_id: str | None = None
    insertions: list[Span] = field(default_factory=list)


def _mark_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) offsets of straight or curly quotation marks, paired in order."""
    marks = [i for i in range(start, end) if text[i] in '"“”']
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def _span(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in " ,":
        end -= 1
    return Span(start, end, text[start:end])


def detect_quotes(text: str, sentences: list[Segment], names: dict[str, str]) -> list[DetectedQuote]:
    """`names` maps each actor name/alias to its actor id; pronouns go to the last named speaker."""
    found: list[DetectedQuote] = []
    last_speaker: str | None = None
    for sent in sentences:
        s, e = sent.start, sent.end
        pairs = _mark_pairs(text, s, e)
        inside = lambda i: any(a <= i <= b for a, b in pairs)  # noqa: E731
        cue_m = next((m for m in CUE.finditer(text, s, e) if not inside(m.start())), None)
        if cue_m is None:
            continue
        cue = Span(cue_m.start(), cue_m.end(), cue_m.group(0))
        spk_m = SPEAKER.search(text[s:cue.start])
        if spk_m is None:
            continue
        spk = Span(s + spk_m.start("spk"), s + spk_m.end("spk"), spk_m.group("spk"))
        if spk.text in PRONOUNS:
            speaker_id, resolution = last_speaker, "pronoun"
        else:
            speaker_id, resolution = names.get(spk.text), "name"
        if speaker_id:
            last_speaker = speaker_id
        body_end = e - 1 if text[e - 1] == "." else e  # the sentence's own full stop is not quoted
        if pairs and pairs[0][0] == s and cue.start > pairs[0][1]:
            kind = "direct"
            span = _span(text, pairs[0][0] + 1, pairs[0][1])
        elif pairs and cue.end <= pairs[0][0]:
            kind = "mixed"
            span = _span(text, AFTER_CUE.match(text, cue.end).end(), e)
        elif text[s:spk.start].rstrip().endswith(","):
            kind = "indirect"  # postposed: "<content>, <appositive>, <speaker>, said ..."
            head = text[s:spk.start].rstrip().rstrip(",")
            cut = head.rfind(", ")
            if cut != -1 and head[cut + 2:].startswith(APPOSITIVE_START):
                head = head[:cut]
            span = _span(text, s, s + len(head))
        else:
            kind = "indirect"
            span = _span(text, AFTER_CUE.match(text, cue.end).end(), body_end)
        adr = adr_id = None
        if cue.text == "told":
            m = ADDRESSEE.match(text, cue.end, e)
            if m:
                adr = Span(m.start("adr"), m.end("adr"), m.group("adr"))
                adr_id = names.get(adr.text)
        inserts = [Span(m.start(), m.end(), m.group(0)) for m in INSERTION.finditer(text, span.start, span.end)]
        found.append(DetectedQuote(sent.segment_id, kind, span, cue, spk, speaker_id, resolution, adr, adr_id, inserts))
    return found
