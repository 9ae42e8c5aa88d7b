"""A base report as the blocks its author typed: paragraphs and table grids.

A crawler, a PDF extractor or an OCR engine never sees the text shape a base
file happens to have (tab-indented cells, TSV, pipe table, one cell per line):
it sees the Word document or the web page behind it.  So every damage
generator starts from this model of that document: paragraphs in reading
order, and each table as rows of cells (an empty string for an empty or merged
cell, ``\\n`` inside a cell for a line break typed in Word).

Where the tables are comes from gialint's own binding of the undamaged base
(``read_report``: each table's span, and for the one-cell-per-line shape the
roles of its labels, which tell where a row starts).  Only the base is read
this way; the damaged files are read by gialint in ``run.py`` alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gialint import read_report

NUMBER = re.compile(r"^\s*[-+]?\d[\d,]*(\.\d+)?\s*(万?元)?\s*$")
HEADING = re.compile(r"^(（?[一二三四五六七八九十]+[、）]|\([一二三四五六七八九十]+\))")
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}")


@dataclass
class Paragraph:
    """One paragraph of prose (a heading when ``heading``)."""

    text: str
    heading: bool = False


@dataclass
class Table:
    """A table as a grid: ``rows`` of cell texts (``""`` for an empty cell),
    and ``values`` of the same shape, true where the base binds a value cell
    (a number, or a blank where the base left a value out)."""

    rows: list[list[str]] = field(default_factory=list)
    values: list[list[bool]] = field(default_factory=list)


@dataclass
class Grid:
    """A table with rows of equal length: ``labels`` label columns, then
    the value columns; ``values`` marks the value cells."""

    cells: list[list[str]]
    values: list[list[bool]]
    labels: int


@dataclass
class Document:
    """A base report: its title and its blocks in reading order."""

    name: str
    blocks: list[Paragraph | Table]

    @property
    def title(self) -> str:
        """The report's title: the first paragraph naming a 报告 (else the first)."""
        texts = [b.text for b in self.blocks if isinstance(b, Paragraph)]
        return next((t for t in texts[:4] if "报告" in t), texts[0] if texts else "")


def is_number(cell: str) -> bool:
    """Whether a cell holds one number (as a table value would)."""
    return bool(NUMBER.match(cell))


def aligned(table: Table) -> Grid:
    """The table with rows of equal length: in each data row the labels
    (trailing empty ones dropped) padded to the widest label area, then the
    values; other rows padded at the end.  A text shape that lost a merged
    cell's place leaves ragged rows; Word's grid has none."""
    split = []
    for row, mask in zip(table.rows, table.values):
        labels = [c for c, v in zip(row, mask) if not v]
        while labels and not labels[-1]:
            labels.pop()
        split.append((labels, [c for c, v in zip(row, mask) if v]))
    n_labels = max((len(lab) for lab, val in split if val), default=0)
    n_values = max((len(val) for lab, val in split), default=0)
    width = max([n_labels + n_values] + [len(lab) for lab, val in split])
    cells, values = [], []
    for labels, vals in split:
        if vals:
            row = labels + [""] * (n_labels - len(labels)) + vals
            mask = [False] * n_labels + [True] * len(vals)
        else:
            row, mask = labels, [False] * len(labels)
        cells.append(row + [""] * (width - len(row)))
        values.append(mask + [False] * (width - len(mask)))
    return Grid(cells, values, n_labels)


