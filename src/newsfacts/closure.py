"""The package is closed: every path it names stays inside it, it names every file it ships,
and it describes exactly the resources a newsfacts package has, with this version's schemas.

Three levels, by cost:
- `structure_problems(desc)`: the descriptor's shape (no file is looked at): unique names,
  the kinds of resource a package holds and nothing else, a sha256 on each, schemas that
  are JSON objects of the expected form. Every reader runs it on every new descriptor.
- `schema_problems(desc, shipped)`: each table's schema equals the one this newsfacts version
  ships (a widened enum in the descriptor, its schemas/ and its suites together is caught).
- `closure_problems(root, desc)`: every path relative and inside after resolving links, a
  regular file of bounded size, and no file under data/ that the descriptor leaves out.
  `newsfacts validate` runs it; `load` checks the one file it opens (`open_resource`).

Messages name the offending path or resource, never a file's contents."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .layout import CODELIST_DIR, TEXT_DIR, codelist_path, table_path, text_path
from .safeio import MAX_DATA_FILE_BYTES, MAX_TEXT_CHARS, UnsafeFile, check_regular

PARQUET_SUFFIX = "-parquet"
SCHEMA_SUFFIX = ".schema.json"
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
HASH = re.compile(r"^sha256:[0-9a-f]{64}$")
ARTICLE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FIELD_TYPES = ("string", "integer", "number", "boolean", "date", "list")


def _short(value: Any, limit: int = 80) -> str:
    s = str(value)
    return repr(s if len(s) <= limit else s[:limit] + "…")


def path_syntax(rel: Any) -> str | None:
    """Why `rel` cannot be a path inside a package, judged from the string alone."""
    if not isinstance(rel, str) or not rel:
        return f"path {_short(rel)} is not a relative file path"
    if "://" in rel or rel.startswith(("//", "\\\\")):
        return f"path {_short(rel)} is a URL; a package file must be inside the package (no network)"
    if "\x00" in rel or Path(rel).is_absolute() or ".." in Path(rel).parts or "\\" in rel:
        return f"path {_short(rel)} leaves the package (absolute or ..)"
    return None


def resolve_inside(root: Path, rel: Any) -> tuple[Path | None, str | None]:
    """(path, None) when `rel` is a relative path that stays inside `root` after resolving
    symlinks, else (None, why)."""
    why = path_syntax(rel)
    if why:
        return None, why
    base = Path(root).resolve()
    try:
        target = (Path(root) / rel).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None, f"path {_short(rel)} cannot be resolved (a symbolic link loop?)"
    if not target.is_relative_to(base):
        return None, f"path {_short(rel)} resolves to a place outside the package (a symlink?)"
    return Path(root) / rel, None


def _schema_shape(s: Any) -> str | None:
    """Why a resource's schema could crash a reader, or None."""
    if not isinstance(s, dict) or not isinstance(s.get("fields"), list) or not s["fields"]:
        return "its schema has no list of fields"
    names = []
    for f in s["fields"]:
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or f.get("type") not in FIELD_TYPES:
            return f"field {_short(f.get('name') if isinstance(f, dict) else f, 40)} has no name or an unknown type"
        c = f.get("constraints", {})
        if not isinstance(c, dict) or ("enum" in c and not isinstance(c["enum"], list)):
            return f"field {_short(f['name'], 40)} has malformed constraints"
        names.append(f["name"])
    if len(set(names)) != len(names):
        return "its schema names a field twice"
    pk = s.get("primaryKey", [])
    uks = s.get("uniqueKeys", [])
    if not (isinstance(pk, list) and all(n in names for n in pk)) or not (
            isinstance(uks, list) and all(isinstance(k, list) and all(n in names for n in k) for k in uks)):
        return "its keys name fields it does not have"
    for fk in s.get("foreignKeys", []) if isinstance(s.get("foreignKeys", []), list) else [None]:
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not (isinstance(fk, dict) and isinstance(fk.get("fields"), list) and len(fk["fields"]) == 1
                and fk["fields"][0] in names and isinstance(ref, dict) and isinstance(ref.get("resource"), str)
                and isinstance(ref.get("fields"), list) and len(ref["fields"]) == 1 and isinstance(ref["fields"][0], str)):
            return "its foreignKeys are malformed"
    return None


