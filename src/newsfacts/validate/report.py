"""Validation findings and the report that groups them."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .._resources import DESCRIPTOR

LAYERS = ("frictionless", "gx", "provenance")

# What a run without --rebuild cannot prove, by where the package is (README: "What validation proves").
UNPROVEN = {
    "checkout": "that each row holds the values its coding.yaml states where the words cannot show them (a CAMEO code "
                "changed within one PLOVER category, a figure moved to another number of its sentence); the entries and "
                "every actor's role were compared with build/articles/*/coding.yaml, and `newsfacts validate --rebuild` "
                "compares every cell with a fresh build",
    "installed": "that the coding made these rows, beyond what the words show; every file was compared with the wheel's "
                 "RECORD, which a forger would have to rewrite as well",
    "no-provenance": "the facts against the article's words and the coding: the provenance layer did not run",
    "package": "that the coding made these rows, beyond what the words show: a consistent forgery that swaps an agent and "
               "a target, invents or drops an event (with its sentence's coverage) or changes a CAMEO code within one "
               "PLOVER category passes here; validate the package in its checkout with --rebuild, or the installed copy",
}


@dataclass(frozen=True)
class Finding:
    layer: str
    table: str  # resource name or file
    check: str
    message: str
    fix: str
    row: int | None = None  # 1-based data row (header excluded), when one row is at fault
    value: str | None = None
    file: str | None = None  # path inside the package, filled in from the descriptor

    def __str__(self) -> str:
        where = f" ({self.file})" if self.file and self.file != self.table else ""
        at = f" row {self.row}" if self.row is not None else ""
        val = f" value {self.value!r}" if self.value is not None else ""
        return f"[{self.layer}] {self.table}{where}{at}: {self.check}: {self.message}{val} (fix: {self.fix})"


def layer_failed(layer: str, exc: BaseException) -> Finding:
    """The finding for a layer that stopped on an exception (a damaged package gives findings, never a traceback)."""
    return Finding(layer, DESCRIPTOR, "layer-failed", f"the {layer} layer stopped: {type(exc).__name__}: {str(exc)[:200]}",
                   "rebuild (`newsfacts build`) or reinstall; if it persists, report it")


@dataclass
class Report:
    path: str
    layers: list[str]
    findings: list[Finding] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # layer -> number of checks run
    seconds: dict[str, float] = field(default_factory=dict)  # layer -> wall-clock time it took
    unproven: str | None = None  # what this run could not prove (the fast mode's limit, said in the report)

    @property
    def valid(self) -> bool:
        return not self.findings

    def flatten(self, keys: tuple[str, ...] = ("layer", "table", "check")) -> list[list[Any]]:
        return [[getattr(f, k) for k in keys] for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        return {"valid": self.valid, "path": self.path, "layers": self.layers, "checked": self.checked,
                "seconds": {k: round(v, 3) for k, v in self.seconds.items()}, "unproven": self.unproven,
                "findings": [asdict(f) for f in self.findings]}

    def _took(self, layer: str) -> str:
        return f", {self.seconds[layer]:.2f} s" if layer in self.seconds else ""

    def to_text(self) -> str:
        lines = [f"{'VALID' if self.valid else 'INVALID'}: {self.path}",
                 "layers: " + ", ".join(f"{layer} ({self.checked.get(layer, 0)} checks{self._took(layer)})" for layer in self.layers)]
        groups: dict[tuple[str, str, str], list[Finding]] = {}
        for f in self.findings:
            groups.setdefault((f.layer, f.table, f.check), []).append(f)
        for (layer, table, check), items in groups.items():
            where = f" ({items[0].file})" if items[0].file and items[0].file != table else ""
            lines.append(f"[{layer}] {table}{where} / {check}: {len(items)} finding(s)")
            for f in items[:20]:
                at = f"row {f.row}: " if f.row is not None else ""
                val = f" (value {f.value!r})" if f.value is not None else ""
                lines.append(f"  - {at}{f.message}{val}")
            if len(items) > 20:
                lines.append(f"  - ... and {len(items) - 20} more")
            lines.append(f"    fix: {items[0].fix}")
        if self.unproven:
            lines.append(f"not proven by this run: {self.unproven}")
        return "\n".join(lines)
