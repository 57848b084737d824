"""Segments of an article: its layout (text/header.py) and its sentences (text/sentences.py), with stable ids."""
from __future__ import annotations

from dataclasses import dataclass

from ..text.header import Dateline, Layout, LayoutError, layout
from ..text.sentences import split_sentences

__all__ = ["Segment", "Dateline", "LayoutError", "segment", "smallest_containing"]

SLUGS = {"desk_line": "desk-line"}


@dataclass(frozen=True)
class Segment:
    segment_id: str
    kind: str
    start: int
    end: int
    paragraph_index: int | None = None
    sentence_index: int | None = None
    parent_id: str | None = None


def segment(article_id: str, text: str, boilerplate: list[str] | None, *, has_title: bool | None = None,
            has_subtitle: bool | None = None, overrides: dict[str, str] | None = None) -> tuple[list[Segment], Layout]:
    lay = layout(text, boilerplate, has_title=has_title, has_subtitle=has_subtitle, overrides=overrides)
    segs: list[Segment] = []
    counts: dict[str, int] = {}
    p = 0
    for b in lay.blocks:
        if b.kind != "paragraph":
            counts[b.kind] = counts.get(b.kind, 0) + 1
            n = counts[b.kind]
            slug = {"boilerplate": f"boilerplate-{n}", "subheading": f"sh{n:02d}"}.get(b.kind)
            if slug is None:
                slug = SLUGS.get(b.kind, b.kind) + (f"-{n}" if n > 1 else "")
            segs.append(Segment(f"{article_id}/{slug}", b.kind, b.start, b.end))
            continue
        p += 1
        pid = f"{article_id}/p{p:02d}"
        segs.append(Segment(pid, "paragraph", b.start, b.end, paragraph_index=p))
        body = b.start
        if b.dateline:
            dl = b.dateline
            segs.append(Segment(f"{article_id}/dateline", "dateline", dl.start, dl.end, paragraph_index=p, parent_id=pid))
            body = dl.end
            while body < b.end and text[body].isspace():
                body += 1
        for s_i, (ss, se) in enumerate(split_sentences(text, body, b.end), start=1):
            segs.append(Segment(f"{pid}s{s_i:02d}", "sentence", ss, se, paragraph_index=p, sentence_index=s_i, parent_id=pid))
    return segs, lay


class SegmentIndex:
    """Segments sorted by start, for the smallest one containing a span in O(log n + nesting)."""

    def __init__(self, segs: list[Segment]):
        self.segs = sorted((s for s in segs if s.kind != "paragraph"), key=lambda s: s.start)
        self.starts = [s.start for s in self.segs]

    def smallest(self, start: int, end: int) -> Segment | None:
        import bisect

        # Segments other than paragraphs do not overlap (header lines, datelines and sentences
        # follow one another), so the one that starts last at or before `start` is the candidate;
        # a few before it are looked at too, in case a coding's layout nests one.
        best = None
        i = bisect.bisect_right(self.starts, start) - 1
        for s in self.segs[max(0, i - 3):i + 1]:
            if s.start <= start and end <= s.end and (best is None or (s.end - s.start) < (best.end - best.start)):
                best = s
        return best


_INDEX: dict[int, tuple[list[Segment], SegmentIndex]] = {}


def smallest_containing(segs: list[Segment], start: int, end: int) -> Segment | None:
    """The sentence (or a header line, dateline or subheading) that contains [start, end)."""
    hit = _INDEX.get(id(segs))
    if hit is None or hit[0] is not segs:
        hit = (segs, SegmentIndex(segs))
        _INDEX.clear()
        _INDEX[id(segs)] = hit
    return hit[1].smallest(start, end)


def layout_from_segments(text: str, segs: list[Segment]) -> Layout:
    """The layout a published package's segments describe (validation re-reads the
    publication date from it): header lines as blocks, paragraphs with their dateline."""
    from ..text.header import Block, find_dateline

    datelines = {s.parent_id: s for s in segs if s.kind == "dateline"}
    blocks = []
    for s in sorted(segs, key=lambda s: s.start):
        if s.kind == "paragraph":
            d = datelines.get(s.segment_id)
            dl = find_dateline(text, d.start, s.end) if d else None
            if d and (dl is None or dl.end != d.end):
                dl = Dateline(d.start, d.end, text[d.start:d.end].split(",")[0].strip(), d.start, None, None, None, None, None)
            blocks.append(Block("paragraph", s.start, s.end, dl))
        elif s.kind not in ("sentence", "dateline"):
            blocks.append(Block(s.kind, s.start, s.end))
    return Layout(blocks)
