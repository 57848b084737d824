"""datapackage.json, derived from schemas/, build/package.yaml and the written files."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ..__about__ import __version__
from ..loading import PARQUET_SUFFIX, sha256_of
from ..schemas import descriptor_schema, read_schema
from ..layout import TABLE_DIRS, codelist_path, table_path

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
MEDIATYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def resource(stage: Path, rel: str, name: str, fmt: str, schema: dict[str, Any], title: str) -> dict[str, Any]:
    path = stage / rel
    r: dict[str, Any] = {"name": name, "type": "table", "path": rel, "format": fmt, "mediatype": MEDIATYPES[fmt]}
    if fmt == "csv":
        r["encoding"] = "utf-8"
    r["title"] = title
    r["description"] = schema.get("description", "")
    r["hash"] = f"sha256:{sha256_of(path)}"
    if fmt == "csv":  # frictionless miscounts Parquet bytes, so only CSV records them
        r["bytes"] = path.stat().st_size
    r["schema"] = descriptor_schema(schema, fmt)
    return r


CODELIST_SCHEMA = {"fields": [{"name": "code", "type": "string", "constraints": {"required": True, "unique": True}},
                              {"name": "label", "type": "string", "constraints": {"required": True}},
                              {"name": "description", "type": "string"}], "primaryKey": ["code"]}


def codelist_resource(stage: Path, cl: Any) -> dict[str, Any]:
    rel = codelist_path(cl.name)
    extra = [c for c in next(iter(cl.rows.values())) if c not in ("code", "label", "description")]
    schema = copy.deepcopy(CODELIST_SCHEMA)
    schema["fields"] += [{"name": c, "type": "string"} for c in extra]
    r = {"name": f"codelist-{cl.name}", "type": "table", "path": rel, "format": "csv", "mediatype": "text/csv",
         "encoding": "utf-8", "title": f"Code list {cl.name}", "description": f"Source: {cl.source}.",
         "hash": f"sha256:{sha256_of(stage / rel)}", "bytes": (stage / rel).stat().st_size}
    if cl.license:  # adapted from a work whose licence binds it (PLOVER's CC BY-SA 4.0), not the package's
        r["licenses"] = [{"name": cl.license, "path": f"https://spdx.org/licenses/{cl.license}.html"}]
    # read by `newsfacts validate` to check codes wherever the package is installed
    r["x-codelist"] = {"name": cl.name, "fields": cl.fields, "compound": cl.compound}
    r["schema"] = schema
    return r


def descriptor(stage: Path, schemas_dir: Path, tables: list[str], meta: dict[str, Any], articles: list[dict[str, Any]],
               codelists: dict[str, Any]) -> dict[str, Any]:
    resources = []
    for fmt in TABLE_DIRS:
        for t in tables:
            schema = read_schema(schemas_dir, t)
            name = t + (PARQUET_SUFFIX if fmt == "parquet" else "")
            resources.append(resource(stage, table_path(t, fmt), name, fmt, schema, f"{schema['title']} ({fmt.upper()})"))
    for a in articles:
        rel = a["text_path"]
        resources.append({
            "name": f"text-{a['article_id']}", "type": "text", "path": rel, "format": "txt", "mediatype": "text/plain",
            "encoding": "utf-8", "title": f"Verbatim text of {a['article_id']}",
            "description": "The article exactly as published; all offsets in the tables index this text (Unicode code points).",
            "hash": f"sha256:{sha256_of(stage / rel)}", "bytes": (stage / rel).stat().st_size,
            "licenses": [{"name": a["text_license_id"], "title": a["text_license"]}],
            "sources": [{"title": a["text_attribution"]}],
        })
    resources += [codelist_resource(stage, cl) for cl in codelists.values()]
    d: dict[str, Any] = {"$schema": PROFILE, "name": meta["name"], "title": meta["title"], "description": meta["description"],
                         "version": __version__}
    if meta.get("homepage"):
        d["homepage"] = meta["homepage"]
    d.update({
        "keywords": meta["keywords"],
        "contributors": meta["contributors"],
        "licenses": meta["licenses"],
        "sources": [{"title": a["text_attribution"]} for a in articles],
        "resources": resources,
    })
    return d
