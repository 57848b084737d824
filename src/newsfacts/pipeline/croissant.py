"""croissant.json: the package as MLCommons Croissant 1.1 metadata, derived from datapackage.json.

Nothing here is written by hand: the dataset's name, description, licence, version and
creators come from the descriptor (build/package.yaml), the citation from CITATION.cff, the
files and their sha256 from the descriptor's resources, and every RecordSet and Field from the
schemas (types, descriptions, the primary key as `key`, each foreign key as `references`, but for
the few that would close a cycle, which mlcroissant cannot order: those are stated in the field's
description).
RecordSets read the Parquet files (typed, so a code such as "040" stays text); the CSV twins
and the article texts are FileObjects of the distribution too. `mlcroissant validate` checks it in the tests."""
from __future__ import annotations

import json
from typing import Any

from ..loading import PARQUET_SUFFIX, table_names

CROISSANT = "croissant.json"  # beside datapackage.json
CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
# The standard 1.1 @context, as mlcroissant writes it (a different one is a warning).
CONTEXT: dict[str, Any] = {
    "@language": "en", "@vocab": "https://schema.org/", "arrayShape": "cr:arrayShape", "citeAs": "cr:citeAs",
    "column": "cr:column", "conformsTo": "dct:conformsTo", "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty", "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract", "field": "cr:field", "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet", "format": "cr:format", "includes": "cr:includes", "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath", "key": "cr:key", "md5": "cr:md5",
    "name": {"@container": "@language"}, "parentField": "cr:parentField", "path": "cr:path",
    "recordSet": "cr:recordSet", "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated",
    "replace": "cr:replace", "samplingRate": "cr:samplingRate", "sc": "https://schema.org/",
    "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField", "transform": "cr:transform",
}
# Table Schema type -> schema.org data type. Lists are stored as one delimited string per cell.
DATA_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "boolean": "sc:Boolean",
              "date": "sc:Date", "list": "sc:Text"}
# The media type Croissant readers know a Parquet file by (datapackage.json keeps the IANA-registered one).
ENCODING_FORMATS = {"application/vnd.apache.parquet": "application/x-parquet"}
LICENCE_URLS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}
DEFAULT_URL = "https://pypi.org/project/newsfacts/"


def _field(table: str, f: dict[str, Any], file_id: str, fks: dict[str, tuple[str, str]],
           cyclic: dict[str, tuple[str, str]]) -> dict[str, Any]:
    description = f.get("description", "")
    if f["type"] == "list":
        description += " (A list: its items joined with '|' in one cell; `newsfacts.load` splits them.)"
    if f["name"] in cyclic:
        ref_table, ref_field = cyclic[f["name"]]
        description += (f" (Foreign key to {ref_table}/{ref_field}, stated here rather than as `references`: mlcroissant "
                        "1.1 reads a reference as a join to run first, and this one closes a cycle of references.)")
    out: dict[str, Any] = {"@type": "cr:Field", "@id": f"{table}/{f['name']}", "name": f["name"],
                           "description": description, "dataType": DATA_TYPES[f["type"]],
                           "source": {"fileObject": {"@id": file_id}, "extract": {"column": f["name"]}}}
    if f["name"] in fks:
        ref_table, ref_field = fks[f["name"]]
        out["references"] = {"field": {"@id": f"{ref_table}/{ref_field}"}}
    return out


