"""The wheel we publish: built, installed in a fresh venv outside the checkout, exercised."""
from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import newsfacts

from .conftest import ARTICLE, ROOT

CHECK = r"""
import json, sys
import pandas as pd
import newsfacts
from newsfacts.schemas import pandas_dtype
path = newsfacts.datapackage_path()
assert "site-packages" in str(path), path
desc = json.loads(path.read_text())
out = {"path": str(path), "version": newsfacts.__version__, "rows": {}}
for t in newsfacts.tables():
    df = newsfacts.load(t)
    schema = next(r["schema"] for r in desc["resources"] if r["name"] == t)
    for f in schema["fields"]:
        want = pandas_dtype(f)
        got = df[f["name"]].dtype
        assert got == want or (f["type"] == "date" and str(got).startswith("datetime64")), (t, f["name"], got, want)
    pd.testing.assert_frame_equal(df, newsfacts.load(t, "csv"))
    out["rows"][t] = len(df)
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (whl,) = out.glob("newsfacts-*.whl")
    return whl


def test_wheel_carries_the_data_and_not_the_build_tooling(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "newsfacts/_package/datapackage.json" in names
    # The dataset card ships beside the data its configs name, and is the one the build wrote.
    assert zipfile.ZipFile(wheel).read("newsfacts/_package/docs/dataset_card.md") == (ROOT / "docs" / "dataset_card.md").read_bytes()
    for t in newsfacts.tables(root=ROOT):
        assert f"newsfacts/_package/data/csv/{t}.csv" in names
        assert f"newsfacts/_package/data/parquet/{t}.parquet" in names
        assert f"newsfacts/_package/schemas/{t}.schema.json" in names
    assert any(n.startswith("newsfacts/_package/data/text/") for n in names)
    assert {"newsfacts/view/templates/article.html", "newsfacts/view/templates/site.js"} <= set(names)
    assert not any(n.startswith(("tests/", "build/", "newsfacts/_package/build/")) for n in names)
    # ... except the code lists and rules `newsfacts draft` checks a draft against, as the build would
    assert {"newsfacts/draft/codelists/codelists.yaml", "newsfacts/draft/codelists/rules.yaml"} <= set(names)
    assert not any(n.startswith("newsfacts/draft/codelists/") and not n.endswith((".csv", ".yaml")) for n in names)
    # the draft's compiled lexicon ships; the third-party files it is derived from do not (issue 27),
    # and the notices of the derived data travel with the licences
    assert {f"newsfacts/dictionaries/lexicon/{n}" for n in ("actors.tsv", "agents.tsv", "verbs.tsv", "verb_patterns.tsv",
                                                            "SOURCE.md")} <= set(names)
    assert not any("petrarch2" in n or n.endswith((".actors.txt", "agents.txt", "discards.txt", "CAMEO.2.0.txt", ".tex"))
                   for n in names)
    assert any(n.endswith(".dist-info/licenses/src/newsfacts/dictionaries/lexicon/SOURCE.md") for n in names)
    meta = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "License-Expression: MIT AND CC-BY-4.0 AND CC-BY-SA-4.0" in text.splitlines()
    requires = [l for l in text.splitlines() if l.startswith("Requires-Dist:") and "extra ==" not in l]
    assert sorted(r.split()[1].split(">")[0].split("=")[0] for r in requires) == ["click", "pandas", "pyarrow"]


def test_clean_install_loads_every_table_and_validates(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True, cwd=tmp_path)
    res = subprocess.run([str(py), "-c", CHECK], check=True, capture_output=True, text=True, cwd=tmp_path)
    out = json.loads(res.stdout)
    assert out["version"] == newsfacts.__version__
    assert out["rows"] == {t: len(newsfacts.load(t, root=ROOT)) for t in newsfacts.tables(root=ROOT)}
    info = subprocess.run([str(env_dir / "bin" / "newsfacts"), "info"], check=True, capture_output=True, text=True, cwd=tmp_path)
    assert "site-packages" in info.stdout
    # Without the extra, validate says what to install instead of a traceback.
    r = subprocess.run([str(env_dir / "bin" / "newsfacts"), "validate"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2 and "pip install 'newsfacts[validate]'" in r.stderr
    story = tmp_path / "story.txt"
    story.write_text("Russia accused Ukraine of shelling the town, the ministry said.\n", encoding="utf-8")
    r = subprocess.run([str(env_dir / "bin" / "newsfacts"), "draft", str(story), "--publisher", "X"], capture_output=True,
                       text=True, cwd=tmp_path)
    assert r.returncode == 2 and "pip install 'newsfacts[draft]'" in r.stderr and "Traceback" not in r.stderr


def test_installed_copy_validates_with_the_extra(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", f"{wheel}[validate,draft]"],
                   check=True, capture_output=True, cwd=tmp_path)
    # The draft works from the installed copy alone (its dictionaries and code lists ship in the wheel).
    story = tmp_path / "story.txt"
    story.write_text("Russia accused Ukraine of shelling the town on Monday, the ministry said.\n", encoding="utf-8")
    r = subprocess.run([str(env_dir / "bin" / "newsfacts"), "draft", str(story), "--json", "--publisher", "X",
                        "--publication-date", "2016-04-14"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    drafted = json.loads(r.stdout)
    # The accusation the ministry reports, an act; "the ministry said" frames it and drafts no event of its own
    # (CAMEO 010 "is not coded except when distinctions among 011 to 017 cannot be made").
    assert [(e["event_kind"], e["cameo_code"], e["plover_type"]) for e in drafted["events"]] == [("act", "112", "ACCUSE")]
    assert {e["date_start"] for e in drafted["events"]} == {"2016-04-11"}
    # Without the scale extra (Dask), draft-corpus says what to install instead of a traceback.
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": story.read_text()}) + "\n", encoding="utf-8")
    r = subprocess.run([str(env_dir / "bin" / "newsfacts"), "draft-corpus", str(tmp_path / "in.jsonl"), "--out",
                        str(tmp_path / "corpus")], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2 and r.stderr == ("newsfacts draft-corpus needs Dask (dask.distributed), which is not installed: "
                                              "pip install 'newsfacts[scale]'\n")
    r = subprocess.run([str(env_dir / "bin" / "newsfacts"), "validate", "--json"], capture_output=True, text=True, cwd=tmp_path)
    report = json.loads(r.stdout)
    assert r.returncode == 0 and report["valid"] and "site-packages" in report["path"]
    assert not (tmp_path / "gx").exists()
    # The frictionless CLI validates the installed descriptor in place.
    path = report["path"] + "/datapackage.json"
    fl = subprocess.run([str(env_dir / "bin" / "frictionless"), "validate", path], capture_output=True, text=True, cwd=tmp_path)
    assert fl.returncode == 0, fl.stdout[-2000:]
    # A forgery that every hash of the package agrees with is still not the released file:
    # the wheel's RECORD says so, and so does a file that the release did not have.
    from . import forge

    pkg = Path(report["path"])
    forge.edit(pkg, "events", lambda rows: forge.row(rows, "event_id", f"{ARTICLE}/kalibr-strike").update(
        cameo_code="195", cameo_label="Employ aerial weapons"))
    (pkg / "data" / "notes.txt").write_text("mine", encoding="utf-8")
    r = subprocess.run([str(env_dir / "bin" / "newsfacts"), "validate", "--json"], capture_output=True, text=True, cwd=tmp_path)
    found = {(f["table"], f["check"]) for f in json.loads(r.stdout)["findings"]}
    assert r.returncode == 1
    assert {("data/csv/events.csv", "release-modified"), ("data/parquet/events.parquet", "release-modified"),
            ("datapackage.json", "release-modified")} <= found
    (pkg / "data" / "notes.txt").unlink()
    r = subprocess.run([str(env_dir / "bin" / "newsfacts"), "validate", "--json"], capture_output=True, text=True, cwd=tmp_path)
    assert not {f for f in json.loads(r.stdout)["findings"] if f["check"] == "not-closed"}


def test_sdist_carries_the_package_and_builds_the_same_wheel(tmp_path, wheel):
    import tarfile

    subprocess.run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (sdist,) = tmp_path.glob("newsfacts-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
        tar.extractall(tmp_path / "src", filter="data")
    assert {"datapackage.json", "data/csv/events.csv", "schemas/events.schema.json", "validation/suites/events.json"} <= names
    assert not any(n.startswith(("tests/", "build/articles/")) for n in names)
    (unpacked,) = (tmp_path / "src").iterdir()
    out = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(unpacked)],
                   check=True, capture_output=True)
    (rebuilt,) = out.glob("*.whl")
    assert sorted(zipfile.ZipFile(rebuilt).namelist()) == sorted(zipfile.ZipFile(wheel).namelist())
