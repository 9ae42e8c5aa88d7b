"""Whole-report checks of plugins, as the linter calls them: each plugin's
``gialint_check_report`` on its own, and the check that reports every plugin
load error on every report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable

from gialint.model.findings import CRASH_CODE
from gialint.plugins.info import PluginInfo, _messages

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.model.report import Report


@dataclass
class ReportCheck:
    """One plugin's ``gialint_check_report``, callable on its own."""

    function: Callable[..., Any]
    argnames: tuple[str, ...]

    def __call__(self, report: Report) -> Iterable[Finding]:
        args = {"report": report}
        return self.function(**{a: args[a] for a in self.argnames if a in args}) or ()


@dataclass
class LoadErrors:
    """Reports every plugin load error as an ``internal`` finding, so that a
    run's output (JSON included) shows what did not load.  Holds the plugins'
    infos, not the manager: errors found later (readers, formatters) still
    show, and the check pickles for worker processes."""

    infos: list[PluginInfo]

    def __call__(self, report: Report) -> list[Finding]:
        from gialint.model.findings import Finding

        return [Finding(report.path, 1, 1, 1, 1, CRASH_CODE, "rule-crashed", "internal", "error", msg) for msg in _messages(self.infos)]
