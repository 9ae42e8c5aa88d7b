"""``--jobs N``: check files in worker processes.

Each worker receives the (picklable) linter pool once, at start, and builds
its own configurations and rule sets; files are sent in chunks and the
results come back in the order of the targets, so the output is the same
whatever the number of jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from gialint.run.check import FileResult, FirstResult, Job
    from gialint.run.collect import Target

_POOL: Any = None
_JOB: Any = None


def _init(pool: Any, job: Job | None) -> None:
    global _POOL, _JOB
    from gialint.run.check import tune_gc

    tune_gc()
    _POOL, _JOB = pool, job


def _work(target: Target) -> FileResult:
    from gialint.run.check import check_file

    return check_file(_POOL, target, _JOB)


def _work_first(target: Target) -> FirstResult:
    from gialint.run.check import check_first

    return check_first(_POOL, target, _JOB)


def lint_parallel(pool: Any, targets: list[Target], jobs: int, job: Job | None = None, first: bool = False) -> Iterator[Any]:
    """:func:`~gialint.run.check.check_file` (with ``first``:
    :func:`~gialint.run.check.check_first`) for each target in ``jobs``
    processes, yielded in target order.  Falls back to one process where
    process pools are unavailable."""
    from concurrent.futures import ProcessPoolExecutor

    from gialint.run.check import check_file, check_first

    work = _work_first if first else _work
    one = check_first if first else check_file

    jobs = max(1, min(jobs, len(targets)))
    # Small chunks keep the order-preserving map from stalling on one slow
    # file; large enough that a thousand files are not a thousand messages.
    chunk = max(1, min(16, len(targets) // (jobs * 4)))
    try:
        executor = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(pool, job))
    except (OSError, NotImplementedError, ImportError):
        for t in targets:
            yield one(pool, t, job)
        return
    with executor:
        yield from executor.map(work, targets, chunksize=chunk)
