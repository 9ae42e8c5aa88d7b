"""A batch: every target checked (in worker processes with ``--jobs``), the
results streamed to a formatter in the order of the targets, and the exit
status."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator

from gialint.model.findings import SEVERITY_RANK, Finding
from gialint.output.formatters.base import Formatter, Summary
from gialint.run.check import FileResult, Job, check_file
from gialint.run.collect import Target


def check_files(pool: Any, targets: list[Target], jobs: int = 1, job: Job | None = None,
                progress: Callable[[int], None] | None = None) -> Iterator[FileResult]:
    """:func:`check_file` for each target, in the order of ``targets``
    whatever the number of jobs — in two passes when a rule across years
    runs (:mod:`gialint.run.twopass`; not with ``--fix`` or ``--diff``,
    which check each file alone)."""
    from gialint.run.pool import as_pool

    pool = as_pool(pool)
    job = job or Job()
    if targets and not (job.fix or job.diff):
        from gialint.run import twopass

        if twopass.wanted(pool, targets):
            yield from twopass.check_series(pool, targets, jobs, job, progress)
            return
    if jobs <= 1 or len(targets) < 2:
        for t in targets:
            yield check_file(pool, t, job)
        return
    from gialint.run.parallel import lint_parallel

    yield from lint_parallel(pool, targets, jobs, job)


def lint_targets(linter: Any, targets: list[Target], jobs: int = 1) -> Iterator[tuple[str, list[Finding]]]:
    """``(path, findings)`` for each target, in the order of ``targets``
    whatever the number of jobs."""
    for r in check_files(linter, targets, jobs):
        yield r.path, r.findings


def run(
    linter: Any,
    targets: list[Target],
    formatter: Formatter,
    write: Callable[[str], None],
    jobs: int = 1,
    on_file: Callable[[str, list[Finding]], list[Finding]] | None = None,
    progress: Callable[[int], None] | None = None,
    job: Job | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> Summary:
    """Lint ``targets`` (a :class:`~gialint.linters.LinterPool` or a Linter)
    and write the formatter's output; returns the summary."""
    from gialint.run.pool import as_pool

    pool = as_pool(linter)
    summary = Summary()
    wants_view = bool(getattr(formatter, "wants_view", False))
    if wants_view:
        job = replace(job or Job(), view=True)
    _write(write, formatter.start())
    for i, result in enumerate(check_files(pool, targets, jobs, job, progress)):
        findings = result.findings
        if on_file is not None:
            findings = on_file(result.path, findings)
        if on_result is not None:
            on_result(result)
        summary.files += 1
        if result.skipped:
            summary.skipped[result.skipped] = summary.skipped.get(result.skipped, 0) + 1
        summary.fixed += result.fixed
        summary.baselined += result.baselined
        if findings:
            summary.files_with_findings += 1
        threshold = SEVERITY_RANK[pool.config(result.path).fail_on]
        for f in findings:
            summary.counts[f.severity] = summary.counts.get(f.severity, 0) + 1
            summary.by_rule[f.rule] = summary.by_rule.get(f.rule, 0) + 1
            if SEVERITY_RANK.get(f.severity, 3) >= threshold:
                summary.failing += 1
            if f.fix is not None and _applicable(f):
                summary.fixable += 1
        if wants_view:
            _write(write, formatter.file(result.path, findings, view=result.view))  # type: ignore[call-arg]
        else:
            _write(write, formatter.file(result.path, findings))
        if progress is not None:
            progress(i + 1)
    _write(write, formatter.end(summary))
    return summary


def _write(write: Callable[[str], None], out: str | Iterable[str]) -> None:
    """A formatter returns its text, or (for a large output made at the
    end, like the HTML page) an iterable of chunks written one by one."""
    if isinstance(out, str):
        write(out)
    else:
        for chunk in out:
            write(chunk)


def _applicable(f: Finding) -> bool:
    from gialint.linting.fix import applicable

    return applicable(f)


def exit_status(summary: Summary, fail_on: str | None = None) -> int:
    """0 when nothing at or above the failing severity was found, else 1.
    Without ``fail_on``, each file's own configuration decided (``run``)."""
    if fail_on is None:
        return 1 if summary.failing else 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[s] >= threshold and n for s, n in summary.counts.items()) else 0
