"""What binding keeps of a table whose values are not placed for certain
(pending rows, read once the whole document is bound by :mod:`.recover`),
and how one official cell is bound.  Light on purpose: binding imports it on
every report, and :mod:`.recover` with its decoding only when a row pends."""

from __future__ import annotations

from dataclasses import dataclass, field

from gialint.model.document import Cell
from gialint.model.report import BoundCell
from gialint.model.span import Span
from gialint.model.template import TableTemplate
from gialint.parse.values import convert, parse_value

SINGLE = "*"  # the key of a single-row table's one pending row

_NAMES = {"applications": "收到和处理政府信息公开申请情况表", "appeals": "行政复议、行政诉讼情况表"}


def table_name(t: TableTemplate) -> str:
    """How a reviewer calls the table: ``第二十条第（一）项表格``, ``收到和处理政府信息公开申请情况表``."""
    if t.key in _NAMES:
        return _NAMES[t.key]
    return f"{t.caption}表格" if t.caption else t.key


def bound_cell(t: TableTemplate, col_i: int, row_key: str, row_label: str, cell: Cell | None, anchor: Span | None) -> BoundCell:
    """The official cell ``row_key`` × column ``col_i`` bound to ``cell`` (``None``: missing)."""
    col = t.columns[col_i]
    key = t.key_grid[row_key][col_i]
    if cell is None:
        return BoundCell(key, t.key, col.key, row_key, "missing", None, None, None, anchor, row_label, col.label)
    v = parse_value(cell.text)
    number = v.number
    if number is not None and v.unit and col.unit and v.unit != col.unit:
        # 12500元 in a 万元 column is 1.25 万元 (GIA408 says so); a unit that
        # does not convert leaves the number as written (GIA408 reports it).
        converted = convert(number, v.unit, col.unit)
        if converted is not None:
            number = converted
    return BoundCell(key, t.key, col.key, row_key, v.content, number, cell.text, v.unit, cell.span, row_label, col.label)


@dataclass
class PendingRow:
    """A row whose values are not placed for certain: ``cells`` are its value
    cells in reading order; ``label_line`` is the last line of its label
    (``None`` for a single-row table, which has no row label)."""

    key: str
    label: str
    cells: list[Cell]
    label_line: int | None
    short: bool = False  # fewer values than columns


@dataclass
class PendingTable:
    rows: list[PendingRow] = field(default_factory=list)
    unreadable: str | None = None  # decided while binding (values before the first row label)
    empty_rows: bool = False  # a row with its label found and no value at all
    loose: list[str] = field(default_factory=list)  # rows read from one-cell-per-line text as written
    # The rows of one-cell-per-line text: (stream index, row key, label cells, values).
    lines: list[tuple[int, str, list[Cell], list[Cell]]] = field(default_factory=list)
    orphans: list[Cell] = field(default_factory=list)  # values before the first row label
