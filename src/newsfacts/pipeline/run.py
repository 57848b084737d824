"""`newsfacts build`: article folders in, a validated package out (or a clear error)."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NewsfactsError, Problems
from ..progress import step
from ..schemas import field_names, read_schema, schema_paths
from .articles import read_articles
from .yaml_input import read_yaml
from .assemble import assemble
from .corpus_rules import corpus_rules
from .links import link_rows
from .actor_keys import check_keys
from ..layout import CODELIST_DIR, TABLE_DIRS, TEXT_DIR, codelist_path, table_path, text_path
from .codelists import by_field, check_rules, read_codelists, read_rules
from .datapackage import descriptor
from .croissant import CROISSANT, citation, croissant_json
from .dataset_card import dataset_card
from .docs import article_table, codebook, corpus_facts, data_dictionary, equivalents, fill_sections, text_licences, version_key
from .suites import suites
from ..validate.gx_layer import SUITES
from ..journal import OUTPUT_IS_DIR, OUTPUTS, WORK, Lock, publish, recover, remove
from .publish import changed_files, unowned_outputs, write_csv, write_parquet


class RootNotFound(NewsfactsError):
    pass


@dataclass
class BuildResult:
    root: Path
    rows: dict[str, int]
    checked: bool
    changed: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    todos: dict[str, int] = field(default_factory=dict)  # article folder -> TODO marks left by `newsfacts draft`
    notes: list[str] = field(default_factory=list)  # what the build cleaned up (stale lock, interrupted publish)
    drafted: bool = False  # a trial build (--draft): staged and validated, never published
    tables: dict[str, list[dict[str, Any]]] | None = None  # the rows of a trial build, by table

    @property
    def ok(self) -> bool:
        return not self.changed and not self.findings


PACKAGE_KEYS = ("name", "title", "description", "homepage", "keywords", "contributors", "licenses")


def read_input_yaml(root: Path, rel: str, kind: type, keys: tuple[str, ...] | None = None) -> Any:
    """A YAML input of the build (not an article's), or a CodingError naming the file and the fix."""
    problems = Problems()
    data = read_yaml(root / rel, rel, problems, kind)
    if data is not None and keys is not None:
        extra = sorted(set(map(str, data)) - set(keys))
        if extra:
            problems.add(rel, "file", f"has unknown key(s) {', '.join(k[:30] for k in extra)}", f"use the keys {', '.join(keys)}")
    problems.raise_if_any()
    return data if data is not None else kind()


def todo_marks(articles: list) -> dict[str, int]:
    """TODO marks left in each article's source.yaml and coding.yaml (a draft not yet finished)."""
    out: dict[str, int] = {}
    for a in articles:
        if a.todos:
            out[f"build/articles/{a.article_id}"] = len(a.todos)
    return out


def todo_problems(articles: list, problems: Problems) -> None:
    """One problem per TODO mark: an unfinished coding never publishes."""
    for a in articles:
        for file, line, fld, value in a.todos:
            if value.startswith("drafted:"):
                problems.add(file, f"line {line}, {fld}", "is a suggestion of `newsfacts draft` no one has reviewed",
                             "check it and confirm it (`newsfacts review`, or delete its `drafted:` line), or remove the entry")
                continue
            what = value.split("TODO", 1)[1].lstrip(": ").strip() or "the value"
            problems.add(file, f"line {line}, {fld}", f"still says TODO: {what[:80]}",
                         f"fill in {fld.split('.')[-1]} and remove the TODO (try an unfinished article with `newsfacts build --draft`, "
                         "which never publishes)")


PYTHON_TYPES = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,), "date": (dt.date,),
                "list": (list,)}


