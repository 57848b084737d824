"""One version everywhere; the citation file is well-formed CFF 1.2.0."""
from __future__ import annotations

import json
import re
import subprocess
import venv

import pytest
import yaml

import newsfacts

from .conftest import ROOT

# The required keys and formats of the CFF 1.2.0 schema (schema.json of citation-file-format 1.2.0).
CFF_REQUIRED = {"cff-version", "message", "title", "authors"}
CFF_TYPES = {"software", "dataset"}


def test_one_version_string():
    v = newsfacts.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", v)
    assert json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"] == v
    assert yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"] == v
    assert f"## {v} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_citation_cff_is_well_formed():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert CFF_REQUIRED <= set(cff)
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] in CFF_TYPES
    assert all(("name" in a) or ({"family-names", "given-names"} & set(a)) for a in cff["authors"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))


@pytest.fixture(scope="module")
def cffconvert(tmp_path_factory):
    """cffconvert in a venv of its own: it pins jsonschema<4, which frictionless and GX outgrow."""
    env = tmp_path_factory.mktemp("cffconvert")
    venv.EnvBuilder(with_pip=True).create(env)
    subprocess.run([str(env / "bin" / "pip"), "install", "-q", "cffconvert==2.0.0"], check=True, capture_output=True)
    return env / "bin" / "cffconvert"


def test_citation_cff_validates_against_the_cff_1_2_0_schema(cffconvert, tmp_path):
    ok = subprocess.run([str(cffconvert), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert ok.returncode == 0 and "valid according to schema version 1.2.0" in ok.stdout
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("type: dataset", "type: novel"), encoding="utf-8")
    bad = subprocess.run([str(cffconvert), "--validate", "-i", str(broken)], capture_output=True, text=True)
    assert bad.returncode != 0
