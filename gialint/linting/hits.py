"""What a rule yielded, checked before it becomes a finding (and its data
passed on), failed sums pointed at the cell where they cross, and how a
finding about a rule names it (and quotes its error, as program text)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gialint.model.findings import Finding, Fix, Hit
from gialint.model.span import Span
from gialint.rules.spec import RuleMeta
from gialint.util.normalize import visible

if TYPE_CHECKING:
    from gialint.model.report import Report


def ref(meta: RuleMeta) -> str:
    """``GIA301（applications-balance，来自 `rules/arithmetic.yaml` 第 3 行）``"""
    where = f"`{visible(meta.origin)}`" + (f" 第 {meta.line} 行" if meta.line else "")
    return f"{meta.code}（{meta.name}，来自 {where}）"


def code_text(text: str, limit: int = 80) -> str:
    """Program text (an exception, a repr) quoted in backticks, shortened."""
    text = visible(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "`" + text.replace("`", "'") + "`"


def error_text(exc: BaseException) -> str:
    """An exception as program text: ```KeyError: 'x'```."""
    return code_text(f"{type(exc).__name__}: {exc}", 200)


def invalid_hit(hit: object, line_count: int) -> str | None:
    """What is wrong with what a rule yielded, or ``None`` for a good hit: a
    :class:`Hit` with a text message and, if any, a span inside the file."""
    if not isinstance(hit, Hit):
        return "不是 `Hit`"
    if not isinstance(hit.message, str):
        return "`message` 不是字符串"
    if not isinstance(hit.extra, Mapping) or not all(isinstance(k, str) for k in hit.extra):
        return "`extra` 不是以字符串为键的映射"
    if hit.fix is not None and not (isinstance(hit.fix, Fix) and isinstance(hit.fix.replacement, str) and isinstance(hit.fix.span, Span)):
        return "`fix` 无效"
    for span in (hit.span, hit.fix.span if hit.fix else None):
        if span is None:
            continue
        if not isinstance(span, Span) or not all(isinstance(v, int) for v in (span.line, span.column, span.end_line, span.end_column)):
            return "位置不是 `Span`"
        # End positions are exclusive: one past the last line or column is fine.
        last = max(line_count, 1) + 1
        if not (1 <= span.line <= span.end_line <= last and span.column >= 1 and span.end_column >= 1):
            return "位置超出文件范围"
        if span.line == span.end_line and span.end_column < span.column:
            return "位置的结束早于开始"
    return None


def extra_of(hit: Hit) -> dict[str, Any] | None:
    """A finding's ``extra`` from its hit's: the hit's own data, and the
    cells it names (``cells``) for output formats."""
    extra = dict(hit.extra) if hit.extra else None
    if hit.cells:
        extra = {**(extra or {}), "cells": list(hit.cells)}
    return extra


def localize(report: Report, findings: list[Finding], failures: Sequence[tuple[Finding, tuple[str, ...]]]) -> list[Finding]:
    """Point each failed equation at the cell shared by most failed equations:
    one wrong number breaks its row's and its column's sums, and the cell where
    they cross is the one to look at.  Returns ``findings`` with those moved."""
    if len(failures) < 2:
        return findings
    counts = Counter(c for _, cells in failures for c in set(cells))
    moved: dict[int, Finding] = {}
    for f, cells in failures:
        ranked = sorted(set(cells), key=lambda c: -counts[c])
        if len(ranked) > 1 and counts[ranked[0]] > 1 and counts[ranked[0]] > counts[ranked[1]]:
            cell = report.cell(ranked[0])
            if cell is not None and cell.span is not None and cell.content == "number":
                moved[id(f)] = f.moved(cell.span).with_extra(suspect=ranked[0])
    return [moved.get(id(f), f) for f in findings] if moved else findings
