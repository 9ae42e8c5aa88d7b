"""How a Word table comes out of a PDF text extractor, line by line.

A PDF has no table, only glyphs at positions.  An extractor groups glyphs
into visual lines by their height on the page and orders each line from left
to right: ``pdftotext -layout`` pads fragments with spaces to their column,
``pdfplumber``'s ``extract_text`` joins them with one space.  So what decides
the text is the drawing of the table: each cell's text is wrapped to its
column's width, rows are as tall as their tallest cell, cells are centred
vertically (Word's 居中 alignment, common in these reports) or set at the top,
and a merged cell's text is drawn once, in the middle of the rows it spans.
This module draws a :class:`document.Table` that way and reads it back as an
extractor would."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from document import Grid, Table, aligned

NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)%")


@dataclass
class Style:
    """How one file's tables are drawn and extracted."""

    mode: str  # "layout" (pdftotext -layout) or "plain" (pdfplumber)
    valign: str  # "center" or "top"
    width: int  # table width in display columns (a CJK character is 2)
    label_shift: float  # chance that a label cell starts one line low


@dataclass
class Placed:
    """A cell's text at its place: first column, columns spanned, lines."""

    col: int
    span: int
    lines: list[str]
    numeric: bool


def text_width(s: str) -> int:
    """Display width: 2 for a wide (CJK, full-width) character, else 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` display columns as Word wraps Chinese:
    anywhere, except that closing punctuation never starts a line; an ASCII
    number is never broken."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        tokens = [t for t in _tokens(para)]
        for tok in tokens:
            if line and text_width(line + tok) > width and tok[0] not in NO_LINE_START:
                out.append(line)
                line = tok.lstrip()
            else:
                line += tok
        out.append(line)
    return [ln for ln in out if ln.strip()] or [""]


def _tokens(text: str) -> list[str]:
    """Characters, with runs of ASCII letters and digits kept whole."""
    out: list[str] = []
    for ch in text:
        if out and ch.isascii() and ch.isalnum() and out[-1][-1:].isascii() and out[-1][-1:].isalnum():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def table_lines(table: Table, style: Style, rng: random.Random) -> tuple[list[str], list[str]]:
    """The visual lines an extractor gives for ``table``, and those of its
    header rows (the rows before the first data row: Word's 标题行, which it
    repeats at the top of each page when asked to)."""
    grid = aligned(table)
    widths = _column_widths(len(grid.cells[0]), grid.labels, style, rng)
    if style.valign == "center":
        _centre_row_spans(grid)
    out: list[str] = []
    head: list[str] | None = None
    for row, mask in zip(grid.cells, grid.values):
        if head is None and any(mask):
            head = list(out)
        placed = _place_row(row, mask, grid.labels, widths)
        if placed:
            out += _row_lines(placed, any(mask), widths, style, rng)
    return out, head or []


def _column_widths(n: int, labels: int, style: Style, rng: random.Random) -> list[int]:
    """Display widths of the columns: label columns share 40–50 % of the
    table (the last, item labels, the widest), value columns the rest."""
    values = n - labels
    label_total = rng.randint(style.width * 4 // 10, style.width // 2) if values else style.width
    shares = [1.0 + 0.8 * k for k in range(labels)]
    label_widths = [max(6, int(label_total * s / sum(shares))) for s in shares]
    value_width = max(5, (style.width - sum(label_widths)) // values) if values else 0
    return label_widths + [value_width] * values


def _centre_row_spans(grid: Grid) -> None:
    """Move each merged label cell's text (typed in the first row it spans,
    empty below) to the middle row, where a centred cell is drawn.  Inner
    columns first, so that a moved outer label does not cut an inner span."""
    cells, data = grid.cells, [any(m) for m in grid.values]
    for c in reversed(range(grid.labels)):
        i = 0
        while i < len(cells):
            if cells[i][c] and data[i]:
                j = i
                while j + 1 < len(cells) and data[j + 1] and not any(cells[j + 1][: c + 1]):
                    j += 1
                mid = i + (j - i) // 2
                if mid != i:
                    cells[mid][c], cells[i][c] = cells[i][c], ""
                i = j + 1
            else:
                i += 1


def _place_row(row: list[str], mask: list[bool], labels: int, widths: list[int]) -> list[Placed]:
    """The row's non-empty cells, each spanning the empty cells after it
    (merged cells): in a data row only within the label columns."""
    limit = labels if any(mask) else len(row)
    placed = []
    for j, text in enumerate(row):
        if not text:
            continue
        span = 1
        while j + span < limit and not row[j + span]:
            span += 1
        width = sum(widths[j : j + span]) - 1
        lines = [text.strip()] if mask[j] else wrap(text.strip(), max(width, 2))
        placed.append(Placed(j, span, lines, mask[j]))
    return placed


def _row_lines(placed: list[Placed], data_row: bool, widths: list[int], style: Style, rng: random.Random) -> list[str]:
    """The visual lines of one table row: fragments grouped by their height
    (in half lines, so that a centred one-line number between two label lines
    is a line of its own), each line ordered from left to right."""
    height = max(len(p.lines) for p in placed)
    frags: dict[int, list[tuple[int, int, str, bool]]] = {}
    for p in placed:
        top = height - len(p.lines) if style.valign == "center" else 0
        if data_row and not p.numeric and rng.random() < style.label_shift:
            top += 2  # an empty paragraph above the label in its cell
        x = sum(widths[: p.col])
        w = sum(widths[p.col : p.col + p.span])
        for k, line in enumerate(p.lines):
            frags.setdefault(top + 2 * k, []).append((x, w, line, p.numeric))
    return [_join(sorted(frags[y]), style) for y in sorted(frags)]


def _join(frags: list[tuple[int, int, str, bool]], style: Style) -> str:
    """One visual line: padded to the columns (-layout) or space-joined."""
    if style.mode == "plain":
        return " ".join(f[2] for f in frags)
    line = ""
    for x, w, text, numeric in frags:
        start = x + (w - text_width(text)) // 2 if numeric else x + 1
        line += " " * max(start - text_width(line), 1 if line else 0) + text
    return line.rstrip()
