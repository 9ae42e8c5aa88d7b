"""Write the three official tables in each text layout gialint reads.

A table is first built as Word rows (cells with a column span, like the
official form), then written in a layout (LAYOUTS.md):

* ``tab``   one cell per line, each line starting with a TAB, a blank line
            after every row (Word export, seeds 000 and 004);
* ``cells`` one cell per paragraph, empty cells invisible, some header
            cells wrapped over two lines (web copy, seed 001);
* ``tsv``   one row per line, TAB-separated, merged cells as empty fields
            (seeds 002 and 003);
* ``pipe``  a Markdown pipe table.

Every writer returns the lines and, for every value cell and label, where it
is (a ``Span``), so that defects can be planted at a known place without
asking gialint where things are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from template import (
    ACTIVE,
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    GROUP_LABELS,
    NOTE,
    RESULT_ROWS,
    ROW_CARRIED_FORWARD,
    ROW_CARRIED_OVER,
    ROW_NEW,
    ROW_RESULTS_TOTAL,
)

LAYOUTS = ("tab", "cells", "tsv", "pipe")

# Header cells wrapped over two lines in the one-cell-per-paragraph layout,
# as seed 001 has them.
CELLS_WRAPS = {
    "本年制发件数": "本年制发\n件数",
    "本年废止件数": "本年废止\n件数",
    "本年新制作数量": "本年新\n制作数量",
    "本年新公开数量": "本年新\n公开数量",
}


@dataclass(frozen=True)
class Span:
    """A place in a file: 1-based lines and columns, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def shifted(self, lines: int) -> "Span":
        return Span(self.line + lines, self.column, self.end_line + lines, self.end_column)


@dataclass(frozen=True)
class Cell:
    """A Word cell: its text, its column span, and what it is (a value cell
    key like ``applications.total.new`` or a label key like
    ``applications.row.new``)."""

    text: str
    span: int = 1
    value: str | None = None
    label: str | None = None


@dataclass
class Block:
    """Rendered lines plus where each value cell and label sits in them."""

    lines: list[str] = field(default_factory=list)
    cells: dict[str, Span] = field(default_factory=dict)
    labels: dict[str, Span] = field(default_factory=dict)


def _raw(values: dict[str, str | None], key: str) -> str:
    raw = values.get(key)
    return "" if raw is None else raw.strip()


# ---------------------------------------------------------------------------
# The tables as Word rows
# ---------------------------------------------------------------------------

ACTIVE_WIDTH = 4  # section 二: 信息内容 + up to three value columns


def active_rows(fmt: str, values: dict[str, str | None]) -> list[list[Cell]]:
    """Section 二: the blocks of 第二十条 one under another, four columns wide."""
    rows = []
    for block in ACTIVE[fmt]:
        t = block.table
        rows.append([Cell(block.caption, ACTIVE_WIDTH, label=f"{t}.caption.caption")])
        header = [Cell("信息内容", label=f"{t}.header.0")]
        header += [Cell(text, label=f"{t}.column.{key}") for key, text in block.columns]
        rows.append(_pad(header))
        for row_key, row_label in block.rows:
            row = [Cell(row_label, label=f"{t}.row.{row_key}")]
            row += [Cell(_raw(values, f"{t}.{c}.{row_key}"), value=f"{t}.{c}.{row_key}") for c, _ in block.columns]
            rows.append(_pad(row))
    return rows


def _pad(row: list[Cell]) -> list[Cell]:
    """Widen the last cell so that the row spans ACTIVE_WIDTH grid columns."""
    last = row[-1]
    row[-1] = Cell(last.text, ACTIVE_WIDTH - len(row) + 1, last.value, last.label)
    return row


def application_rows(fmt: str, values: dict[str, str | None]) -> list[list[Cell]]:
    """Section 三: three header rows, then 一、二、三（…）、四 as in the form."""
    columns = APPLICANT_COLUMNS
    rows = [
        [Cell(NOTE, 3, label="applications.header.0"), Cell("申请人情况", 7, label="applications.header.1")],
        [Cell("", 3), Cell(columns[0][1], label="applications.column.natural_person"),
         Cell("法人或其他组织", 5, label="applications.header.3"), Cell("总计", label="applications.column.total")],
        [Cell("", 3), Cell("")] + [Cell(text, label=f"applications.column.{key}") for key, text in columns[1:6]] + [Cell("")],
    ]

    def numbers(row_key: str) -> list[Cell]:
        return [Cell(_raw(values, f"applications.{c}.{row_key}"), value=f"applications.{c}.{row_key}") for c, _ in columns]

    for key, text in (ROW_NEW, ROW_CARRIED_OVER):
        rows.append([Cell(text, 3, label=f"applications.row.{key}")] + numbers(key))
    previous_group = None
    results = list(RESULT_ROWS[fmt]) + [(None, *ROW_RESULTS_TOTAL)]
    for i, (group, key, text) in enumerate(results):
        first = Cell(GROUP_LABELS["results"], label="applications.group.results") if i == 0 else Cell("")
        if group is None:
            rows.append([first, Cell(text, 2, label=f"applications.row.{key}")] + numbers(key))
        else:
            group_cell = Cell(GROUP_LABELS[group], label=f"applications.group.{group}") if group != previous_group else Cell("")
            rows.append([first, group_cell, Cell(text, label=f"applications.row.{key}")] + numbers(key))
        previous_group = group
    key, text = ROW_CARRIED_FORWARD
    rows.append([Cell(text, 3, label=f"applications.row.{key}")] + numbers(key))
    return rows


