"""What a rule yielded, checked before it becomes a finding, and how a
finding about a rule names it."""

from __future__ import annotations

from gialint.model.findings import Fix, Hit
from gialint.model.span import Span
from gialint.rules.spec import RuleMeta


def ref(meta: RuleMeta) -> str:
    """``GIA301（applications-balance，来自 rules/arithmetic.yaml:3）``"""
    where = f"{meta.origin}:{meta.line}" if meta.line else meta.origin
    return f"{meta.code}（{meta.name}，来自 {where}）"


def invalid_hit(hit: object, line_count: int) -> str | None:
    """What is wrong with what a rule yielded, or ``None`` for a good hit: a
    :class:`Hit` with a text message and, if any, a span inside the file."""
    if not isinstance(hit, Hit):
        return "不是 Hit"
    if not isinstance(hit.message, str):
        return "message 不是字符串"
    if hit.fix is not None and not (isinstance(hit.fix, Fix) and isinstance(hit.fix.replacement, str) and isinstance(hit.fix.span, Span)):
        return "fix 无效"
    for span in (hit.span, hit.fix.span if hit.fix else None):
        if span is None:
            continue
        if not isinstance(span, Span) or not all(isinstance(v, int) for v in (span.line, span.column, span.end_line, span.end_column)):
            return "位置不是 Span"
        # End positions are exclusive: one past the last line or column is fine.
        last = max(line_count, 1) + 1
        if not (1 <= span.line <= span.end_line <= last and span.column >= 1 and span.end_column >= 1):
            return "位置超出文件范围"
        if span.line == span.end_line and span.end_column < span.column:
            return "位置的结束早于开始"
    return None
