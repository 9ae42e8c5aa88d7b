"""Batch runs: expand paths into report files, lint each, stream the results
to a formatter in a stable order, and compute the exit status."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .engine import Linter
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


def _excluded(path: str, exclude: list[str]) -> bool:
    norm = path.replace("\\", "/")
    return any(fnmatch(norm, pat) or fnmatch(os.path.basename(norm), pat) or fnmatch(norm, f"*/{pat}") for pat in exclude)


def lint_targets(linter: Linter, targets: list[Target], jobs: int = 1) -> Iterator[tuple[str, list[Finding]]]:
    """``(path, findings)`` for each target, in the order of ``targets``
    whatever the number of jobs."""
    if jobs <= 1 or len(targets) < 2:
        for t in targets:
            yield t.path, linter.lint_path(t.path, t.explicit)
        return
    from .parallel import lint_parallel

    yield from lint_parallel(linter, targets, jobs)


def run(
    linter: Linter,
    targets: list[Target],
    formatter: Formatter,
    write: Callable[[str], None],
    jobs: int = 1,
    on_file: Callable[[str, list[Finding]], list[Finding]] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Lint ``targets`` and write the formatter's output; returns the summary."""
    summary = Summary()
    write(formatter.start())
    for i, (path, findings) in enumerate(lint_targets(linter, targets, jobs)):
        if on_file is not None:
            findings = on_file(path, findings)
        summary.files += 1
        if findings:
            summary.files_with_findings += 1
        for f in findings:
            summary.counts[f.severity] = summary.counts.get(f.severity, 0) + 1
            summary.by_rule[f.rule] = summary.by_rule.get(f.rule, 0) + 1
        write(formatter.file(path, findings))
        if progress is not None:
            progress(i + 1)
    write(formatter.end(summary))
    return summary


def exit_status(summary: Summary, fail_on: str) -> int:
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[s] >= threshold and n for s, n in summary.counts.items()) else 0
