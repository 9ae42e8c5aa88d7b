"""Which files a run checks: the command line's paths expanded, directories
walked with the include and exclude patterns of their own configuration."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Iterable


@dataclass
class Target:
    """A file to check; ``explicit`` when named on the command line (then a
    non-report is reported rather than skipped)."""

    path: str
    explicit: bool
    # Read only to be compared with (an earlier year next to a file named on
    # the command line, or under ``history:``): never checked or reported.
    context: bool = False


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
            readers = pool.plugin_manager(cfg).readers()
            include += [f"*{s}" for s, r in readers.items() if not getattr(r, "builtin", False) and f"*{s}" not in include]
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


def excluded(path: str, exclude: list[str]) -> bool:
    """Whether one of the ``exclude`` patterns matches ``path`` (its file
    name, or a directory on the way), as a walk of a directory skips it."""
    return _excluded(path, exclude)
