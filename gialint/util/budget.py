"""Time budgets: stop a rule (or the reading of one file) that runs too long.

gialint runs unattended (pre-commit hooks, batch runs over scraped archives),
so a rule or plugin stuck in a loop, or a regular expression backtracking on a
pathological line, must not stall the run.  :func:`time_limit` arms a
``SIGALRM`` timer (``signal.setitimer``); when it fires, :class:`OverBudget`
is raised inside the running code and the engine reports it as an
``internal`` finding naming the rule.

Limits of the mechanism, by design:

* It works on the main thread of a process on POSIX systems (Linux, macOS),
  which is where ``gialint check`` and the worker processes of ``--jobs``
  run.  Elsewhere (Windows, a linter called from a non-main thread, e.g. an
  editor's language server) :func:`time_limit` does nothing and the code
  runs unbounded.
* Python checks for signals between bytecodes and inside the ``re`` engine,
  so pure-Python loops and runaway regular expressions are interrupted; a
  long call into other C code is interrupted only when it returns.
* :class:`OverBudget` derives from ``BaseException`` so that a rule's own
  ``except Exception`` cannot swallow it; the timer keeps firing every
  :data:`REPEAT` seconds until the guarded block is left, so even a bare
  ``except:`` that swallows the first one is interrupted again.
* An outer ``SIGALRM`` timer (the caller's) is suspended while a budget is
  armed and re-armed afterwards with what remains of it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

REPEAT = 0.25  # seconds between repeated alarms once the budget is spent


class OverBudget(BaseException):
    """The guarded code ran past its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"超过时限 {seconds:g} 秒")
        self.seconds = seconds


def available() -> bool:
    """Whether :func:`time_limit` can enforce a budget here."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Budgets:
    """Time budgets for many blocks in a row (the rules run on one file).

    The ``SIGALRM`` handler is installed, and the caller's timer suspended,
    once for the whole series, and the timer is armed once: each
    :meth:`limit` records when its block started, and the alarm, when it
    fires, stops the block only if that block has run its full budget (else
    it re-arms itself for the rest).  A block therefore costs a clock read,
    not two ``setitimer`` system calls — with fifty rules per report those
    were as much as the report grammar's whole LALR parse."""

    def __init__(self) -> None:
        self.enabled = False
        self.seconds = 0.0
        self.active = False
        self.started = 0.0
        self.armed = False

    def _on_alarm(self, signum: int, frame: object) -> None:
        if not self.active:
            self.armed = False  # between blocks: the next block arms it again
            return
        left = self.seconds - (time.monotonic() - self.started)
        if left > 0.001:
            signal.setitimer(signal.ITIMER_REAL, left)  # an earlier block armed it
            return
        # Keep firing every REPEAT seconds until the block is left, in case
        # the block swallows the exception.
        signal.setitimer(signal.ITIMER_REAL, REPEAT)
        raise OverBudget(self.seconds)

    def __enter__(self) -> Budgets:
        self.enabled = available()
        if self.enabled:
            self._previous = signal.signal(signal.SIGALRM, self._on_alarm)
            self._outer = signal.setitimer(signal.ITIMER_REAL, 0)
            self._started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.enabled:
            return
        self.active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)
        outer_delay, outer_interval = self._outer
        if outer_delay > 0:
            # Give the caller's timer back what is left of it (at least a tick:
            # if it is already due, it fires now rather than never).
            left = max(outer_delay - (time.monotonic() - self._started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)

    def limit(self, seconds: float | None) -> _Limit:
        """A context manager: :class:`OverBudget` in the block after ``seconds``."""
        return _Limit(self, seconds if self.enabled and seconds and seconds > 0 else 0.0)


class _Limit:
    __slots__ = ("budgets", "seconds")

    def __init__(self, budgets: Budgets, seconds: float) -> None:
        self.budgets = budgets
        self.seconds = seconds

    def __enter__(self) -> None:
        if self.seconds:
            b = self.budgets
            b.seconds = self.seconds
            b.started = time.monotonic()
            b.active = True
            if not b.armed:
                b.armed = True
                signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.seconds:
            self.budgets.active = False


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` in the block if it runs longer than
    ``seconds``.  ``None`` or ``0`` means no limit; so does a platform or
    thread where the timer is not available (see the module docstring)."""
    if not seconds or seconds <= 0 or not available():
        yield
        return
    with Budgets() as budgets, budgets.limit(seconds):
        yield