def expected_path(r: dict[str, Any]) -> str | None:
    """Where a resource of this name lives in a newsfacts package, or None if no resource
    of a newsfacts package has this name."""
    name = r["name"]
    if r.get("type") == "text" and name.startswith("text-") and ARTICLE.match(name[5:]):
        return text_path(name[5:])
    if name.startswith("codelist-"):
        meta = r.get("x-codelist")
        return codelist_path(name[9:]) if isinstance(meta, dict) and meta.get("name") == name[9:] else None
    if name.endswith(PARQUET_SUFFIX):
        return table_path(name[: -len(PARQUET_SUFFIX)], "parquet") if r.get("format") == "parquet" else None
    return table_path(name, "csv") if r.get("format") == "csv" and r.get("type") == "table" else None


def structure_problems(desc: Any) -> list[tuple[str, str]]:
    """(resource, problem) for what makes a descriptor unusable, before any path is looked at."""
    if not isinstance(desc, dict):
        return [("datapackage.json", f"the descriptor is a JSON {type(desc).__name__}, not an object")]
    res = desc.get("resources")
    if not isinstance(res, list) or not res:
        return [("datapackage.json", "`resources` is missing or not a non-empty list")]
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, r in enumerate(res):
        if not isinstance(r, dict):
            out.append(("datapackage.json", f"resource {i + 1} is not an object"))
            continue
        name = r.get("name")
        if not isinstance(name, str) or not isinstance(r.get("path"), str):
            out.append(("datapackage.json", f"resource {i + 1} ({_short(name)}) has no name or no path"))
            continue
        if not NAME.match(name):
            out.append(("datapackage.json", f"resource {i + 1} has the name {_short(name)}, not a resource name"))
            continue
        if name in seen:
            out.append((name, "is the name of two resources; a name must say which file it is"))
            continue
        seen.add(name)
        if not isinstance(r.get("hash"), str) or not HASH.match(r["hash"]):
            out.append((name, "records no sha256 (hash must be sha256:<64 hex digits>)"))
        want = expected_path(r)
        # The expected path is built from a name without '/' or a leading dot: safe by construction,
        # so the string checks run only on a path that differs (this keeps a big corpus's first load cheap).
        bad_path = None if r["path"] == want else path_syntax(r["path"])
        if bad_path:
            out.append((name, bad_path))
        elif want is None:
            out.append((name, "is not a resource of a newsfacts package (tables in CSV and Parquet, article texts, code lists)"))
        elif r["path"] != want:
            out.append((name, f"has the path {_short(r['path'])}; a newsfacts package keeps it at {want!r}"))
        if r.get("type") == "table" or "schema" in r:
            why = _schema_shape(r.get("schema"))
            if why:
                out.append((name, why))
        meta = r.get("x-codelist")
        if meta is not None and not (isinstance(meta, dict) and isinstance(meta.get("name"), str)
                                     and isinstance(meta.get("fields"), list)
                                     and all(isinstance(f, str) and f.count(".") == 1 for f in meta["fields"])):
            out.append((name, "has a malformed x-codelist"))
    return out


def usable(desc: Any) -> bool:
    """Whether every resource is an object with a string name (so resources can be looked up)."""
    return isinstance(desc, dict) and isinstance(desc.get("resources"), list) and bool(desc["resources"]) and all(
        isinstance(r, dict) and isinstance(r.get("name"), str) for r in desc["resources"])


