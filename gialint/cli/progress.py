"""A progress line on stderr for long batch runs (only on a terminal).

It appears after a short delay, so a quick run prints nothing extra, and it
is erased before anything is written to the same terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 0.5  # seconds before the bar appears


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.shown = False
        self.done = 0

    def __call__(self, done: int) -> None:
        self.done = done
        if time.monotonic() - self.start < DELAY:
            return
        width = 30
        filled = width * done // max(1, self.total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} 个文件")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False

    def wrap(self, write):  # type: ignore[no-untyped-def]
        """``write`` that erases the bar first (same terminal)."""

        def inner(text: str) -> None:
            if text:
                self.clear()
                write(text)

        return inner
