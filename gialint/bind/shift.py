"""Rows whose numbers slipped away from their labels (text extracted from a PDF).

A PDF extractor writes each table row's numbers on one line, and a row's
label where its cell puts it: on the same line, wrapped around the numbers
line, or, when the label cell starts one line low, *after* the numbers.
Read in order, a row then takes the next row's numbers and the last row
takes none.

Each numbers line that stands alone between two row labels belongs to the
label before it or to the label after it, and every row has exactly one
row of numbers.  :func:`placements` lists the ways to give every row its
numbers that way; :func:`decide` keeps those whose values satisfy the
relations R1–R4 (:func:`gialint.bind.decode.relations`), and the table is
read when one set of values remains."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from gialint.bind.decode import ColumnSum, RowSum, _column_holds, _holds, value_of
from gialint.model.document import Cell

MAX_PLACEMENTS = 64


@dataclass
class LineRow:
    """A row of one-cell-per-line text: its key, the lines its label is
    written on, and the values between its label and the next label."""

    key: str
    label_lines: frozenset[int]
    cells: list[Cell]


def _units(cells: Sequence[Cell]) -> list[list[Cell]]:
    """Cells grouped by the line they are on, in order."""
    out: list[list[Cell]] = []
    for c in cells:
        if out and out[-1][-1].span.line == c.span.line:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def applicable(rows: Sequence[LineRow], orphans: Sequence[Cell], ncols: int) -> bool:
    """Every numbers line that is not on a label's line holds a whole row."""
    for r in rows:
        for unit in _units(r.cells):
            if unit[0].span.line not in r.label_lines and len(unit) != ncols:
                return False
    return all(len(u) == ncols for u in _units(orphans))


def placements(rows: Sequence[LineRow], orphans: Sequence[Cell], ncols: int, limit: int = MAX_PLACEMENTS) -> list[dict[str, list[Cell]]]:
    """The ways to give each row exactly ``ncols`` values: the numbers lines
    after a label (and not on it) go to that row or, those after the last
    one on its label's lines, to the next row; ``orphans`` (numbers before
    the first label) go to the first row.  At most ``limit`` are listed."""
    out: list[dict[str, list[Cell]]] = []
    chosen: dict[str, list[Cell]] = {}

    def rec(i: int, carried: list[list[Cell]]) -> None:
        if len(out) >= limit:
            return
        if i == len(rows):
            if not carried:
                out.append(dict(chosen))
            return
        r = rows[i]
        units = _units(r.cells)
        fixed = max((k for k, u in enumerate(units) if u[0].span.line in r.label_lines), default=-1)
        for split in range(fixed + 1, len(units) + 1):
            mine = [c for u in carried for c in u] + [c for u in units[:split] for c in u]
            if len(mine) != ncols:
                continue
            chosen[r.key] = mine
            rec(i + 1, units[split:])
            del chosen[r.key]

    rec(0, _units(orphans))
    return out


def decide(
    options: list[dict[str, list[Cell]]],
    fixed: dict[str, tuple[int | Decimal | None, ...]],
    row_sums: Sequence[RowSum],
    col_sums: Sequence[ColumnSum],
    ncols: int,
) -> tuple[dict[str, list[Cell]] | None, int]:
    """The one placement whose values satisfy the relations (``fixed``: the
    values of the table's other rows), and how many distinct sets of values
    do (``(None, n)`` unless exactly one)."""
    seen: dict[tuple, dict[str, list[Cell]]] = {}
    for opt in options:
        values = dict(fixed)
        for key, cells in opt.items():
            values[key] = tuple(value_of(c.text) for c in cells)
        if not all(_holds(s, v) for v in values.values() for s in row_sums):
            continue
        if not all(_column_holds(rel, values, ncols) for rel in col_sums if all(k in values for k in rel.rows)):
            continue
        seen.setdefault(tuple(sorted((k, v) for k, v in values.items() if k in opt)), opt)
    if len(seen) == 1:
        return next(iter(seen.values())), 1
    return None, len(seen)
