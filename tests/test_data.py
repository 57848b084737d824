"""The committed tables, read through the public API, hold their promises."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import newsfacts
from newsfacts.schemas import read_schema
from newsfacts.validate.provenance import offset_triples

from .conftest import ARTICLE_IDS, ROOT


def test_tables_are_the_schemas():
    names = sorted(p.name[: -len(".schema.json")] for p in (ROOT / "schemas").glob("*.schema.json"))
    assert sorted(newsfacts.tables(root=ROOT)) == names


@pytest.mark.parametrize("table", newsfacts.tables(root=ROOT))
def test_every_offset_slices_the_article_to_its_words(tables, article_texts, table):
    schema = read_schema(ROOT / "schemas", table)
    df = tables[table]
    checked = 0
    for text_col, s, e in offset_triples(schema):
        for aid, words, start, end in df[["article_id", text_col, s, e]].itertuples(index=False):
            if pd.isna(start):
                assert pd.isna(end)
                continue
            assert article_texts[aid][int(start):int(end)] == words
            checked += 1
    if offset_triples(schema) and len(df):  # a table may be empty (not_quotes, until a coder dismisses one)
        assert checked > 0


@pytest.mark.parametrize("table", newsfacts.tables(root=ROOT))
def test_csv_equals_parquet(pkg_root, table):
    a = newsfacts.load(table, "csv", root=pkg_root)
    b = newsfacts.load(table, "parquet", root=pkg_root)
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("table", newsfacts.tables(root=ROOT))
def test_dtypes_follow_the_schema(tables, table):
    df = tables[table]
    for f in read_schema(ROOT / "schemas", table)["fields"]:
        col = df[f["name"]]
        if f["type"] == "string" and "enum" in f.get("constraints", {}):
            assert isinstance(col.dtype, pd.CategoricalDtype)
            assert list(col.dtype.categories) == f["constraints"]["enum"]
        elif f["type"] == "integer":
            assert str(col.dtype) == "Int64"
        elif f["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(col)
        elif f["type"] == "list":
            assert all(isinstance(v, list) for v in col)


@pytest.mark.parametrize("table", newsfacts.tables(root=ROOT))
def test_keys_hold(tables, table):
    schema = read_schema(ROOT / "schemas", table)
    df = tables[table]
    for key in [schema["primaryKey"]] + schema.get("uniqueKeys", []):
        assert not df.duplicated(subset=key).any(), key
    for fk in schema.get("foreignKeys", []):
        (col,), (ref,) = fk["fields"], fk["reference"]["fields"]
        target = tables[fk["reference"]["resource"]][ref]
        values = df[col].dropna()
        assert values.isin(set(target)).all(), f"{table}.{col} -> {fk['reference']}"


def test_ids_are_slugs_not_positions(tables):
    e = tables["events"]
    assert all(eid.startswith(f"{aid}/") for eid, aid in zip(e["event_id"], e["article_id"]))
    assert "tass-2015-10-22-ivanov/kalibr-strike" in set(tables["events"]["event_id"])


def test_publication_date_is_inferred_and_explained(tables):
    a = tables["articles"].set_index("article_id").loc["tass-2015-10-22-ivanov"]
    assert a["publication_date"] == pd.Timestamp("2015-10-22")
    assert bool(a["publication_date_inferred"]) is True
    assert "Thursday" in a["publication_date_basis"] and "2014" in a["publication_date_basis"]
    assert "2020" in a["publication_date_basis"]  # the coder's note rules out the next matching year


def test_dates_from_words(tables):
    ev = tables["events"].set_index("event_id")
    def row(slug):
        return ev.loc[f"tass-2015-10-22-ivanov/{slug}"]
    assert (row("airstrikes-begin")["date_start"], row("airstrikes-begin")["date_precision"]) == (pd.Timestamp("2015-09-30"), "day")
    assert row("statement")["date_text"] == "Thursday" and row("statement")["date_start"] == pd.Timestamp("2015-10-22")
    g = row("geneva-2")
    assert (g["date_start"], g["date_end"], g["date_precision"]) == (pd.Timestamp("2014-01-01"), pd.Timestamp("2014-02-28"), "month")
    w = row("syrian-war")
    assert (w["date_start"], w["date_precision"]) == (pd.Timestamp("2011-01-01"), "year")


def test_quantities_from_words(tables):
    tass = "article_id == 'tass-2015-10-22-ivanov'"
    q = tables["assets"].query(tass).set_index("quantity_text")[["quantity_value", "quantity_min", "quantity_max", "quantity_qualifier"]]
    assert q.loc["over 50"].tolist() == [50, 51, pd.NA, "more_than"]
    assert q.loc["four"].tolist() == [4, 4, 4, "exact"]
    assert q.loc["26"].tolist() == [26, 26, 26, "exact"]
    assert q.loc["Hundreds"].tolist()[1:] == [200, 999, "hundreds"]
    c = tables["event_casualties"].query(tass).set_index("casualty_type")
    assert c.loc["killed", "quantity_min"] == 200001 and c.loc["killed", "quantity_qualifier"] == "more_than"
    assert c.loc["displaced", "quantity_qualifier"] == "millions"
    # One rule for vague plurals: two of the unit up to just under the next unit.
    assert (c.loc["displaced", "quantity_min"], c.loc["displaced", "quantity_max"]) == (2_000_000, 999_999_999)


def test_quotes_detected_with_speakers_kinds_and_insertions(tables):
    q = tables["quotes"].query("article_id == 'tass-2015-10-22-ivanov'").set_index("quote_id")
    kinds = q["kind"].astype(str).value_counts().to_dict()
    assert kinds == {"direct": 4, "indirect": 4, "mixed": 1}
    assert set(q["speaker_id"]) == {"tass-2015-10-22-ivanov/ivanov", "tass-2015-10-22-ivanov/united-nations"}
    mixed = q[q["kind"] == "mixed"].iloc[0]
    assert mixed["insertions"] == ["[President Bashar]"] and mixed["cue_verb"] == "explained"
    # The quoted words of the mixed quote are a direct row of their own, part_of it.
    part = q[q["part_of"] == mixed.name].iloc[0]
    assert part["kind"] == "direct" and part["text"].startswith("neither Sunnis") and part["text"] in mixed["text"]
    assert (q["detection"] == "agrees").all()
    told = q[q["cue_verb"] == "told"].iloc[0]
    assert told["addressee_text"] == "journalists"
    assert set(q.loc[q["speaker_resolution"] == "pronoun", "speaker_text"]) == {"He", "he"}


def test_a_denied_intention_to_use_force_is_the_intent_code_negated(tables):
    """A stated intention not to use force is coded by the intention it denies (CAMEO 138, PLOVER THREATEN)
    with negative polarity, not as an intent to de-escalate (0356 needs a commitment to stop fighting);
    as a verbal act whose utterance the text does not give, it has no place (not Syria, what it is about)."""
    e = tables["events"].set_index("event_id").loc["tass-2015-10-22-ivanov/no-ground-operations"]
    assert (e["polarity"], e["modality"]) == ("negative", "actual")
    assert e["cameo_code"] == "138" and e["plover_type"] == "THREATEN" and list(e["plover_aux_modes"]) == ["negation"]
    assert pd.isna(e["place_id"]) and pd.isna(e["date_start"])
    assert "'Threaten to use force" in e["coding_note"]  # the condition of 138, quoted
    assert pd.isna(e["acled_event_type"])  # it did not happen: no ACLED event
    ev = tables["events"]
    # Nothing only intended or future is published as an actual event.
    future = ev[(ev["modality"] != "actual") | (ev["tense"] == "future")]
    assert all("future" in m or "hypothetical" in m for m in future["plover_aux_modes"])


def test_every_article_has_rows_and_every_body_sentence_is_covered(tables, pkg_root):
    folders = sorted(p.name for p in (pkg_root / "build" / "articles").iterdir() if p.is_dir())
    assert sorted(tables["articles"]["article_id"]) == folders
    for article_id in folders:
        s = tables["segments"].query("article_id == @article_id")
        sentences = s[s["kind"] == "sentence"]
        assert len(sentences) > 0
        assert sentences["coverage"].notna().all()
        for t in ("articles", "actors", "quotes", "mentions"):
            assert (tables[t]["article_id"] == article_id).any(), (t, article_id)


def test_two_casualty_figures_of_one_kind_in_one_event(tables):
    c = tables["event_casualties"]
    twice = c.groupby(["event_id", "casualty_type"], observed=True).size()
    assert c["casualty_id"].is_unique
    if (twice > 1).any():  # the grown corpus has one; ids come from the coding, not from the type alone
        assert {"voa-2016-05-10-test-clashes/fighting/soldiers-killed", "voa-2016-05-10-test-clashes/fighting/civilians-killed"} <= set(c["casualty_id"])


def test_the_first_article_has_its_sixteen_sentences(tables):
    s = tables["segments"].query("article_id == 'tass-2015-10-22-ivanov' and kind == 'sentence'")
    assert len(s) == 16


def test_the_publishers_actor_is_named_by_the_source_not_the_text(tables):
    a = tables["actors"]
    meta = a[a["evidence_source"] == "source_metadata"].merge(tables["articles"], on="article_id")
    assert (meta["evidence"] == meta["publisher"]).all()
    assert meta["start"].isna().all()


def test_datapackage_records_version_hashes_and_licences(pkg_root):
    d = json.loads((pkg_root / "datapackage.json").read_text(encoding="utf-8"))
    assert d["version"] == newsfacts.__version__
    assert all(r["hash"].startswith("sha256:") for r in d["resources"])
    text = [r for r in d["resources"] if r["type"] == "text"]
    assert text and text[0]["licenses"][0]["name"] != d["licenses"][0]["name"]
    # the code lists adapted from the PLOVER manual keep its licence, CC BY-SA 4.0; the others are the package's
    other = {r["name"]: r["licenses"][0]["name"] for r in d["resources"] if r["name"].startswith("codelist-") and "licenses" in r}
    assert other == {f"codelist-{n}": "CC-BY-SA-4.0" for n in ("plover_types", "plover_modes", "plover_contexts", "cameo_plover")}
    card = (pkg_root / "docs" / "dataset_card.md").read_text(encoding="utf-8")
    assert "`data/codelists/cameo_plover.csv` are adapted from a work licensed CC-BY-SA-4.0" in card
