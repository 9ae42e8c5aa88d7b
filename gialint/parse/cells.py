"""Cells of the table shapes the grammar recognises (LAYOUTS.md shapes 1, 3
and 4); shape 2, one cell per paragraph, is assembled by the binder.

Every cell keeps the span of its stripped text so a fix can replace exactly
the label and nothing around it."""

from __future__ import annotations

import re

from gialint.model.document import Block, Cell, TableBlock
from gialint.model.span import Span
from gialint.parse.values import is_value_text

# The closing ``(?:\|\s*)?$`` (not ``\|?\s*$``) keeps two ``\s*`` from
# meeting: a failing match would be quadratic in a run of spaces.
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*(?:\|\s*)?$")


def _cell(text: str, line: int, col: int, row: int | None) -> Cell:
    """A cell from ``text`` found at 1-based ``col`` of ``line``."""
    body = text.strip()
    # body starts with a non-space character, so its first occurrence is where
    # the stripped text begins.
    start = col if body is text or not body else col + text.index(body)
    role = "value" if is_value_text(body) else "label"
    return Cell(body, Span(line, start, line, start + len(body)), row, role)


def split_pipe_row(line: str) -> list[tuple[int, str]]:
    """``[(0-based offset, raw text)]`` of each cell of a pipe-table row."""
    out: list[tuple[int, str]] = []
    s = line.rstrip()
    i = s.find("|")
    if i < 0:
        return [(0, s)]
    start = i + 1
    j = start
    while j < len(s):
        ch = s[j]
        if ch == "\\" and j + 1 < len(s):
            j += 2
            continue
        if ch == "|":
            out.append((start, s[start:j]))
            start = j + 1
        j += 1
    if start < len(s):
        out.append((start, s[start:]))
    return out


def table_cells(block: Block, row: int) -> tuple[TableBlock, int]:
    """Cells of a ``tab_rows``, ``tsv_rows`` or ``pipe_rows`` block.

    ``row`` is the running physical-row counter; it is returned advanced past
    the rows this block used.  A ``tab_rows`` block is one row (its lines are
    that row's cells); TSV and pipe rows are one row per line.
    """
    cells: list[Cell] = []
    line = block.line
    if block.type == "tab_rows":
        for offset, text in enumerate(block.lines):
            cells.append(_cell(text[1:], line + offset, 2, row))
        shape = "tab"
    elif block.type == "tsv_rows":
        for offset, text in enumerate(block.lines):
            col = 1
            for field in text.split("\t"):
                cells.append(_cell(field, line + offset, col, row))
                col += len(field) + 1
            row += 1
        shape = "tsv"
    else:
        for offset, text in enumerate(block.lines):
            if _PIPE_SEP.match(text):
                continue
            for start, field in split_pipe_row(text):
                cells.append(_cell(field.replace("\\|", "|"), line + offset, start + 1, row))
            row += 1
        shape = "pipe"
    last = block.lines[-1]
    span = Span(block.line, 1, block.end_line, len(last) + 1)
    return TableBlock(shape, cells, span), row
