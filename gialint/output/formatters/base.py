"""Output formats for ``gialint check --format``.

A formatter is a class with a ``name`` and three methods called in order:
``start()``, ``file(path, findings)`` once per file as results arrive (so
findings are streamed, not all held), and ``end(summary)``; each returns the
text to print — or an iterable of text chunks, written one by one (a large
output made at the end, such as the HTML page, need not be one string).

A formatter that shows the reports themselves, not only the findings, sets
``wants_view = True``: each file is then also read into a
:class:`~gialint.output.view.ReportView` (its text, blocks and tables; in the
worker process with ``--jobs``) and ``file(path, findings, view=…)`` receives
it (``None`` for a file that is not a report or could not be read).
Built-in formatters are registered through the same
``gialint_add_formatters`` hook as a plugin's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.rules.ruleset import RuleSet


@dataclass
class Summary:
    files: int = 0
    files_with_findings: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # severity → count
    by_rule: dict[str, int] = field(default_factory=dict)
    fixed: int = 0  # fixes applied by --fix
    fixable: int = 0  # findings --fix would correct
    failing: int = 0  # findings at or above their file's failing severity
    baselined: int = 0  # findings hidden by a baseline
    # Files found in directories and passed over, by reason (文件为空, 不是年度报告…).
    skipped: dict[str, int] = field(default_factory=dict)


class Formatter:
    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    #: Ask for each report's :class:`~gialint.output.view.ReportView`,
    #: passed to :meth:`file` as ``view=``.
    wants_view: ClassVar[bool] = False
    #: The lowest severity that fails the run (``--fail-on`` / ``fail-on``),
    #: set by the command before ``start()``: formats that mark failures
    #: (JUnit) mark only these.
    fail_on: str = "error"

    def __init__(self, ruleset: RuleSet | None = None, color: bool = False, statistics: bool = False) -> None:
        self.ruleset = ruleset
        self.color = color
        self.statistics = statistics

    def start(self) -> str:
        return ""

    def file(self, path: str, findings: list[Finding]) -> str:
        return ""

    def end(self, summary: Summary) -> str:
        return ""

