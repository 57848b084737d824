"""Damaged, forged and hostile input: every case is a finding or a one-line message, never a
traceback; publishing is atomic and exclusive; the package is closed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsfacts
from newsfacts import DataError
from newsfacts.cli import cli
from newsfacts.journal import KILL_AFTER, LOCK, OUTPUTS, PAUSE, WORK
from newsfacts.validate import validate

from .conftest import ARTICLE, ROOT, snapshot

BUILD = "import sys; from newsfacts.pipeline import build; build(sys.argv[1], validate=False)"


def run(*args):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


def outputs(root: Path) -> dict[str, str]:
    snap = {}
    for out in OUTPUTS:
        p = root / out
        if p.is_dir():
            snap.update({f"{out}/{k}": v for k, v in snapshot(p).items()})
        elif p.is_file():
            snap[out] = snapshot(p.parent)[p.name]
    return snap


def change_coding(repo: Path) -> None:
    coding = repo / "build" / "articles" / ARTICLE / "coding.yaml"
    coding.write_text(coding.read_text(encoding="utf-8").replace("Geneva-2 international peace", "Geneva-2 peace")
                      .replace("dubbed Geneva-2, organized", "dubbed Geneva-2 and organized"), encoding="utf-8")
    text = coding.read_text(encoding="utf-8")
    coding.write_text(text.replace("summary: The Syrian army launches a large-scale offensive.",
                                   "summary: The Syrian army begins a large-scale offensive."), encoding="utf-8")


# --- atomic, exclusive publish ------------------------------------------------------

@pytest.fixture(scope="module")
def new_outputs(tmp_path_factory) -> dict[str, str]:
    from .conftest import REPO_PARTS, copy_parts
    repo = copy_parts(REPO_PARTS, tmp_path_factory.mktemp("new") / "repo")
    change_coding(repo)
    subprocess.run([sys.executable, "-c", BUILD, str(repo)], check=True, capture_output=True)
    return outputs(repo)


STEPS = 2 + 2 * len(OUTPUTS)  # journal written, each output moved aside and in, committed


@pytest.mark.parametrize("k", range(STEPS))
def test_a_build_killed_at_any_publish_step_leaves_the_old_or_the_new_package(repo_copy, new_outputs, k):
    from newsfacts.pipeline.run import restore

    old = outputs(repo_copy)
    change_coding(repo_copy)
    env = {**os.environ, KILL_AFTER: str(k)}
    r = subprocess.run([sys.executable, "-c", BUILD, str(repo_copy)], env=env, capture_output=True, text=True)
    assert r.returncode == -9, r.stderr[-500:]
    assert (repo_copy / WORK / "journal.json").exists()
    # A reader moves and deletes nothing: it reads a whole package (killed before the first
    # rename: the old one; after the commit: the new one) and refuses a half-published one.
    work_before, outs_before = snapshot(repo_copy / WORK), outputs(repo_copy)
    report = validate(repo_copy, only="provenance")
    whole = k == 0 or k == STEPS - 1
    if whole:
        assert report.valid, report.to_text()[:2000]
        assert outs_before == (old if k == 0 else new_outputs)
    else:
        assert [f.check for f in report.findings] == ["publish-interrupted"]
        assert "run `newsfacts build` in the checkout" in report.findings[0].message
        with pytest.raises(DataError, match="half old, half new"):
            newsfacts.load("events", root=repo_copy)
    assert snapshot(repo_copy / WORK) == work_before and outputs(repo_copy) == outs_before
    # Only a build, under the lock, restores the package: the old one unless the new one was committed.
    done = restore(repo_copy)
    assert ("finished an interrupted publish" if k == STEPS - 1 else "rolled back an interrupted publish") in done
    assert outputs(repo_copy) == (new_outputs if k >= STEPS - 1 else old)
    assert validate(repo_copy, only="provenance").valid
    assert not [p for p in (repo_copy / WORK).iterdir() if p.name != LOCK]  # no stranded staging or backups
    # The next build goes on as usual.
    r = run("build", "--root", repo_copy)
    assert r.exit_code == 0, r.output
    assert outputs(repo_copy) == new_outputs


def test_two_builds_at_once_one_waits_its_turn(repo_copy):
    change_coding(repo_copy)
    first = subprocess.Popen([sys.executable, "-c", BUILD, str(repo_copy)], env={**os.environ, PAUSE: "4"},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lock = repo_copy / WORK / LOCK
    for _ in range(400):
        if lock.exists() and (repo_copy / WORK / "journal.json").exists():
            break
        time.sleep(0.05)
    second = run("build", "--root", repo_copy)
    assert second.exit_code == 1
    assert f"another build is running (pid {first.pid})" in second.output and "remove" in second.output
    # A reader during the publish waits for it and sees the new package, complete.
    assert len(newsfacts.load("events", root=repo_copy)) > 0
    assert first.wait(timeout=120) == 0
    assert validate(repo_copy, only="provenance").valid
    from newsfacts.journal import build_running

    assert lock.read_bytes() == b"" and not build_running(repo_copy)  # released, and kept: never unlinked


def test_leftovers_of_a_killed_build_are_cleaned_and_reported(repo_copy):
    (repo_copy / WORK / "stage-999999").mkdir(parents=True)
    (repo_copy / WORK / LOCK).write_text(json.dumps({"pid": 999999, "host": os.uname().nodename}), encoding="utf-8")
    r = run("build", "--root", repo_copy)
    assert r.exit_code == 0, r.output
    assert "took over the lock of build pid 999999, which is no longer running" in r.output and "removed stage-999999" in r.output
    assert not (repo_copy / WORK / "stage-999999").exists()


def test_a_failure_at_the_last_output_restores_the_old_package(repo_copy, monkeypatch):
    """An error (not a kill) while moving the last output in: the old package comes back whole."""
    import newsfacts.journal as journal
    from newsfacts import NewsfactsError
    from newsfacts.pipeline import build

    old = outputs(repo_copy)
    change_coding(repo_copy)
    real, failed = os.rename, []

    def failing(src, dst):
        if str(dst).endswith("README.md") and WORK not in str(dst) and not failed:
            failed.append(dst)
            raise IsADirectoryError(21, "Is a directory", str(dst))
        return real(src, dst)

    monkeypatch.setattr(journal.os, "rename", failing)
    with pytest.raises(NewsfactsError, match="publishing failed at .*README.md: Is a directory; the previous package was restored"):
        build(repo_copy, validate=False)
    monkeypatch.undo()
    assert outputs(repo_copy) == old
    assert not (repo_copy / WORK / "journal.json").exists()


# --- the package is closed ------------------------------------------------------------

def edit_descriptor(pkg: Path, change) -> None:
    p = pkg / "datapackage.json"
    d = json.loads(p.read_text(encoding="utf-8"))
    change(d)
    p.write_text(json.dumps(d), encoding="utf-8")


def set_path(name: str, value: str):
    def change(d):
        next(r for r in d["resources"] if r["name"] == name)["path"] = value
    return change


CLOSURE = [
    ("quotes-resource-deleted", lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != "quotes"]),
     "ships schemas/quotes.schema.json but the descriptor has no CSV and Parquet resource"),
    ("path-to-etc-passwd", set_path("events", "../../../../etc/passwd"), "leaves the package"),
    ("absolute-path", set_path("events", "/etc/passwd"), "leaves the package"),
    ("url-path", set_path("events-parquet", "http://example.invalid/events.parquet"), "is a URL"),
    ("resource-without-path", lambda d: d["resources"][0].pop("path"), "has no name or no path"),
    ("resources-not-a-list", lambda d: d.update(resources={"a": 1}), "`resources` is missing or not a non-empty list"),
    ("empty-descriptor", lambda d: d.clear(), "`resources` is missing"),
]


@pytest.mark.parametrize("case, change, message", CLOSURE, ids=[c[0] for c in CLOSURE])
def test_a_forged_descriptor_is_refused_everywhere(package_copy, case, change, message):
    edit_descriptor(package_copy, change)
    r = run("validate", "--path", package_copy)
    assert r.exit_code == 1 and message in r.output and "root:" not in r.output
    r = run("info", "--path", package_copy)
    assert r.exit_code == 1 and message in r.output and len(r.output.strip().splitlines()) == 1
    with pytest.raises(DataError, match=message.replace("`", ".").split("(")[0][:30]):
        newsfacts.load("events", root=package_copy)


def test_a_file_under_data_that_nothing_describes(package_copy):
    (package_copy / "data" / "csv" / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    r = run("validate", "--path", package_copy)
    assert r.exit_code == 1 and "data/csv/extra.csv" in r.output and "does not describe it" in r.output


def test_a_symlink_out_of_the_package_is_refused(package_copy, tmp_path):
    forged = tmp_path / "forged.csv"
    forged.write_bytes((package_copy / "data" / "csv" / "events.csv").read_bytes())
    (package_copy / "data" / "csv" / "events.csv").unlink()
    (package_copy / "data" / "csv" / "events.csv").symlink_to(forged)
    with pytest.raises(DataError, match="outside the package"):
        newsfacts.load("events", format="csv", root=package_copy)  # load refuses the file it would read
    r = run("validate", "--path", package_copy)  # validate refuses the package
    assert r.exit_code == 1 and "[package] events (data/csv/events.csv) / not-closed" in r.output
    assert "path 'data/csv/events.csv' resolves to a place outside the package" in r.output


# --- damaged files: findings, never tracebacks --------------------------------------------

def damage(pkg: Path, rel: str, data: bytes) -> None:
    (pkg / rel).write_bytes(data)


DAMAGE = [
    ("zero-byte-parquet", "data/parquet/events.parquet", b"", ("gx", "events-parquet", "unreadable")),
    ("junk-parquet", "data/parquet/quotes.parquet", b"PAR1 junk junk", ("gx", "quotes-parquet", "unreadable")),
    ("cp1252-csv", "data/csv/places.csv", "place_id,name\nx,Caf\xe9\n".encode("cp1252"), ("provenance", "places", "not-utf8")),
    ("cp1252-text", f"data/text/{ARTICLE}.txt", "Caf\xe9".encode("cp1252"), ("provenance", "articles", "text-not-utf8")),
    ("nul-in-text", f"data/text/{ARTICLE}.txt", b"abc\x00def", ("provenance", "articles", "text-control-character")),
]


@pytest.mark.parametrize("case, rel, data, finding", DAMAGE, ids=[d[0] for d in DAMAGE])
def test_damaged_files_are_findings(package_copy, case, rel, data, finding):
    damage(package_copy, rel, data)
    report = validate(package_copy)
    assert not report.valid
    assert finding in {(f.layer, f.table, f.check) for f in report.findings}, report.to_text()[:3000]
    r = run("validate", "--path", package_copy)
    assert r.exit_code == 1


def test_a_csv_with_a_bom_is_one_finding_not_a_column_of_duplicates(package_copy):
    p = package_copy / "data" / "csv" / "events.csv"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())
    report = validate(package_copy, only="provenance")
    checks = {(f.table, f.check) for f in report.findings}
    assert ("events", "csv-bom") in checks and ("events", "unique-key") not in checks


def test_a_missing_text_is_reported_as_missing(package_copy):
    (package_copy / "data" / "text" / f"{ARTICLE}.txt").unlink()
    report = validate(package_copy)
    checks = {(f.layer, f.check) for f in report.findings}
    assert ("provenance", "file-missing") in checks
    assert not any(f.layer == "gx" and "trigger_end" in f.message for f in report.findings)


def test_a_quantity_value_that_the_words_do_not_give(package_copy):
    p = package_copy / "data" / "csv" / "assets.csv"
    p.write_text(p.read_text(encoding="utf-8").replace(",26,1468,1470,26,26,26,", ",26,1468,1470,2600,26,26,", 1), encoding="utf-8")
    report = validate(package_copy, only="provenance")
    q = [f for f in report.findings if f.check == "quantity"]
    assert q and "quantity_value is '2600' but '26' gives 26" in q[0].message


@pytest.mark.parametrize("content, message", [("{not json", "is not valid JSON"), (b"\xff\xfe{}", "is not UTF-8 (byte 0)")])
def test_info_on_a_bad_descriptor_is_one_line(package_copy, content, message):
    p = package_copy / "datapackage.json"
    p.write_bytes(content.encode() if isinstance(content, str) else content)
    r = run("info", "--path", package_copy)
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1 and f"datapackage.json: {message}" in r.output


def test_info_on_a_missing_folder(tmp_path):
    r = run("info", "--path", tmp_path / "nowhere")
    assert r.exit_code == 2 and "is not a folder" in r.output


# --- bad build inputs: messages naming file, line and fix ---------------------------------

def set_text(repo: Path, rel: str, old: str | None, new: str) -> None:
    p = repo / rel
    p.write_text(new if old is None else p.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


SOURCE = f"build/articles/{ARTICLE}/source.yaml"
CODING = f"build/articles/{ARTICLE}/coding.yaml"
BAD_INPUTS = [
    ("impossible-date", SOURCE, "text_completeness: complete", "text_completeness: complete\npublication_date: 2015-13-45",
     "source.yaml: file: has a value YAML cannot read"),
    ("boilerplate-a-number", SOURCE, 'boilerplate: ["All news"]', "boilerplate: 5", "boilerplate: must be a list of lines"),
    ("python-tag-package", "build/package.yaml", "name: newsfacts", "name: !!python/object/apply:os.system ['true']",
     "build/package.yaml: line 2, column 7: is not valid YAML"),
    ("python-tag-custom", "validation/custom.yaml", "events:", "events: !!python/name:os.system\nx:",
     "validation/custom.yaml: line"),
    ("python-tag-rules", "build/codelists/rules.yaml", "- rule:", "- !!python/object:object {}\n- rule:",
     "build/codelists/rules.yaml: line"),
    ("unknown-key-package", "build/package.yaml", "name: newsfacts", "name: newsfacts\nnmae: x", "has unknown key(s) nmae"),
    ("codelist-licence-not-spdx", "build/codelists/codelists.yaml", "license: CC-BY-SA-4.0", "license: CC BY-SA 4.0 (PLOVER)",
     "build/codelists/codelists.yaml: plover_types: license 'CC BY-SA 4.0 (PLOVER)' is not an SPDX licence id"),
    ("alias-bomb", CODING, None,
     "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
     "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
     "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\nplaces: [{id: x, evidence: *h}]\n",
     "expands to more than 2,000,000 values"),
]


@pytest.mark.parametrize("case, rel, old, new, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_build_inputs_are_one_message_each(repo_copy, case, rel, old, new, message):
    set_text(repo_copy, rel, old, new)
    before = snapshot(repo_copy / "data")
    r = run("build", "--root", repo_copy)
    assert r.exit_code == 1 and message in r.output, r.output[-2000:]
    assert "fix:" in r.output and snapshot(repo_copy / "data") == before


def test_a_nul_byte_in_an_article_is_a_build_error(repo_copy):
    p = repo_copy / "build" / "articles" / ARTICLE / "article.txt"
    p.write_bytes(p.read_bytes().replace(b"All news", b"All\x00news", 1))
    r = run("build", "--root", repo_copy)
    assert r.exit_code == 1 and "article.txt: offset 3: holds the control character U+0000" in r.output


def test_an_article_folder_linked_from_outside_is_not_built(repo_copy, tmp_path):
    outside = tmp_path / "elsewhere"
    (repo_copy / "build" / "articles" / ARTICLE).rename(outside)
    (repo_copy / "build" / "articles" / ARTICLE).symlink_to(outside, target_is_directory=True)
    r = run("build", "--root", repo_copy)
    assert r.exit_code == 1 and "is a link to files outside build/articles" in r.output
