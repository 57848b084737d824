"""The package is closed: every path it names stays inside it, and it names every file it ships.

Checked by `load()`, every layer of `newsfacts validate` and `newsfacts info` before any
file is opened, so a forged descriptor cannot make them read /etc/passwd, follow a
symlink out of the package or send a network request. Messages name the offending path,
never a file's contents."""
from __future__ import annotations

from pathlib import Path
from typing import Any

PARQUET_SUFFIX = "-parquet"
SCHEMA_SUFFIX = ".schema.json"


def _short(value: Any, limit: int = 80) -> str:
    s = str(value)
    return repr(s if len(s) <= limit else s[:limit] + "…")


def resolve_inside(root: Path, rel: Any) -> tuple[Path | None, str | None]:
    """(path, None) when `rel` is a relative path that stays inside `root` after resolving
    symlinks, else (None, why)."""
    if not isinstance(rel, str) or not rel:
        return None, f"path {_short(rel)} is not a relative file path"
    if "://" in rel or rel.startswith(("//", "\\\\")):
        return None, f"path {_short(rel)} is a URL; a package file must be inside the package (no network)"
    if Path(rel).is_absolute() or ".." in Path(rel).parts:
        return None, f"path {_short(rel)} leaves the package (absolute or ..)"
    base = root.resolve()
    target = (root / rel).resolve()
    if not target.is_relative_to(base):
        return None, f"path {_short(rel)} resolves to a place outside the package (a symlink?)"
    return root / rel, None


def structure_problems(desc: Any) -> list[str]:
    """What makes a descriptor unusable before any path is looked at."""
    if not isinstance(desc, dict):
        return [f"the descriptor is a JSON {type(desc).__name__}, not an object"]
    res = desc.get("resources")
    if not isinstance(res, list) or not res:
        return ["`resources` is missing or not a non-empty list"]
    out = []
    for i, r in enumerate(res):
        if not isinstance(r, dict):
            out.append(f"resource {i + 1} is not an object")
        elif not isinstance(r.get("name"), str) or not isinstance(r.get("path"), str):
            out.append(f"resource {i + 1} ({_short(r.get('name'))}) has no name or no path")
    return out


def closure_problems(root: Path, desc: dict[str, Any]) -> list[tuple[str, str]]:
    """(resource or path, problem) for every way the package is not closed."""
    out: list[tuple[str, str]] = []
    for msg in structure_problems(desc):
        out.append(("datapackage.json", msg))
    if out:
        return out
    described = set()
    for r in desc["resources"]:
        path, why = resolve_inside(root, r["path"])
        if why:
            out.append((r["name"], why))
        else:
            described.add(path.resolve())
    schemas = root / "schemas"
    if schemas.is_dir():
        shipped = {p.name[: -len(SCHEMA_SUFFIX)] for p in schemas.glob(f"*{SCHEMA_SUFFIX}")}
        names = {r["name"] for r in desc["resources"]}
        tables = {r["name"] for r in desc["resources"] if r.get("format") == "csv" and r["name"] + PARQUET_SUFFIX in names}
        for t in sorted(shipped - tables):
            out.append((t, f"the package ships schemas/{t}{SCHEMA_SUFFIX} but the descriptor has no CSV and Parquet resource for it"))
        for t in sorted(tables - shipped):
            out.append((t, f"the descriptor describes table {t!r} that has no schema in schemas/"))
    data = root / "data"
    if data.is_dir():
        for p in sorted(data.rglob("*")):
            if p.is_file() and p.resolve() not in described:
                out.append((p.relative_to(root).as_posix(), "is under data/ but the descriptor does not describe it"))
    return out
