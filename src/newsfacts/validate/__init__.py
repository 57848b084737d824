"""`newsfacts validate`: frictionless, Great Expectations and provenance checks, one report."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from .._resources import DESCRIPTOR, package_dir
from ..errors import NewsfactsError
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


def validate(path: str | Path | None = None, only: str | None = None, docs: str | Path | None = None,
             fast: bool = False) -> Report:
    """Validate the package in `path` (default: the installed one) and return a Report.

    only: run one layer ("frictionless", "gx" or "provenance"); docs: also write
    Great Expectations Data Docs (static HTML) into that folder; fast: frictionless
    validates the CSV tables only, and the Parquet twins get the provenance layer's
    vectorised schema checks alone (which always run), about 10x faster on a large corpus."""
    if only is not None and only not in LAYERS:
        raise ValueError(f"only must be one of {', '.join(LAYERS)}, not {only!r}")
    root = Path(path) if path is not None else package_dir()
    layers = [only] if only else list(LAYERS)
    _require(layers)
    report = Report(str(root), layers)
    descriptor = root / DESCRIPTOR
    if not descriptor.is_file():
        report.findings.append(Finding("package", DESCRIPTOR, "descriptor-missing", f"{descriptor} does not exist",
                                       "point --path at a package folder, or run `newsfacts build`"))
        return report
    try:
        desc = json.loads(descriptor.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        report.findings.append(Finding("package", DESCRIPTOR, "descriptor-not-json", f"is not valid JSON ({exc})",
                                       "regenerate it with `newsfacts build`, or reinstall newsfacts"))
        return report
    for layer in layers:
        if layer == "frictionless":
            from . import frictionless_layer as mod
            found, n = mod.check(root, parquet=not fast)
        elif layer == "gx":
            from . import gx_layer as mod
            found, n = mod.check(root, Path(docs) if docs else None)
        else:
            from . import provenance as mod
            found, n = mod.check(root)
        report.findings.extend(found)
        report.checked[layer] = n
    paths = {r.get("name"): r.get("path") for r in desc.get("resources", []) if isinstance(r, dict)}
    report.findings = [f if f.file else replace(f, file=paths.get(f.table, f.table)) for f in report.findings]
    return report
