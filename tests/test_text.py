"""The text analysis on short examples written for each style of English news copy."""
from __future__ import annotations

import datetime as dt

import pytest

from newsfacts.text.dates import find_dates, resolve
from newsfacts.text.header import find_dateline, layout, line_kind
from newsfacts.text.quotes import Unit, detect_quotes
from newsfacts.text.sentences import split_sentences
from newsfacts.text.speakers import SpeakerIndex


@pytest.mark.parametrize("para, place, month, day, year, agency, dateline", [
    ("SOCHI, October 22. /TASS/. The policy failed.", "SOCHI", 10, 22, None, "TASS", "SOCHI, October 22. /TASS/."),
    ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON", None, None, None, "AP", "WASHINGTON (AP) —"),
    ("WASHINGTON (AP) -- The Senate voted.", "WASHINGTON", None, None, None, "AP", "WASHINGTON (AP) --"),
    ("MOSCOW (Reuters) - Russia said on Monday.", "MOSCOW", None, None, None, "Reuters", "MOSCOW (Reuters) -"),
    ("MOSCOW, Oct 22 (Reuters) - Russia said.", "MOSCOW", 10, 22, None, "Reuters", "MOSCOW, Oct 22 (Reuters) -"),
    ("Beirut (AFP) - Jets struck the town.", "Beirut", None, None, None, "AFP", "Beirut (AFP) -"),
    ("BEIRUT, Oct 7, 2015 (AFP) – Jets struck.", "BEIRUT", 10, 7, 2015, "AFP", "BEIRUT, Oct 7, 2015 (AFP) –"),
    ("SIGONELLA, Italy, Oct. 7, 2015 — Russia's strategy is failing.", "SIGONELLA", 10, 7, 2015, None, "SIGONELLA, Italy, Oct. 7, 2015 —"),
    ("WASHINGTON, Dec. 21, 2016 — Officials met today.", "WASHINGTON", 12, 21, 2016, None, "WASHINGTON, Dec. 21, 2016 —"),
    ("KYIV, Ukraine (AP) — Shelling resumed.", "KYIV", None, None, None, "AP", "KYIV, Ukraine (AP) —"),
    ("UNITED NATIONS – The council met.", "UNITED NATIONS", None, None, None, None, "UNITED NATIONS –"),
    ("NEW YORK, Sept. 3, 2016 -- Markets fell.", "NEW YORK", 9, 3, 2016, None, "NEW YORK, Sept. 3, 2016 --"),
])
def test_dateline_styles(para, place, month, day, year, agency, dateline):
    d = find_dateline(para, 0, len(para))
    assert d is not None
    assert (d.place_words, d.month, d.day, d.year, d.agency) == (place, month, day, year, agency)
    assert para[d.start:d.end] == dateline


@pytest.mark.parametrize("para", ["NATO - the alliance met.", "The Senate voted — again.", "U.S. forces - as expected - left.",
                                  "Russia is not pursuing the aims."])
def test_not_a_dateline(para):
    assert find_dateline(para, 0, len(para)) is None


@pytest.mark.parametrize("line, kind", [
    ("By Jane Doe", "byline"), ("By JANE DOE and John Roe", "byline"), ("VOA News", "desk_line"),
    ("DoD News, Defense Media Activity", "desk_line"), ("Associated Press", "desk_line"),
    ("April 14, 2016 08:16 AM", "timestamp"), ("Updated: Oct. 22, 2015 3:40 p.m. EDT", "timestamp"),
    ("2016-04-14 08:16", "timestamp"), ("22 October 2015", "timestamp"),
    ("Russia warns the West", None), ("The call was co-chaired by two officials.", None),
])
def test_header_lines(line, kind):
    assert line_kind(line) == kind