def descriptor_problems(desc: Any, shipped: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """Structure and schema problems together (the schemas are compared when resources can be looked up)."""
    out = structure_problems(desc)
    return out + (schema_problems(desc, shipped) if usable(desc) else [])


def schema_problems(desc: dict[str, Any], shipped: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """(table, problem) where the descriptor's tables differ from the schemas this version ships."""
    from .schemas import descriptor_schema

    out: list[tuple[str, str]] = []
    by_name = {r["name"]: r for r in desc["resources"]}
    tables = {n for n in by_name if n + PARQUET_SUFFIX in by_name}
    for t in sorted(set(shipped) - tables):
        out.append((t, f"newsfacts ships schemas/{t}{SCHEMA_SUFFIX} but the descriptor has no CSV and Parquet resource for it"))
    for t in sorted(tables - set(shipped)):
        out.append((t, f"the descriptor describes table {t!r} that has no schema in this newsfacts version's schemas/"))
    for n in sorted(by_name):
        t = n.removesuffix(PARQUET_SUFFIX)
        if by_name[n].get("type") == "table" and not n.startswith("codelist-") and t not in tables and t not in shipped:
            out.append((n, "is a table without its twin in the other format and without a schema in this newsfacts version"))
    for t in sorted(tables & set(shipped)):
        for fmt, name in (("csv", t), ("parquet", t + PARQUET_SUFFIX)):
            if by_name[name].get("schema") != descriptor_schema(shipped[t], fmt):
                out.append((name, f"its schema differs from schemas/{t}{SCHEMA_SUFFIX} of this newsfacts version "
                                  "(columns, types, constraints, enums or keys were changed)"))
    return out


def closure_problems(root: Path, desc: dict[str, Any], shipped: dict[str, dict[str, Any]] | None = None) -> list[tuple[str, str]]:
    """(resource or path, problem) for every way the package is not closed."""
    out = descriptor_problems(desc, shipped) if shipped is not None else structure_problems(desc)
    if not usable(desc) or any(not isinstance(r.get("path"), str) for r in desc["resources"]):
        return out
    described, named = set(), {r["path"] for r in desc["resources"]}
    for r in desc["resources"]:
        path, why = resolve_inside(root, r["path"])
        if why:
            out.append((r["name"], why))
            continue
        described.add(path.resolve())
        if path.exists() or path.is_symlink():
            limit = MAX_TEXT_CHARS * 4 if r.get("type") == "text" else MAX_DATA_FILE_BYTES
            try:
                check_regular(path, limit, "text" if r.get("type") == "text" else "data file")
            except UnsafeFile as exc:
                out.append((r["name"], str(exc).split(": ", 1)[-1]))
    data = Path(root) / "data"
    if data.is_dir():
        for p in sorted(data.rglob("*")):
            rel = p.relative_to(root).as_posix()
            if (p.is_file() or p.is_symlink() or not p.is_dir()) and p.resolve() not in described and rel not in named:
                out.append((rel, "is under data/ but the descriptor does not describe it"))
    return out


def own_file(root: Path, rel: str, what: str) -> Path:
    """A file every package has at a fixed place (datapackage.json, croissant.json), checked to
    stay inside the package after resolving links: a descriptor linked to one elsewhere would
    make the package say whatever that file says. UnsafeFile otherwise."""
    path, why = resolve_inside(root, rel)
    if why:
        raise UnsafeFile(f"{Path(root) / rel}: {why.split(' ', 2)[-1]}; the {what} must be a file of the package itself")
    return path


def read_own(root: Path, rel: str, limit: int, what: str) -> bytes:
    """The bytes of a package's own file (see `own_file`), through the guarded reader."""
    from .safeio import read_regular

    return read_regular(own_file(root, rel, what), limit, what)


def open_resource(root: Path, resource: dict[str, Any], limit: int) -> bytes:
    """The bytes of one described file, after the checks `closure_problems` makes for it."""
    from .errors import DataError
    from .safeio import read_regular

    path, why = resolve_inside(root, resource["path"])
    if why:
        raise DataError(f"{Path(root) / 'datapackage.json'}: {resource['name']}: {why}; reinstall or rebuild")
    try:
        return read_regular(path, limit, "text" if resource.get("type") == "text" else "data file")
    except UnsafeFile as exc:
        raise DataError(f"{exc}; reinstall newsfacts or run `newsfacts build`") from None


__all__ = ["resolve_inside", "structure_problems", "schema_problems", "closure_problems", "open_resource", "own_file", "read_own",
           "CODELIST_DIR", "TEXT_DIR"]
