"""The build stages as functions: dates, quantities, segmentation, evidence, quotes."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from newsfacts.pipeline import build
from newsfacts.pipeline.dates import infer_publication_date
from newsfacts.pipeline.evidence import EvidenceError, resolve
from newsfacts.pipeline.segment import segment
from newsfacts.text.dates import resolve as parse_date_words
from newsfacts.text.quantities import parse_quantity
from newsfacts.text.quotes import Unit, detect_quotes
from newsfacts.text.sentences import split_sentences
from newsfacts.text.speakers import SpeakerIndex

from .conftest import ARTICLE, snapshot

PUB = dt.date(2015, 10, 22)


@pytest.mark.parametrize("words, start, end, precision, inferred", [
    ("September 30", "2015-09-30", "2015-09-30", "day", True),
    ("October 7", "2015-10-07", "2015-10-07", "day", True),
    ("November 3", "2014-11-03", "2014-11-03", "day", True),  # after publication: last year's
    ("Thursday", "2015-10-22", "2015-10-22", "day", True),
    ("Monday", "2015-10-19", "2015-10-19", "day", True),
    ("January and February 2014", "2014-01-01", "2014-02-28", "month", False),
    ("February 2016", "2016-02-01", "2016-02-29", "month", False),
    ("since its start in 2011", "2011-01-01", "2015-10-22", "year", True),
    ("2014", "2014-01-01", "2014-12-31", "year", False),
    ("March 5, 2013", "2013-03-05", "2013-03-05", "day", False),
])
def test_date_words(words, start, end, precision, inferred):
    r = parse_date_words(words, PUB)
    assert (r.start.isoformat(), r.end.isoformat(), r.precision, r.inferred) == (start, end, precision, inferred)
    assert r.basis


@pytest.mark.parametrize("words", ["next fortnight", "February 30", "March and January 2014", "since 2020"])
def test_date_words_not_understood_raise(words):
    with pytest.raises(ValueError):
        parse_date_words(words, PUB)


def test_publication_year_from_weekday_and_years_mentioned():
    date, basis = infer_publication_date(10, 22, "held in 2014 and 2011", "Ivanov said Thursday.")
    assert date == PUB and "2015" in basis
    with pytest.raises(ValueError, match="exactly one weekday"):
        infer_publication_date(10, 22, "in 2014", "Ivanov said.")


@pytest.mark.parametrize("words, value, lo, hi, qualifier", [
    ("over 50", 50, 51, None, "more_than"),
    ("more than 200,000", 200000, 200001, None, "more_than"),
    ("26", 26, 26, 26, "exact"),
    ("four", 4, 4, 4, "exact"),
    ("Hundreds", None, 200, 999, "hundreds"),
    ("millions", None, 2_000_000, 999_999_999, "millions"),
    ("at least 3", 3, 3, None, "more_than"),
    ("about 30", 30, None, None, "approximate"),
])
def test_quantity_words(words, value, lo, hi, qualifier):
    q = parse_quantity(words)
    assert (q.value, q.min, q.max, q.qualifier) == (value, lo, hi, qualifier)


def test_quantity_not_understood():
    with pytest.raises(ValueError, match="not understood"):
        parse_quantity("a lot of")


def test_sentences_never_split_inside_quotes():
    text = '"We act. When we see a threat, we act," he said. Then he left.'
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ['"We act. When we see a threat, we act," he said.', "Then he left."]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "U.S. forces met Gen. Smith and John F. Kennedy Jr. in Syria. The talks ended."
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["U.S. forces met Gen. Smith and John F. Kennedy Jr. in Syria.", "The talks ended."]


def test_segmentation_finds_dateline_and_sentences():
    text = "All news\n\nTitle here\n\nSub here\n\nMOSCOW, May 9. /TASS/. One thing. Another thing.\n\nLast."
    segs, lay = segment("a", text, ["All news"])
    dl = lay.dateline
    assert (dl.place_words, dl.month, dl.day, dl.agency) == ("MOSCOW", 5, 9, "TASS")
    assert [s.kind for s in segs if s.kind not in ("paragraph", "sentence")] == ["boilerplate", "title", "subtitle", "dateline"]
    sentences = [text[s.start:s.end] for s in segs if s.kind == "sentence"]
    assert sentences == ["One thing.", "Another thing.", "Last."]


def test_evidence_resolution():
    text = "Russia and Russian forces; Russia again."
    assert resolve(text, {"words": "Russia", "occurrence": 2}).start == 27
    with pytest.raises(EvidenceError, match="ambiguous: it occurs 2 times"):
        resolve(text, "Russia")
    with pytest.raises(EvidenceError, match="not in the article"):
        resolve(text, "Syria")
    assert resolve(text, "Russian").text == "Russian"  # whole words only: not the "Russia" inside it


def test_quote_detection_kinds_and_pronouns():
    text = ('Smith said Thursday that costs rose. "It is bad," Smith told reporters. '
            'He explained that it was "a crisis [of sorts]." "Fix it," he concluded.')
    units = [Unit(f"s{i}", s, e, "p1") for i, (s, e) in enumerate(split_sentences(text, 0, len(text)))]
    idx = SpeakerIndex()
    idx.add("smith", "John Smith", ["Smith"])
    found = detect_quotes(text, units, idx)
    got = [(q.kind, q.span.text, q.cue.text, q.speaker_id, q.resolution, q.part_of is not None) for q in found]
    assert got == [
        ("indirect", "costs rose", "said", "smith", "name", False),
        ("direct", "It is bad", "told", "smith", "name", False),
        ("mixed", 'it was "a crisis [of sorts]."', "explained", "smith", "pronoun", False),
        ("direct", "a crisis [of sorts].", "explained", "smith", "pronoun", True),
        ("direct", "Fix it", "concluded", "smith", "pronoun", False),
    ]
    assert found[1].addressee.text == "reporters"
    assert [i.text for i in found[2].insertions] == ["[of sorts]"]


def test_deliberately_uncoded_sentence_is_recorded_with_its_reason(repo_copy):
    coding = repo_copy / "build" / "articles" / ARTICLE / "coding.yaml"
    data = yaml.safe_load(coding.read_text(encoding="utf-8"))
    data["events"] = [e for e in data["events"] if e["id"] != "syrian-offensive"]
    data["uncoded"] = [{"sentence": "passed to a large-scale offensive", "reason": "test: background we do not code"}]
    coding.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(repo_copy, validate=False)
    import newsfacts

    seg = newsfacts.load("segments", root=repo_copy).set_index("segment_id").loc[f"{ARTICLE}/p09s02"]
    assert (seg["coverage"], seg["uncoded_reason"]) == ("uncoded", "test: background we do not code")


def test_a_build_that_does_not_validate_publishes_nothing(repo_copy):
    custom = repo_copy / "validation" / "custom.yaml"
    rules = yaml.safe_load(custom.read_text(encoding="utf-8"))
    rules["events"].append({"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "tense", "value_set": ["past"]},
                            "meta": {"fix": "test rule"}})
    custom.write_text(yaml.safe_dump(rules, sort_keys=False), encoding="utf-8")
    before = snapshot(repo_copy)
    result = build(repo_copy)
    assert any("[gx] events" in f and "expect_column_values_to_be_in_set" in f for f in result.findings)
    assert snapshot(repo_copy) == before
    assert not [p for p in (repo_copy / ".newsfacts").glob("*") if p.name != "lock"] if (repo_copy / ".newsfacts").exists() else True