def load(path: Path) -> Document:
    """Read the base at ``path`` into a :class:`Document`."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    report = read_report(path)
    regions = _table_regions(report, lines)
    roles = _label_roles(report)
    bound: dict[int, list[int]] = {}
    for cell in report.cells.values():
        if cell.span is not None:
            bound.setdefault(cell.span.line - 1, []).append(cell.span.column - 1)
    blocks: list[Paragraph | Table] = []
    k = 0
    for start, end in regions:
        blocks += _prose(lines[k:start])
        blocks.append(_table(lines, start, end, roles, bound))
        k = end + 1
    blocks += _prose(lines[k:])
    return Document(path.name, blocks)


def _table_regions(report, lines: list[str]) -> list[tuple[int, int]]:
    """0-based inclusive line ranges of the tables, adjacent tables merged
    (only blank lines between them: one Word table, or tables back to back)."""
    spans = sorted(
        (t.span.line - 1, t.span.end_line - 1) for t in report.tables.values() if t.found and t.span is not None
    )
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and all(not lines[i].strip() for i in range(merged[-1][1] + 1, start)):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _label_roles(report) -> dict[int, tuple[str, int]]:
    """For each 0-based line starting a table label: its role and the number
    of lines the label takes (a header cell wrapped as ``本年新`` / ``制作数量``)."""
    roles: dict[int, tuple[str, int]] = {}
    for t in report.tables.values():
        for m in t.labels:
            if m.span is not None:
                roles[m.span.line - 1] = (m.role, m.span.end_line - m.span.line + 1)
    return roles


def _clean(line: str) -> str:
    """A line without the Word-export and Markdown markup a reader never sees."""
    line = BOOKMARK.sub("", line).strip()
    line = re.sub(r"^#+\s*", "", line).replace("**", "")
    return line.strip()


def _prose(lines: list[str]) -> list[Paragraph]:
    """Non-blank lines outside tables, one paragraph each."""
    out = []
    for raw in lines:
        text = _clean(raw)
        if text:
            heading = raw.lstrip().startswith("#") or (len(text) <= 30 and bool(HEADING.match(text)))
            out.append(Paragraph(text, heading))
    return out


Cell = tuple[str, int, int, int]  # text, 0-based line, first and last column


def _table(
    lines: list[str], start: int, end: int, roles: dict[int, tuple[str, int]], bound: dict[int, list[int]]
) -> Table:
    """The grid of the table written on ``lines[start:end + 1]``; ``bound``
    holds the (line, column) of every value cell the base binds."""
    body = list(enumerate(lines[start : end + 1], start))
    filled = [ln for _, ln in body if ln.strip()]
    if any(ln.lstrip().startswith("|") for ln in filled):
        rows = _pipe_rows(body)
    elif sum("\t" in ln.lstrip("\t") or ln.count("\t") > 1 for ln in filled) * 2 > len(filled):
        rows = _tsv_rows(body)
    elif sum(ln.startswith("\t") for ln in filled) * 2 > len(filled):
        rows = _tab_cell_rows(body)
    else:
        rows = _cell_per_line_rows(lines, start, end, roles)
    values = [[any(a <= col <= b for col in bound.get(line, ())) for _, line, a, b in row] for row in rows]
    return Table([[c[0] for c in row] for row in rows], values)


def _pipe_rows(body: list[tuple[int, str]]) -> list[list[Cell]]:
    """Rows of a Markdown pipe table (the separator row dropped)."""
    rows = []
    for i, ln in body:
        s = ln.strip()
        if not s or PIPE_RULE.match(s):
            continue
        bars = [k for k, ch in enumerate(ln) if ch == "|"]
        if ln.lstrip()[:1] != "|":
            bars = [-1] + bars
        if ln.rstrip()[-1:] != "|":
            bars = bars + [len(ln)]
        rows.append([(_clean(ln[a + 1 : b]), i, a + 1, b) for a, b in zip(bars, bars[1:])])
    return rows


def _tsv_rows(body: list[tuple[int, str]]) -> list[list[Cell]]:
    """Rows of a tab-separated table, one line each."""
    rows = []
    for i, ln in body:
        if ln.strip():
            tabs = [-1] + [k for k, ch in enumerate(ln) if ch == "\t"] + [len(ln)]
            rows.append([(ln[a + 1 : b].strip(), i, a + 1, b) for a, b in zip(tabs, tabs[1:])])
    return rows


def _tab_cell_rows(body: list[tuple[int, str]]) -> list[list[Cell]]:
    """Rows of the one-cell-per-tab-line shape: a blank line ends a row, a
    line without the leading tab continues the cell above."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    for i, ln in body + [(-1, "")]:
        if not ln.strip() and not ln.startswith("\t"):
            if row:
                rows.append(row)
            row = []
        elif ln.startswith("\t"):
            row.append((ln[1:].strip(), i, 1, len(ln)))
        elif row:
            text, line, a, b = row[-1]
            row[-1] = ((text + "\n" + ln.strip()).strip("\n"), line, a, b)
        else:
            row.append((ln.strip(), i, 0, len(ln)))
    return rows


def _cell_per_line_rows(lines: list[str], start: int, end: int, roles: dict[int, tuple[str, int]]) -> list[list[Cell]]:
    """Rows of the one-cell-per-line shape, which marks no row ends: a row
    starts at a caption, at the header after a caption, at a row label after
    values or headers, at any text after values and at values after headers
    (the single data row of section 四)."""
    rows: list[list[Cell]] = []
    prev = "start"
    i = start
    while i <= end:
        role, size = roles.get(i, ("text", 1))
        text = "\n".join(ln.strip() for ln in lines[i : i + size] if ln.strip())
        first, i = i, i + size
        if not text:
            continue
        kind = "number" if is_number(text) else role
        new_row = (
            not rows
            or kind == "caption"
            or (kind in ("header", "column") and prev in ("caption", "number"))
            or (kind in ("row", "group") and prev in ("number", "header", "column", "caption"))
            or (kind != "number" and prev == "number")
            or (kind == "number" and prev in ("header", "column"))
        )
        if new_row:
            rows.append([])
        rows[-1].append((text, first, 0, len(lines[first])))
        prev = kind
    return rows
