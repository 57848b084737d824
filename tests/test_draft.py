"""`newsfacts draft`: every dev article (and the TASS one) drafts into a folder the build accepts unchanged."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsfacts
from newsfacts.cli import cli
from newsfacts.draft import draft
from newsfacts import CodingError
from newsfacts.pipeline import build

from .conftest import ARTICLE, ROOT, snapshot

DEV = Path(__file__).parent / "fixtures" / "dev-articles"
DEV_IDS = sorted(p.name for p in DEV.iterdir() if p.is_dir())


def gold(article_id: str) -> dict:
    return json.loads((DEV / article_id / "gold.json").read_text(encoding="utf-8"))


def draft_args(article_id: str) -> list[str]:
    """What a maintainer gives: the publisher, and the date and title only where the text does not print them."""
    g = gold(article_id)
    args = ["--publisher", g["publisher"]]
    if not g["published_date_basis"].startswith("stated"):
        args += ["--publication-date", g["published_date"]]
    if g["title_in_text"] is False:
        args += ["--title", g["title"]]
    return args


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_every_draft_builds_unchanged(repo_copy):
    articles = repo_copy / "build" / "articles"
    for aid in DEV_IDS:
        r = run("draft", str(DEV / aid / "article.txt"), *draft_args(aid), "--id", f"{aid}-draft", "--out", str(articles / f"{aid}-draft"))
        assert r.exit_code == 0, r.output
    r = run("draft", str(ROOT / "build" / "articles" / ARTICLE / "article.txt"), "--publisher", "TASS", "--id", "tass-draft",
            "--out", str(articles / "tass-draft"))
    assert r.exit_code == 0, r.output
    before = snapshot(repo_copy / "data")
    # Unfinished: a plain build publishes nothing and names each TODO mark by file, line and field.
    with pytest.raises(CodingError) as info:
        build(repo_copy)
    assert "build/articles/tass-draft/source.yaml: line " in str(info.value) and "text_license: still says TODO" in str(info.value)
    # A trial build stages and validates every draft as it is, and publishes nothing either.
    result = build(repo_copy, draft=True)
    assert result.findings == [] and result.drafted and snapshot(repo_copy / "data") == before
    arts = {a["article_id"]: a for a in result.tables["articles"]}
    assert {f"{a}-draft" for a in DEV_IDS} | {"tass-draft", ARTICLE} <= set(arts)
    for aid in DEV_IDS:
        assert str(arts[f"{aid}-draft"]["publication_date"]) == gold(aid)["published_date"]
        assert arts[f"{aid}-draft"]["title"] == gold(aid)["title"]
        assert arts[f"{aid}-draft"]["title_in_text"] is gold(aid)["title_in_text"]
    todo = [s for s in result.tables["segments"] if s["article_id"] == "tass-draft" and s["coverage"] == "uncoded"]
    assert todo and all(s["uncoded_reason"].startswith("TODO") for s in todo)


def norm(s: str) -> str:
    s = str(s).replace("’", "'").strip().strip("\"'“” ")
    return re.sub(r"\s+", " ", re.sub(r"[\s,.;:!?\"'“”]+$", "", s)).lower()


@pytest.mark.parametrize("aid", DEV_IDS)
def test_draft_finds_every_gold_direct_quote_with_its_speaker_and_every_date(aid):
    """Measured the way ../shared/tools/score_draft.py measures it."""
    g = gold(aid)
    args = draft_args(aid)
    d = draft(DEV / aid / "article.txt", args[1], dict(zip(args[::2], args[1::2])).get("--publication-date"),
              dict(zip(args[::2], args[1::2])).get("--title"), aid)
    quotes, actors = d["tables"]["quotes"], {a["actor_id"]: a for a in d["tables"]["actors"]}
    for q in [q for q in g["quotes"] if q["direct"] and q["cue"]]:
        hits = [r for r in quotes if norm(r["text"]) == norm(q["text"])]
        assert hits, q["text"]
        names = {norm(q["speaker"]), norm(q["speaker"].split()[-1])} | {norm(a) for a in next(
            (x.get("aliases") or [] for x in g["actors"] if x["name"] == q["speaker"]), [])}
        cells = [c for h in hits for c in [h["speaker_text"] or "", *(actors.get(h["speaker_id"], {}).get("aliases", [])),
                                           actors.get(h["speaker_id"], {}).get("name", "")]]
        assert names & {norm(c) for c in cells}, (q["text"], cells)
    for e in [e for e in g["events"] if e["date"]]:
        assert any(norm(e["date_text"]) in norm(r["date_text"]) and r["date_start"].startswith(e["date"]) for r in d["tables"]["events"]), e
    assert d["tables"]["articles"][0]["publication_date"] == g["published_date"]


def test_draft_json_uses_the_schemas_column_names():
    from newsfacts.schemas import read_schema

    aid = DEV_IDS[0]
    r = run("draft", str(DEV / aid / "article.txt"), *draft_args(aid), "--json")
    assert r.exit_code == 0
    tables = json.loads(r.stdout if hasattr(r, "stdout") else r.output)
    assert {"articles", "segments", "quotes", "actors", "events", "mentions"} <= set(tables)
    for t, rows in tables.items():
        names = {f["name"] for f in read_schema(ROOT / "schemas", t)["fields"]}
        for row in rows:
            assert set(row) <= names, (t, set(row) - names)


def test_draft_says_what_it_cannot_decide(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("Officials met, the ministry said.\n", encoding="utf-8")
    r = run("draft", str(p), "--publisher", "X", "--json")
    assert r.exit_code == 0 and "note: publication date: cannot be read from the text" in r.output
    assert "pass --publication-date YYYY-MM-DD" in r.output and '"speaker_text": "the ministry"' in r.output
    r = run("draft", str(tmp_path / "missing.txt"), "--publisher", "X")
    assert r.exit_code == 1 and "cannot be read" in r.output
    assert "Traceback" not in r.output
    r = run("draft", str(p), "--publisher", "X", "--publication-date", "2015-13-45")
    assert r.exit_code == 2 and "is not YYYY-MM-DD" in r.output


def test_draft_never_overwrites_a_coding(tmp_path):
    aid = DEV_IDS[1]
    out = tmp_path / aid
    assert run("draft", str(DEV / aid / "article.txt"), *draft_args(aid), "--out", str(out)).exit_code == 0
    r = run("draft", str(DEV / aid / "article.txt"), *draft_args(aid), "--out", str(out))
    assert r.exit_code == 1 and "exists; it may hold coding work: remove it or pass --force" in r.output


US_STYLE = """WASHINGTON, March 3, 2016 — The Pentagon will send more jets to the region, Defense Secretary Ash Carter said today.

