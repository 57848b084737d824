"""The `newsfacts` command: a thin layer over the library; each command wraps one function."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .__about__ import __version__
from .errors import NewsfactsError
from .terminal import TerminalSafeGroup


@click.group(cls=TerminalSafeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsfacts")
def cli() -> None:
    """newsfacts: events, actors, quotes and assets from news, traceable to the text."""


@cli.command()
@click.option("--check", is_flag=True, help="Build into a temporary folder and list outputs that differ from the committed ones; change nothing.")
@click.option("--draft", is_flag=True, help="Try an unfinished coding (TODO marks allowed): stage and validate it, publish nothing.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None, help="Repository to build (default: the one around the current folder).")
def build(check: bool, draft: bool, root: Path | None) -> None:
    """Build build/articles/* into data/, datapackage.json and the generated docs.

    Everything is staged and validated in a temporary folder; the published files are
    replaced only when all is well. Exit 1 on bad coding (with what to fix), a TODO mark
    left by `newsfacts draft`, a failed validation, or (with --check) outputs that are out
    of date."""
    from .pipeline import build as run_build

    if check and draft:
        raise click.UsageError("--check and --draft do not go together: --check compares a finished build with the published one")
    try:
        result = run_build(root, check=check, draft=draft)
    except NewsfactsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    if result.findings:
        click.echo("the fresh build does not validate; nothing was published:", err=True)
        for f in result.findings:
            click.echo(f"- {f}", err=True)
        sys.exit(1)
    total = sum(result.rows.values())
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for folder, n in result.todos.items():
        click.echo(f"note: {folder} has {n} TODO mark(s) left from `newsfacts draft`", err=True)
    if result.drafted:
        click.echo(f"draft build: {total} rows in {len(result.rows)} tables staged and validated; nothing was published "
                   "(finish every TODO, then run `newsfacts build`)")
        return
    if check:
        if result.changed:
            click.echo("out of date: these outputs differ from a fresh build (run `newsfacts build` and commit):", err=True)
            for c in result.changed:
                click.echo(f"- {c}", err=True)
            sys.exit(1)
        click.echo(f"up to date: {total} rows in {len(result.rows)} tables equal a fresh build")
        return
    click.echo(f"built {total} rows in {len(result.rows)} tables into {result.root / 'data'}")


@cli.command()
@click.option("--path", "path", type=click.Path(file_okay=False, path_type=Path), default=None, help="Package folder to validate (default: the installed package).")
@click.option("--only", type=click.Choice(["frictionless", "gx", "provenance"]), default=None, help="Run one layer only.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--docs", type=click.Path(file_okay=False, path_type=Path), default=None, help="Also write Great Expectations Data Docs (HTML) here.")
@click.option("--full", is_flag=True, help="Also have frictionless read every Parquet row one by one (slow; the default checks Parquet vectorised, same rules).")
@click.option("--rebuild", is_flag=True, help="In a checkout: also rebuild every row from build/ and compare it with the package.")
@click.option("--fast", is_flag=True, hidden=True, help="The default; kept so older scripts keep working.")
def validate(path: Path | None, only: str | None, as_json: bool, docs: Path | None, full: bool, rebuild: bool, fast: bool) -> None:
    """Validate the package: closed (no path leaves it), then frictionless, Great Expectations and provenance checks.

    Exit 0 when valid, 1 when not, 2 on usage errors."""
    from .validate import MissingExtra
    from .validate import validate as run_validate

    if path is not None and not path.is_dir():
        raise click.UsageError(f"--path {path} is not a folder")
    try:
        report = run_validate(path, only=only, docs=docs, full=full, rebuild=rebuild)
    except MissingExtra as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    except NewsfactsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.to_text())
    sys.exit(0 if report.valid else 1)


@cli.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--publisher", required=True, help="Who published the text (goes to source.yaml and the publisher's actor).")
@click.option("--publication-date", "publication_date", default=None, help="YYYY-MM-DD, when the text does not print it.")
@click.option("--title", default=None, help="The headline, when the text does not print it.")
@click.option("--id", "article_id", default=None, help="Article id (default: the folder name of ARTICLE, or its file name).")
@click.option("--url", default=None, help="Where the text was published (goes to source.yaml and the articles row).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Write article.txt, source.yaml and coding.yaml here (e.g. build/articles/<id>).")
@click.option("--force", is_flag=True, help="With --out: overwrite an existing source.yaml and coding.yaml.")
@click.option("--json", "as_json", is_flag=True, help="Print the drafted rows as JSON, keyed by table (several articles: one JSON line each).")
def draft(articles: tuple[Path, ...], publisher: str, publication_date: str | None, title: str | None, article_id: str | None,
          url: str | None, out: Path | None, force: bool, as_json: bool) -> None:
    """Draft the coding of ARTICLES (UTF-8 texts): layout, publication date, quotes and speakers,
    actors with CAMEO codes, places, assets, and events with CAMEO and PLOVER codes.

    Every drafted entry is a suggestion marked `drafted:`; with --out the draft is a folder
    `newsfacts build --draft` accepts as it is, and `newsfacts review` confirms. Several
    articles are drafted in one process with --json, one line each:
    {"file", "article_id", "tables", "messages"} (or {"file", "error"}). Exit 1 when a text
    cannot be drafted (with what to do)."""
    import datetime as dt

    try:
        from .draft import draft as run_draft
        from .draft import draft_many, write_draft
    except ModuleNotFoundError as exc:  # a runtime install carries only what loading needs
        if exc.name != "yaml":
            raise
        click.echo("newsfacts draft needs PyYAML: pip install 'newsfacts[draft]'", err=True)
        sys.exit(2)

    if publication_date is not None:
        try:
            dt.date.fromisoformat(publication_date)
        except ValueError:
            raise click.UsageError(f"--publication-date {publication_date!r} is not YYYY-MM-DD") from None
    if len(articles) > 1:
        if not as_json or out or article_id:
            raise click.UsageError("several articles are drafted with --json only (no --out, no --id): draft one at a time to write a folder")
        failed = False
        for path, d, err in draft_many(articles, publisher, publication_date, title):
            if err:
                failed = True
                click.echo(json.dumps({"file": str(path), "error": err}, ensure_ascii=False))
            else:
                click.echo(json.dumps({"file": str(path), "article_id": d["article_id"], "tables": d["tables"],
                                       "messages": d["messages"]}, ensure_ascii=False, default=str))
        sys.exit(1 if failed else 0)
    article = articles[0]
    try:
        d = run_draft(article, publisher, publication_date, title, article_id, url)
        written = write_draft(d, out, force) if out else []
    except NewsfactsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for m in d["messages"]:
        click.echo(f"note: {m}", err=True)
    if as_json:
        click.echo(json.dumps(d["tables"], indent=1, ensure_ascii=False, default=str))
    else:
        t = d["tables"]
        n_events = sum(1 for e in t.get("events", []) if e.get("cameo_code"))
        click.echo(f"drafted {d['article_id']}: {len(t['quotes'])} quotes, {len(t['actors'])} actors, {len(t.get('places', []))} places, "
                   f"{len(t.get('assets', []))} assets, {n_events} events, published {t['articles'][0]['publication_date'] or 'unknown'}"
                   if t.get("articles") else f"drafted {d['article_id']}")
    for w in written:
        click.echo(f"wrote {w}", err=True)


@cli.command("draft-corpus")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Folder of the dataset (new, or the folder of an earlier run to resume or update it).")
@click.option("--column", "columns", multiple=True, metavar="FIELD=NAME", help="Read FIELD (id, text, title, url, publisher, publication_date; file for a folder's metadata.csv) from the input's column NAME. Repeatable.")
@click.option("--publisher", default=None, help="Publisher of the texts whose record names none.")
@click.option("--partition-size", "partition_size", type=click.IntRange(1, None), default=1000, show_default=True, help="Texts per partition: the unit drafted, written and skipped on a rerun.")
@click.option("--workers", type=click.IntRange(1, None), default=None, help="Worker processes of the local cluster (default: one per core).")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Use the Dask cluster at ADDRESS (e.g. tcp://10.0.0.5:8786) instead of a local one; its workers need this newsfacts and the paths.")
def draft_corpus(inputs: tuple[Path, ...], out: Path, columns: tuple[str, ...], publisher: str | None, partition_size: int,
                 workers: int | None, scheduler: str | None) -> None:
    """Draft every text of an archive into a Parquet dataset, mapped over a Dask cluster.

    INPUTS are JSON Lines files (.jsonl, .jsonl.gz: one object a line), Parquet files, or
    folders of .txt files with a metadata.csv; each text gets the rows `newsfacts draft`
    gives it, marked machine_draft. OUT gets a folder per table, hive-partitioned by
    publication month, an errors table (the texts that could not be drafted, and why),
    datapackage.json and manifest.json. Rerun the same command to resume: finished partitions
    are skipped. Needs Dask: pip install 'newsfacts[scale]'. Exit 0 when every text was read
    (drafted or an error row), 1 when the run could not finish (rerun it), 2 on usage errors."""
    from .scale.dask_map import MissingScale, _distributed

    mapping: dict[str, str] = {}
    for c in columns:
        field, eq, name = c.partition("=")
        if not eq or not field or not name:
            raise click.UsageError(f"--column {c!r}: give FIELD=NAME, e.g. --column text=body")
        mapping[field] = name
    if scheduler and workers:
        raise click.UsageError("--workers sizes a local cluster; the cluster at --scheduler has its own workers")
    try:
        _distributed()
    except MissingScale as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    from .progress import step
    from .scale import draft_corpus as run

    try:
        r = run(list(inputs), out, columns=mapping, publisher=publisher, partition_size=partition_size, workers=workers,
                scheduler=scheduler, progress=step)
    except NewsfactsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    if r.failures:
        click.echo(f"{len(r.failures)} of {r.slices} input slices failed; {out} is incomplete: rerun the same command "
                   "to retry them (finished partitions are skipped):", err=True)
        for f in r.failures:
            click.echo(f"- {f}", err=True)
        sys.exit(1)
    if r.duplicates:
        click.echo(f"note: {r.duplicates:,} ids are given to more than one text (first: {r.duplicate_ids[0]}); their rows "
                   "share an article_id (manifest.json lists the first ten)", err=True)
    if r.removed:
        click.echo(f"note: removed {r.removed} part files of texts no longer in the input", err=True)
    why = ", ".join(f"{k} {n:,}" for k, n in r.reasons.items())
    click.echo(f"drafted {r.drafted:,} of {r.texts:,} texts into {out} ({r.partitions:,} partitions, {r.skipped:,} already "
               f"done; {len(r.months):,} months); " + (f"{r.failed:,} failed ({why}): see {out / 'errors'}" if r.failed
                                                         else "none failed"))


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True, help="Folder to write the site into.")
@click.option("--path", "path", type=click.Path(file_okay=False, path_type=Path), default=None, help="Package folder (default: the installed package).")
@click.option("--open", "open_", is_flag=True, help="Open the index in the default browser afterwards.")
def view(out: Path, path: Path | None, open_: bool) -> None:
    """Write a static site showing every fact on its words: an index and one page per article.

    Self-contained (no network, no CDN): open it from disk or serve it with
    `python -m http.server`. Needs Jinja2: pip install 'newsfacts[view]'."""
    from .view import build_site

    if path is not None and not path.is_dir():
        raise click.UsageError(f"--path {path} is not a folder")
    try:
        written = build_site(out, root=path)
    except NewsfactsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1 if not type(exc).__name__ == "MissingViewer" else 2)
    except OSError as exc:
        click.echo(f"cannot write the site into {out}: {exc.strerror}; choose another --out", err=True)
        sys.exit(1)
    click.echo(f"wrote {len(written)} pages into {out}; open {written[0]}")
    if open_:
        import webbrowser

        webbrowser.open(written[0].resolve().as_uri())


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-open", "no_open", is_flag=True, help="Print the address; do not open a browser.")
def review(folder: Path, port: int, no_open: bool) -> None:
    """Review a drafted article in the browser: confirm, correct, reject and add coding.

    FOLDER is build/articles/<id> of a checkout. The app listens on 127.0.0.1 only, with a
    random token in its address; every change is saved to coding.yaml at once (comments and
    layout kept) and checked by the build. Needs: pip install 'newsfacts[review]'."""
    try:
        from .review import serve
    except ModuleNotFoundError as exc:
        click.echo(f"newsfacts review needs {exc.name}: pip install 'newsfacts[review]'", err=True)
        sys.exit(2)
    try:
        serve(folder, port, open_browser=not no_open, echo=click.echo)
    except NewsfactsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}; choose another --port, or leave it out", err=True)
        sys.exit(1)


@cli.command()
@click.option("--path", "path", type=click.Path(file_okay=False, path_type=Path), default=None, help="Package folder (default: the installed package).")
def info(path: Path | None) -> None:
    """Version, where the files are, and the rows of each table."""
    from .summary import summary

    if path is not None and not path.is_dir():
        raise click.UsageError(f"--path {path} is not a folder")
    try:
        click.echo(summary(path))
    except NewsfactsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


def main() -> None:
    """Entry point: a user never sees a traceback. Known failures are one-line messages
    from the commands; anything else is reported as an internal error with its type."""
    from .progress import enable_if_terminal
    from .terminal import install

    enable_if_terminal()
    install()  # data values never reach the terminal as control sequences, messages included
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewsfactsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence against a traceback
        click.echo(f"newsfacts: internal error ({type(exc).__name__}: {str(exc)[:200]}); "
                   "please report it with the command you ran", err=True)
        sys.exit(3)
