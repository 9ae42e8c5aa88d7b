"""Cells of the table shapes the grammar recognises (LAYOUTS.md shapes 1, 3
and 4); shape 2, one cell per paragraph, is assembled by the binder.

Every cell keeps the span of its stripped text so a fix can replace exactly
the label and nothing around it."""

from __future__ import annotations

import re

from gialint.model.document import Cell, TableBlock
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


def _placeholder(cells: list[tuple[int, str]]) -> bool:
    """A header row an OCR engine or a data frame made up for a table part
    that had none: ``0 1 2 …``, ``1 2 3 …``, ``列1 列2 …``, ``Unnamed: 0 …``
    (issue 13).  Not a row of the report."""
    texts = [t.strip() for _, t in cells]
    n = len(texts)
    if n < 3:
        return False
    return texts in ([str(k) for k in range(n)], [str(k) for k in range(1, n + 1)], [f"列{k}" for k in range(1, n + 1)]) or all(
        t.startswith("Unnamed:") for t in texts
    )


def table_cells(shape: str, first_line: int, lines: list[str], row: int) -> tuple[TableBlock, int]:
    """Cells of table lines of ``shape`` (``tab``, ``tsv`` or ``pipe``)
    starting at ``first_line``.

    ``row`` is the running physical-row counter; it is returned advanced past
    the rows these lines used.  Shape-1 lines (``tab``) are one row (each line
    is a cell); TSV and pipe lines are a row each."""
    cells: list[Cell] = []
    line = first_line
    if shape == "tab":
        for offset, text in enumerate(lines):
            cells.append(_cell(text[1:], line + offset, 2, row))
    elif shape == "tsv":
        for offset, text in enumerate(lines):
            col = 1
            for field in text.split("\t"):
                cells.append(_cell(field, line + offset, col, row))
                col += len(field) + 1
            row += 1
    else:
        for offset, text in enumerate(lines):
            if _PIPE_SEP.match(text):
                continue
            if offset == 0 and len(lines) > 1 and _PIPE_SEP.match(lines[1]) and _placeholder(split_pipe_row(text)):
                continue
            for start, field in split_pipe_row(text):
                cells.append(_cell(field.replace("\\|", "|"), line + offset, start + 1, row))
            row += 1
    span = Span(first_line, 1, first_line + len(lines) - 1, len(lines[-1]) + 1)
    return TableBlock(shape, cells, span), row
