"""Text analysis for English news, shared by `newsfacts build` and `newsfacts draft`.

Nothing here knows about one article; each module is tested on short examples in the
styles of AP, Reuters, AFP, TASS, DoD and VOA copy (tests/test_text_*.py).

- spans.py       Span: offsets plus the exact words
- sentences.py   sentence splitting (abbreviations, initials, quotation marks)
- header.py      blocks, boilerplate, title, subtitle, byline, desk and timestamp lines, datelines, subheadings
- dates.py       date expressions: find them, resolve them against the publication date (calendar rules, no library)
- speakers.py    speaker phrases: titles, names, descriptions, pronouns; matching them to known actors
- quotes.py      quotations: marks, cue verbs, speakers, direct / indirect / mixed, multi-paragraph
- quantities.py  quantity words -> value / min / max / qualifier
"""
