"""Where each finding of a report is shown on its page.

A finding points at a place in the user's file (line and column).  On the
page that place is a table element — a cell or a label of a redrawn table —
or a stretch of text in a block (a title, heading, paragraph…), or a line
that no block shows (a conversion marker alone on its line, a blank line),
which is then shown on its own; a finding about the whole file (an input
problem, a missing title: position 1:1 with nothing marked) goes to the
list at the top of the report.  Every finding is placed exactly once, so
every finding has a marker on the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.output.view import Pos, ReportView

#: A table element: ``("c", table, column index, row key)`` for a cell,
#: ``("l", table, role, key)`` for a label (a repeated column label counts
#: as its column's).
Element = tuple[str, str, object, str]


@dataclass
class Placement:
    """Indices into the report's findings, by where they are shown."""

    whole_file: list[int] = field(default_factory=list)
    elements: dict[Element, list[int]] = field(default_factory=dict)
    blocks: dict[int, list[int]] = field(default_factory=dict)  # block index → findings marked in it (text or tables)
    loose: dict[int, list[int]] = field(default_factory=dict)  # a tables block → findings on its lines but on no element
    lines: dict[int, list[int]] = field(default_factory=dict)  # a line no block shows → findings on it


def whole_file(f: Finding, view: ReportView | None) -> bool:
    if view is None or f.category == "input":
        return True
    if (f.line, f.column, f.end_line, f.end_column) == (1, 1, 1, 1):
        return True  # no span: the rule spoke of the whole file
    return not 1 <= f.line <= len(view.lines)


def place(view: ReportView | None, findings: Sequence[Finding]) -> Placement:
    out = Placement()
    if view is None:
        out.whole_file = list(range(len(findings)))
        return out
    # Table elements by the lines they cover: (start, end, rank, element, block).
    by_line: dict[int, list[tuple[tuple[int, int], tuple[int, int], int, Element, int]]] = {}

    def add(span: Pos | None, rank: int, element: Element, block: int) -> None:
        if span is None:
            return
        for line in range(span[0], span[2] + 1):
            by_line.setdefault(line, []).append(((span[0], span[1]), (span[2], span[3]), rank, element, block))

    block_of_line: dict[int, int] = {}
    for bi, b in enumerate(view.blocks):
        for line in range(b.line, b.end_line + 1):
            block_of_line.setdefault(line, bi)
        for t in b.tables:
            for lab in (*t.headers, *t.columns, *t.rows):
                add(lab.span, 1, ("l", t.key, lab.role, lab.key), bi)
            for lab in t.repeats:
                add(lab.span, 1, ("l", t.key, "column", lab.key.partition("#")[0]), bi)
            for row_key, row in t.grid.items():
                for ci, cell in enumerate(row):
                    if cell is not None:
                        add(cell.span, 0, ("c", t.key, ci, row_key), bi)
    for i, f in enumerate(findings):
        if whole_file(f, view):
            out.whole_file.append(i)
            continue
        hit = _element(by_line.get(f.line, ()), f)
        if hit is not None:
            element, bi = hit
            out.elements.setdefault(element, []).append(i)
            out.blocks.setdefault(bi, []).append(i)
            continue
        bi = block_of_line.get(f.line)
        if bi is None:
            out.lines.setdefault(f.line, []).append(i)
        elif view.blocks[bi].kind == "tables":
            out.loose.setdefault(bi, []).append(i)
            out.blocks.setdefault(bi, []).append(i)
        else:
            out.blocks.setdefault(bi, []).append(i)
    return out


def _element(candidates: Sequence[tuple[tuple[int, int], tuple[int, int], int, Element, int]], f: Finding) -> tuple[Element, int] | None:
    """The element the finding's start falls in: a cell before a label,
    then the smallest."""
    at = (f.line, f.column)
    best = None
    for start, end, rank, element, block in candidates:
        if start <= at < end or at == start:
            size = (end[0] - start[0], end[1] - start[1])
            key = (rank, size)
            if best is None or key < best[0]:
                best = (key, element, block)
    return None if best is None else (best[1], best[2])
