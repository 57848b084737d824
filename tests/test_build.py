"""The build: identical on rebuild; bad coding fails clearly and publishes nothing."""
from __future__ import annotations

import shutil
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


def test_a_stated_publication_date_the_dateline_contradicts_stands_with_a_note(repo_copy):
    """The article written for the publication-date fixtures builds as it is; a date against its
    dateline stands only with publication_date_note, and its basis says so."""
    src = Path(__file__).parent / "fixtures" / "dates" / "testwire-undated-dateline"
    shutil.copytree(src, repo_copy / "build" / "articles" / src.name)
    assert build(repo_copy, draft=True).findings == []
    source = repo_copy / "build" / "articles" / src.name / "source.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("2016-03-03", "2016-04-03")
                      + 'publication_date_note: "the archive page dates it a month later (a test)"\n', encoding="utf-8")
    result = build(repo_copy, draft=True)
    assert result.findings == []
    (row,) = [a for a in result.tables["articles"] if a["article_id"] == src.name]
    assert str(row["publication_date"]) == "2016-04-03" and row["publication_date_basis"].startswith("stated in source.yaml: the archive")


def apply_edit(coding: Path, edit: dict) -> None:
    """One edit of a fixture: `top` (a top-level key), `append` (an entry to a section), or
    `section` + `id` with `key`/`value`, `values` or `delete`."""
    data = yaml.safe_load(coding.read_text(encoding="utf-8"))
    if "append" in edit:
        data.setdefault(edit["section"], []).append(edit["append"])
        coding.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return
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
    if spec.get("add_article"):  # an article written for the case, from tests/fixtures/<folder>
        src = Path(__file__).parent / "fixtures" / spec["add_article"]
        shutil.copytree(src, repo_copy / "build" / "articles" / src.name)
    article, name = spec.get("article", ARTICLE), spec.get("file", "coding.yaml")
    apply_edit(repo_copy / "build" / "articles" / article / name, spec["edit"])
    before = snapshot(repo_copy)
    with pytest.raises(CodingError) as info:
        build(repo_copy)
    message = str(info.value)
    assert spec["expect"] in message
    assert "fix:" in message and f"build/articles/{article}/{name}" in message
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


@pytest.mark.parametrize("case", ["folder-for-codebook", "user-file-in-data", "user-file-in-suites", "link-for-readme"])
def test_the_build_deletes_nothing_it_did_not_write(repo_copy, tmp_path, case):
    """An output path taken by a folder, a link or a user's file: exit 1 naming it, nothing published, nothing lost."""
    from click.testing import CliRunner

    from newsfacts.cli import cli
    from newsfacts.validate import validate

    from .test_robustness import change_coding

    if case == "folder-for-codebook":
        (repo_copy / "docs" / "codebook.md").unlink()
        (repo_copy / "docs" / "codebook.md").mkdir()
        mine, named = repo_copy / "docs" / "codebook.md" / "my-notes.txt", "docs/codebook.md is a folder"
    elif case == "user-file-in-data":
        mine, named = repo_copy / "data" / "csv" / "my-notes.txt", "data/csv/my-notes.txt was not written by the build"
    elif case == "user-file-in-suites":
        mine, named = repo_copy / "validation" / "suites" / "notes.md", "validation/suites/notes.md was not written by the build"
    else:
        target = tmp_path / "elsewhere.md"
        target.write_text("not the build's", encoding="utf-8")
        (repo_copy / "README.md").rename(tmp_path / "README.md")
        (repo_copy / "README.md").symlink_to(target)
        mine, named = target, "README.md is a symbolic link"
    if not mine.exists():
        mine.write_text("a user's file", encoding="utf-8")
    before = snapshot(repo_copy / "data")
    change_coding(repo_copy)
    r = CliRunner().invoke(cli, ["build", "--root", str(repo_copy)])
    if case == "link-for-readme":
        assert r.exit_code == 1 and "README.md" in r.output
    else:
        assert r.exit_code == 1 and named in r.output and "nothing was published" in r.output, r.output
    assert mine.exists() and mine.read_text(encoding="utf-8") in ("a user's file", "not the build's")
    assert snapshot(repo_copy / "data") == before
    if case != "user-file-in-data":
        assert validate(repo_copy, only="provenance").valid