def row_problems(table: str, rows: list[dict[str, Any]], schema: dict[str, Any], problems: Problems) -> None:
    """Every cell against its schema column (type, pattern, enum, minimum, maximum, required), before
    anything is written: a coded value YAML read as something else (`country: 123`) or that
    breaks a constraint is named with its article, row and column, and the column's meaning."""
    key = schema["primaryKey"]
    for r in rows:
        file = f"build/articles/{r['article_id']}/coding.yaml" if isinstance(r.get("article_id"), str) else "build/links.yaml"
        rec = f"{table} {'|'.join(str(r[k]) for k in key)[:80]!r}"
        for f in schema["fields"]:
            v, c = r[f["name"]], f.get("constraints", {})
            if v is None:
                if c.get("required"):
                    problems.add(file, rec, f"{f['name']} is empty", f"give {f['name']}: {f.get('description', '')}")
                continue
            ok = isinstance(v, PYTHON_TYPES[f["type"]]) and not (f["type"] in ("integer", "number") and isinstance(v, bool))
            if f["type"] == "list" and ok:
                ok = all(isinstance(x, str) for x in v)
            why = None
            if not ok:
                why = f"is a {type(v).__name__} where the column holds a {f['type']} (YAML reads yes/no/numbers unquoted: quote it)"
            elif "pattern" in c and f["type"] == "string" and not re.search(c["pattern"], v):
                why = f"does not have the form {c['pattern']}"
            elif "enum" in c and v not in c["enum"]:
                why = f"is not one of {', '.join(map(str, c['enum']))}"
            elif "minimum" in c and f["type"] in ("integer", "number") and v < c["minimum"]:
                why = f"is below {c['minimum']}"
            elif "maximum" in c and f["type"] in ("integer", "number") and v > c["maximum"]:
                why = f"is above {c['maximum']}"
            if why:
                problems.add(file, rec, f"{f['name']} {str(v)[:60]!r} {why}", f"{f['name']}: {f.get('description', '')}"[:240])


def find_root(start: str | Path | None = None) -> Path:
    """The checkout to build: the nearest folder (from `start` up) with schemas/ and build/articles/."""
    here = Path(start or Path.cwd()).resolve()
    for p in (here, *here.parents):
        if (p / "schemas").is_dir() and (p / "build" / "articles").is_dir():
            return p
    raise RootNotFound(f"{here} is not inside a newsfacts checkout (no schemas/ and build/articles/ above it); "
                       "run the build from the repository, or pass --root")


def derived_dyads(root: Path, tables: dict[str, list[dict[str, Any]]], codes: dict, lists: dict,
                  problems: Problems) -> list[dict[str, Any]]:
    """event_dyads from the other tables, once its schema is proved to restate its origins' columns."""
    from .dyads import GOLDSTEIN, check_schema, dyad_rows, goldstein_scores

    schemas = {t: read_schema(root / "schemas", t) for t in tables}
    for why in check_schema(schemas):
        problems.add("schemas/event_dyads.schema.json", "fields", why,
                     "give the column the type and constraints of its origin column (or change both together)")
    if problems.items:
        return []
    roles = {code: r.get("cameo_role") for code, r in codes["event_actors.role"].rows.items()} if "event_actors.role" in codes else {}
    scores = goldstein_scores(lists[GOLDSTEIN].rows.values()) if GOLDSTEIN in lists else {}
    return dyad_rows(tables, roles, field_names(schemas["event_dyads"]), scores)


def collect(root: Path, draft: bool = False) -> tuple[dict[str, list[dict[str, Any]]], list, dict]:
    """Read every article folder and assemble the rows of every table; raise CodingError on bad
    input, and on TODO marks unless `draft` (a trial build that never publishes)."""
    problems = Problems()
    lists = read_codelists(root / "build" / "codelists")
    codes = by_field(lists)
    articles = read_articles(root / "build" / "articles", problems)
    if not draft:
        todo_problems(articles, problems)
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in schema_paths(root / "schemas")}
    for i, art in enumerate(articles, start=1):
        step(f"article {i}/{len(articles)}: {art.article_id}")
        for table, rows in assemble(art, problems, codes, root / "schemas", lists).items():
            tables[table].extend(rows)
    # A trial build leaves unfinished articles (TODO or drafted marks) out of the cross-article
    # checks: their suggestions are compared with the corpus once they are reviewed.
    unfinished = {a.article_id for a in articles if a.todos} if draft else set()
    if not problems.items:  # the rules across articles need every article's rows
        corpus_rules({t: [r for r in rows if r.get("article_id") not in unfinished] for t, rows in tables.items()}, problems)
    problems.raise_if_any()
    check_keys([r for r in tables["actors"] if r["article_id"] not in unfinished], tables["articles"], problems)
    problems.raise_if_any()
    tables["event_links"] = link_rows(root, tables, problems)
    problems.raise_if_any()
    tables["event_dyads"] = derived_dyads(root, tables, codes, lists, problems)
    problems.raise_if_any()
    for table, rows in tables.items():
        schema = read_schema(root / "schemas", table)
        names = field_names(schema)
        for r in rows:
            if list(r) != names:  # a bug in assemble, not in the coding
                raise AssertionError(f"{table}: row keys {list(r)} differ from the schema's {names}")
        row_problems(table, rows, schema, problems)
    problems.raise_if_any()
    for table, rows in tables.items():
        schema = read_schema(root / "schemas", table)
        key = schema["primaryKey"]
        rows.sort(key=lambda r: tuple(str(r[k]) for k in key))
    check_rules(read_rules(root), tables, root)
    return tables, articles, lists