def test_header_lines_are_segments_not_sentences():
    text = ("Russian Jets Buzz US Ship\n\nBy Jane Doe\n\nVOA News\n\nApril 14, 2016 08:16 AM\n\n"
            "WASHINGTON — Two jets flew by. The Navy said so.\n\nThanks the Troops\n\nCarter thanked them.")
    kinds = [(b.kind, text[b.start:b.end][:12]) for b in layout(text, []).blocks]
    assert kinds == [("title", "Russian Jets"), ("byline", "By Jane Doe"), ("desk_line", "VOA News"),
                     ("timestamp", "April 14, 20"), ("paragraph", "WASHINGTON —"), ("subheading", "Thanks the T"),
                     ("paragraph", "Carter thank")]


def test_a_body_that_starts_at_once_has_no_header():
    text = "Russia’s strategy is failing, Carter said yesterday.\n\nHe said more."
    assert [b.kind for b in layout(text, None).blocks] == ["paragraph", "paragraph"]


PUB = dt.date(2016, 4, 14)  # a Thursday


@pytest.mark.parametrize("words, start, end, precision", [
    ("today", "2016-04-14", "2016-04-14", "day"),
    ("yesterday", "2016-04-13", "2016-04-13", "day"),
    ("tomorrow", "2016-04-15", "2016-04-15", "day"),
    ("on Monday", "2016-04-11", "2016-04-11", "day"),
    ("Thursday", "2016-04-14", "2016-04-14", "day"),  # the story's own weekday
    ("last Thursday", "2016-04-07", "2016-04-07", "day"),
    ("next Monday", "2016-04-18", "2016-04-18", "day"),
    ("two days ago", "2016-04-12", "2016-04-12", "day"),
    ("last week", "2016-04-04", "2016-04-10", "week"),
    ("earlier this month", "2016-04-01", "2016-04-14", "month"),
    ("this year", "2016-01-01", "2016-12-31", "year"),
    ("Oct. 7, 2015", "2015-10-07", "2015-10-07", "day"),
    ("7 October 2015", "2015-10-07", "2015-10-07", "day"),
    ("Sept. 30", "2015-09-30", "2015-09-30", "day"),  # after publication in 2016: last year's
    ("January and February 2014", "2014-01-01", "2014-02-28", "month"),
    ("since 2011", "2011-01-01", "2016-04-14", "year"),
    ("from 2011 to 2014", "2011-01-01", "2014-12-31", "year"),
    ("by Jan. 1, 2016", "2016-01-01", "2016-01-01", "day"),
])
def test_dates_resolved_against_publication(words, start, end, precision):
    r = resolve(words, PUB)
    assert (r.start.isoformat(), r.end.isoformat(), r.precision) == (start, end, precision)
    assert r.basis


def test_dates_found_in_running_text():
    text = "Jets flew near the ship on Monday and Tuesday. A helicopter circled on Tuesday. 2000 troops left in 2014."
    got = [(m.span.text, m.range.start.isoformat()) for m in find_dates(text, PUB)]
    assert got == [("on Monday", "2016-04-11"), ("Tuesday", "2016-04-12"), ("on Tuesday", "2016-04-12"), ("in 2014", "2014-01-01")]


def quotes(text: str, known: dict[str, list[str]] | None = None, learn: bool = True):
    units = []
    for p, block in enumerate(text.split("\n\n")):
        off = text.index(block)
        units += [Unit(f"p{p}s{i}", s, e, f"p{p}") for i, (s, e) in enumerate(split_sentences(text, off, off + len(block)))]
    idx = SpeakerIndex(learn=learn)
    for key, names in (known or {}).items():
        idx.add(key, names[0], names[1:], person=True)
    return [(q.kind, q.span.text, q.speaker_id, q.cue.text if q.cue else None) for q in detect_quotes(text, units, idx)]