"We are not going to be deterred," Carter said. "We will keep flying."
"""


def test_a_second_article_in_us_style_builds_without_code_changes(repo_copy):
    folder = repo_copy / "build" / "articles" / "dod-2016-03-03-jets"
    folder.mkdir()
    (folder / "article.txt").write_text(US_STYLE, encoding="utf-8")
    (folder / "source.yaml").write_text(
        "publisher: U.S. Department of Defense\nlanguage: en\ntitle: Carter Sends More Jets\n"
        "title_source: written for this test\ntext_license: Public domain (17 U.S.C. §105)\n"
        "text_attribution: DoD News, 3 March 2016.\n", encoding="utf-8")
    (folder / "coding.yaml").write_text("""
places:
  - {id: washington, name: Washington, type: city, country: USA, evidence: WASHINGTON}
actors:
  - {id: dod, name: U.S. Department of Defense, type: government, evidence: {source: publisher}}
  - {id: carter, name: Ash Carter, type: person, country: USA, title: Defense Secretary, aliases: [Carter], evidence: Ash Carter}
  - {id: pentagon, name: Pentagon, type: government, country: USA, evidence: Pentagon}
events:
  - id: statement
    summary: Carter tells reporters the Pentagon will send more jets.
    trigger: {words: said, occurrence: 1}
    date: {words: today}
    place: washington
    polarity: positive
    modality: actual
    tense: past
    asserted_by: dod
    kind: utterance
    actors: [{actor: carter, role: speaker}]
quotes:
  - {id: more-jets, speaker: carter, evidence: The Pentagon will send more jets to the region, speech_event: statement}
  - {id: not-deterred, speaker: carter, evidence: "We are not going to be deterred", speech_event: statement}
  - {id: keep-flying, speaker: carter, evidence: We will keep flying., speech_event: statement}
""", encoding="utf-8")
    codebook_before = (repo_copy / "docs" / "codebook.md").read_text(encoding="utf-8")
    result = build(repo_copy)
    assert result.findings == []
    # Examples come from the article added first: a new article may fill empty ones, never change one.
    after = set((repo_copy / "docs" / "codebook.md").read_text(encoding="utf-8").splitlines())
    with_example = [ln for ln in codebook_before.splitlines() if ln.startswith("| `") and ln.rstrip().endswith("` |")]
    assert with_example and [ln for ln in with_example if ln not in after] == []
    q = newsfacts.load("quotes", root=repo_copy).query("article_id == 'dod-2016-03-03-jets'").set_index("quote_id")
    assert q.loc["dod-2016-03-03-jets/not-deterred", "kind"] == "direct"
    assert q.loc["dod-2016-03-03-jets/keep-flying", "speaker_id"] == "dod-2016-03-03-jets/carter"
    assert set(q["detection"]) == {"agrees"}
    e = newsfacts.load("events", root=repo_copy).set_index("event_id").loc["dod-2016-03-03-jets/statement"]
    assert str(e["date_start"].date()) == "2016-03-03"
    a = newsfacts.load("articles", root=repo_copy).set_index("article_id").loc["dod-2016-03-03-jets"]
    assert a["dateline_text"] == "WASHINGTON, March 3, 2016 —" and bool(a["publication_date_inferred"]) is False


STYLES = Path(__file__).parent / "fixtures" / "styles"


@pytest.mark.parametrize("name, published, want", [
    ("ap.txt", "2016-04-13", [
        ("unsafe and unprofessional.", "U.S. official", "said"),
        ("This is the most aggressive thing we've seen in some time", "U.S. official", "said"),
        ("followed all safety rules.", "Russian Defense Ministry", "said"),
        ("We have serious concerns", "John Kerry", "told"),
        ("This is not the first time.", "John Kerry", "told"),
    ]),
    ("reuters.txt", "2015-10-06", [
        ("Our strikes are aimed only at Islamic State", "Igor Konashenkov", "told"),
        ("We have no other targets.", "Igor Konashenkov", "told"),
        ("doomed to fail.", "Ash Carter", "said"),
        ("We are not going to be drawn into a proxy war", "Dmitry Peskov", "said"),
        ("a terrible mistake.", "David Cameron", "told"),
    ]),
])
def test_wire_stories_written_for_the_test(name, published, want):
    """Short AP- and Reuters-style stories: every direct quote with its speaker and cue."""
    d = draft(STYLES / name, "X", published)
    actors = {a["actor_id"]: a["name"] for a in d["tables"]["actors"]}
    got = {(q["text"], actors.get(q["speaker_id"]), q["cue_verb"]) for q in d["tables"]["quotes"] if q["kind"] == "direct"}
    assert set(want) <= got
    assert d["tables"]["articles"][0]["dateline_text"] in ("WASHINGTON (AP) —", "MOSCOW (Reuters) -")
