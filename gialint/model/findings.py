"""Findings: what a rule reports, in the fixed JSON shape of DESIGN.md."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from gialint.model.span import Span

CATEGORIES = (
    "structure",
    "label",
    "arithmetic",
    "value",
    "template",
    "consistency",
    "wording",
    "meta",
    "input",
    "internal",
)
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``span`` with ``replacement``.  ``certain`` fixes are applied
    by ``--fix``; the others are offered as suggestions only."""

    replacement: str
    span: Span
    certain: bool = True


@dataclass(slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    name: str
    category: str
    severity: str
    message: str
    fix: Fix | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "fix": None
            if self.fix is None
            else {
                "replacement": self.fix.replacement,
                "certain": self.fix.certain,
                "line": self.fix.span.line,
                "column": self.fix.span.column,
                "end_line": self.fix.span.end_line,
                "end_column": self.fix.span.end_column,
            },
        }

    def with_severity(self, severity: str) -> Finding:
        return replace(self, severity=severity)


@dataclass(slots=True)
class Hit:
    """What a rule kind yields: a place, a message and maybe a fix; the engine
    adds the rule's identity and the file."""

    span: Span | None
    message: str
    fix: Fix | None = None
    cells: tuple[str, ...] = ()  # cell keys involved (arithmetic), for localization
