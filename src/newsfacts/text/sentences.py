"""Sentence spans inside a paragraph: never inside quotation marks, not after abbreviations."""
from __future__ import annotations

# A full stop after these does not end a sentence ("U.S. forces", "Gen. Smith", "Oct. 7").
ABBREVIATIONS = frozenset((
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Sgt", "Adm", "Gov", "Sen", "Rep",
    "St", "Jr", "Sr", "Prof", "No", "Vol", "Rev", "Hon", "Amb", "Pvt", "Cpl", "Brig", "Ft", "Mt", "Inc", "Corp",
    "Co", "Ltd", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "U.S", "U.N", "U.K", "E.U", "D.C", "a.m", "p.m", "e.g", "i.e", "Calif", "Va", "Md", "Fla", "Mass", "Wash"))
OPENERS = '"“‘\''


LONGEST = max(map(len, ABBREVIATIONS)) + 1


def _abbreviation_before(text: str, start: int, dot: int) -> bool:
    # Walk back at most as far as the longest abbreviation: "A.A.A.A..." must not cost O(n) per dot.
    w, floor = dot, max(start, dot - LONGEST - 1)
    while w > floor and (text[w - 1].isalpha() or text[w - 1] == "."):
        w -= 1
    if w == floor and w > start and (text[w - 1].isalpha() or text[w - 1] == "."):
        return False  # a longer run of letters and dots than any abbreviation
    word = text[w:dot]
    return word in ABBREVIATIONS or (len(word) == 1 and word.isupper())  # initials: "John F. Kennedy"


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end].

    A sentence ends at . ! ? (or a closing quotation mark right after one) followed by
    a space and an upper-case letter or an opening mark; never inside double quotation
    marks, never after an abbreviation or an initial."""
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
        terminal = ch in ".!?" or (ch in '"”’' and i > start and text[i - 1] in ".!?")
        if ch == "." and _abbreviation_before(text, start, i):
            terminal = False
        k = i + 1
        if not terminal or k >= end or text[k] != " ":
            continue
        while k < end and text[k] == " ":
            k += 1
        if k < end and (text[k].isupper() or text[k].isdigit() or text[k] in OPENERS):
            spans.append((s, i + 1))
            s = k
    if s < end:
        spans.append((s, end))
    return spans
