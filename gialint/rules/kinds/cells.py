"""Kind ``cell-values``: each official cell holds a proper value — not blank,
not a dash or 无, a number, not negative (except 本年增/减), whole in a count,
with a readable unit where the format gives none, in the column's unit, and
a count written plainly (``8``, not ``+8`` or ``8.0``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from gialint.model.findings import Fix, Hit
from gialint.model.report import BoundCell, Report
from gialint.parse.values import parse_value
from gialint.model.span import Span
from gialint.rules.kinds.base import Kind, Option

CHECKS = ("blank", "dash", "text", "missing", "negative", "fraction", "unit", "unit-mismatch", "notation")
_MONEY_UNITS = ("元", "万元")
_BY_KIND = frozenset(("blank", "dash", "text", "missing"))  # decided by the cell's kind alone


class CellValues(Kind):
    name = "cell-values"
    description = "Cell values: blank, dash or 无, non-numeric, missing, negative, fractional counts, money without a unit, a unit other than the column's, a count written +8 or 8.0."
    options = {
        "check": Option(str, required=True, choices=CHECKS),
        "tables": Option(list),
        "per_row": Option(bool, default=False, doc="one finding per row listing its cells"),
    }
    fields = {
        "row": "the row's official label", "column": "the column's official label", "raw": "the cell as written",
        "count": "how many cells of the row (per_row)", "columns": "their columns (per_row)",
        "reading": "how the cell's unit differs from the column's (unit-mismatch)", "plain": "the count written plainly (notation)",
        "detail": "the whole message as gialint words it",
    }  # fmt: skip

    def check(self, report: Report) -> Iterable[Hit]:
        check = self.opts["check"]
        only = self.opts["tables"]
        for key, table in report.tables.items():
            if (only is not None and key not in only) or not table.readable:
                continue
            tpl = table.template
            if self.opts["per_row"]:
                rows: dict[str, list[BoundCell]] = {}
                for c in self._candidates(table.cells.values(), tpl):
                    if self._bad(c, tpl):
                        rows.setdefault(c.row, []).append(c)
                for row_key, cells in rows.items():
                    first = cells[0]
                    columns = "、".join(c.column_label for c in cells)
                    yield Hit(
                        _shown_span(report, cells),
                        self.message(row=first.row_label, count=len(cells), columns=columns, detail=f"“{first.row_label}”有 {len(cells)} 个单元格不合要求（{columns}）"),
                        # The cells it names, for output formats (not Hit.cells:
                        # those steer where failed sums point).
                        extra={"cells": [c.key for c in cells]},
                    )
                continue
            bad = [c for c in self._candidates(table.cells.values(), tpl) if self._bad(c, tpl)]
            for c in bad:
                fields = dict(row=c.row_label, column=c.column_label, raw=c.raw or "", detail=f"“{c.row_label}”的“{c.column_label}”：“{c.raw or ''}”")
                fix = None
                if check == "unit-mismatch":
                    fields["reading"] = _unit_reading(c, tpl)
                elif check == "notation":
                    plain = str(int(c.value)) if c.value is not None else ""
                    fields["plain"] = plain
                    if c.span is not None and c.raw is not None and c.raw.strip():
                        fix = Fix(plain, c.span, False)  # a number: never applied by --fix
                yield Hit(_shown_span(report, [c]), self.message(**fields), fix)

    def _candidates(self, cells: Iterable[BoundCell], tpl) -> list[BoundCell]:  # type: ignore[no-untyped-def]
        """The cells that may fail the check, by tests written inline (a
        table has ~200 cells and the checks run on every report): only these
        go to :meth:`_bad`."""
        check = self.opts["check"]
        if check == "missing":
            # A row missing altogether has no span: the row's own finding (GIA111) says so.
            return [c for c in cells if c.content == "missing" and c.span is not None]
        if check in _BY_KIND:
            return [c for c in cells if c.content == check]
        if check == "negative":
            return [c for c in cells if c.content == "number" and c.value is not None and c.value < 0]
        if check == "fraction":
            return [c for c in cells if c.content == "number" and type(c.value) is Decimal]
        if check == "unit":
            money = {col.key for col in tpl.columns if col.type == "money" and col.unit is None}
            return [c for c in cells if c.column in money and c.content == "number"] if money else []
        if check == "unit-mismatch":
            return [c for c in cells if c.content == "number" and c.unit is not None]
        if check == "notation":
            return [c for c in cells if c.content == "number" and c.raw and ("+" in c.raw or "＋" in c.raw or type(c.value) is Decimal)]
        return [c for c in cells if c.content == "number"]

    def _bad(self, c: BoundCell, tpl) -> bool:  # type: ignore[no-untyped-def]
        check = self.opts["check"]
        if check in _BY_KIND:
            return c.content == check
        if c.content != "number" or c.value is None:
            return False
        if check == "negative":
            if c.value >= 0:
                return False
            col = tpl.column(c.column)
            return not (col and col.signed)
        col = tpl.column(c.column)
        if check == "fraction":
            return col is not None and col.type == "count" and isinstance(c.value, Decimal) and c.value != c.value.to_integral_value()
        if check == "unit":
            return col is not None and col.type == "money" and col.unit is None and c.unit not in ("元", "万元") and c.value != 0
        if check == "unit-mismatch" and col is not None and c.unit is not None:
            if col.type == "money":
                return c.unit not in _MONEY_UNITS or (col.unit is not None and c.unit != col.unit)
            return c.unit in _MONEY_UNITS  # 件、个、项… are fine in a count
        if check == "notation" and col is not None and col.type == "count" and not col.signed:
            written = parse_value(c.raw or "")
            whole = c.value == int(c.value)
            return whole and (written.sign == "+" or written.decimals > 0)
        return False


def _unit_reading(c: BoundCell, tpl) -> str:  # type: ignore[no-untyped-def]
    """How a cell's unit differs from its column's, in words."""
    col = tpl.column(c.column)
    if col is None:
        return ""
    if col.type != "money":
        return f"件数不应带金额单位“{c.unit}”"
    if c.unit not in _MONEY_UNITS:
        return f"金额的单位应为元或万元，不是“{c.unit}”"
    value = format(c.value.normalize(), "f") if isinstance(c.value, Decimal) else str(c.value)
    return f"与列的单位（{col.unit}）不同，按列的单位为 {value}{col.unit}"


def _shown_span(report: Report, cells: list[BoundCell]) -> Span | None:
    """The span a finding on ``cells`` points at.  A blank cell has no text,
    so its own span is empty (no caret, nothing for an editor to underline):
    it is widened to the separators around the blank cells of one line —
    from the first blank cell to the last, and at least the character after
    it (the tab or ``|`` that ends it) or, at the end of the line, the one
    before it.  ``line`` and ``column`` stay the first blank cell's."""
    first = cells[0].span
    if first is None or first.line != first.end_line or first.column != first.end_column:
        return first
    text = report.document.source.line_text(first.line)
    last = max((c.span.end_column for c in cells if c.span is not None and c.span.line == first.line), default=first.end_column)
    end = min(max(last, first.column + 1), len(text) + 1)
    if end > first.column:
        return Span(first.line, first.column, first.line, end)
    if first.column > 1:  # a blank cell at the end of the line: the separator before it
        return Span(first.line, first.column - 1, first.line, first.column)
    return first


KINDS = [CellValues]
