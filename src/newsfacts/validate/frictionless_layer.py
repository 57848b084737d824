"""Layer 1: frictionless validates the whole datapackage.json (schemas, keys, CSV hashes)."""
from __future__ import annotations

from pathlib import Path

from .report import Finding

FIXES = {
    "hash-count": "the file changed after the build: rebuild (`newsfacts build`) or reinstall",
    "byte-count": "the file changed after the build: rebuild (`newsfacts build`) or reinstall",
    "foreign-key": "the referenced row is missing: restore it, or fix the reference in the coding and rebuild",
    "primary-key": "two rows share a key: rebuild from the coding, which rejects duplicate ids",
    "scheme-error": "the file is missing: rebuild or reinstall the package",
}


def check(package_dir: Path, parquet: bool = False) -> tuple[list[Finding], int]:
    """frictionless on the descriptor, the CSV tables, the code lists and the texts.
    parquet=True (`--full`) also reads the Parquet twins row by row; by default they get
    the vectorised checks of the provenance layer (same schema rules, column-wise).
    The package is closed before this runs (no URL or outside path can reach frictionless)."""
    import frictionless

    if parquet:
        report = frictionless.validate(str(package_dir / "datapackage.json"))
    else:
        package = frictionless.Package(str(package_dir / "datapackage.json"))
        for r in list(package.resources):
            if r.format == "parquet":
                package.remove_resource(r.name)
        report = package.validate()
    findings = []
    for err in report.errors:  # package-level (descriptor) errors
        findings.append(Finding("frictionless", "datapackage.json", err.type, err.note or err.message,
                                "regenerate datapackage.json with `newsfacts build`"))
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None)
            findings.append(Finding(
                "frictionless", task.name, err.type, err.message,
                FIXES.get(err.type, "rebuild the package with `newsfacts build`; if it persists, fix the coding the message points to"),
                row=row - 1 if isinstance(row, int) and row > 1 else None,
                value=str(err.cell) if getattr(err, "cell", None) not in (None, "") else None,
            ))
    return findings, len(report.tasks)
