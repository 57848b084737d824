"""Consistent forgeries: rows changed in CSV and Parquet alike, every hash recomputed.

Each case is one of the semantically false edits an adversarial review made pass. What the
words show, plain `newsfacts validate` finds (the facts layer re-reads them); every case is
found by `newsfacts validate --rebuild` in a checkout; an installed copy is checked against
the wheel's RECORD (tests/test_wheel.py)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsfacts
from newsfacts import DataError
from newsfacts.cli import cli
from newsfacts.validate import validate

from . import forge
from .conftest import ARTICLE

A = ARTICLE


def quote_moved(p: Path) -> None:
    s, e = forge.span(p, A, "Ivanov recalled numerous reports")

    def fn(rows):
        r = forge.row(rows, "quote_id", f"{A}/in-my-view")
        r.update(text="Ivanov recalled numerous reports", start=s, end=e)
    forge.edit(p, "quotes", fn)


def speaker_swapped(p: Path) -> None:
    forge.edit(p, "quotes", lambda rows: forge.row(rows, "quote_id", f"{A}/time-to-act").update(speaker_id=f"{A}/assad"))


def date_changed(p: Path) -> None:
    forge.edit(p, "events", lambda rows: forge.row(rows, "event_id", f"{A}/kalibr-strike").update(
        date_start="2015-10-08", date_end="2015-10-08"))


def date_words_changed(p: Path) -> None:
    s, e = forge.span(p, A, "On October 8")
    forge.edit(p, "events", lambda rows: forge.row(rows, "event_id", f"{A}/kalibr-strike").update(
        date_text="On October 8", date_text_start=s, date_text_end=e))


def polarity_changed(p: Path) -> None:
    forge.edit(p, "events", lambda rows: forge.row(rows, "event_id", f"{A}/kalibr-strike").update(polarity="negative"))


def cameo_across_plover_types(p: Path) -> None:
    forge.edit(p, "events", lambda rows: forge.row(rows, "event_id", f"{A}/kalibr-strike").update(
        cameo_code="173", cameo_root="17", cameo_label="Arrest, detain, or charge with legal action", quad_class="4"))


def cameo_within_plover_type(p: Path) -> None:
    forge.edit(p, "events", lambda rows: forge.row(rows, "event_id", f"{A}/kalibr-strike").update(
        cameo_code="190", cameo_label="Use conventional military force, not specified below"))


def casualty_moved(p: Path) -> None:
    s, e = forge.span(p, A, "2011")

    def fn(rows):
        r = forge.row(rows, "casualty_id", f"{A}/syrian-war/killed")
        r.update(quantity_text="2011", quantity_start=s, quantity_end=e, quantity_value="2011", quantity_min="2011",
                 quantity_max="2011", quantity_qualifier="exact")
    forge.edit(p, "event_casualties", fn)


def country_changed(p: Path) -> None:
    forge.edit(p, "actors", lambda rows: forge.row(rows, "actor_id", f"{A}/ivanov").update(country="UKR"))


def quote_fabricated(p: Path) -> None:
    words = "The Russian Federation does not plan to take part in ground operations in Syria"
    s, e = forge.span(p, A, words)

    def fn(rows):
        new = dict(forge.row(rows, "quote_id", f"{A}/time-to-act"))
        new.update(quote_id=f"{A}/fabricated", text=words, start=s, end=e, speaker_text="", speaker_start="", speaker_end="",
                   cue_verb="", cue_start="", cue_end="", sentence_id=f"{A}/p10s02", kind="direct")
        return rows + [new]
    forge.edit(p, "quotes", fn)


def quote_deleted(p: Path) -> None:
    forge.edit(p, "quotes", lambda rows: [r for r in rows if r["quote_id"] != f"{A}/time-to-act"])


def link_upgraded(p: Path) -> None:
    forge.edit(p, "event_links", lambda rows: forge.row(rows, "link_id", "links/russian-air-campaign-and-us-view").update(
        judgment="same_event"))


def publication_date_changed(p: Path) -> None:
    forge.edit(p, "articles", lambda rows: forge.row(rows, "article_id", A).update(publication_date="2015-10-23"))


def agent_swapped(p: Path) -> None:
    forge.edit(p, "event_actors", lambda rows: forge.row(rows, "event_actor_id", f"{A}/kalibr-strike/caspian-flotilla/agent").update(
        actor_id=f"{A}/aerospace-forces"))


def quote_kind_changed(p: Path) -> None:
    forge.edit(p, "quotes", lambda rows: forge.row(rows, "quote_id", f"{A}/in-my-view").update(kind="indirect"))


def dyad_source_renamed(p: Path) -> None:
    forge.edit(p, "event_dyads", lambda rows: forge.row(rows, "event_id", f"{A}/kalibr-strike").update(
        source_name="Russian Aerospace Forces", source_actor_id=f"{A}/aerospace-forces"))


def agent_and_target_swapped(p: Path) -> None:
    """The careful version: roles exchanged, ids, CAMEO and PLOVER roles all made to agree."""
    ev = f"{A}/kalibr-strike"

    def fn(rows):
        for r, role, cameo, plover in ((forge.row(rows, "event_actor_id", f"{ev}/caspian-flotilla/agent"), "target", "target", "recipient"),
                                       (forge.row(rows, "event_actor_id", f"{ev}/targeted-militants/target"), "agent", "source", "actor")):
            r.update(role=role, cameo_role=cameo, plover_role=plover,
                     event_actor_id=f"{ev}/{r['actor_id'].split('/', 1)[1]}/{role}")
        return sorted(rows, key=lambda r: r["event_actor_id"])
    forge.edit(p, "event_actors", fn)


def event_invented(p: Path) -> None:
    """A second event on the words of one already coded, every derived column consistent."""
    def fn(rows):
        new = dict(forge.row(rows, "event_id", f"{A}/geneva-2"))
        new.update(event_id=f"{A}/geneva-3", summary="A third Geneva conference is convened.")
        return sorted(rows + [new], key=lambda r: r["event_id"])
    forge.edit(p, "events", fn)


def event_dropped(p: Path) -> None:
    """An event deleted with its actor links: the sentence it alone covered still says coded."""
    gone = f"{A}/no-ground-operations"
    forge.edit(p, "event_actors", lambda rows: [r for r in rows if r["event_id"] != gone])
    forge.edit(p, "events", lambda rows: [r for r in rows if r["event_id"] != gone])


def event_dropped_and_sentence_uncoded(p: Path) -> None:
    """The same, and the sentence's coverage turned to uncoded with a reason: consistent throughout."""
    event_dropped(p)
    forge.edit(p, "segments", lambda rows: forge.row(rows, "segment_id", f"{A}/p10s02").update(
        coverage="uncoded", uncoded_reason="Background the coding leaves out."))


