"""Layer 2: Great Expectations suites from validation/suites/, run offline in an ephemeral context."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..safeio import UnsafeFile, load_json
from ..loading import load_with, read_descriptor
from ..progress import step
from .report import Finding

SUITES = Path("validation") / "suites"


def suite_dir(package_dir: Path) -> Path:
    return package_dir / SUITES


def _context(docs_dir: Path | None):
    # Offline and silent: no usage statistics, no progress bars, nothing written to the repo.
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs_dir is not None:
        ctx.add_data_docs_site(site_name="newsfacts", site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(Path(docs_dir).resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    return ctx


def parameters(package_dir: Path, shipped: dict[str, Any] | None = None) -> dict[str, Any]:
    """Values the suites refer to with $PARAMETER, computed from the package itself."""
    from ..closure import open_resource
    from ..safeio import MAX_TEXT_CHARS

    texts = [r for r in read_descriptor(package_dir, shipped)["resources"] if r.get("type") == "text"]
    longest = 0
    for r in texts:
        try:
            longest = max(longest, len(open_resource(package_dir, r, MAX_TEXT_CHARS * 4).decode("utf-8")))
        except (DataError, UnicodeDecodeError):
            continue  # the provenance layer reports the unreadable text
    return {"max_text_length": longest}


def check(package_dir: Path, docs_dir: Path | None = None, shipped: dict[str, Any] | None = None) -> tuple[list[Finding], int]:
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    folder = suite_dir(package_dir)
    files = sorted(folder.glob("*.json"))
    if not files:
        return [Finding("gx", str(SUITES), "suites-missing", f"no suites in {folder}", "run `newsfacts build` to generate them")], 0
    ctx = _context(docs_dir)
    source = ctx.data_sources.add_pandas("newsfacts")
    params = parameters(package_dir, shipped)
    out: list[Finding] = []
    n = 0
    for path in files:
        try:
            spec = load_json(path, what="suite")
            table = spec["table"]
            expectations = list(spec["expectations"])
            if not all(isinstance(e, dict) and isinstance(e.get("type"), str) and isinstance(e.get("kwargs"), dict)
                       for e in expectations):
                raise TypeError("an expectation is not {type, kwargs}")
        except (UnsafeFile, KeyError, TypeError) as exc:
            out.append(Finding("gx", str(SUITES / path.name), "suite-unreadable", f"is not a suite ({type(exc).__name__})",
                               "regenerate the suites with `newsfacts build`, or reinstall"))
            continue
        step(f"gx: {table}")
        try:
            frame = load_with(table, "parquet", False, package_dir, shipped)
        except (DataError, KeyError) as exc:
            out.append(Finding("gx", f"{table}-parquet", "unreadable", str(exc).split("\n")[0][:300],
                               "rebuild with `newsfacts build` (in a checkout) or reinstall newsfacts"))
            continue
        suite = gx.ExpectationSuite(name=table)
        for e in expectations:
            suite.add_expectation_configuration(ExpectationConfiguration(type=e["type"], kwargs=e["kwargs"], meta=e.get("meta", {})))
        if docs_dir is not None:  # Data Docs read suites from the context's store; a plain run need not store them
            suite = ctx.suites.add(suite)
        # GX's pandas engine compares plain values; categoricals and nullable dtypes become objects.
        frame = frame.astype({c: object for c in frame.columns})
        batch_def = source.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe("all")
        batch = batch_def.get_batch(batch_parameters={"dataframe": frame})
        # A yes/no pass first (GX's result bookkeeping is ~40 % of the layer); the details
        # (rows, values) only for a suite that failed, and always for Data Docs.
        result = batch.validate(suite, expectation_parameters=params, result_format="COMPLETE" if docs_dir else "BOOLEAN_ONLY")
        if not result.success and docs_dir is None:
            result = batch.validate(suite, expectation_parameters=params, result_format="COMPLETE")
        if docs_dir is not None:
            _store_for_docs(ctx, result, suite, table)
        for r in result.results:
            n += 1
            if r.success:
                continue
            cfg = r.expectation_config
            col = cfg.kwargs.get("column") or "+".join(filter(None, [cfg.kwargs.get("column_A"), cfg.kwargs.get("column_B")])) or ",".join(cfg.kwargs.get("column_list", []))
            idx = (r.result or {}).get("unexpected_index_list") or []
            vals = (r.result or {}).get("partial_unexpected_list") or []
            exc = (r.exception_info or {}).get("exception_message") if r.exception_info else None
            msg = f"{cfg.type} failed on {col}" + (f": {exc}" if exc else "")
            out.append(Finding("gx", table, cfg.type, msg, cfg.meta.get("fix", "fix the coding behind the row and rebuild"),
                               row=int(idx[0]) + 1 if idx and isinstance(idx[0], (int,)) else None,
                               value=str(vals[0]) if vals else None))
    if docs_dir is not None:
        ctx.build_data_docs(site_names=["newsfacts"])
    return out, n


def _store_for_docs(ctx, result, suite, table: str) -> None:
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier, ValidationResultIdentifier)

    key = ValidationResultIdentifier(expectation_suite_identifier=ExpectationSuiteIdentifier(name=table),
                                     run_id=RunIdentifier(run_name="newsfacts-validate"), batch_identifier=table)
    ctx.validation_results_store.set(key, result)
