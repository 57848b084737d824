"""The build: identical on rebuild; bad coding fails clearly and publishes nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsfacts import CodingError
from newsfacts.pipeline import build
from newsfacts.pipeline.run import RootNotFound

from .conftest import ARTICLE, ROOT, snapshot

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "bad-coding").glob("*.yaml"))


def test_committed_outputs_equal_a_fresh_build():
    result = build(ROOT, check=True)
    assert result.findings == []
    assert result.changed == []


def test_rebuild_is_byte_identical(repo_copy):
    before = snapshot(repo_copy / "data")
    build(repo_copy)
    assert snapshot(repo_copy / "data") == before
    assert build(repo_copy, check=True).changed == []


def apply_edit(coding: Path, edit: dict) -> None:
    data = yaml.safe_load(coding.read_text(encoding="utf-8"))
    if "top" in edit:
        data[edit["top"]] = edit["value"]
        coding.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return
    items = data[edit["section"]]
    idx = next(i for i, it in enumerate(items) if it.get("id") == edit["id"])
    if edit.get("delete"):
        del items[idx]
    elif "values" in edit:
        items[idx].update(edit["values"])
    else:
        items[idx][edit["key"]] = edit["value"]
    coding.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_bad_coding_fails_with_a_clear_error_and_leaves_data_alone(repo_copy, fixture):
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    apply_edit(repo_copy / "build" / "articles" / ARTICLE / "coding.yaml", spec["edit"])
    before = snapshot(repo_copy)
    with pytest.raises(CodingError) as info:
        build(repo_copy)
    message = str(info.value)
    assert spec["expect"] in message
    assert "fix:" in message and f"build/articles/{ARTICLE}/coding.yaml" in message
    assert snapshot(repo_copy) == before  # nothing published, nothing half-written
    assert not [p for p in (repo_copy / ".newsfacts").glob("*") if p.name != "lock"] if (repo_copy / ".newsfacts").exists() else True


def test_out_of_date_outputs_are_named_by_check(repo_copy):
    target = repo_copy / "data" / "csv" / "events.csv"
    target.write_bytes(target.read_bytes().replace(b"Geneva-2", b"Geneva-3"))
    result = build(repo_copy, check=True)
    assert result.changed == ["data/csv/events.csv"]


def test_a_new_article_folder_is_built_too(repo_copy):
    src = repo_copy / "build" / "articles" / ARTICLE
    dst = repo_copy / "build" / "articles" / "tass-copy"
    dst.mkdir()
    for name in ("article.txt", "source.yaml", "coding.yaml"):
        (dst / name).write_bytes((src / name).read_bytes())
    import newsfacts

    articles = len(newsfacts.load("articles", root=repo_copy))
    events = len(newsfacts.load("events", root=repo_copy))
    tass = len(newsfacts.load("events", root=repo_copy, articles=[ARTICLE]))
    result = build(repo_copy, validate=False)
    assert result.rows["articles"] == articles + 1 and result.rows["events"] == events + tass


def test_outside_a_checkout_the_build_says_where_to_run(tmp_path):
    with pytest.raises(RootNotFound, match="not inside a newsfacts checkout"):
        build(tmp_path)


def test_a_rule_that_disagrees_with_its_example_fails_the_build(repo_copy):
    rules = repo_copy / "build" / "codelists" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace('cameo_code: "194"', 'cameo_code: "195"'), encoding="utf-8")
    with pytest.raises(CodingError, match=r"build/codelists/rules.yaml: rule 3 .*kalibr-strike has cameo_code = '194', the rule says '195'"):
        build(repo_copy)