# name, forgery, what plain validate finds ((table, check) pairs; empty: only --rebuild or RECORD can tell)
CASES = [
    ("quote-moved-to-other-words", quote_moved, {("quotes", "quote-not-in-marks"), ("quotes", "quote-not-read"), ("quotes", "quote-missing")}),
    ("speaker-swapped", speaker_swapped, {("quotes", "quote-disagrees")}),
    ("event-date-changed", date_changed, {("events", "date-disagrees")}),
    ("date-words-changed", date_words_changed, {("events", "date-disagrees")}),
    ("polarity-changed", polarity_changed, {("events", "polarity-disagrees")}),
    ("cameo-code-across-plover-types", cameo_across_plover_types, {("events", "crosswalk")}),
    ("cameo-code-within-a-plover-type", cameo_within_plover_type, set()),
    ("casualty-figure-moved", casualty_moved, set()),
    ("actor-country-changed", country_changed, {("actors", "country-disagrees")}),
    ("direct-quote-fabricated", quote_fabricated, {("quotes", "quote-not-in-marks"), ("quotes", "quote-not-read")}),
    ("quote-deleted", quote_deleted, {("quotes", "quote-missing")}),
    ("link-judgment-upgraded", link_upgraded, {("event_links", "link-judgment")}),
    ("publication-date-changed", publication_date_changed, {("articles", "publication-date")}),
    ("agent-swapped", agent_swapped, {("event_actors", "derived-column")}),
    ("quote-kind-changed", quote_kind_changed, {("quotes", "quote-disagrees")}),
    ("dyad-source-swapped", dyad_source_renamed, {("event_dyads", "dyad-differs")}),
    ("agent-and-target-swapped", agent_and_target_swapped, set()),
    ("event-invented", event_invented, set()),
    ("event-dropped", event_dropped, {("segments", "coverage-disagrees")}),
    ("event-dropped-and-its-sentence-uncoded", event_dropped_and_sentence_uncoded, set()),
]

