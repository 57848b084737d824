"""What `newsfacts info` prints: version, location and the size of every table."""
from __future__ import annotations

from pathlib import Path

from .__about__ import __version__
from .loading import csv_rows, datapackage_path, read_descriptor, table_names


def table_rows(root: str | Path | None = None) -> dict[str, int]:
    """Rows per table, counted from the CSV files (no pandas needed)."""
    return {t: len(csv_rows(t, root)) for t in table_names(read_descriptor(root))}


def articles(root: str | Path | None = None) -> list[dict[str, str]]:
    """The articles table as plain rows (no pandas needed)."""
    return csv_rows("articles", root)


def summary(root: str | Path | None = None) -> str:
    desc = read_descriptor(root)
    rows = table_rows(root)
    lines = [f"newsfacts {__version__} (data version {desc.get('version')})",
             f"package: {datapackage_path(root)}",
             f"articles: {rows.get('articles', 0)}"]
    lines += [f"  {a['article_id']}  {a['publication_date']}  {a['publisher']}: {a['title']}" for a in articles(root)]
    lines.append("tables:")
    width = max(map(len, rows), default=0)
    lines += [f"  {name:<{width}}  {n:>6} rows" for name, n in rows.items()]
    return "\n".join(lines)
