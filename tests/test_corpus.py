"""The corpus: provenance per article, the gold comparison, cross-source links, filtering (any number of articles)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import newsfacts
from newsfacts import CodingError
from newsfacts.pipeline import build

from .conftest import ROOT

DEV = Path(__file__).parent / "fixtures" / "dev-articles"
DEV_IDS = sorted(p.name for p in DEV.iterdir() if p.is_dir())


def gold(aid: str) -> dict:
    return json.loads((DEV / aid / "gold.json").read_text(encoding="utf-8"))


def norm(s: str) -> str:
    s = str(s).replace("’", "'").strip().strip("\"'“” ")
    return re.sub(r"\s+", " ", re.sub(r"[\s,.;:!?\"'“”]+$", "", s)).lower()


def test_the_articles_are_the_folders_with_their_publishers(tables, pkg_root):
    folders = sorted(p for p in (pkg_root / "build" / "articles").iterdir() if p.is_dir())
    a = tables["articles"].set_index("article_id")
    assert sorted(a.index) == [f.name for f in folders]
    for f in folders:
        assert a.loc[f.name, "publisher"] == yaml.safe_load((f / "source.yaml").read_text(encoding="utf-8"))["publisher"]
    assert set(DEV_IDS) < set(a.index)


def test_the_readme_and_licence_list_every_article(tables, pkg_root):
    """Generated from source.yaml: adding an article changes no hand-written line."""
    readme = (pkg_root / "README.md").read_text(encoding="utf-8")
    licence = (pkg_root / "LICENSE-DATA.md").read_text(encoding="utf-8")
    n, pubs = len(tables["articles"]), tables["articles"]["publisher"].nunique()
    assert f"{n} articles from {pubs} publishers" in readme
    for a in tables["articles"].itertuples():
        assert f"| `{a.article_id}` | {a.publisher} |" in readme
        assert f"| `{a.article_id}` | {a.text_license.replace('|', chr(92) + '|')} |" in licence


@pytest.mark.parametrize("aid", DEV_IDS)
def test_provenance_of_each_new_article(tables, aid):
    g = gold(aid)
    a = tables["articles"].set_index("article_id").loc[aid]
    assert a["url"] == g["url"]
    assert str(a["publication_date"].date()) == g["published_date"]
    assert a["title"] == g["title"] and bool(a["title_in_text"]) is g["title_in_text"]
    if not g["title_in_text"]:
        assert "URL" in a["title_source"]
    assert "17 U.S.C. §105" in a["text_license"] and a["text_license_id"] == "LicenseRef-US-Government-Work"
    assert a["text_completeness"] == ("lead_excerpt" if g["excerpt"].startswith("possibly lead") else "complete")
    if aid.startswith("voa"):
        assert "wire" in a["text_license"]
    for t in ("events", "actors", "quotes", "mentions", "segments"):
        assert (tables[t]["article_id"] == aid).any(), t


@pytest.mark.parametrize("aid", DEV_IDS)
def test_every_gold_direct_quote_is_coded_with_its_speaker_or_a_note(tables, aid):
    g = gold(aid)
    q = tables["quotes"].query("article_id == @aid").merge(tables["actors"][["actor_id", "name", "aliases"]],
                                                          left_on="speaker_id", right_on="actor_id", how="left")
    for gq in [x for x in g["quotes"] if x["direct"]]:
        rows = q[q["text"].map(norm) == norm(gq["text"])]
        assert len(rows), gq["text"]
        r = rows.iloc[0]
        names = {norm(r["name"])} | {norm(x) for x in (r["aliases"] if isinstance(r["aliases"], list) else [])}
        gnames = {norm(gq["speaker"])} | {norm(x) for a in g["actors"] if a["name"] == gq["speaker"] for x in a.get("aliases") or []}
        assert names & gnames or isinstance(r["coding_note"], str), (gq["text"], r["name"])


@pytest.mark.parametrize("aid", DEV_IDS)
def test_every_gold_date_is_an_event_date(tables, aid):
    ev = tables["events"].query("article_id == @aid")
    for ge in [e for e in gold(aid)["events"] if e["date"]]:
        hits = ev[ev["date_start"].dt.strftime("%Y-%m-%d").str.startswith(ge["date"])]
        # The gold is one careful reading: a date coded otherwise is explained in the row's note.
        explained = ev[ev["coding_note"].fillna("").str.contains(ge["date_text"].replace("by ", ""), regex=False)]
        assert len(hits) or len(explained), ge


def test_cross_source_links_join_the_tass_and_dod_accounts(tables):
    links = tables["event_links"]
    pubs = tables["articles"].set_index("article_id")["publisher"]
    assert {"same_situation", "related"} <= set(links["judgment"])
    for l in links.itertuples():
        assert l.article_id_a != l.article_id_b
        assert l.event_id_a.startswith(l.article_id_a + "/") and l.event_id_b.startswith(l.article_id_b + "/")
        if l.judgment == "same_situation":
            assert l.shared_actor_countries or l.shared_place_countries
    pairs = {frozenset((pubs[l.article_id_a], pubs[l.article_id_b])) for l in links.itertuples()}
    assert frozenset(("TASS Russian News Agency", "U.S. Department of Defense, DoD News")) in pairs


def test_how_the_sources_differ_on_russias_campaign(tables):
    """The README's cross-source question, answered from the tables."""
    links = tables["event_links"].query("judgment == 'same_situation'")
    ids = set(links["event_id_a"]) | set(links["event_id_b"])
    ev = tables["events"][tables["events"]["event_id"].isin(ids)].merge(tables["articles"][["article_id", "publisher"]], on="article_id")
    by_pub = ev.groupby("publisher")["cameo_code"].apply(set).to_dict()
    # TASS (Ivanov) calls it fighting (terrorism); DoD (Carter) calls it supporting Assad: aid (CAMEO 07), its kind unsaid.
    assert "190" in by_pub["TASS Russian News Agency"] and "070" in by_pub["U.S. Department of Defense, DoD News"]
    voices = ev.merge(tables["actors"][["actor_id", "name"]], left_on="asserted_by", right_on="actor_id").groupby("publisher")["name"].apply(set)
    assert "Sergey Ivanov" in voices["TASS Russian News Agency"] and "Ash Carter" in voices["U.S. Department of Defense, DoD News"]


