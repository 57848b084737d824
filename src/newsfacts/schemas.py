"""Table Schemas in schemas/ are the single source of truth; everything typed derives from here."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

SUFFIX = ".schema.json"
LIST_DELIMITER = "|"


def schema_paths(schemas_dir: Path) -> dict[str, Path]:
    """Table name -> schema file, in a fixed (sorted) order."""
    return {p.name[: -len(SUFFIX)]: p for p in sorted(Path(schemas_dir).glob(f"*{SUFFIX}"))}


@lru_cache(maxsize=None)
def _read(path: str) -> dict[str, Any]:
    """A schema file, through the guarded reader (a FIFO or a huge or deeply nested file is a
    one-line error naming it, never a hang)."""
    from .safeio import load_json

    schema = load_json(path, what="table schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        from .safeio import UnsafeFile

        raise UnsafeFile(f"{path}: is not a Table Schema (a JSON object with `fields`); restore it from git")
    return schema


def all_schemas(schemas_dir: Path) -> dict[str, dict[str, Any]]:
    """Every table's schema in a schemas/ folder, by table name."""
    return {t: _read(str(p)) for t, p in schema_paths(schemas_dir).items()}


def read_schema(schemas_dir: Path, table: str) -> dict[str, Any]:
    path = Path(schemas_dir) / f"{table}{SUFFIX}"
    return _read(str(path))


PARQUET_SUFFIX = "-parquet"
SCHEMA_KEYS_NOT_IN_DESCRIPTOR = ("$schema", "title", "description")


def descriptor_schema(schema: dict[str, Any], fmt: str) -> dict[str, Any]:
    """A table's schema as datapackage.json carries it for one format (what `load` and
    `validate` compare the descriptor with)."""
    body = {k: v for k, v in schema.items() if k not in SCHEMA_KEYS_NOT_IN_DESCRIPTOR}
    return body if fmt == "csv" else parquet_schema(body)


def parquet_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The CSV schema adapted to how frictionless reads Parquet (through pandas):
    a null integer or number arrives as NaN, so "nan" is declared missing for nullable ones,
    and foreign keys point at the Parquet twin of each table."""
    import copy

    s = copy.deepcopy(schema)
    for f in s["fields"]:
        if f["type"] in ("integer", "number") and not f.get("constraints", {}).get("required"):
            f["missingValues"] = ["", "nan"]
    for fk in s.get("foreignKeys", []):
        fk["reference"]["resource"] = fk["reference"]["resource"] + PARQUET_SUFFIX
    return s


def field_names(schema: dict[str, Any]) -> list[str]:
    return [f["name"] for f in schema["fields"]]


def enum_of(field: dict[str, Any]) -> list[Any] | None:
    return field.get("constraints", {}).get("enum")


def pandas_dtype(field: dict[str, Any]) -> Any:
    """Pandas dtype for a Table Schema field (categorical for string enums, nullable ints)."""
    import pandas as pd

    t = field["type"]
    enum = enum_of(field)
    if t == "string" and enum:
        return pd.CategoricalDtype(categories=enum, ordered=False)
    return {
        "string": pd.StringDtype(),
        "integer": pd.Int64Dtype(),
        "number": pd.Float64Dtype(),
        "boolean": pd.BooleanDtype(),
        "date": "datetime64[ms]",  # ms, as Arrow gives dates: any date up to 9999-12-31 fits
        "list": object,
    }[t]


def arrow_type(field: dict[str, Any]) -> Any:
    """Arrow type a field is stored as in Parquet.

    List fields are stored as `|`-joined strings in Parquet as in CSV: frictionless
    reads Parquet through pandas and rejects native list cells (numpy arrays).
    """
    import pyarrow as pa

    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "list": pa.string(),
    }[field["type"]]
