"""Equations over blank cells: the finding of the ``equation`` kind when no
non-negative value of the blanks can make a relation hold (its verdict comes
from :mod:`gialint.rules.expr.bounds`), with the numbers as ranges (``为 0``,
``至少为 3``) and the blank cells named."""

from __future__ import annotations

from typing import Any

from gialint.model.findings import Hit
from gialint.model.report import BoundCell, Report
from gialint.rules.expr import ANY, describe
from gialint.util.normalize import visible

# A cell written as nothing (blank) or as no value (—, /, 无): an unknown
# count, never negative.
BLANKISH = frozenset({"blank", "dash"})


def blank_hit(kind: Any, report: Report, env: Any, label: str) -> Hit | None:
    """The hit of equation ``kind`` evaluated in ``env`` when the equation
    cannot hold for any non-negative value of its blank cells, else ``None``."""
    verdict = kind.expr.bounds(env)
    if verdict.holds is not False:
        return None
    blanks = [c for c in (env.cell(n)[1] for n in verdict.unknown) if c is not None and c.content in BLANKISH]
    if not blanks:
        return None  # broken by a text or missing cell's range: cannot happen, but never guess
    names = "、".join(dict.fromkeys(_blank_name(kind.opts["for_each"], c) for c in blanks))
    fields = dict(
        where=label,
        lhs=describe(verdict.lhs or ANY),
        rhs=describe(verdict.rhs or ANY),
        lhs_text=kind.sides[0],
        rhs_text=kind.sides[1],
        blanks=names,
        detail=f"{label}：{kind.opts['assert']} 对空白单元格（{names}）的任何非负取值都不成立",
    )
    anchor = kind._anchor(report, env)
    if anchor is None or anchor.span is None or anchor.content in BLANKISH:
        numbers = (env.cell(n)[1] for n in kind.expr.names())
        anchor = next((c for c in numbers if c is not None and c.span is not None and c.content == "number"), anchor)
    template = kind.opts["message_blanks"] or kind.meta.message or kind.default_message
    return Hit(anchor.span if anchor else None, _format(template, fields), cells=tuple(dict.fromkeys(env.used)))


def _blank_name(for_each: str, cell: BoundCell) -> str:
    if for_each == "row":
        return cell.column_label
    if for_each == "column":
        return cell.row_label
    return f"{cell.row_label}·{cell.column_label}" if cell.row_label and cell.row_label != cell.column_label else cell.column_label


def _format(template: str, fields: dict[str, str]) -> str:
    from gialint.rules.kinds.base import _Fields

    try:
        return template.format_map(_Fields({k: visible(v) for k, v in fields.items()}))
    except (ValueError, IndexError):
        return template
