"""Layer 3: what neither frictionless nor Great Expectations checks.

Hashes of every file (frictionless ignores Parquet's), CSV equals Parquet (read side by
side a block at a time: stream.py), raw enum values and, for a CSV that is not its twin,
unique keys (a categorical load would hide an unknown value), codes against the shipped
code lists, every offset pair against the article text, body sentence coverage and the
texts' own sha256; then the facts re-read from the words (facts.py) and, in a checkout,
the rows against the coding (coding.py). No file is read whole: rows are parsed from the
open file, and a large table the facts do not hold is checked one row at a time."""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

from ..closure import resolve_inside
from ..safeio import MAX_DATA_FILE_BYTES, MAX_TEXT_CHARS, UnsafeFile, read_regular, text_problem
from ..layout import text_path
from ..loading import PARQUET_SUFFIX, read_descriptor, sha256_of, table_names
from . import parquet_checks
from ..progress import step
from .facts import HELD
from .report import Finding

REBUILD = "rebuild with `newsfacts build` (in a checkout) or reinstall newsfacts"


def offset_triples(schema: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(text, start, end) columns, read off the schema's names: `<p>_start`/`<p>_end`
    with `<p>_text` or `<p>_verb`; bare start/end with `evidence` or `text`."""
    names = [f["name"] for f in schema["fields"]]
    ints = {f["name"] for f in schema["fields"] if f["type"] == "integer"}
    out = []
    for n in names:
        if not n.endswith("start") or n not in ints:
            continue
        p = n[: -len("start")]
        end = p + "end"
        if end not in ints:
            continue
        cands = [p + "text", p + "verb"] if p else ["evidence", "text"]
        text = next((c for c in cands if c in names), None)
        if text:
            out.append((text, n, end))
    return out


class StreamedRows:
    """A large CSV's rows, parsed from the file again each time they are iterated (one row held at a time)."""

    def __init__(self, path: Path):
        self.path = path

    def __iter__(self):
        from .stream import csv_rows

        return csv_rows(self.path)


def _rows(package_dir: Path, name: str, rel: str, out: list[Finding], hold: bool = True) -> "list[dict[str, str]] | StreamedRows | None":
    """A CSV's raw rows, or None with a finding naming the file (not UTF-8, a BOM, not CSV).
    Parsed from the open file one row at a time (never the whole file as bytes and text too);
    hold=False: read through once for those findings, then given as StreamedRows."""
    from ..safeio import open_regular
    from .stream import csv_rows

    path = package_dir / rel
    try:
        with open_regular(path, MAX_DATA_FILE_BYTES, "data file") as fh:
            bom = fh.read(3) == b"\xef\xbb\xbf"
    except UnsafeFile:
        return None  # reported as file-missing or by the closure check
    if bom:
        out.append(Finding("provenance", name, "csv-bom", f"{rel} starts with a byte-order mark", REBUILD))
        return None
    try:
        if hold:
            return list(csv_rows(path))
        for _ in csv_rows(path):
            pass
        return StreamedRows(path)
    except UnsafeFile:
        return None
    except UnicodeDecodeError:
        out.append(Finding("provenance", name, "not-utf8", f"{rel} is not UTF-8 (byte {_utf8_error_at(path)})", REBUILD))
        return None
    except csv.Error as exc:
        out.append(Finding("provenance", name, "not-csv", f"{rel} is not CSV ({str(exc)[:80]})", REBUILD))
        return None


def _utf8_error_at(path: Path) -> int:
    """The offset of the first byte that is not UTF-8 (read again in chunks, only to say where)."""
    import codecs

    from ..safeio import open_regular, read_chunks

    decoder, done = codecs.getincrementaldecoder("utf-8")(), 0
    with open_regular(path, MAX_DATA_FILE_BYTES, "data file") as fh:
        for chunk in read_chunks(fh, path, MAX_DATA_FILE_BYTES):
            pending = len(decoder.getstate()[0])  # bytes of a character the last chunk began
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return done - pending + exc.start
            done += len(chunk)
    return done


def check(package_dir: Path, codelists: dict[str, Any] | None = None,
          shipped: dict[str, dict[str, Any]] | None = None) -> tuple[list[Finding], int]:
    out: list[Finding] = []
    n = 0
    desc = read_descriptor(package_dir, shipped=shipped)
    resources = {r["name"]: r for r in desc["resources"]}
    broken: set[str] = set()

    # Every file exists and matches its recorded sha256.
    for r in desc["resources"]:
        n += 1
        path = package_dir / r["path"]
        if not path.is_file():
            out.append(Finding("provenance", r["name"], "file-missing", f"{r['path']} does not exist", REBUILD))
            broken.add(r["name"])
            continue
        algo, _, digest = r.get("hash", "").partition(":")
        try:
            actual = sha256_of(path)
        except UnsafeFile as exc:
            out.append(Finding("provenance", r["name"], "file-missing", str(exc).split(": ", 1)[-1], REBUILD))
            broken.add(r["name"])
            continue
        if algo != "sha256" or actual != digest:
            out.append(Finding("provenance", r["name"], "hash-mismatch", f"sha256 of {r['path']} differs from datapackage.json", REBUILD))
            broken.add(r["name"])

    # Each CSV against its Parquet twin, read side by side a block at a time (stream.py): what
    # `load` would refuse (columns, types, a value outside an enum) is a finding, and so is a difference.
    from ..loading import shipped_schemas
    from ..safeio import MAX_CSV_IN_MEMORY
    from . import stream

    tables = table_names(desc)
    twins: dict[str, bool] = {}  # table -> whether its CSV is its Parquet twin
    for t in tables:
        step(f"provenance: {t}")
        schema = (shipped or shipped_schemas())[t]
        csv_path = package_dir / resources[t]["path"]
        parquet_name = t + PARQUET_SUFFIX
        parquet_path = package_dir / resources[parquet_name]["path"]
        if not parquet_path.is_file() and parquet_name in broken:
            parquet_path = None  # missing: reported above
        if not csv_path.is_file():
            if parquet_path is not None:  # the Parquet file alone, for its readability
                n += 1
                why = stream.unreadable(parquet_path, "parquet", schema)
                if why:
                    out.append(Finding("provenance", parquet_name, "unreadable", why, REBUILD))
            continue
        n += 2
        unreadable, differs = stream.compare_twins(csv_path, parquet_path, schema)
        for fmt, why in unreadable.items():
            out.append(Finding("provenance", t + (PARQUET_SUFFIX if fmt == "parquet" else ""), "unreadable", why, REBUILD))
        if differs is not None:
            out.append(Finding("provenance", t, "csv-parquet-differ", differs[0], REBUILD, row=differs[1], value=differs[2]))
        twins[t] = parquet_path is not None and not unreadable and differs is None

    # The CSV's own rows, parsed from the file one at a time: kept in memory for the checks that
    # follow, unless the CSV is large and not its Parquet twin (a re-hashed forgery of any size is
    # then the difference above, never held).
    raw: dict[str, list[dict[str, str]]] = {}
    for t in tables:
        r = resources[t]
        path = package_dir / r["path"]
        if not path.is_file():
            continue
        large = path.stat().st_size > MAX_CSV_IN_MEMORY
        if not twins.get(t) and large:
            out.append(Finding("provenance", t, "rows-not-checked", f"{r['path']} is not its Parquet twin and is larger than "
                               f"{MAX_CSV_IN_MEMORY:,} bytes, so its rows are not read one by one", REBUILD))
            continue
        rows = _rows(package_dir, t, r["path"], out, hold=not large or t in HELD)
        if rows is None:
            continue
        raw[t] = rows
        schema = r["schema"]
        for f in schema["fields"]:
            enum = f.get("constraints", {}).get("enum")
            if enum and f["type"] == "string":
                n += 1
                for i, row in enumerate(rows, start=1):
                    v = row.get(f["name"], "")
                    if v and v not in enum:
                        out.append(Finding("provenance", t, "enum", f"{f['name']} is not one of {enum}", REBUILD + "; or fix the coding", row=i, value=v))
        for key in [schema.get("primaryKey", [])] + schema.get("uniqueKeys", []):
            if not key or twins.get(t):  # a CSV that is its Parquet twin: the keys are checked there, column-wise
                continue
            n += 1
            seen: dict[tuple, int] = {}
            for i, row in enumerate(rows, start=1):
                k = tuple(row.get(c, "") for c in key)
                if k in seen:
                    out.append(Finding("provenance", t, "unique-key", f"{'+'.join(key)} repeats row {seen[k]}", "give every row its own id in the coding and rebuild", row=i, value="|".join(k)))
                seen.setdefault(k, i)

    # Codes against the code lists shipped in the package.
    lists = codelists if codelists is not None else _package_codelists(package_dir, desc)
    for lst in lists.values():
        for fq in lst["fields"]:
            t, col = fq.split(".")
            n += 1
            for i, row in enumerate(raw.get(t, []), start=1):
                v = row.get(col, "")
                values = v.split("|") if v else []
                for item in values:
                    parts = [item[j:j + 3] for j in range(0, len(item), 3)] if lst["compound"] else [item]
                    if not all(p in lst["codes"] for p in parts) or (lst["compound"] and len(item) % 3):
                        out.append(Finding("provenance", t, "code-not-in-list", f"{col} is not in code list {lst['name']}",
                                           f"use a code from build/codelists/{lst['name']}.csv and rebuild", row=i, value=item))

    # Offsets slice the article text to the stored words; texts match their fingerprints.
    texts: dict[str, str] = {}
    publishers = {a["article_id"]: a.get("publisher", "") for a in raw.get("articles", [])}
    for i, a in enumerate(raw.get("articles", []), start=1):
        n += 1
        p, why = resolve_inside(package_dir, a.get("text_path"))
        if not why and a.get("text_path") != text_path(a.get("article_id", "")):
            why = f"text_path {a.get('text_path')[:80]!r} is not the article's described text {text_path(a.get('article_id', ''))!r}"
        if not why and f"text-{a.get('article_id')}" not in resources:
            why = "the descriptor describes no text for this article"
        if why:
            out.append(Finding("provenance", "articles", "text-path", why, REBUILD, row=i))
            continue
        if not p.is_file():
            out.append(Finding("provenance", "articles", "text-missing", f"{a['text_path']} does not exist", REBUILD, row=i))
            continue
        try:
            data = read_regular(p, MAX_TEXT_CHARS * 4, "text")
        except UnsafeFile as exc:
            out.append(Finding("provenance", "articles", "text-unreadable", str(exc).split(": ", 1)[-1], REBUILD, row=i))
            continue
        if hashlib.sha256(data).hexdigest() != a["text_sha256"]:
            out.append(Finding("provenance", "articles", "text-sha256", f"{a['text_path']} does not match text_sha256", REBUILD, row=i))
        try:
            texts[a["article_id"]] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            out.append(Finding("provenance", "articles", "text-not-utf8", f"{a['text_path']} is not UTF-8 (byte {exc.start})", REBUILD, row=i))
            continue
        bad = text_problem(texts[a["article_id"]])
        if bad is not None:
            out.append(Finding("provenance", "articles", "text-control-character", f"{a['text_path']} holds {bad[1]} at offset {bad[0]}",
                               REBUILD, row=i))
        if not str(a.get("text_length", "")).isdigit() or len(texts[a["article_id"]]) != int(a["text_length"]):
            out.append(Finding("provenance", "articles", "text-length", "text_length differs from the text", REBUILD, row=i))
    article_ids = {a.get("article_id") for a in raw.get("articles", [])}
    for name, r in resources.items():
        if r.get("type") == "text" and name[5:] not in article_ids and "articles" in raw:
            out.append(Finding("provenance", name, "text-without-article", f"{r['path']} is the text of no row of articles", REBUILD))
    for t in tables:
        for text_col, s_col, e_col in offset_triples(resources[t]["schema"]):
            n += 1
            for i, row in enumerate(raw.get(t, []), start=1):
                words, s, e = row.get(text_col, ""), row.get(s_col, ""), row.get(e_col, "")
                if not (words or s or e):
                    continue
                if text_col == "evidence" and row.get("evidence_source") == "source_metadata" and not (s or e):
                    # The publisher's own actor: its evidence is the source metadata, not the text.
                    if words != publishers.get(row.get("article_id", "")):
                        out.append(Finding("provenance", t, "evidence-source", "evidence is not the article's publisher",
                                           "rebuild from the coding; an actor with evidence {source: publisher} is named by articles.publisher", row=i, value=words))
                    continue
                art = texts.get(row.get("article_id", ""))
                if art is None:
                    continue
                ok = s.isdigit() and e.isdigit() and int(s) < int(e) <= len(art) and art[int(s):int(e)] == words
                if not ok:
                    out.append(Finding("provenance", t, "offsets", f"text[{s}:{e}] is not {text_col}", "rebuild from the coding; never edit offsets by hand", row=i, value=words))
    n += 1
    for i, row in enumerate(raw.get("segments", []), start=1):
        if row.get("kind") == "sentence" and row.get("coverage") not in ("coded", "uncoded"):
            out.append(Finding("provenance", "segments", "coverage", f"body sentence {row.get('segment_id')} is neither coded nor listed as uncoded",
                               "code the sentence or add it to `uncoded:` in its coding.yaml with a reason", row=i))
    n += 1
    out += croissant_problems(package_dir, desc)
    found, k = parquet_checks.check(package_dir, desc)
    out += found
    n += k
    # Quantities: value, min, max and qualifier re-derived from the words, with the build's parser.
    from ..text.quantities import parse_quantity

    for t in tables:
        if "quantity_text" not in {f["name"] for f in resources[t]["schema"]["fields"]}:
            continue
        n += 1
        for i, row in enumerate(raw.get(t, []), start=1):
            words = row.get("quantity_text", "")
            if not words:
                continue
            try:
                q = parse_quantity(words)
            except ValueError:
                out.append(Finding("provenance", t, "quantity", "quantity_text is not a quantity the build can read", REBUILD, row=i, value=words[:60]))
                continue
            want = {"quantity_value": q.value, "quantity_min": q.min, "quantity_max": q.max, "quantity_qualifier": q.qualifier}
            got = {k: row.get(k, "") for k in want}
            if any((str(v) if v is not None else "") != got[k] for k, v in want.items()):
                bad = next(k for k, v in want.items() if (str(v) if v is not None else "") != got[k])
                out.append(Finding("provenance", t, "quantity", f"{bad} is {got[bad] or 'empty'!r} but {words!r} gives {want[bad]!r}",
                                   "rebuild from the coding; quantities are computed from the words", row=i, value=got[bad]))
    n += 1
    for i, row in enumerate(raw.get("quotes", []), start=1):
        if all(row.get(c, "").isdigit() for c in ("start", "end", "cue_start", "cue_end")):
            s, e, cs, ce = (int(row[c]) for c in ("start", "end", "cue_start", "cue_end"))
            if not (ce <= s or cs >= e):
                out.append(Finding("provenance", "quotes", "cue-inside-quote", "the cue verb overlaps the quoted text", "rebuild from the coding", row=i))
    # Facts re-derived from the words (quotes, dates, publication date, countries, crosswalk, links).
    from . import facts

    found, k = facts.check(raw, texts, {name: lst.get("rows", []) for name, lst in lists.items()},
                           {t: resources[t]["schema"] for t in tables})
    out += found
    n += k
    # In a checkout: the rows against the entries and links its coding states (a YAML read per article).
    from . import coding

    if coding.is_checkout(package_dir) and "articles" in raw:
        found, k = coding.check(package_dir, raw)
        out += found
        n += k
    return out, n


def croissant_problems(package_dir: Path, desc: dict[str, Any]) -> list[Finding]:
    """croissant.json is what the build derives from this datapackage.json (files, hashes, record
    sets, fields): an edited or stale copy would describe files that are not these."""
    from ..pipeline.croissant import CROISSANT, croissant
    from ..safeio import MAX_DESCRIPTOR_BYTES, parse_json

    from ..closure import read_own

    rel = CROISSANT
    try:
        got = parse_json(read_own(package_dir, rel, MAX_DESCRIPTOR_BYTES, "Croissant metadata"), package_dir / rel, "Croissant metadata")
    except UnsafeFile as exc:
        return [Finding("provenance", rel, "croissant-unreadable", str(exc).split(": ", 1)[-1], REBUILD)]
    if not isinstance(got, dict) or not isinstance(got.get("citeAs"), str) or not isinstance(got.get("datePublished"), str):
        return [Finding("provenance", rel, "croissant-differs", "is not the Croissant document newsfacts writes", REBUILD)]
    want = croissant(desc, got["citeAs"], got["datePublished"])
    if got != want:
        key = next((k for k in want if got.get(k) != want[k]), next(iter(set(got) - set(want)), "?"))
        return [Finding("provenance", rel, "croissant-differs", f"its {key!r} is not what datapackage.json gives", REBUILD)]
    return []


def first_difference(a: Any, b: Any) -> tuple[str, int | None, str | None] | None:
    """(what differs, 1-based row, CSV value) between two Arrow tables of one schema, or None.
    Column by column in Arrow: a null equals only a null."""
    import pyarrow.compute as pc

    if a.num_rows != b.num_rows:
        return f"CSV has {a.num_rows} rows, Parquet {b.num_rows}", None, None
    for name in a.schema.names:
        x, y = a[name], b[name]
        if x.equals(y):
            continue
        same = pc.or_kleene(pc.fill_null(pc.equal(x, y), False), pc.and_(pc.is_null(x), pc.is_null(y)))
        i = pc.index(same, False).as_py()
        if i < 0:  # equal values in other chunks
            continue
        cell = x[i].as_py()
        return f"column {name} differs between CSV and Parquet", i + 1, "(empty)" if cell is None else str(cell)
    return None


def _package_codelists(package_dir: Path, desc: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for r in desc["resources"]:
        meta = r.get("x-codelist")
        if not meta or not (package_dir / r["path"]).is_file():
            continue
        rows = _rows(package_dir, r["name"], r["path"], [])
        codes = {row.get("code", "") for row in rows or []}
        out[meta["name"]] = {"name": meta["name"], "fields": meta["fields"], "compound": meta.get("compound", False), "codes": codes,
                             "rows": rows or []}
    return out
