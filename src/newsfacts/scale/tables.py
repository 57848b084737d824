"""The corpus's tables: every per-article table of schemas/ with the columns of columns.json
added, and the errors table. Nothing here restates a column: the schemas are derived."""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

ERRORS = "errors"
PARTITION = "month"


@lru_cache(maxsize=1)
def columns() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "columns.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def draft_tables() -> tuple[str, ...]:
    """The tables a draft fills: those of schemas/ whose rows belong to one article (event_links
    join two articles, a judgment no draft makes)."""
    from ..loading import shipped_schemas

    return tuple(t for t, s in shipped_schemas().items() if any(f["name"] == "article_id" for f in s["fields"]))


def corpus_tables() -> tuple[str, ...]:
    return draft_tables() + (ERRORS,)


@lru_cache(maxsize=None)
def file_schema(table: str) -> dict[str, Any]:
    """The Table Schema of one Parquet part of `table` (the partition column is in its path,
    not in the file). Foreign keys are left out: a Table Schema names the one resource a key
    refers to, and the rows an events part refers to are in the parts of its own partition."""
    from ..loading import shipped_schemas

    extra = columns()
    if table == ERRORS:
        return {"$schema": "https://datapackage.org/profiles/2.0/tableschema.json", **copy.deepcopy(extra[ERRORS])}
    if table not in draft_tables():
        raise KeyError(table)
    s = copy.deepcopy(shipped_schemas()[table])
    s.pop("foreignKeys", None)
    s["fields"] += copy.deepcopy(extra["every_table"] + extra.get(table, []))
    s["description"] = s.get("description", "") + " Machine draft: every row is a suggestion no one has reviewed."
    return s


@lru_cache(maxsize=None)
def dataset_schema(table: str) -> dict[str, Any]:
    """The schema of the table as a hive-partitioned reader gives it: the file's columns, then `month`."""
    s = copy.deepcopy(file_schema(table))
    if table != ERRORS:
        s["fields"].append(copy.deepcopy(columns()["partition"]))
    return s


def descriptor_schema(table: str) -> dict[str, Any]:
    """The schema file the corpus's datapackage.json points its `table` parts at (as the package
    describes Parquet for frictionless: a null integer read through pandas is NaN)."""
    from ..schemas import parquet_schema

    return parquet_schema(file_schema(table))


@lru_cache(maxsize=None)
def arrow_schema(table: str) -> Any:
    import pyarrow as pa

    from ..pipeline.publish import arrow_table

    return arrow_table(file_schema(table), []).schema
