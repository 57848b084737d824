"""The package as ML users' tools read it: MLCommons Croissant (mlcroissant) and Hugging Face (datasets)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import newsfacts
from newsfacts.pipeline.croissant import croissant
from newsfacts.validate import validate

from .conftest import ROOT

mlc = pytest.importorskip("mlcroissant") if not os.environ.get("CI") else __import__("mlcroissant")


def read_croissant(root: Path) -> dict:
    return json.loads((root / "croissant.json").read_text(encoding="utf-8"))


def test_croissant_is_derived_from_the_descriptor():
    got = read_croissant(ROOT)
    desc = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert got == croissant(desc, got["citeAs"], got["datePublished"])
    assert got["version"] == newsfacts.__version__ and got["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    files = {f["contentUrl"]: f["sha256"] for f in got["distribution"]}
    assert files == {r["path"]: r["hash"].split(":")[1] for r in desc["resources"]}  # every CSV, Parquet and text, hashed
    sets = {rs["@id"]: rs for rs in got["recordSet"]}
    assert sorted(sets) == sorted(newsfacts.tables(root=ROOT))
    for t, rs in sets.items():
        schema = newsfacts.loading.shipped_schemas()[t]
        assert [f["name"] for f in rs["field"]] == [f["name"] for f in schema["fields"]]
        assert rs["key"] == ({"@id": f"{t}/{schema['primaryKey'][0]}"} if len(schema["primaryKey"]) == 1
                             else [{"@id": f"{t}/{k}"} for k in schema["primaryKey"]])
        for fk in schema.get("foreignKeys", []):
            field = next(f for f in rs["field"] if f["name"] == fk["fields"][0])
            target = f"{fk['reference']['resource']}/{fk['reference']['fields'][0]}"
            # Every foreign key is a reference, or (closing a cycle mlcroissant cannot order) stated in the description.
            assert field.get("references") == {"field": {"@id": target}} or f"Foreign key to {target}" in field["description"]


def test_mlcroissant_validates_it_without_a_warning():
    r = subprocess.run([str(Path(sys.executable).parent / "mlcroissant"), "validate", "--jsonld", str(ROOT / "croissant.json")],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    # absl logging: I = info, W = warning, E = error
    bad = [ln for ln in (r.stdout + r.stderr).splitlines() if ln[:1] in "WEF" and ln[1:5].isdigit() or "WARNING" in ln]
    assert bad == []
    assert "Done." in r.stderr


def _plain(v):
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if v is None or (not isinstance(v, (list, str)) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, list):
        return "|".join(v) if v else None
    return v.item() if hasattr(v, "item") else v


@pytest.mark.parametrize("table", newsfacts.tables(root=ROOT))
def test_every_record_set_loads_through_mlcroissant_as_newsfacts_loads_it(table):
    ds = mlc.Dataset(jsonld=str(ROOT / "croissant.json"))  # one Dataset per record set: mlcroissant keeps state between them
    records = list(ds.records(record_set=table))
    frame = newsfacts.load(table, root=ROOT)
    assert len(records) == len(frame)
    want = [{k: _plain(v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]
    got = [{k.split("/", 1)[1]: _plain(v) for k, v in r.items()} for r in records]
    key = newsfacts.loading.shipped_schemas()[table]["primaryKey"]
    order = lambda rows: sorted(rows, key=lambda r: tuple(str(r[k]) for k in key))  # noqa: E731
    assert order(got) == order(want)


def card_front_matter() -> dict:
    text = (ROOT / "docs" / "dataset_card.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_the_dataset_card_has_one_config_per_table():
    card = card_front_matter()
    assert card["license"] == "cc-by-4.0"
    # One config per table that has rows (the Hub cannot load an empty split); empty ones are named in the card.
    assert [c["config_name"] for c in card["configs"]] == [t for t in newsfacts.tables(root=ROOT) if len(newsfacts.load(t, root=ROOT))]
    body = (ROOT / "docs" / "dataset_card.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    for t in newsfacts.tables(root=ROOT):
        assert f"| `{t}` | {len(newsfacts.load(t, root=ROOT))} |" in body
    assert sum(bool(c.get("default")) for c in card["configs"]) == 1


def test_datasets_reads_every_config_with_its_columns_and_rows(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")  # nothing may download
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    import datasets

    for config in card_front_matter()["configs"]:
        t = config["config_name"]
        files = [str(ROOT / f["path"]) for f in config["data_files"]]
        ds = datasets.load_dataset("parquet", data_files=files, split="train", cache_dir=str(tmp_path / "cache"))
        schema = newsfacts.loading.shipped_schemas()[t]
        assert ds.column_names == [f["name"] for f in schema["fields"]]
        assert ds.num_rows == len(newsfacts.load(t, root=ROOT))


def test_the_card_types_every_feature_and_datasets_reads_the_package_through_it(tmp_path, monkeypatch):
    """The package folder with the card as its README.md, as on the Hub: every config loads with the
    card's features (numbers, dates, class labels for enums), and its values are newsfacts.load's."""
    import shutil

    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    import datasets

    folder = tmp_path / "hub"
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copy(ROOT / "docs" / "dataset_card.md", folder / "README.md")
    info = {c["config_name"]: c["features"] for c in card_front_matter()["dataset_info"]}
    assert list(info) == [c["config_name"] for c in card_front_matter()["configs"]]
    for t, feats in info.items():
        schema = newsfacts.loading.shipped_schemas()[t]
        assert [f["name"] for f in feats] == [f["name"] for f in schema["fields"]]
        ds = datasets.load_dataset(str(folder), t, split="train", cache_dir=str(tmp_path / "cache"))
        frame = newsfacts.load(t, root=ROOT)
        assert ds.num_rows == len(frame)
        for f in schema["fields"]:
            feature = ds.features[f["name"]]
            enum = f.get("constraints", {}).get("enum")
            if f["type"] == "string" and enum:
                assert isinstance(feature, datasets.ClassLabel) and feature.names == [str(v) for v in enum]
                got = [None if v is None else feature.int2str(v) for v in ds[f["name"]]]
                assert got == [None if pd.isna(v) else str(v) for v in frame[f["name"]]], (t, f["name"])
            else:
                want = {"integer": "int64", "number": "float64", "boolean": "bool", "date": "date32"}.get(f["type"], "string")
                assert feature.dtype == want, (t, f["name"], feature.dtype)


def test_a_stale_croissant_is_a_finding(package_copy):
    doc = read_croissant(package_copy)
    doc["distribution"][0]["sha256"] = "0" * 64
    (package_copy / "croissant.json").write_text(json.dumps(doc), encoding="utf-8")
    report = validate(package_copy, only="provenance")
    assert ["provenance", "croissant.json", "croissant-differs"] in report.flatten()
