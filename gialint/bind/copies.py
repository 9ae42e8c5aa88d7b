"""A table pasted twice: its second (third…) copy found among what binding
left over, and bound as a copy (``applications#2``), so that it is reported
once (GIA116) and its sums are checked, instead of every one of its rows and
values being reported as extra."""

from __future__ import annotations

from typing import Callable, Sequence

from gialint.model.document import Cell
from gialint.model.report import BoundTable, Unmatched
from gialint.model.span import Span
from gialint.model.template import TableTemplate
from gialint.util.normalize import norm

# binding.bind_section, passed in (binding imports this module).
BindSection = Callable[[Sequence[TableTemplate], list[Cell], int], "tuple[dict[str, BoundTable], list[Unmatched]]"]

# A second copy of a table (pasted twice): at least this share of its row
# labels written exactly (or up to width and spaces) among what the first
# binding left over.
_COPY_ROWS = 0.5


def _span_key(span: Span | None) -> tuple[int, int, int, int] | None:
    return None if span is None else (span.line, span.column, span.end_line, span.end_column)


def _used_spans(table: BoundTable) -> set[tuple[int, int, int, int] | None]:
    used = {_span_key(c.span) for m in table.labels for c in m.cells}
    used |= {_span_key(c.span) for c in table.cells.values() if c.content != "missing"}
    return used


def bind_copies(
    tables: Sequence[TableTemplate],
    stream: list[Cell],
    section: int,
    bound: dict[str, BoundTable],
    unmatched: list[Unmatched],
    bind_section: BindSection,
) -> tuple[list[Unmatched], dict[str, BoundTable]]:
    """After ``bind_section`` bound ``stream``: the second (third…) copy of a
    table pasted more than once.  What the first binding left over is bound
    again to that table, and kept as ``key#2`` when most of its rows are
    there; its cells are then no longer extra labels and values.  Returns
    the unmatched cells that remain and the copies."""
    copies: dict[str, BoundTable] = {}
    for t in tables:
        if t.layout != "rows" or not bound[t.key].found:
            continue
        rows = {norm(r.label) for r in t.rows if not r.is_group}
        used: set[tuple[int, int, int, int] | None] | None = None
        for n in range(2, 5):
            extra = [u for u in unmatched if u.reason in ("extra-label", "outside") and norm(u.cell.text) in rows]
            if len(extra) < max(3, _COPY_ROWS * len(rows)):
                break
            if used is None:
                used = _used_spans(bound[t.key])
            rest = [c for c in stream if _span_key(c.span) not in used]
            copy, left = bind_section([t], rest, section)
            table = copy[t.key]
            exact = [m for m in table.labels if m.role == "row" and m.status in ("exact", "normalized")]
            if not table.found or len(exact) < max(3, _COPY_ROWS * len(rows)):
                break
            key = f"{t.key}#{n}"
            table.key = key
            copies[key] = table
            used |= _used_spans(table)
            # What the copy took is no longer extra; what it left is said once.
            taken = {id(c) for c in rest}
            unmatched = [u for u in unmatched if id(u.cell) not in taken] + [
                Unmatched(u.section, key if u.table == t.key else u.table, u.cell, u.reason) for u in left
            ]
    return unmatched, copies
