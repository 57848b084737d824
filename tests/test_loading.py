"""Loading: cheap import, verified reads, clear errors on damaged files."""
from __future__ import annotations

import subprocess
import sys

import pytest

import newsfacts
from newsfacts import DataError


def test_import_does_not_import_pandas():
    code = "import sys, newsfacts; print('pandas' in sys.modules, 'pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"


def test_corrupted_file_is_an_error_naming_it(package_copy):
    p = package_copy / "data" / "parquet" / "events.parquet"
    data = bytearray(p.read_bytes())
    data[-20] ^= 0xFF
    p.write_bytes(bytes(data))
    with pytest.raises(DataError, match=r"events\.parquet: sha256 is"):
        newsfacts.load("events", root=package_copy)


def test_truncated_file_is_an_error_even_unverified(package_copy):
    p = package_copy / "data" / "parquet" / "events.parquet"
    p.write_bytes(p.read_bytes()[:64])
    with pytest.raises(DataError, match=r"events\.parquet: cannot be read as parquet"):
        newsfacts.load("events", verify=False, root=package_copy)


def test_unknown_table_and_format():
    with pytest.raises(KeyError, match="no table 'evnts'"):
        newsfacts.load("evnts")
    with pytest.raises(ValueError, match="format must be one of"):
        newsfacts.load("events", format="xlsx")


def test_datapackage_path_is_validatable_with_frictionless():
    import frictionless

    report = frictionless.validate(str(newsfacts.datapackage_path()))
    assert report.valid, report.flatten(["type", "note"])
