"""A piece of the article: offsets (Unicode code points, end exclusive) and its words."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    text: str


def span_of(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def trim(text: str, start: int, end: int, chars: str = " \n\t,") -> Span:
    """The span without surrounding whitespace and commas."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return Span(start, end, text[start:end])
