"""`newsfacts validate`: frictionless, Great Expectations and provenance checks, one report."""
from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from .._resources import DESCRIPTOR, package_dir
from ..errors import NewsfactsError
from ..progress import step
from .report import LAYERS, Finding, Report

__all__ = ["validate", "Report", "Finding", "LAYERS", "MissingExtra"]

NEEDS = {"frictionless": "frictionless", "gx": "great_expectations"}


class MissingExtra(NewsfactsError):
    """A layer's library is not installed (the runtime install carries only what loading needs)."""


def _require(layers: list[str]) -> None:
    import importlib.util

    missing = [NEEDS[layer] for layer in layers if layer in NEEDS and importlib.util.find_spec(NEEDS[layer]) is None]
    if missing:
        raise MissingExtra(f"validation needs {', '.join(missing)}: pip install 'newsfacts[validate]'")


def _gx_layer(root: str, docs: str | None) -> tuple[list[Finding], int]:
    try:
        from . import gx_layer
        return gx_layer.check(Path(root), Path(docs) if docs else None)
    except Exception as exc:  # noqa: BLE001
        return [Finding("gx", DESCRIPTOR, "layer-failed", f"the gx layer stopped: {type(exc).__name__}: {str(exc)[:200]}",
                        "rebuild (`newsfacts build`) or reinstall; if it persists, report it")], 0


def validate(path: str | Path | None = None, only: str | None = None, docs: str | Path | None = None,
             fast: bool | None = None, full: bool = False) -> Report:
    """Validate the package in `path` (default: the installed one) and return a Report.

    First the package must be closed (closure.py): every path relative and inside, every
    file under data/ described, the descriptor's tables the shipped schemas; otherwise the
    report says so and no layer opens a file. Then the layers: frictionless on the
    descriptor, the CSV tables and the texts; Great Expectations suites; our provenance
    checks, which include vectorised schema checks of every Parquet file. full=True also
    has frictionless read the Parquet rows one by one (same rules, about 10x slower at
    scale; benchmarks/RESULTS.md). `fast` is accepted for compatibility: fast is the default.
    only: run one layer ("frictionless", "gx" or "provenance"); docs: also write
    Great Expectations Data Docs (static HTML) into that folder."""
    from ..closure import closure_problems
    from ..journal import wait_or_recover

    if only is not None and only not in LAYERS:
        raise ValueError(f"only must be one of {', '.join(LAYERS)}, not {only!r}")
    root = Path(path) if path is not None else package_dir()
    layers = [only] if only else list(LAYERS)
    _require(layers)
    report = Report(str(root), layers)
    descriptor = root / DESCRIPTOR
    try:
        wait_or_recover(root)
    except NewsfactsError as exc:
        report.findings.append(Finding("package", DESCRIPTOR, "publish-interrupted", str(exc), "run `newsfacts build` in the checkout"))
        return report
    if not descriptor.is_file():
        report.findings.append(Finding("package", DESCRIPTOR, "descriptor-missing", f"{descriptor} does not exist",
                                       "point --path at a package folder, or run `newsfacts build`"))
        return report
    try:
        desc = json.loads(descriptor.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        report.findings.append(Finding("package", DESCRIPTOR, "descriptor-not-json", f"is not valid UTF-8 JSON ({type(exc).__name__})",
                                       "regenerate it with `newsfacts build`, or reinstall newsfacts"))
        return report
    closed = closure_problems(root, desc)
    if closed:
        report.findings += [Finding("package", where, "not-closed", what, "regenerate datapackage.json with `newsfacts build`, "
                                    "or reinstall newsfacts; never point a package at files outside it") for where, what in closed]
        return report
    # Great Expectations costs most (its import and context, not the data): run it in a
    # second process while frictionless and provenance run here (benchmarks/RESULTS.md).
    pending = None
    if "gx" in layers and len(layers) > 1 and not os.environ.get("NEWSFACTS_VALIDATE_SERIAL"):
        import concurrent.futures as cf
        import multiprocessing

        pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        pending = pool.submit(_gx_layer, str(root), str(docs) if docs else None)
        step("validating: gx layer (in a second process)")
    for layer in layers:
        if layer == "gx" and pending is not None:
            continue
        step(f"validating: {layer} layer")
        try:
            if layer == "frictionless":
                from . import frictionless_layer as mod
                found, n = mod.check(root, parquet=full)
            elif layer == "gx":
                from . import gx_layer as mod
                found, n = mod.check(root, Path(docs) if docs else None)
            else:
                from . import provenance as mod
                found, n = mod.check(root)
        except Exception as exc:  # a damaged package must give a finding, never a traceback
            found, n = [Finding(layer, DESCRIPTOR, "layer-failed", f"the {layer} layer stopped: {type(exc).__name__}: {str(exc)[:200]}",
                                "rebuild (`newsfacts build`) or reinstall; if it persists, report it")], 0
        report.findings.extend(found)
        report.checked[layer] = n
    if pending is not None:
        try:
            found, n = pending.result()
        except Exception as exc:  # noqa: BLE001 - the child died or raised: a finding, not a traceback
            found, n = [Finding("gx", DESCRIPTOR, "layer-failed", f"the gx layer stopped: {type(exc).__name__}: {str(exc)[:200]}",
                                "run `newsfacts validate --only gx` to see it alone; rebuild or reinstall")], 0
        finally:
            pool.shutdown()
        report.findings.extend(found)
        report.checked["gx"] = n
        report.checked = {layer: report.checked[layer] for layer in layers if layer in report.checked}
    paths = {r.get("name"): r.get("path") for r in desc.get("resources", []) if isinstance(r, dict)}
    report.findings = [f if f.file else replace(f, file=paths.get(f.table, f.table)) for f in report.findings]
    return report
