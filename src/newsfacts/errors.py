"""Errors that name the file, the record and the fix."""
from __future__ import annotations


class NewsfactsError(Exception):
    """Base of every error newsfacts raises on purpose."""


class Problem:
    """One thing wrong with the build inputs, phrased for the person who fixes it.

    A plain class, not a dataclass: `import newsfacts` must stay cheap, and
    dataclasses pulls in inspect (about 20 ms)."""

    __slots__ = ("file", "record", "message", "fix")

    def __init__(self, file: str, record: str, message: str, fix: str):
        self.file, self.record, self.message, self.fix = file, record, message, fix

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[str, str, str, str]:
        return (self.file, self.record, self.message, self.fix)

    def __repr__(self) -> str:
        return f"Problem({self.file!r}, {self.record!r}, {self.message!r}, {self.fix!r})"

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
