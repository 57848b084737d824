"""Great Expectations suites: rules that follow from schemas/, plus validation/custom.yaml."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..schemas import read_schema


def schema_expectations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    fix = "rebuild from the coding; if the coding is right, the schema and the build disagree"
    ex: list[dict[str, Any]] = [{"type": "expect_table_columns_to_match_ordered_list",
                                 "kwargs": {"column_list": [f["name"] for f in schema["fields"]]},
                                 "meta": {"rule": "columns as in the schema", "fix": fix}}]
    for f in schema["fields"]:
        c, col = f.get("constraints", {}), f["name"]
        if c.get("required"):
            ex.append({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": col}, "meta": {"rule": "required", "fix": fix}})
        if c.get("unique"):
            ex.append({"type": "expect_column_values_to_be_unique", "kwargs": {"column": col}, "meta": {"rule": "unique", "fix": fix}})
        if "enum" in c:
            ex.append({"type": "expect_column_values_to_be_in_set", "kwargs": {"column": col, "value_set": c["enum"]}, "meta": {"rule": "enum", "fix": fix}})
        if "pattern" in c and f["type"] == "string":
            ex.append({"type": "expect_column_values_to_match_regex", "kwargs": {"column": col, "regex": c["pattern"]}, "meta": {"rule": "pattern", "fix": fix}})
        if "minimum" in c or "maximum" in c:
            bounds = {k: c[name] for k, name in (("min_value", "minimum"), ("max_value", "maximum")) if name in c}
            rule = " and ".join(name for name in ("minimum", "maximum") if name in c)
            ex.append({"type": "expect_column_values_to_be_between", "kwargs": {"column": col, **bounds}, "meta": {"rule": rule, "fix": fix}})
    for key in [schema.get("primaryKey", [])] + schema.get("uniqueKeys", []):
        if len(key) > 1:
            ex.append({"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": key}, "meta": {"rule": "unique key", "fix": fix}})
    return ex


def suites(schemas_dir: Path, tables: list[str], custom: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    unknown = set(custom) - set(tables)
    if unknown:
        raise ValueError(f"validation/custom.yaml names unknown tables {sorted(unknown)}; use one of {tables}")
    return {t: {"table": t, "generated_by": "newsfacts build from schemas/ and validation/custom.yaml; do not edit",
                "expectations": schema_expectations(read_schema(schemas_dir, t)) + list(custom.get(t, []))}
            for t in tables}
