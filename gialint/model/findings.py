"""Findings: what a rule reports, in the fixed JSON shape of DESIGN.md."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

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

# The codes gialint's own machinery emits (not a rule kind): their metadata
# is in rules/input.yaml and rules/suppress.yaml like any rule's.
INPUT_CODES = {
    "undecodable": "GIA001", "binary": "GIA001", "empty": "GIA002", "not-a-report": "GIA002",
    "too-large": "GIA003", "too-slow": "GIA003", "unreadable": "GIA004",
    # Published formats (gialint/load/formats.py): a file gialint cannot open as a document.
    "damaged": "GIA005", "encrypted": "GIA005", "no-text-layer": "GIA005", "unsupported-format": "GIA005",
    "unsafe-xml": "GIA005", "missing-dependency": "GIA005",
}  # fmt: skip
TIMEOUT_CODE = "GIA003"  # too large or too slow to read: depends on time, never cached
CRASH_CODE = "GIA009"  # a rule, plugin or reader failed
UNUSED_SUPPRESSION_CODE = "GIA010"
BAD_SUPPRESSION_CODE = "GIA011"


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``span`` with ``replacement``.  ``certain`` fixes are applied
    by ``--fix``; the others are offered as suggestions only."""

    replacement: str
    span: Span
    certain: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file.  Immutable: a changed finding is a new
    one (:func:`dataclasses.replace`, or :meth:`moved` and :meth:`with_extra`)."""

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
        out = {
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
        location = self.extra.get("location")
        if location:
            # A page, a Word file or a PDF: where the finding is in the document (docs/readers.md).
            out["location"] = location
        return out

    def with_severity(self, severity: str) -> Finding:
        return replace(self, severity=severity)

    def moved(self, span: Span) -> Finding:
        """The same finding pointing at ``span``."""
        return replace(self, line=span.line, column=span.column, end_line=span.end_line, end_column=span.end_column)

    def with_extra(self, **extra: Any) -> Finding:
        """The same finding with more ``extra`` data (a new mapping)."""
        return replace(self, extra={**self.extra, **extra})


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule kind yields: a place, a message and maybe a fix; the engine
    adds the rule's identity and the file.

    ``cells`` names the cell keys involved (arithmetic): the engine uses them
    to point a failed sum at the cell where failed sums cross, and passes
    them on as ``extra["cells"]``.  ``extra`` is structured data for output
    formats (plain data only: strings, numbers, lists, mappings), copied into
    :attr:`Finding.extra` — e.g. ``relation``, both sides of a failed
    equation with their terms and values (:mod:`gialint.rules.kinds.equation`).
    It is kept in the result cache and never printed in the JSON output."""

    span: Span | None
    message: str
    fix: Fix | None = None
    cells: tuple[str, ...] = ()  # cell keys involved (arithmetic), for localization
    extra: Mapping[str, Any] = field(default_factory=dict)