# What plain validate finds in a checkout, where the coding is compared (entries and every link's role).
IN_A_CHECKOUT = {
    "agent-swapped": {("event_actors", "link-not-coded"), ("event_actors", "coded-link-missing")},
    "agent-and-target-swapped": {("event_actors", "link-not-coded"), ("event_actors", "coded-link-missing")},
    "event-invented": {("events", "row-not-coded")},
    "event-dropped": {("events", "coded-row-missing"), ("event_actors", "coded-link-missing")},
    "event-dropped-and-its-sentence-uncoded": {("events", "coded-row-missing"), ("event_actors", "coded-link-missing")},
    "quote-deleted": {("quotes", "coded-row-missing")},
    "direct-quote-fabricated": {("quotes", "row-not-coded")},
}


@pytest.mark.parametrize("name, forgery, found", CASES, ids=[c[0] for c in CASES])
def test_a_consistent_forgery_is_found_by_reading_the_words(package_copy, name, forgery, found):
    assert validate(package_copy, only="provenance").valid  # the copy is sound before the forgery
    forgery(package_copy)
    report = validate(package_copy, only="provenance")
    got = {(f.table, f.check) for f in report.findings}
    assert not any(f.check in ("hash-mismatch", "csv-parquet-differ") for f in report.findings), report.to_text()[:2000]
    assert found <= got, report.to_text()[:3000]
    if not found:
        assert report.valid  # what the words cannot show: see the --rebuild test, and the report says so
        assert "swaps an agent and a target, invents or drops an event" in report.unproven
        assert "not proven by this run: that the coding made these rows" in report.to_text()
    else:
        r = CliRunner().invoke(cli, ["validate", "--path", str(package_copy), "--only", "provenance"])
        assert r.exit_code == 1 and "Traceback" not in r.output


@pytest.mark.parametrize("name, forgery, found", CASES, ids=[c[0] for c in CASES])
def test_every_forgery_is_found_by_a_rebuild_in_a_checkout(repo_copy, name, forgery, found):
    forgery(repo_copy)
    report = validate(repo_copy, only="provenance", rebuild=True)
    rebuilt = [f for f in report.findings if f.layer == "rebuild"]
    assert rebuilt and {f.check for f in rebuilt} <= {"cell-differs", "row-missing", "row-extra"}, report.to_text()[:2000]
    r = CliRunner().invoke(cli, ["validate", "--path", str(repo_copy), "--only", "provenance", "--rebuild"])
    assert r.exit_code == 1 and "[rebuild]" in r.output and "fix: run `newsfacts build`" in r.output


@pytest.mark.parametrize("name", sorted(IN_A_CHECKOUT))
def test_in_a_checkout_plain_validate_compares_entries_and_roles_with_the_coding(repo_copy, name):
    """Cheaply, what --rebuild derives: which entries the coding has and who plays which role."""
    forgery = next(c[1] for c in CASES if c[0] == name)
    forgery(repo_copy)
    report = validate(repo_copy, only="provenance")
    assert IN_A_CHECKOUT[name] <= {(f.table, f.check) for f in report.findings}, report.to_text()[:3000]
    assert "compares every cell with a fresh build" in report.unproven


