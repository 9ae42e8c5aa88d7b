"""Batch runs: expand paths into report files, lint each, stream the results
to a formatter in a stable order, and compute the exit status."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .findings import SEVERITY_RANK, Finding
from .formatters import Formatter, Summary


@dataclass
class Target:
    """A file to check; ``explicit`` when named on the command line (then a
    non-report is reported rather than skipped)."""

    path: str
    explicit: bool


@dataclass
class Problems:
    """Paths that could not be expanded (missing, unreadable directories)."""

    messages: list[tuple[str, str]] = field(default_factory=list)


def expand(paths: Iterable[str], include: list[str], exclude: list[str], problems: Problems) -> list[Target]:
    """Files to check, sorted, without duplicates; directories are walked
    (symlink loops are not followed twice)."""
    out: dict[str, Target] = {}
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            seen: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(p, followlinks=True):
                try:
                    st = os.stat(root)
                except OSError:
                    continue
                if (st.st_dev, st.st_ino) in seen:
                    dirs[:] = []
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(os.path.join(root, d), exclude))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if any(fnmatch(name, pat) for pat in include) and not _excluded(full, exclude):
                        out.setdefault(full, Target(full, False))
        elif p.exists() or p.is_symlink():
            out[str(p)] = Target(str(p), True)
        else:
            problems.messages.append((str(p), "路径不存在"))
            out[str(p)] = Target(str(p), True)
    return sorted(out.values(), key=lambda t: t.path)


def collect(pool: Any, paths: Iterable[str], force_exclude: bool = False, skip_non_reports: bool = False) -> list[Target]:
    """Targets for the command line's paths, each directory walked with the
    include and exclude patterns of its own configuration."""
    out: dict[str, Target] = {}
    problems = Problems()
    for raw in paths:
        cfg = pool.config(raw)
        include = list(cfg.include)
        if hasattr(pool, "plugin_manager"):
            # Plugins' readers add input formats: their suffixes are walked too.
            include += [f"*{suffix}" for suffix in pool.plugin_manager(cfg).readers() if f"*{suffix}" not in include]
        for t in expand([raw], include, cfg.exclude, problems):
            if t.explicit and force_exclude and _excluded(t.path, cfg.exclude):
                continue
            if skip_non_reports:
                t.explicit = False
            # Named explicitly anywhere on the command line wins over found in
            # a directory, whatever the order of the paths (determinism).
            if t.path not in out or (t.explicit and not out[t.path].explicit):
                out[t.path] = t
    return sorted(out.values(), key=lambda t: t.path)


def _excluded(path: str, exclude: list[str]) -> bool:
    norm = path.replace("\\", "/")
    # A pattern matches the path, its file name, or any directory on the way.
    return any(
        fnmatch(norm, pat) or fnmatch(os.path.basename(norm), pat) or fnmatch(norm, f"*/{pat}")
        or fnmatch(norm, f"{pat.rstrip('/')}/*") or fnmatch(norm, f"*/{pat.rstrip('/')}/*")
        for pat in exclude
    )


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
    from .baseline import fingerprint
    from .source import SourceError, read

    job = job or Job()
    linter = pool.for_path(target.path)
    result = FileResult(target.path, [])
    try:
        source = read(target.path, linter.config.max_bytes)
    except SourceError:
        source = None
        result.findings = linter.lint_path(target.path, target.explicit)
    if source is not None:
        if job.fix or job.diff:
            from .fix import FixError, atomic_write, fix_source, unified_diff

            outcome = fix_source(linter, source, target.explicit)
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
            result.findings = _lint_cached(linter, source, target.explicit) if job.cache else linter.lint_source(source, target.explicit)
    fingerprint(result.findings, source)
    baseline = pool.baseline(target.path) if job.use_baseline else None
    if baseline is not None:
        new, known = baseline.split(target.path, result.findings)
        result.findings = new
        result.baselined = len(known)
        result.stale = max(0, baseline.count_for(target.path) - len(known))
    return result


def _lint_cached(linter: Any, source: Any, explicit: bool) -> list[Finding]:
    from . import resultcache

    name = resultcache.entry_name(linter, source.path, explicit, source.raw)
    if name is not None:
        cached = resultcache.load(name)
        if cached is not None:
            return cached
    findings: list[Finding] = linter.lint_source(source, explicit)
    if name is not None:
        resultcache.store(name, findings)
    return findings


def check_files(pool: Any, targets: list[Target], jobs: int = 1, job: Job | None = None) -> Iterator[FileResult]:
    """:func:`check_file` for each target, in the order of ``targets``
    whatever the number of jobs."""
    from .linters import as_pool

    pool = as_pool(pool)
    if jobs <= 1 or len(targets) < 2:
        for t in targets:
            yield check_file(pool, t, job)
        return
    from .parallel import lint_parallel

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
    from .linters import as_pool

    pool = as_pool(linter)
    summary = Summary()
    write(formatter.start())
    for i, result in enumerate(check_files(pool, targets, jobs, job)):
        findings = result.findings
        if on_file is not None:
            findings = on_file(result.path, findings)
        if on_result is not None:
            on_result(result)
        summary.files += 1
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
        write(formatter.file(result.path, findings))
        if progress is not None:
            progress(i + 1)
    write(formatter.end(summary))
    return summary


def _applicable(f: Finding) -> bool:
    from .fix import applicable

    return applicable(f)


def exit_status(summary: Summary, fail_on: str | None = None) -> int:
    """0 when nothing at or above the failing severity was found, else 1.
    Without ``fail_on``, each file's own configuration decided (``run``)."""
    if fail_on is None:
        return 1 if summary.failing else 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[s] >= threshold and n for s, n in summary.counts.items()) else 0