@pytest.mark.parametrize("text, want", [
    # U.S. punctuation: the comma inside the marks.
    ('Russia\'s strategy is "doomed to fail," Defense Secretary Ash Carter said today.',
     [("mixed", 'Russia\'s strategy is "doomed to fail,"', "ash-carter", "said"), ("direct", "doomed to fail", "ash-carter", "said")]),
    # British punctuation: the comma outside.
    ('"It is, in my view", Ivanov told journalists.', [("direct", "It is, in my view", "ivanov", "told")]),
    # Curly marks, speaker after the cue, title and name.
    ("“We will not be drawn in,” said Defense Secretary Ash Carter.", [("direct", "We will not be drawn in", "ash-carter", "said")]),
    # Speaker before the cue and a colon.
    ('Carter said: "We will continue."', [("direct", "We will continue.", "carter", "said")]),
    # A quote over two sentences, then a second quote continuing the speaker.
    ('"We act. We win," he said. "Nothing else."', [("direct", "We act. We win", None, "said"), ("direct", "Nothing else.", None, "said")]),
    # Single marks in British style.
    ("‘We are ready,’ the minister said.", [("direct", "We are ready", "minister", "said")]),
    # Indirect speech with a cue from the wire lexicon.
    ("The ministry warned that the talks would fail.", [("indirect", "the talks would fail", "ministry", "warned")]),
    ("Moscow will respond, the Kremlin stressed.", [("indirect", "Moscow will respond", "kremlin", "stressed")]),
    ("According to the Pentagon, two jets flew by.", [("indirect", "two jets flew by", "pentagon", "According to")]),
])
def test_quote_styles(text, want):
    assert quotes(text) == want


def test_a_titled_speaker_matches_the_coded_actor_by_name():
    text = '"It is a mistake," said Defense Secretary Ash Carter. "It will backfire," Carter said.'
    got = quotes(text, {"carter": ["Ash Carter"]}, learn=False)
    assert [g[2] for g in got] == ["carter", "carter"]


def test_a_quote_running_over_two_paragraphs_keeps_its_speaker():
    text = '"We will not stop," Carter said. "We have the means.\n\n"And we have the will," he added.'
    got = quotes(text, {"carter": ["Ash Carter", "Carter"]}, learn=False)
    assert ("direct", "We have the means.", "carter", "said") in got
    assert ("direct", "And we have the will", "carter", "added") in got


def test_a_quote_paragraph_without_a_cue_continues_the_previous_speaker():
    text = '"We will not stop," Carter said.\n\n"We have the means and the will."'
    got = quotes(text, {"carter": ["Ash Carter", "Carter"]}, learn=False)
    assert got[-1] == ("direct", "We have the means and the will.", "carter", None)


def test_headline_fragment_in_single_marks_has_no_cue():
    text = "Russian Jets Conduct 'Unsafe and Unprofessional' Flybys"
    units = [Unit("title", 0, len(text), "title", header=True)]
    (q,) = detect_quotes(text, units, SpeakerIndex())
    assert (q.kind, q.span.text, q.cue, q.speaker_id) == ("direct", "Unsafe and Unprofessional", None, None)


def test_marks_with_nothing_between_them_quote_nothing():
    """A stray opening mark typed before the real one (`said,“ "We`) is no empty quote: the
    straight mark after it opens the quote."""
    got = quotes('Kerry said,“ "We agreed on the talks, as soon as tomorrow," Kerry told reporters.')
    assert [g[:2] for g in got if g[0] == "direct"] == [("direct", "We agreed on the talks, as soon as tomorrow")]
    assert all(g[1] for g in got)
    assert all(g[1] for g in quotes('He said “” and left. The minister said "" twice.'))


def test_apostrophes_are_not_quotes():
    assert quotes("The ships' commander met Russia’s envoy on the Navy's ship.") == []


def test_parenthetical_attribution_gives_two_reported_parts():
    got = quotes("The U.S. will continue its efforts, Carter said, and will ignore Russia until it realizes its mistake.")
    assert [g[1] for g in got] == ["The U.S. will continue its efforts", "will ignore Russia until it realizes its mistake"]