def hand_written(root: Path, name: str) -> str:
    """A document the build fills sections of (README.md, LICENSE-DATA.md): a regular file, never a link."""
    from ..safeio import MAX_YAML_BYTES, UnsafeFile, read_regular

    p = root / name
    problems = Problems()
    if p.is_symlink():
        problems.add(name, "file", "is a symbolic link; the build rewrites its generated sections in place",
                     "make it a regular file in the checkout")
    else:
        try:
            return read_regular(p, MAX_YAML_BYTES * 5, "document").decode("utf-8")
        except (UnsafeFile, UnicodeDecodeError) as exc:
            problems.add(name, "file", str(exc).split(": ", 1)[-1] if isinstance(exc, UnsafeFile) else "is not UTF-8",
                         f"restore {name} from git")
    problems.raise_if_any()
    return ""


def stage_package(root: Path, stage: Path, tables: dict[str, list[dict[str, Any]]], articles: list, lists: dict) -> None:
    schemas_dir = root / "schemas"
    for sub in (*TABLE_DIRS.values(), CODELIST_DIR, TEXT_DIR, "docs"):
        (stage / sub).mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        schema = read_schema(schemas_dir, table)
        write_csv(stage / table_path(table, "csv"), schema, rows)
        write_parquet(stage / table_path(table, "parquet"), schema, rows)
    for cl in lists.values():  # the bytes that were checked (a copy could read a file swapped in since)
        (stage / codelist_path(cl.name)).write_bytes(cl.raw)
    for art in articles:
        (stage / text_path(art.article_id)).write_bytes(art.text.encode("utf-8"))
    meta = read_input_yaml(root, "build/package.yaml", dict, PACKAGE_KEYS)
    desc = descriptor(stage, schemas_dir, list(tables), meta, tables["articles"], lists)
    (stage / "datapackage.json").write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    cite_as, released = citation(read_input_yaml(root, "CITATION.cff", dict), desc["version"])
    (stage / CROISSANT).write_text(croissant_json(desc, cite_as, released), encoding="utf-8")
    (stage / "docs" / "dataset_card.md").write_text(dataset_card(desc, tables, cite_as), encoding="utf-8")
    corpus = ("build/articles/*/source.yaml", article_table(tables["articles"]))
    licences = ("build/articles/*/source.yaml", text_licences(tables["articles"]))
    (stage / "README.md").write_text(fill_sections("README.md", hand_written(root, "README.md"), {
        "data-dictionary": ("schemas/", data_dictionary(schemas_dir, list(tables))), "articles": corpus,
        "text-licences": licences, "corpus-facts": ("the rows of every table", corpus_facts(tables)),
        "dyad-equivalents": ("schemas/event_dyads.schema.json", equivalents(schemas_dir))}), encoding="utf-8")
    (stage / "LICENSE-DATA.md").write_text(fill_sections("LICENSE-DATA.md", hand_written(root, "LICENSE-DATA.md"),
                                                         {"text-licences": licences}), encoding="utf-8")
    custom = read_input_yaml(root, "validation/custom.yaml", dict)
    (stage / SUITES).mkdir(parents=True, exist_ok=True)
    for t, suite in suites(schemas_dir, list(tables), custom).items():
        (stage / SUITES / f"{t}.json").write_text(json.dumps(suite, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (stage / "docs" / "codebook.md").write_text(codebook(schemas_dir, list(tables), lists, tables, read_rules(root),
                 {a.article_id: (version_key(a.source["added_in"]) if a.source.get("added_in") else (10**9,), a.article_id)
                  for a in articles}), encoding="utf-8")


def restore(root: str | Path | None = None) -> str | None:
    """Finish or roll back a publish that a crash interrupted (what every build does first),
    under the build lock; returns what was done, or None when the package was whole."""
    root = find_root(root)
    with Lock(root) as lock:
        done = recover(root)
        return "; ".join(n for n in (*lock.notes, done) if n) or None


def build(root: str | Path | None = None, check: bool = False, validate: bool = True, draft: bool = False) -> BuildResult:
    """Build every article folder into data/, datapackage.json and the generated docs.

    One build at a time per checkout (a lock names the pid that holds it). Everything is
    written to a staging folder first and validated there (the fast way: frictionless on
    the descriptor, CSV and texts, vectorised checks on Parquet); the published copy is
    then swapped in by a journaled publish that a crash cannot leave half-done. With
    check=True nothing is replaced and the result lists the outputs that differ. A TODO mark
    left by `newsfacts draft` stops the build (CodingError, one problem per mark); with
    draft=True an unfinished coding is staged and validated but never published."""
    root = find_root(root)
    with Lock(root) as lock:
        notes = list(lock.notes)
        done = recover(root)
        if done:
            notes.append(done)
        tables, articles, lists = collect(root, draft)
        rows = {t: len(r) for t, r in tables.items()}
        stage = root / WORK / f"stage-{os.getpid()}"
        remove(stage)  # a folder a killed build left, or anything else in the build's own place
        stage.mkdir(parents=True)
        try:
            try:
                step("writing the tables, descriptor, suites and docs into the staging folder")
                stage_package(root, stage, tables, articles, lists)
            except OSError as exc:
                raise NewsfactsError(f"cannot write the staging folder {stage}: {exc.strerror}; check disk space and permissions") from None
            findings: list[str] = []
            if validate:
                from ..validate import validate as run_validation

                step("validating the staged package")
                report = run_validation(stage, schemas=root / "schemas")
                findings = [str(f) for f in report.findings]
            if check:
                return BuildResult(root, rows, True, changed_files(stage, root), findings, todo_marks(articles), notes)
            if findings or draft:
                return BuildResult(root, rows, False, [], findings, todo_marks(articles), notes, drafted=draft,
                                   tables=tables if draft else None)
            in_the_way = unowned_outputs(root, stage)
            if in_the_way:
                outputs = [out + "/" if OUTPUT_IS_DIR[out] else out for out in OUTPUTS]
                raise NewsfactsError(f"nothing was published: the build replaces {', '.join(outputs[:-1])} and {outputs[-1]} "
                                     "whole, and these are not what it wrote before:\n"
                                     + "\n".join(f"- {p}" for p in in_the_way)
                                     + "\nmove them out of the way (keep what you need elsewhere), then build again")
            try:
                step("publishing")
                publish(stage, root)
            except OSError as exc:
                try:
                    recover(root)
                except OSError:
                    raise NewsfactsError(f"publishing failed at {exc.filename or root}: {exc.strerror}, and the previous package "
                                         f"could not be restored yet; fix the cause and run `newsfacts build` again: it finishes "
                                         f"the rollback from {root / WORK} first") from None
                raise NewsfactsError(f"publishing failed at {exc.filename or root}: {exc.strerror}; the previous package "
                                     "was restored; fix the cause (a file where a folder belongs, permissions, disk space) "
                                     "and build again") from None
        finally:
            if stage.exists():
                shutil.rmtree(stage, ignore_errors=True)
    return BuildResult(root, rows, False, todos=todo_marks(articles), notes=notes)