def test_rebuild_of_the_committed_package_is_clean(repo_copy):
    report = validate(repo_copy, only="provenance", rebuild=True)
    assert report.valid and report.checked["rebuild"] > 10


def test_rebuild_outside_a_checkout_is_a_usage_error(package_copy):
    r = CliRunner().invoke(cli, ["validate", "--path", str(package_copy), "--rebuild"])
    assert r.exit_code == 2 and "is not a checkout" in r.output and "Traceback" not in r.output


# --- forgeries of the descriptor itself ------------------------------------------------------

def test_an_enum_widened_in_descriptor_schema_and_suite_together(package_copy):
    def widen(schema):
        next(f for f in schema["fields"] if f["name"] == "polarity")["constraints"]["enum"].append("maybe")

    def change(desc):
        for r in desc["resources"]:
            if r["name"] in ("events", "events-parquet"):
                widen(r["schema"])
    sp = package_copy / "schemas" / "events.schema.json"
    schema = json.loads(sp.read_text(encoding="utf-8"))
    widen(schema)
    sp.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    suite = package_copy / "validation" / "suites" / "events.json"
    suite.write_text(suite.read_text(encoding="utf-8").replace('"negative"', '"negative", "maybe"'), encoding="utf-8")
    forge.rehash(package_copy, change)
    rows = forge.read_rows(package_copy, "events")
    forge.row(rows, "event_id", f"{A}/geneva-2")["polarity"] = "maybe"
    (package_copy / "data" / "csv" / "events.csv").write_text(forge.csv_text(rows), encoding="utf-8")
    forge.rehash(package_copy)
    report = validate(package_copy)
    assert ("events", "not-closed") in {(f.table, f.check) for f in report.findings}
    assert any("differs from schemas/events.schema.json of this newsfacts version" in f.message for f in report.findings)
    with pytest.raises(DataError, match="differs from schemas/events.schema.json"):
        newsfacts.load("events", root=package_copy)


def test_an_extra_described_resource(package_copy):
    shutil.copyfile(package_copy / "data" / "csv" / "events.csv", package_copy / "data" / "csv" / "events2.csv")

    def change(desc):
        extra = dict(next(r for r in desc["resources"] if r["name"] == "events"))
        extra.update(name="events2", path="data/csv/events2.csv")
        desc["resources"].append(extra)
    forge.rehash(package_copy, change)
    report = validate(package_copy)
    assert any(f.table == "events2" and f.check == "not-closed" and "without a schema in this newsfacts version" in f.message
               for f in report.findings), report.to_text()


def test_a_duplicate_resource_name_never_returns_another_table(package_copy):
    def change(desc):
        next(r for r in desc["resources"] if r["name"] == "quotes")["name"] = "events"
    forge.rehash(package_copy, change)
    with pytest.raises(DataError, match="is the name of two resources"):
        newsfacts.load("events", format="csv", root=package_copy)
    assert any("is the name of two resources" in f.message for f in validate(package_copy).findings)


def test_an_out_of_enum_value_is_an_error_not_a_nan(package_copy):
    rows = forge.read_rows(package_copy, "events")
    forge.row(rows, "event_id", f"{A}/geneva-2")["polarity"] = "maybe"
    forge.write_rows(package_copy, "events", rows)
    forge.rehash(package_copy)
    for fmt in ("parquet", "csv"):
        with pytest.raises(DataError, match="column polarity holds 'maybe', which is not one of"):
            newsfacts.load("events", fmt, root=package_copy)
    assert ("events", "enum") in {(f.table, f.check) for f in validate(package_copy, only="provenance").findings}
