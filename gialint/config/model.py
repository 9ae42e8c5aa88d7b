"""The run configuration as data."""

from __future__ import annotations

from dataclasses import dataclass, field


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
