"""Run configuration: which rules run, at which severity, and what fails the run.

This module holds the settings and how rule references resolve; reading
``.gialint.yaml`` / ``pyproject.toml`` lives in :mod:`gialint.configfile`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .findings import CATEGORIES, SEVERITIES
from .suggest import did_you_mean

if TYPE_CHECKING:
    from .rulespec import RuleMeta


class ConfigError(Exception):
    """A configuration mistake; ``str()`` names the file and the cause."""


@dataclass
class Config:
    select: list[str] | None = None  # None: every rule enabled by default
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    max_bytes: int = 5 * 1024 * 1024
    # Bounds on one file and on the time spent on it (gialint must never stall
    # a pre-commit hook).  A report has a few hundred lines and cells; files
    # beyond these are refused with GIA003.  Timeouts are in seconds, 0 for
    # none; they are enforced where gialint/budget.py can (main thread, POSIX).
    max_lines: int = 100_000
    max_cells: int = 100_000  # tab and pipe characters: table cells
    read_timeout: float = 10.0  # parsing and binding one file (GIA003)
    rule_timeout: float = 5.0  # one rule or plugin check on one file (GIA009)
    rule_files: list[str] = field(default_factory=list)
    template_files: list[str] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    include: list[str] = field(default_factory=lambda: ["*.md", "*.txt", "*.markdown"])
    exclude: list[str] = field(default_factory=list)
    baseline: str | None = None  # baseline file (gialint/baseline.py)
    path: str | None = None  # the file it was read from
    base_dir: str | None = None
    where: dict[str, str] = field(default_factory=dict)  # key → "file:line" it was set at


def resolve(ref: str, metas: Iterable[RuleMeta]) -> list[RuleMeta]:
    """Rules a reference names: a code (GIA201), a name (row-label), a code
    prefix (GIA2), a group (soft), a category (label) or ``all``."""
    metas = list(metas)
    if ref == "all":
        return metas
    hits = [m for m in metas if ref in (m.code, m.name) or ref in m.groups or ref == m.category]
    if not hits and len(ref) >= 3 and ref[:1].isalpha() and ref.upper() == ref:
        hits = [m for m in metas if m.code.startswith(ref)]
    return hits


def check_refs(refs: Iterable[str], metas: Iterable[RuleMeta], where: str) -> None:
    metas = list(metas)
    words = {m.code for m in metas} | {m.name for m in metas} | {g for m in metas for g in m.groups} | set(CATEGORIES) | {"all"}
    for ref in refs:
        if not resolve(ref, metas):
            raise ConfigError(f"{where}: 未知的规则引用 {ref!r}{did_you_mean(ref, words)}")


def enabled_codes(config: Config, metas: Iterable[RuleMeta], path: str | None = None) -> set[str]:
    """The codes that run, after select / extend_select / ignore (and the
    per-file ignores matching ``path``)."""
    metas = list(metas)
    if config.select is None:
        on = {m.code for m in metas if m.enabled}
    else:
        on = {m.code for ref in config.select for m in resolve(ref, metas)}
    on |= {m.code for ref in config.extend_select for m in resolve(ref, metas)}
    off = {m.code for ref in config.ignore for m in resolve(ref, metas)}
    if path is not None and config.per_file_ignores:
        from fnmatch import fnmatch

        candidates = _match_paths(path, config.base_dir)
        for pattern, refs in config.per_file_ignores.items():
            if any(fnmatch(c, pattern) for c in candidates):
                off |= {m.code for ref in refs for m in resolve(ref, metas)}
    return on - off


def _match_paths(path: str, base_dir: str | None) -> list[str]:
    """Forms of ``path`` a per-file pattern may match: as given, relative to
    the configuration's directory, and the bare file name."""
    import os

    norm = path.replace("\\", "/")
    out = [norm, norm.split("/")[-1]]
    if base_dir is not None:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir)).replace("\\", "/")
        if not rel.startswith("../"):
            out.insert(0, rel)
    return out


def severities(config: Config, metas: Iterable[RuleMeta]) -> dict[str, str]:
    """Code → severity, with the configuration's overrides applied."""
    metas = list(metas)
    out = {m.code: m.severity for m in metas}
    for ref, sev in config.severity.items():
        if sev not in SEVERITIES:
            raise ConfigError(f"严重程度 {sev!r} 无效{did_you_mean(sev, SEVERITIES)}；可选：{', '.join(SEVERITIES)}")
        for m in resolve(ref, metas):
            out[m.code] = sev
    return out
