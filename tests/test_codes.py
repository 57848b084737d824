"""Codes in the standards event-data users know, checked on the real data."""
from __future__ import annotations

import csv

import pytest

from newsfacts.pipeline.codelists import by_field, read_codelists

from pathlib import Path

import newsfacts

from .conftest import ROOT, snapshot

LISTS = read_codelists(ROOT / "build" / "codelists")


def ev(tables, slug):
    return tables["events"].set_index("event_id").loc[f"tass-2015-10-22-ivanov/{slug}"]


def test_every_code_in_the_data_is_in_its_list(tables):
    for field, cl in by_field(LISTS).items():
        table, col = field.split(".")
        for v in tables[table][col].dropna():
            for item in (v if isinstance(v, list) else [v]):
                assert cl.check(str(item)), (field, item)


def test_lists_cover_the_required_cameo_families_and_cite_sources():
    roots = {c[:2] for c in LISTS["cameo_events"].rows}
    assert {"01", "02", "03", "04", "06", "07", "11", "12", "15", "19"} <= roots
    assert all(cl.source for cl in LISTS.values())
    with open(ROOT / "build" / "codelists" / "cameo_events.csv", encoding="utf-8") as fh:
        assert all(set(r) >= {"code", "label", "description"} for r in csv.DictReader(fh))


@pytest.mark.parametrize("slug, cameo, plover, mode, acled", [
    ("airstrikes-begin", "195", "ASSAULT", "aerial", None),  # placed only in a country: ACLED would not record it
    ("facilities-hit", "195", "ASSAULT", "aerial", None),  # hundreds of strikes over three weeks: no ACLED event
    ("kalibr-strike", "194", "ASSAULT", "heavy-weapons", None),
    ("assad-request", "0232", "REQUEST", "assist", None),
    ("no-ground-operations", "138", "THREATEN", "violence", None),  # a denied intent to use force: negative polarity
    ("geneva-2", "046", "CONSULT", "multilateral", None),
    ("detentions", "173", "COERCE", "arrest", None),
])
def test_mapping_rules(tables, slug, cameo, plover, mode, acled):
    e = ev(tables, slug)
    assert (e["cameo_code"], e["plover_type"], e["plover_mode"] if isinstance(e["plover_mode"], str) else None) == (cameo, plover, mode)
    assert (e["acled_sub_event_type"] if isinstance(e["acled_sub_event_type"], str) else None) == acled
    assert e["cameo_root"] == cameo[:2] and e["cameo_label"] == LISTS["cameo_events"].label(cameo)


def test_every_plover_value_is_in_the_official_lists(tables):
    types, modes, contexts = (set(LISTS[n].rows) for n in ("plover_types", "plover_modes", "plover_contexts"))
    e = tables["events"]
    assert set(e["plover_type"].dropna()) <= types
    assert set(e["plover_mode"].dropna()) <= modes
    assert {c for cs in e["plover_context"] for c in cs} <= contexts
    # The head manual's lists (DRAFT Version 2.0): REQUEST, not DEMAND; the aerial and drone
    # ASSAULT modes; MOBILIZE weapons; contexts renamed (pro_democracy); nothing invented.
    assert "REQUEST" in types and "DEMAND" not in types and len(types) == 16
    assert {"aerial", "drone", "weapons", "heavy-weapons"} <= modes and "aid" not in modes
    assert {"pro_democracy", "executive", "cbrn"} <= contexts and not {"political", "democracy", "humanitarian"} & contexts
    assert all(t in types for r in LISTS["plover_modes"].rows.values() for t in r["plover_types"].split("|"))


def test_every_event_agrees_with_the_crosswalk_or_carries_a_note(tables):
    from newsfacts.pipeline.plover import crosswalk_row

    checked = 0
    for e in tables["events"].itertuples():
        if e.event_kind == "utterance":  # no codes at all: its content is coded as events of their own
            assert not isinstance(e.cameo_code, str) and not isinstance(e.plover_type, str) and e.plover_context == []
            checked += 1
            continue
        row, _ = crosswalk_row(LISTS["cameo_plover"].rows, e.cameo_code)
        want = (row["plover_type"] or None, [c for c in row["plover_context"].split("|") if c]) if row else (None, [])
        agrees = (e.plover_type if isinstance(e.plover_type, str) else None) == want[0] and set(want[1]) <= set(e.plover_context)
        assert agrees or isinstance(e.coding_note, str), e.event_id
        checked += 1
    assert checked == len(tables["events"]) > 10


def test_cameo_labels_are_the_official_ones():
    rows = LISTS["cameo_events"].rows
    assert rows["195"]["label"] == "Employ aerial weapons, not specified below"
    assert rows["0356"]["label"] == "Express intent to de-escalate military engagement"
    for code in ("160", "190", "046", "0356"):
        assert "including" not in rows[code]["description"] and "or limit" not in rows[code]["description"]


def test_statement_request_and_quad_classes(tables):
    s = ev(tables, "statement")
    assert s["event_kind"] == "utterance" and not isinstance(s["cameo_code"], str) and not isinstance(s["cameo_label"], str)
    assert ev(tables, "assad-request")["cameo_code"].startswith("02")
    q = tables["events"].dropna(subset=["cameo_code"]).set_index("cameo_code")["quad_class"]
    assert q.loc["195"].eq(4).all() and q.loc["046"] == 1


def test_actor_codes_and_only_verified_qids(tables):
    a = tables["actors"].query("article_id == 'tass-2015-10-22-ivanov'").set_index("name")
    assert a.loc["Sergey Ivanov", "cameo_code"] == "RUSGOV"
    assert a.loc["Sergey Ivanov", "office_at_date"] == "Chief of Staff of the Presidential Administration of Russia"
    verified = {"Russia": "Q159", "United States": "Q30", "United Nations": "Q1065", "Islamic State": "Q2429253"}
    assert a.query("article_id == 'tass-2015-10-22-ivanov'")["wikidata_qid"].dropna().to_dict() == verified


def test_nato_name_as_written_and_missiles_launched_from_ships(tables):
    s = tables["assets"].set_index("asset_id")
    k = s.loc["tass-2015-10-22-ivanov/kalibr"]
    assert k["nato_name"] == "Sizzler" and k["platform_id"] == "tass-2015-10-22-ivanov/missile-ships"
    assert (s.loc[s["category"] == "aircraft_type", "part_of"] == "tass-2015-10-22-ivanov/air-group").all()


def test_codebook_lists_every_code_list_and_enum():
    book = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    for name in LISTS:
        assert f"### {name}" in book
    assert "`tass-2015-10-22-ivanov/kalibr-strike`" in book


def test_an_article_naming_ukraine_malaysia_and_nato_needs_no_code_list_edit(repo_copy):
    """The actor code list holds every CAMEO country, role and organisation component."""
    import shutil

    from newsfacts.pipeline import build

    before = snapshot(repo_copy / "build" / "codelists")
    src = Path(__file__).parent / "fixtures" / "codes" / "testwire-2015-03-03-nato-briefing"
    shutil.copytree(src, repo_copy / "build" / "articles" / src.name)
    result = build(repo_copy)
    assert not result.findings
    actors = newsfacts.load("actors", articles=[src.name], root=repo_copy).set_index("name")
    assert actors.loc["Ukrainian military", "cameo_code"] == "UKRMIL" and actors.loc["NATO", "cameo_code"] == "IGOWSTNAT"
    assert actors.loc["Government of Malaysia", "country"] == "MYS"
    assert snapshot(repo_copy / "build" / "codelists") == before
