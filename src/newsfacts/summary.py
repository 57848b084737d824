"""What `newsfacts info` prints: version, location and the size of every table."""
from __future__ import annotations

import csv
from pathlib import Path

from .__about__ import __version__
from .errors import DataError
from .loading import datapackage_path, read_descriptor, table_names


def _csv_rows(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        why = exc.strerror if isinstance(exc, OSError) else type(exc).__name__
        raise DataError(f"{path}: cannot be read ({why}); run `newsfacts validate` for details, then reinstall or rebuild") from None


def table_rows(root: str | Path | None = None) -> dict[str, int]:
    """Rows per table, counted from the CSV files (no pandas needed)."""
    base = datapackage_path(root).parent
    desc = read_descriptor(root)
    tables = set(table_names(desc))
    return {r["name"]: len(_csv_rows(base / r["path"])) for r in desc["resources"] if r["name"] in tables}


def articles(root: str | Path | None = None) -> list[dict[str, str]]:
    """The articles table as plain rows (no pandas needed)."""
    desc = read_descriptor(root)
    path = datapackage_path(root).parent / next(r["path"] for r in desc["resources"] if r["name"] == "articles")
    return _csv_rows(path)


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
