"""`newsfacts validate`: frictionless, Great Expectations and provenance checks, one report."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from .._resources import DESCRIPTOR, package_dir
from ..errors import NewsfactsError
from ..progress import step
from .release import release_problems
from .report import LAYERS, UNPROVEN, Finding, Report, layer_failed

__all__ = ["validate", "Report", "Finding", "LAYERS", "MissingExtra"]

NEEDS = {"frictionless": "frictionless", "gx": "great_expectations"}


class MissingExtra(NewsfactsError):
    """A layer's library is not installed (the runtime install carries only what loading needs)."""


def _require(layers: list[str]) -> None:
    import importlib.util

    missing = [NEEDS[layer] for layer in layers if layer in NEEDS and importlib.util.find_spec(NEEDS[layer]) is None]
    if missing:
        raise MissingExtra(f"validation needs {', '.join(missing)}: pip install 'newsfacts[validate]'")


def validate(path: str | Path | None = None, only: str | None = None, docs: str | Path | None = None,
             fast: bool | None = None, full: bool = False, schemas: str | Path | None = None,
             rebuild: bool = False, parallel: bool | None = None) -> Report:
    """Validate the package in `path` (default: the installed one) and return a Report.

    First the package must be closed (closure.py): every path relative and inside, every
    file under data/ described, the descriptor's tables the shipped schemas; otherwise the
    report says so and no layer opens a file. Then the layers: frictionless on the
    descriptor, the CSV tables and the texts; Great Expectations suites; our provenance
    checks, which include vectorised schema checks of every Parquet file. full=True also
    has frictionless read the Parquet rows one by one (same rules, about 10x slower at
    scale; benchmarks/RESULTS.md). `fast` is accepted for compatibility: fast is the default.
    only: run one layer ("frictionless", "gx" or "provenance"); docs: also write
    Great Expectations Data Docs (static HTML) into that folder; schemas: the schemas/ folder
    the tables must equal (default: the ones this newsfacts version ships; a build passes its own).
    The installed package is also checked file by file against the wheel's RECORD.
    rebuild=True (a checkout only) also compares every row with a fresh build of build/.
    parallel: run the Great Expectations layer in a second interpreter while the others run
    here (default: when a second core is free; NEWSFACTS_SERIAL=1 turns it off). Safe from any
    script, guarded by `if __name__ == "__main__":` or not; if the child fails, the layer runs here."""
    from ..closure import closure_problems, own_file
    from ..journal import wait_until_readable
    from ..loading import shipped_schemas
    from ..safeio import MAX_DESCRIPTOR_BYTES, UnsafeFile, parse_json, read_regular
    from ..schemas import all_schemas

    if only is not None and only not in LAYERS:
        raise ValueError(f"only must be one of {', '.join(LAYERS)}, not {only!r}")
    root = Path(path) if path is not None else package_dir()
    layers = ([only] if only else list(LAYERS)) + (["rebuild"] if rebuild else [])
    _require(layers)
    report = Report(str(root), layers)
    descriptor = root / DESCRIPTOR
    try:
        wait_until_readable(root)
    except NewsfactsError as exc:
        report.findings.append(Finding("package", DESCRIPTOR, "publish-interrupted", str(exc), "run `newsfacts build` in the checkout"))
        return report
    try:
        own_file(root, DESCRIPTOR, "descriptor")
    except UnsafeFile as exc:
        report.findings.append(Finding("package", DESCRIPTOR, "not-closed", str(exc).split(": ", 1)[-1],
                                       "replace the link with the package's own datapackage.json (`newsfacts build`, or reinstall)"))
        return report
    if not descriptor.is_file() and not descriptor.exists():
        report.findings.append(Finding("package", DESCRIPTOR, "descriptor-missing", f"{descriptor} does not exist",
                                       "point --path at a package folder, or run `newsfacts build`"))
        return report
    try:
        desc = parse_json(read_regular(descriptor, MAX_DESCRIPTOR_BYTES, "descriptor"), descriptor, "descriptor")
    except UnsafeFile as exc:
        report.findings.append(Finding("package", DESCRIPTOR, "descriptor-not-json", str(exc).split(": ", 1)[-1],
                                       "regenerate it with `newsfacts build`, or reinstall newsfacts"))
        return report
    shipped = all_schemas(Path(schemas)) if schemas is not None else shipped_schemas()
    paths = {r.get("name"): r.get("path") for r in desc.get("resources", []) if isinstance(r, dict)} \
        if isinstance(desc, dict) and isinstance(desc.get("resources"), list) else {}
    report.findings += release_problems(root)  # the installed copy against the wheel's RECORD, first
    closed = closure_problems(root, desc, shipped)
    if closed:
        report.findings += [Finding("package", where, "not-closed", what, "regenerate datapackage.json with `newsfacts build`, "
                                    "or reinstall newsfacts; never point a package at files outside it",
                                    file=paths.get(where) if isinstance(paths.get(where), str) else None) for where, what in closed]
        return report
    from . import gx_process

    pending = None
    if "gx" in layers and len(layers) > 1 and (parallel if parallel is not None else gx_process.worth_it()):
        pending = gx_process.start(root, Path(docs) if docs else None, Path(schemas) if schemas is not None else None)
    try:
        results = _run_layers(root, layers, pending, docs, shipped, full)
    finally:
        if pending is not None:
            pending.stop()  # a usage error or an interrupt must not leave the child running
    for layer in layers:  # the report keeps the layers' order, whichever finished first
        found, n, took = results[layer]
        report.findings.extend(found)
        report.checked[layer] = n
        report.seconds[layer] = took
    report.findings = [f if f.file else replace(f, file=paths.get(f.table, f.table)) for f in report.findings]
    if "rebuild" not in layers:
        from .coding import is_checkout
        from .release import is_release

        where = "checkout" if is_checkout(root) else "installed" if is_release(root) else "package"
        report.unproven = UNPROVEN[where if "provenance" in layers else "no-provenance"]
    return report


def _run_layers(root: Path, layers: list[str], pending: Any, docs: str | Path | None,
                shipped: dict, full: bool) -> dict[str, tuple[list[Finding], int, float]]:
    results: dict[str, tuple[list[Finding], int, float]] = {}
    for layer in sorted(layers, key=lambda name: name == "gx"):  # the child's layer last: it had the most time
        step(f"validating: {layer} layer")
        started = time.perf_counter()
        if layer == "gx" and pending is not None:
            answer = pending.result()
            if answer is not None:
                results[layer] = (*answer, pending.seconds)
                continue
        try:
            if layer == "frictionless":
                from . import frictionless_layer as mod
                found, n = mod.check(root, parquet=full)
            elif layer == "gx":
                from . import gx_layer as mod
                found, n = mod.check(root, Path(docs) if docs else None, shipped)
            elif layer == "rebuild":
                from . import rebuild as mod
                found, n = mod.check(root, shipped)
            else:
                from . import provenance as mod
                found, n = mod.check(root, shipped=shipped)
        except NewsfactsError:
            raise  # a usage problem (--rebuild outside a checkout): one line from the CLI
        except Exception as exc:  # a damaged package must give a finding, never a traceback
            found, n = [layer_failed(layer, exc)], 0
        results[layer] = (found, n, time.perf_counter() - started)
    return results