def test_weak_cues_need_quotation_marks():
    assert quotes("The ship, called the Donald Cook, sailed on.") == []
    assert quotes('The commander called the passes "unsafe."')[-1] == ("direct", "unsafe.", "commander", "called")


def test_future_words_and_weekdays_choose_the_year():
    pub = dt.date(2015, 10, 22)  # a Thursday
    text = "The ministers will meet on Friday and again on October 30. The strikes began on Monday, October 19."
    got = [(m.span.text, m.range.start.isoformat()) for m in find_dates(text, pub)]
    assert got == [("on Friday", "2015-10-23"), ("on October 30", "2015-10-30"), ("on Monday, October 19", "2015-10-19")]
    assert resolve("October 30", pub).start.isoformat() == "2014-10-30"  # no future word: the last one
    assert resolve("October 30", pub, future=True).start.isoformat() == "2015-10-30"


def test_many_dates_in_one_clause_each_read_the_future_words_of_their_own_clause():
    """Dates with no ". " between them (the draft was quadratic on them: every date searched back
    to its clause start): each date still sees exactly the future words before it in its clause."""
    pub = dt.date(2015, 10, 22)  # a Thursday
    clause = "on Monday, on October 30, " * 2000
    text = f"They met {clause}then. The ministers will meet {clause}again! It ended on Monday\nand will resume on Monday"
    got = [(m.span.text, m.range.start.isoformat()) for m in find_dates(text, pub)]
    assert len(got) == 4 * 2000 + 2
    assert set(got[:4000]) == {("on Monday", "2015-10-19"), ("on October 30", "2014-10-30")}  # no future word before them
    assert set(got[4000:8000]) == {("on Monday", "2015-10-26"), ("on October 30", "2015-10-30")}  # after "will meet"
    assert got[8000:] == [("on Monday", "2015-10-19"), ("on Monday", "2015-10-26")]  # a line break ends a clause


@pytest.mark.parametrize("text, speaker, words", [
    ("John Smith, a spokesman for the ministry, said the talks would resume.", "john-smith", "the talks would resume"),
    ("The official, who spoke on condition of anonymity, said the jets flew low.", "official", "the jets flew low"),
    ("Russia will respond, Foreign Ministry spokeswoman Maria Zakharova said.", "maria-zakharova", "Russia will respond"),
    ('"It is a provocation," said Maria Zakharova, a spokeswoman for the Foreign Ministry.', "maria-zakharova", "It is a provocation"),
    ('"The strikes will continue," Kremlin spokesman Dmitry Peskov told reporters on Tuesday.', "dmitry-peskov", "The strikes will continue"),
])
def test_speakers_with_appositions_and_lower_case_roles(text, speaker, words):
    got = quotes(text)
    assert (got[0][1], got[0][2]) == (words, speaker)


def test_a_pronoun_may_refer_to_a_titled_person_named_before():
    got = quotes('President Vladimir Putin met the ministers in Sochi.\n\n"We will not be drawn in," he said.')
    assert got == [("direct", "We will not be drawn in", "vladimir-putin", "said")]


@pytest.mark.parametrize("text, speaker, words", [
    ("The agency quoted Defense Minister Sergei Shoigu as saying the jets had returned to base.", "sergei-shoigu", "the jets had returned to base"),
    ('RIA Novosti quoted Lavrov as saying: "We are ready."', "lavrov", "We are ready."),
])
def test_quoted_as_saying_gives_the_quoted_person(text, speaker, words):
    got = quotes(text)
    assert (got[0][1], got[0][2], got[0][3]) == (words, speaker, "saying")


def test_according_to_him_goes_to_the_last_speaker():
    got = quotes("Lavrov said the talks had failed. According to him, the West is to blame.")
    assert got[-1] == ("indirect", "the West is to blame", "lavrov", "According to")