def appeal_rows(fmt: str, values: dict[str, str | None]) -> list[list[Cell]]:
    """Section 四: three header rows and one row of fifteen numbers."""
    del fmt  # identical in both formats
    second = [Cell(text, label=f"appeals.column.{key}") for key, text in APPEAL_COLUMNS]
    second += [Cell(APPEAL_GROUPS[1][1], 5, label="appeals.header.7"), Cell(APPEAL_GROUPS[2][1], 5, label="appeals.header.8")]
    third = [Cell("") for _ in APPEAL_COLUMNS]
    for suffix in ("#2", "#3"):
        third += [Cell(text, label=f"appeals.column.{key}{suffix}") for key, text in APPEAL_COLUMNS]
    numbers = [Cell(_raw(values, f"appeals.{c}.{g}"), value=f"appeals.{c}.{g}")
               for g, _ in APPEAL_GROUPS for c, _ in APPEAL_COLUMNS]
    first = [Cell("行政复议", 5, label="appeals.header.0"), Cell("行政诉讼", 10, label="appeals.header.1")]
    return [first, second, third, numbers]


TABLES = {"active": active_rows, "applications": application_rows, "appeals": appeal_rows}


# ---------------------------------------------------------------------------
# Layout writers
# ---------------------------------------------------------------------------


def _place(block: Block, cell: Cell, line: int, column: int, text: str) -> None:
    """Record where ``cell`` (written as ``text``) starts; 1-based."""
    if cell.value is None and cell.label is None:
        return
    parts = text.split("\n")
    end_line = line + len(parts) - 1
    end_column = (column if len(parts) == 1 else 1) + len(parts[-1])
    span = Span(line, column, end_line, end_column)
    if cell.value is not None:
        block.cells[cell.value] = span
    else:
        block.labels[cell.label] = span


def write_tab(rows: list[list[Cell]]) -> Block:
    """One cell per TAB-led line, a blank line after each row."""
    out = Block()
    for row in rows:
        for cell in row:
            out.lines.append("\t" + cell.text)
            _place(out, cell, len(out.lines), 2, cell.text)
        out.lines.append("")
    return out


def write_cells(rows: list[list[Cell]]) -> Block:
    """Every non-empty cell its own paragraph; empty cells leave no trace."""
    out = Block()
    for row in rows:
        for cell in row:
            if not cell.text:
                continue
            text = CELLS_WRAPS.get(cell.text, cell.text)
            _place(out, cell, len(out.lines) + 1, 1, text)
            out.lines.extend(text.split("\n"))
            out.lines.append("")
    return out


def _grid(row: list[Cell]) -> list[Cell]:
    """A Word row as grid fields: a merged cell is followed by empty fields."""
    fields = []
    for cell in row:
        fields.append(cell)
        fields.extend(Cell("") for _ in range(cell.span - 1))
    return fields


def _write_fields(out: Block, fields: list[Cell], lead: str, sep: str, tail: str) -> None:
    line_no = len(out.lines) + 1
    text, column = lead, len(lead) + 1
    for i, cell in enumerate(fields):
        if i:
            text += sep
            column += len(sep)
        _place(out, cell, line_no, column, cell.text)
        text += cell.text
        column += len(cell.text)
    out.lines.append(text + tail)


def write_tsv(rows: list[list[Cell]]) -> Block:
    """One TAB-separated line per row."""
    out = Block()
    for row in rows:
        _write_fields(out, _grid(row), "", "\t", "")
    return out


def write_pipe(rows: list[list[Cell]]) -> Block:
    """A GitHub pipe table: the first row is the header, then ``|---|``."""
    out = Block()
    for i, row in enumerate(rows):
        fields = _grid(row)
        _write_fields(out, fields, "| ", " | ", " |")
        if i == 0:
            out.lines.append("|" + "---|" * len(fields))
    return out


WRITERS = {"tab": write_tab, "cells": write_cells, "tsv": write_tsv, "pipe": write_pipe}


def render_table(table: str, fmt: str, values: dict[str, str | None], layout: str) -> Block:
    """One of the three tables (``active``, ``applications``, ``appeals``)."""
    block = WRITERS[layout](TABLES[table](fmt, values))
    while block.lines and not block.lines[-1]:
        block.lines.pop()
    return block
