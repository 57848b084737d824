"""Errors that name the file, the record and the fix."""
from __future__ import annotations

from dataclasses import dataclass


class NewsfactsError(Exception):
    """Base of every error newsfacts raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the build inputs, phrased for the person who fixes it."""

    file: str
    record: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.message}\n    fix: {self.fix}"


class CodingError(NewsfactsError):
    """The curated coding (or an article folder) cannot be built; nothing was published."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the build inputs; data/ was left as it was:"
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems)]))


class DataError(NewsfactsError):
    """A published data file is missing, unreadable or not what the package records."""


class Problems:
    """Collects problems so one build run reports all of them, not just the first."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, record: str, message: str, fix: str) -> None:
        self.items.append(Problem(str(file), record, message, fix))

    def raise_if_any(self) -> None:
        if self.items:
            raise CodingError(self.items)
