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
    cache: bool = True  # reuse findings of unchanged files (gialint/run/resultcache.py)
    view: bool = False  # also send back each report's text and structure (Formatter.wants_view)


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
    view: Any = None  # the report's ReportView (gialint.output.view), with Job.view, when it is one


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
        from gialint.load.files import os_reason
        from gialint.output.diff import unified_diff
        from gialint.run.write import FixError, atomic_write
        from gialint.util.normalize import visible

        outcome = fixing.fix_source(linter, source, target.explicit)
        result.findings = outcome.findings
        if outcome.unstable:
            result.error = f"{visible(target.path)}: 未写入修复：{outcome.unstable}，文件保持原样"
        elif outcome.changed and job.diff:
            result.diff = unified_diff(target.path, source, outcome.source)
            result.findings = outcome.initial
        elif outcome.changed:
            try:
                atomic_write(target.path, outcome.source.raw, source.raw)
                result.fixed = outcome.fixed
                source = outcome.source
            except (FixError, OSError) as exc:
                reason = os_reason(exc, "写入") if isinstance(exc, OSError) else str(exc)
                result.error = f"{visible(target.path)}: 未写入修复：{reason}，文件保持原样"
                result.findings = outcome.initial
    else:
        # Not fixable in place (a page, a Word file, a PDF): fixes stay suggestions.
        views: list[Any] | None = [] if job.view else None
        if job.cache:
            checked = check_cached(linter, source, target.explicit, views=views)
        else:
            checked = linter.check_source(source, target.explicit, **({"want_report": True} if job.view else {}))
            if views is not None and checked.bound is not None:
                views.append(_view(source, checked.bound))
        result.findings = linter.finish(source, checked)
        result.skipped = checked.skipped
        result.view = views[0] if views else None
    if job.view and source is not None and result.view is None and (job.fix or job.diff) and source.fixable:
        report = linter.read(source, target.explicit)  # the file as fixed
        result.view = _view(source, report) if report is not None else None
    return settle(result, pool, job, target.path, source)


def settle(result: FileResult, pool: Any, job: Job, path: str, source: Any) -> FileResult:
    """Fingerprint a file's findings and leave out those in the baseline
    (counting them, and the baseline's entries that no longer occur)."""
    from gialint.run.baseline import fingerprint

    result.findings = fingerprint(result.findings, source)
    baseline = pool.baseline(path) if job.use_baseline else None
    if baseline is not None:
        new, known = baseline.split(path, result.findings)
        result.findings = new
        result.baselined = len(known)
        result.stale = max(0, baseline.count_for(path) - len(known))
    return result


def check_cached(linter: Any, source: Any, explicit: bool, want_entry: bool = False, views: list[Any] | None = None,
                 plain: bool = False, store: bool = True) -> Checked:
    """:meth:`~gialint.linting.engine.Linter.check_source`, answered from
    the result cache when the file has not changed.  With ``views`` (a
    list), the report's view is appended to it (for a formatter that shows
    the reports; as plain data with ``plain``): from the cache too when it
    has one, else the file is read for it (and checked, unless the cache
    had its findings)."""
    from gialint.run import resultcache

    name = resultcache.entry_name(linter, source.path, explicit, source.raw)
    cached = resultcache.load(name, want_entry) if name is not None else None
    if cached is not None:
        if views is None or not cached.report:
            return cached
        view = resultcache.load_view(name, source, plain)  # type: ignore[arg-type]
        if view is None:
            report = linter.read(source, explicit)
            view = _view(source, report, plain) if report is not None else None
            if view is not None and resultcache.cacheable(cached.findings):
                resultcache.store_view(name, view)  # type: ignore[arg-type]
        if view is not None:
            views.append(view)
        return cached
    wants = {"want_report": True} if views is not None else {}  # (only when asked: callers may wrap check_source)
    checked: Checked = linter.check_source(source, explicit, want_entry=want_entry, **wants)
    view = _view(source, checked.bound, plain) if views is not None and checked.bound is not None else None
    if view is not None:
        views.append(view)  # type: ignore[union-attr]
    if name is not None and store:  # (store=False: the caller stores it, with more)
        resultcache.store(name, checked)
        if view is not None and resultcache.cacheable(checked.findings):
            resultcache.store_view(name, view)
    return checked


def _view(source: Any, report: Any, plain: bool = False) -> Any:
    """The report's view for a formatter (as plain data with ``plain``), or
    ``None`` if it cannot be made (the findings are still reported; a page
    then lists them alone)."""
    from gialint.output.view import report_view, to_plain

    try:
        view = report_view(source, report)
        return to_plain(view) if plain else view
    except Exception:  # noqa: BLE001 - a courtesy of the output, never a reason to stop
        return None


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
    view: Any = None  # with Job.view: the report's view as plain data (gialint.output.view.to_plain)
    entry_ref: str | None = None  # a context report's entry, left in the result cache until needed
    stamp: tuple[int, int] | None = None  # a context report's (size, mtime_ns) when its per-file entry holds it