def test_load_keeps_the_rows_of_some_articles(pkg_root):
    ROOT = pkg_root
    voa = "voa-2016-04-14-russian-jets-flybys-uss-donald-cook"
    e = newsfacts.load("events", articles=[voa], root=ROOT)
    assert len(e) and set(e["article_id"]) == {voa}
    links = newsfacts.load("event_links", articles=["dod-2016-12-21-us-russia-flight-safety-syria"], root=ROOT)
    assert len(links) and all("dod-2016-12-21-us-russia-flight-safety-syria" in (a, b)
                              for a, b in zip(links["article_id_a"], links["article_id_b"]))
    with pytest.raises(KeyError, match="no article 'nope'"):
        newsfacts.load("events", articles=["nope"], root=ROOT)
    both = newsfacts.load_all(articles=[voa], root=ROOT)
    assert all(len(df) == 0 or "article_id" not in df or set(df["article_id"]) == {voa} for df in both.values())


def test_a_link_judged_same_event_needs_overlapping_dates(repo_copy):
    p = repo_copy / "build" / "links.yaml"
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    data["links"][0]["judgment"] = "same_event"
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CodingError, match=r"build/links.yaml: links\[1\] .*judged same_event but one of them is undated"):
        build(repo_copy)


def test_a_link_within_one_article_is_refused(repo_copy):
    p = repo_copy / "build" / "links.yaml"
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    data["links"][0]["events"] = ["tass-2015-10-22-ivanov/airstrikes-begin", "tass-2015-10-22-ivanov/kalibr-strike"]
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CodingError, match="links two events of one article"):
        build(repo_copy)
