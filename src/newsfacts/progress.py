"""Progress lines for long work (build, validate), shown only when the CLI runs on a terminal.

The CLI sets NEWSFACTS_PROGRESS=1 when stdout is a terminal; library calls and pipes stay
quiet. An environment variable rather than a callback, so the validation layer that runs in
a second process reports too."""
from __future__ import annotations

import os
import sys

ENV = "NEWSFACTS_PROGRESS"


def step(message: str) -> None:
    if os.environ.get(ENV) == "1":
        print(f"… {message}", file=sys.stderr, flush=True)


def enable_if_terminal() -> None:
    if sys.stdout.isatty():
        os.environ[ENV] = "1"
