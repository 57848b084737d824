"""What the CLI prints is safe on a terminal: a control character from the data is shown, never obeyed.

Titles, publishers, ids and finding values come from packages anyone can forge; printed raw,
an escape sequence in one (ESC ] 0 ; ... BEL, ESC [ 2 J, a C1 CSI) would retitle, clear or
rewrite the reader's terminal, and a bidirectional control would make a line read otherwise.
So every write of the CLI to stdout and stderr goes through `printable`: line breaks and
tabs stay, every other control, bidirectional or line-separator character becomes a visible
\\uXXXX escape (also valid inside a JSON string, so --json output stays JSON)."""
from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from typing import Any, Iterator

import click

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")


def printable(text: str) -> str:
    """`text` with every character a terminal would act on (not show) written as \\uXXXX."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


class EscapingStream:
    """A text stream whose writes pass through `printable`; everything else is the stream's."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, s: Any) -> Any:
        return self._stream.write(printable(s) if isinstance(s, str) else s)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _wrap(stream: Any) -> Any:
    return stream if isinstance(stream, EscapingStream) or stream is None else EscapingStream(stream)


@contextmanager
def escaped_output() -> Iterator[None]:
    """stdout and stderr escaped for the duration (nested uses wrap once)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _wrap(out), _wrap(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def install() -> None:
    """stdout and stderr escaped for the rest of the process (the `newsfacts` entry point)."""
    sys.stdout, sys.stderr = _wrap(sys.stdout), _wrap(sys.stderr)


class TerminalSafeGroup(click.Group):
    """The command group: every command's output escaped, through the entry point or CliRunner alike."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with escaped_output():
            return super().main(*args, **kwargs)
