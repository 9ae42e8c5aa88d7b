"""Batch runs: expand paths into report files, lint each, stream the results
to a formatter in a stable order, and compute the exit status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gialint.model.findings import Finding
from gialint.run.collect import Target

if TYPE_CHECKING:
    from gialint.linting.engine import Checked


@dataclass
class Job:
    """What to do with each file besides linting it."""

    fix: bool = False  # apply certain fixes and write the file
    diff: bool = False  # compute the fixes' diff, write nothing
    use_baseline: bool = True
    cache: bool = True  # reuse findings of unchanged files (gialint/resultcache.py)


@dataclass
class FileResult:
    """One file's outcome, as sent back by a ``--jobs`` worker."""

    path: str
    findings: list[Finding]
    fixed: int = 0
    diff: str = ""
    baselined: int = 0
    stale: int = 0  # baseline entries for this file that no longer occur
    error: str | None = None  # e.g. a fix that could not be written
    skipped: str | None = None  # why a file found in a directory was passed over


# A report allocates thousands of short-lived objects, nearly all freed by
# reference counting; with the default threshold (700) the cyclic collector
# ran ~2 times per report and took 6 % of a batch run, for nothing: net
# allocations per report are small.  A higher first threshold keeps the
# collector for real cycles (measured: no collection in 500 reports).
GC_THRESHOLDS = (20_000, 10, 10)


def tune_gc() -> None:
    """Collector thresholds for a batch run (``gialint check`` and its workers)."""
    import gc

    gc.set_threshold(*GC_THRESHOLDS)


def check_file(pool: Any, target: Target, job: Job | None = None) -> FileResult:
    """Lint (and maybe fix) one file; fingerprint and filter by baseline."""
    from gialint.run.baseline import fingerprint

    job = job or Job()
    linter = pool.for_path(target.path)
    result = FileResult(target.path, [])
    loaded = linter.load(target.path, target.explicit)  # the one load path
    source = None if isinstance(loaded, list) else loaded
    if source is None:
        result.findings = loaded  # type: ignore[assignment]
    elif (job.fix or job.diff) and source.fixable:
        # (local: a check without --fix imports none of this)
        from gialint.linting import fix as fixing
        from gialint.output.diff import unified_diff
        from gialint.run.write import FixError, atomic_write

        outcome = fixing.fix_source(linter, source, target.explicit)
        result.findings = outcome.findings
        if outcome.unstable:
            result.error = f"{target.path}: 未写入修复：{outcome.unstable}，文件保持原样"
        elif outcome.changed and job.diff:
            result.diff = unified_diff(target.path, source, outcome.source)
            result.findings = outcome.initial
        elif outcome.changed:
            try:
                atomic_write(target.path, outcome.source.raw, source.raw)
                result.fixed = outcome.fixed
                source = outcome.source
            except (FixError, OSError) as exc:
                result.error = f"{target.path}: 未写入修复：{exc}"
                result.findings = outcome.initial
    else:
        # Not fixable in place (a page, a Word file, a PDF): fixes stay suggestions.
        checked = check_cached(linter, source, target.explicit) if job.cache else linter.check_source(source, target.explicit)
        result.findings = linter.finish(source, checked)
        result.skipped = checked.skipped
    result.findings = fingerprint(result.findings, source)
    baseline = pool.baseline(target.path) if job.use_baseline else None
    if baseline is not None:
        new, known = baseline.split(target.path, result.findings)
        result.findings = new
        result.baselined = len(known)
        result.stale = max(0, baseline.count_for(target.path) - len(known))
    return result


def check_cached(linter: Any, source: Any, explicit: bool, want_entry: bool = False) -> Checked:
    """:meth:`~gialint.linting.engine.Linter.check_source`, answered from
    the result cache when the file has not changed."""
    from gialint.run import resultcache

    name = resultcache.entry_name(linter, source.path, explicit, source.raw)
    if name is not None:
        cached = resultcache.load(name, want_entry)
        if cached is not None:
            return cached
    checked: Checked = linter.check_source(source, explicit, want_entry=want_entry)
    if name is not None:
        resultcache.store(name, checked)
    return checked


# -- the first pass of a series run (gialint/run/twopass.py) -------------------


@dataclass
class FirstResult:
    """One file as the first pass of a series run leaves it: findings before
    suppression comments (``report`` false: final, the file is no report),
    the report as series-entry data, and the text the findings point into."""

    path: str
    findings: list[Finding]
    report: bool = False
    entry: Any = None  # Entry.to_data()
    text: str | None = None
    described: Any = None  # gialint.run.series.describe(entry)
    skipped: str | None = None  # why a file found in a directory is passed over


def check_first(pool: Any, target: Target, job: Job | None = None) -> FirstResult:
    """Read and check one file for a series run (through the one load path),
    keeping what the second pass needs."""
    job = job or Job()
    linter = pool.for_path(target.path)
    loaded = linter.load(target.path, target.explicit)
    if isinstance(loaded, list):
        return FirstResult(target.path, loaded)
    if job.cache:
        checked = check_cached(linter, loaded, target.explicit, want_entry=True)
    else:
        checked = linter.check_source(loaded, target.explicit, want_entry=True)
    if checked.entry is None:
        return FirstResult(target.path, checked.findings, checked.report, None, loaded.text, skipped=checked.skipped)
    from gialint.linting.series import series_rules
    from gialint.run.series import describe

    keys = set().union(*(r.check.history_keys() for r in series_rules(linter)))
    described = describe(checked.entry, linter.config, keys)
    return FirstResult(target.path, checked.findings, checked.report, checked.entry.to_data(), loaded.text, described)