def acyclic_references(schemas: dict[str, dict[str, Any]]) -> dict[str, dict[str, dict[str, tuple[str, str]]]]:
    """{table: {"references": {field: (table, field)}, "cyclic": {...}}}: every foreign key, those that
    would close a cycle (a table referring to itself, or articles <-> places) set apart. References to
    articles are taken first, then the others in the tables' order, so the choice is deterministic."""
    edges: dict[str, set[str]] = {t: set() for t in schemas}

    def reaches(a: str, b: str) -> bool:
        seen, stack = set(), [a]
        while stack:
            n = stack.pop()
            if n == b:
                return True
            if n not in seen:
                seen.add(n)
                stack.extend(edges.get(n, ()))
        return False

    fks = [(t, fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
           for t, s in schemas.items() for fk in s.get("foreignKeys", [])]
    out: dict[str, dict[str, dict[str, tuple[str, str]]]] = {t: {"references": {}, "cyclic": {}} for t in schemas}
    for t, col, ref, ref_col in sorted(fks, key=lambda k: k[2] != "articles"):
        kind = "cyclic" if reaches(ref, t) else "references"
        out[t][kind][col] = (ref, ref_col)
        if kind == "references":
            edges[t].add(ref)
    return out


def record_set(table: str, schema: dict[str, Any], file_id: str, refs: dict[str, dict[str, tuple[str, str]]]) -> dict[str, Any]:
    rs: dict[str, Any] = {"@type": "cr:RecordSet", "@id": table, "name": table, "description": schema.get("description", ""),
                          "field": [_field(table, f, file_id, refs["references"], refs["cyclic"]) for f in schema["fields"]]}
    key = schema.get("primaryKey", [])
    if key:
        rs["key"] = [{"@id": f"{table}/{k}"} for k in key] if len(key) > 1 else {"@id": f"{table}/{key[0]}"}
    return rs


def citation(cff: dict[str, Any], version: str) -> tuple[str, str]:
    """(how to cite the dataset, its release date) from CITATION.cff."""
    authors = ", ".join(a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("family-names")]))
                        for a in cff.get("authors", []))
    released = str(cff.get("date-released", ""))
    return f"{authors} ({released[:4]}). {cff.get('title', '')}, version {version} [dataset].", released


def croissant(desc: dict[str, Any], cite_as: str, date_published: str) -> dict[str, Any]:
    """The Croissant document of a package described by `desc` (its datapackage.json)."""
    resources = {r["name"]: r for r in desc["resources"]}
    licence = desc["licenses"][0]
    files, sets = [], []
    for r in desc["resources"]:
        about = r.get("description") or r.get("title", "")
        if r.get("type") == "text":  # a text keeps its publisher's terms, not the dataset's licence
            about = f"{r.get('title', '')}. {about} Licence of this text: {r['licenses'][0]['title']}"
        elif r.get("licenses"):  # a code list adapted from a work under another licence
            about = f"{about} Licence of this list: {r['licenses'][0]['name']} ({r['licenses'][0]['path']}), not the dataset's."
        files.append({"@type": "cr:FileObject", "@id": r["path"], "name": r["name"], "description": about,
                      "contentUrl": r["path"], "encodingFormat": ENCODING_FORMATS.get(r["mediatype"], r["mediatype"]),
                      "sha256": r["hash"].partition(":")[2]})
    tables = table_names(desc)
    refs = acyclic_references({t: resources[t]["schema"] for t in tables})
    for t in tables:
        # Fields read the Parquet twin: mlcroissant reads a CSV with type guessing, so the text code
        # "040" (CAMEO's "Discuss") would come out as the number 40; Parquet keeps the schema's types.
        sets.append(record_set(t, resources[t]["schema"], resources[t + PARQUET_SUFFIX]["path"], refs[t]))
    creators = [{"@type": "sc:Organization" if "developers" in c["title"] else "sc:Person", "name": c["title"]}
                for c in desc.get("contributors", []) if "creator" in c.get("roles", [])]
    return {
        "@context": CONTEXT, "@type": "sc:Dataset", "conformsTo": CONFORMS_TO,
        "name": desc["name"], "description": desc["description"].strip(),
        "license": LICENCE_URLS.get(licence["name"], licence.get("path", licence["name"])),
        "url": desc.get("homepage") or DEFAULT_URL, "version": desc["version"],
        "citeAs": cite_as, "creator": creators, "keywords": desc.get("keywords", []),
        "datePublished": date_published,
        "distribution": files, "recordSet": sets,
    }


def croissant_json(desc: dict[str, Any], cite_as: str, date_published: str) -> str:
    """croissant.json's text, as the build writes it."""
    return json.dumps(croissant(desc, cite_as, date_published), indent=2, ensure_ascii=False) + "\n"