def entry_of_file(linter: Any, path: str) -> tuple[Any, Any]:
    """``path`` read and bound (not checked): what the one load path gave
    (findings when it could not read the file) and the report's series
    entry, ``None`` when it is no report."""
    from gialint.bind.entry import digest_of, entry_of

    loaded = linter.load(path, False)
    report = None if isinstance(loaded, list) else linter.read(loaded, False)
    return loaded, None if report is None else entry_of(report, digest_of(loaded.raw or loaded.text))


def _context_first(linter: Any, target: Target) -> FirstResult:
    """A report read only to be compared with: its series entry, never its
    findings — bound, not checked.  Its entry is kept in the disk cache by
    the file's path, size and modification time (as ruff keys its cache),
    so an unchanged earlier year is not even read again; and that even with
    ``--no-cache``, which is about the findings of the files checked: a
    pre-commit run on one report must not re-read a folder of reports.
    ``stamp`` is set when the answer is the cache's (or now is)."""
    import os

    from gialint.linting.series import history_keys
    from gialint.run import context
    from gialint.run.series import describe

    keys = history_keys(linter)
    try:
        st = os.stat(target.path)
        stamp = (st.st_size, st.st_mtime_ns)
        name = context.context_name(linter, keys, target.path, *stamp)
    except OSError:
        stamp, name = None, None
    stored = context.load_context(name) if name is not None else None
    if stored is not None:
        is_report, described = stored
        if not is_report:
            return FirstResult(target.path, [], skipped="不像年度报告的文件", stamp=stamp)
        # The entry stays in the cache until the pairing asks for it.
        return FirstResult(target.path, [], True, None, None, described, entry_ref=name, stamp=stamp)
    loaded, entry = entry_of_file(linter, target.path)
    if entry is None:
        kept = name is not None and not isinstance(loaded, list) and context.store_context(name, None, None)
        return FirstResult(target.path, [], skipped="不像年度报告的文件", stamp=stamp if kept else None)
    data, described = entry.to_data(), describe(entry, linter.config, keys)
    kept = name is not None and context.store_context(name, data, described)
    return FirstResult(target.path, [], True, data, None, described, stamp=stamp if kept else None)


def check_first(pool: Any, target: Target, job: Job | None = None) -> FirstResult:
    """Read and check one file for a series run (through the one load path),
    keeping what the second pass needs."""
    job = job or Job()
    linter = pool.for_path(target.path)
    if target.context:
        return _context_first(linter, target)
    loaded = linter.load(target.path, target.explicit)
    if isinstance(loaded, list):
        return FirstResult(target.path, loaded)
    views: list[Any] | None = [] if job.view else None  # as plain data: they go to the spill
    from gialint.linting.series import history_keys
    from gialint.run import resultcache
    from gialint.run.series import describe

    keys = history_keys(linter)
    if job.cache and views is None:
        # The cache keeps the entry as text and what the run keeps of it:
        # the entry is decoded only if this report is paired.
        name = resultcache.entry_name(linter, loaded.path, target.explicit, loaded.raw)
        hit = resultcache.load_first(name) if name is not None else None
        if hit is not None:
            found, text, described = hit
            if text is None:
                return FirstResult(target.path, found.findings, found.report, None, loaded.text, skipped=found.skipped)
            return FirstResult(target.path, found.findings, True, text, loaded.text, described)
        checked = check_cached(linter, loaded, target.explicit, want_entry=True, store=False)
        described = describe(checked.entry, linter.config, keys) if checked.entry is not None else None
        if name is not None:
            resultcache.store(name, checked, described)
        if checked.entry is None:
            return FirstResult(target.path, checked.findings, checked.report, None, loaded.text, skipped=checked.skipped)
        return FirstResult(target.path, checked.findings, checked.report, checked.entry.to_data(), loaded.text, described)
    if job.cache:
        checked = check_cached(linter, loaded, target.explicit, want_entry=True, views=views, plain=True)
    else:
        checked = linter.check_source(loaded, target.explicit, want_entry=True, **({"want_report": True} if job.view else {}))
        if views is not None and checked.bound is not None:
            views.append(_view(loaded, checked.bound, plain=True))
    view = views[0] if views else None
    if checked.entry is None:
        return FirstResult(target.path, checked.findings, checked.report, None, loaded.text, skipped=checked.skipped, view=view)
    described = describe(checked.entry, linter.config, keys)
    return FirstResult(target.path, checked.findings, checked.report, checked.entry.to_data(), loaded.text, described, view=view)
