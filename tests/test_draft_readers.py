"""The draft's readers on short examples written for the test: actors (Phoenix codes, titles,
appositives, descriptions), places (GeoNames), assets (designation, quantity, operator),
events (CAMEO and PLOVER from the verb dictionary, intent, threats, requests, rejections,
negation, passive voice, agent and target), the header forms of DoD, AFPS and wire stories,
and the batch mode."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from newsfacts.cli import cli
from newsfacts.draft import draft
from newsfacts.draft.actors import Reader
from newsfacts.draft.assets import read_assets
from newsfacts.draft.events import EventReader
from newsfacts.draft.places import Places, gazetteer

DAY = dt.date(2016, 4, 14)


def actors_of(text: str, publisher: str = "Test Wire", day: dt.date = DAY):
    r = Reader(text, [(0, len(text))], day, publisher)
    return {a.name: a for a in r.read()}


def event_of(text: str, day: dt.date = DAY):
    acts = list(actors_of(text, day=day).values())

    def actor_at(s, e):
        for a in acts:
            for m in a.mentions:
                if m.start <= s and e <= m.end:
                    return a, m.start, m.end
        return None
    return EventReader(text, actor_at, []).read(0, len(text))


# --- actors ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, code, country, kind", [
    ("Syrian President Bashar Assad spoke.", "Bashar Assad", "SYRGOV", "SYR", "person"),
    ("The Russian Defense Ministry said so.", "Russian Defense Ministry", "RUSGOVMIL", "RUS", "government"),
    ("NATO met on Friday.", "NATO", "IGO", None, "igo"),
    ("According to reports the UK is pushing for a deal.", "United Kingdom", "GBR", "GBR", "state"),
    ("Palestinian police confiscated weapons.", "Palestinian police", "PSECOP", "PSE", "government"),
    ("Russia’s Aerospace Forces struck.", "Russia’s Aerospace Forces", "RUSMIL", "RUS", "military_unit"),
    ("The deal was done, chief Palestinian negotiator Saeb Erakat said.", "Saeb Erakat", None, "PSE", "person"),
])
def test_actor_codes_from_the_dictionaries(text, name, code, country, kind):
    a = actors_of(text)[name]
    if code:
        assert a.code == code
    assert a.country == country and a.actor_type == kind


def test_a_surname_and_a_title_join_the_named_person():
    text = "Defense Secretary Ash Carter spoke in Rome. Carter said more."
    a = actors_of(text, "DoD News")["Ash Carter"]
    assert [m.text for m in a.mentions] == ["Defense Secretary Ash Carter", "Carter"]
    assert a.title.text == "Defense Secretary" and a.country == "USA"


def test_an_appositive_gives_a_person_a_title_and_a_country():
    a = actors_of("Salim Haddad, Lebanon's leading human rights activist, staged a sit-in.")["Salim Haddad"]
    assert a.actor_type == "person" and a.country == "LBN" and "activist" in a.title.text


def test_dates_and_numbers_are_no_names():
    assert not [n for n in actors_of("On October 7, four ships of the Russian Navy fired missiles.") if "October" in n]


# --- places ------------------------------------------------------------------------------

def test_a_city_after_a_locative_has_its_country_and_geonames_id():
    text = "Shells hit homes in Donetsk on Sunday, and ships sailed in the Baltic Sea."
    pl = Places(text, [(0, len(text))])
    got = {p.name: p for p in pl.read([])}
    assert got["Donetsk"].country == "UKR" and got["Donetsk"].geonames_id == gazetteer().city("Donetsk")[1]
    assert got["Baltic Sea"].place_type == "sea" and got["Baltic Sea"].country is None


def test_an_acronym_or_an_actor_is_no_city():
    text = "He spoke in UN talks and in Kremlin halls."
    assert {p.name for p in Places(text, [(0, len(text))]).read([], [(28, 35)])} == set()


# --- assets -------------------------------------------------------------------------------

def test_assets_with_designation_quantity_and_kind():
    text = "Ships fired 26 Kalibr cruise missiles, several SU-24s passed the destroyer USS Donald Cook, and a Russian helicopter circled."
    got = {a.name: a for a in read_assets(text, [(0, len(text))], frozenset({"Russian"}))}
    k = got["Kalibr cruise missiles"]
    assert (k.category, k.designation, k.quantity[2]) == ("cruise_missile", "Kalibr", "26")
    assert got["SU-24s"].category == "aircraft_type" and got["SU-24s"].quantity[2] == "several"
    assert got["USS Donald Cook"].category == "warship"
    assert got["Russian helicopter"].category == "helicopter"


# --- events -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, cameo, plover, agent, target", [
    ("Russia accused Ukraine of shelling the town.", "112", "ACCUSE", "RUS", "UKR"),
    ("The rebels agreed to withdraw their heavy weapons.", "03", "AGREE", None, None),
    ("The minister urged Moscow to halt the strikes.", "02", "REQUEST", None, "RUS"),
    ("Iran refused to release the prisoners.", "1243", "REJECT", "IRN", None),
    ("Syria said it would impose sanctions on Turkey.", "13", "THREATEN", "SYR", "TUR"),
    ("Police arrested 20 protesters in Minsk on Monday.", "17", "COERCE", None, None),
    ("France demanded that Russia withdraw its troops.", "10", "REQUEST", "FRA", "RUS"),
    ("The convoy was attacked by Syrian rebels.", "19", "ASSAULT", "SYR", None),
    ("Britain said Iran must release the sailors.", "10", "REQUEST", "GBR", "IRN"),
])
def test_event_codes_and_sides(text, cameo, plover, agent, target):
    ev = event_of(text)
    assert ev is not None and ev.cameo.startswith(cameo) and ev.plover_type == plover, (ev and (ev.cameo, ev.how))
    if agent:
        assert ev.agent is not None and (ev.agent.code or "").startswith(agent)
    if target:
        assert ev.target is not None and (ev.target.code or "").startswith(target)


def test_an_intention_is_the_event_itself_actual_and_past():
    ev = event_of("Japan said it would send aid to Haiti.")
    assert ev.cameo.startswith("03") and (ev.modality, ev.tense) == ("actual", "past")


def test_a_negated_verb_keeps_its_code_with_negative_polarity():
    ev = event_of("The army did not attack the town.")
    assert ev.cameo.startswith("19") and ev.polarity == "negative"


def test_reporting_verbs_frame_the_event_and_give_its_speaker():
    ev = event_of("Turkey closed its border with Syria, the Turkish government said.")
    assert ev.trigger.text == "closed" and ev.attribution.text == "said" and ev.speaker.name == "Turkish government"


def test_nouns_that_look_like_verbs_are_not_events():
    assert event_of("Both sides praised the peace deal.").trigger.text == "praised"
    assert event_of("The hunger strike and the peace accord.") is None


# --- the whole draft ----------------------------------------------------------------------

def test_the_draft_marks_every_entry_and_the_build_breaking_ones_todo(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("MOSCOW, April 14 (Test Wire) — Russia called on Thursday for talks.\n\n"
                 "Russian jets struck rebel positions near Aleppo, the Russian Defense Ministry said.\n", encoding="utf-8")
    d = draft(p, "Test Wire", "2016-04-14", "Test")
    coding = d["coding"]
    for section in ("places", "assets", "events", "quotes"):
        assert all("drafted" in e for e in coding[section]), section
    assert all("drafted" in a for a in coding["actors"][1:])
    events = {e["cameo"]: e for e in coding["events"] if e.get("kind") != "utterance"}
    assert any(c.startswith("19") for c in events), events
    assert all("cameo" not in e and "plover" not in e for e in coding["events"] if e.get("kind") == "utterance")
    # every row the build would publish, and the draft's own rows are the build's
    assert {r["event_id"].split("/")[1] for r in d["tables"]["events"]} >= {e["id"] for e in coding["events"]}
    places = {p["name"]: p for p in d["tables"]["places"]}
    assert places["Moscow"]["geonames_id"] == gazetteer().city("Moscow")[1]


def test_batch_mode_one_json_line_per_article(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Russia accused Ukraine of shelling.\n", encoding="utf-8")
    b.write_text("Iran refused to release the prisoners.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["draft", str(a), str(b), str(tmp_path / "missing.txt"), "--json", "--publisher", "X",
                                 "--publication-date", "2016-04-14"])
    lines = [json.loads(x) for x in r.output.strip().split("\n")]
    assert r.exit_code == 1 and [x.get("article_id") for x in lines] == ["a", "b", None]
    assert "does not exist" in lines[2]["error"]
    assert lines[0]["tables"]["events"][0]["plover_type"] == "ACCUSE"


def test_batch_mode_refuses_out_and_id(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Russia accused Ukraine.\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["draft", str(a), str(a), "--publisher", "X"])
    assert r.exit_code == 2 and "several articles are drafted with --json only" in r.output


# --- header, quote and date forms of real wire and government copy ------------------------

@pytest.mark.parametrize("header, published, dateline", [
    ("By Jim Garamone\nAmerican Forces Press Service\n\nWASHINGTON, July 18, 2014 –", "2014-07-18", "WASHINGTON, July 18, 2014 –"),
    ("Aug. 1, 2014 | BY Jim Garamone\n\nWASHINGTON –", "2014-08-01", "WASHINGTON –"),
    ("By Jim Garamone, DoD News, Defense Media Activity\n\nWASHINGTON, Aug. 1, 2014 —", "2014-08-01", "WASHINGTON, Aug. 1, 2014 —"),
])
def test_byline_and_dateline_blocks(tmp_path, header, published, dateline):
    p = tmp_path / "story.txt"
    p.write_text(f"Hagel Speaks\n\n{header} Defense Secretary Chuck Hagel said today the United States "
                 f"\"will not be drawn in.\"\n\nHe spoke at the Pentagon.\n", encoding="utf-8")
    d = draft(p, "DoD News")
    art = d["tables"]["articles"][0]
    assert art["publication_date"] == published and art["dateline_text"] == dateline
    assert [q["text"] for q in d["tables"]["quotes"] if q["kind"] == "direct"] == ["will not be drawn in."]


def test_a_layout_override_that_matches_nothing_is_an_error(repo_copy):
    from newsfacts import CodingError
    from newsfacts.pipeline import build

    src = repo_copy / "build" / "articles" / "tass-2015-10-22-ivanov" / "source.yaml"
    src.write_text(src.read_text(encoding="utf-8") + "layout:\n  - {line: 'A line that is not there', kind: byline}\n", encoding="utf-8")
    with pytest.raises(CodingError) as info:
        build(repo_copy)
    assert "the layout override for 'A line that is not there' matches no line of the text" in str(info.value)


def test_cues_and_speakers_of_wire_copy(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("KIEV, Feb. 10 (Test Wire) — Ukrainian President Petro Poroshenko denounced the cease-fire as an \"ultimatum.\"\n\n"
                 "Hollande’s office said he and Merkel called on Putin to \"respect the agreement.\"\n\n"
                 "Adm. Mark Ferguson said the drills were \"provocative.\" The admiral added that \"we remain vigilant.\"\n",
                 encoding="utf-8")
    d = draft(p, "Test Wire", "2015-02-10")
    actors = {a["actor_id"].split("/")[1]: a for a in d["tables"]["actors"]}
    got = {q["text"]: (actors[q["speaker_id"].split("/")[1]]["name"], q["cue_verb"]) for q in d["tables"]["quotes"]
           if q["kind"] == "direct"}
    assert got["ultimatum."] == ("Petro Poroshenko", "denounced")
    assert got["respect the agreement."] == ("Hollande’s office", "said")
    assert got["we remain vigilant."] == ("Mark Ferguson", "added")
    assert "The admiral" in actors["mark-ferguson"]["aliases"]


@pytest.mark.parametrize("words, start, end, precision", [
    ("overnight", "2016-04-15", "2016-04-16", "day"),
    ("over the past two months", "2016-02-16", "2016-04-16", "month"),
    ("Also Saturday", "2016-04-16", "2016-04-16", "day"),
    ("Earlier Thursday", "2016-04-14", "2016-04-14", "day"),
])
def test_date_words_of_wire_copy(words, start, end, precision):
    from newsfacts.text.dates import find_dates

    text = f"{words[0].upper()}{words[1:]}, the army moved."
    (m,) = find_dates(text, dt.date(2016, 4, 16), 0, len(text))
    assert (m.range.start.isoformat(), m.range.end.isoformat(), m.range.precision) == (start, end, precision)
