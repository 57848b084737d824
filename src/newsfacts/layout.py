"""Where the build puts each kind of output inside the package (paths relative to its root)."""
from __future__ import annotations

TABLE_DIRS = {"csv": "data/csv", "parquet": "data/parquet"}
CODELIST_DIR = "data/codelists"
TEXT_DIR = "data/text"


def table_path(table: str, fmt: str) -> str:
    return f"{TABLE_DIRS[fmt]}/{table}.{fmt}"


def text_path(article_id: str) -> str:
    return f"{TEXT_DIR}/{article_id}.txt"


def codelist_path(name: str) -> str:
    return f"{CODELIST_DIR}/{name}.csv"
