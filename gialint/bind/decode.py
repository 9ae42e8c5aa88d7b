"""Decoding a table that damaged text no longer lays out for certain.

Text scraped from a web page, extracted from a PDF or OCR'd loses what
separates a table's cells: a row's cells run together (``63210777105`` for
63 21 0 7 7 7 105), a crawler drops a line equal to the one before (the row
``19 0 0 0 0 0 19`` becomes ``19`` / ``0`` / ``19``), or a number is cut over
two lines (``1`` / ``4`` for 14).  Such a row has finitely many *readings*:
ways to cut its digits into the template's columns, each cell a non-negative
integer written without a leading zero (FORMAT.md §5 R8).  What the format
guarantees then chooses among them: the relations R1–R4 (§5), which hold
in a correctly filled table.

- :func:`row_readings` lists a row's readings (its tokens, the template's
  column count and, as it goes, the row's own sums: R2 ``总计`` = the six
  applicant columns, R4 ``总计`` = 结果维持 + 结果纠正 + 其他结果 + 尚未审结);
- :func:`solve` combines the rows' readings under the column relations (R1:
  一 + 二 = 三（七）总计 + 四, R3: （七）总计 = the sum of the result rows) and
  counts the readings of the whole table.

A table is *decoded* when exactly one reading remains.  When several remain,
or none, nothing is guessed: the binder reports the table as unreadable.
A row whose digits allow one reading only, whatever the relations say, is
read as such; the relations are then checked on it like on any table, so a
wrong sum in a damaged table is still reported.  When no reading of the
table satisfies every relation but exactly one satisfies all except R3, the
table is decoded with that reading and its R3 failure is real arithmetic
(reported by GIA303 like any other).

**Budget** (bounded time on any input): a row's enumeration stops after
:data:`MAX_ROW_STEPS` steps or :data:`MAX_ROW_READINGS` readings, the rows
of one table share :data:`MAX_TABLE_STEPS` steps, and the table's search
stops after :data:`MAX_SEARCH_STEPS` candidate checks or
:data:`MAX_SOLUTIONS` readings; past a bound the table is unreadable
("读法过多").  A step is one candidate cell.  On the damaged-text corpus
(``eval/damaged``, seeds 1 and 2) no row needs more than 12,502 steps and a
table takes a few milliseconds; a row of a hundred digits stops at its
bound in under a tenth of a second.  The
counts are steps, not seconds, so the outcome never depends on the
machine's speed.

The module is one cohesive thing: the readings of a row, of a table, and
their budget."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from gialint.model.span import Span
from gialint.model.template import TableTemplate
from gialint.parse.values import parse_value

MAX_ROW_STEPS = 50_000
MAX_TABLE_STEPS = 200_000
MAX_ROW_READINGS = 5_000
MAX_SEARCH_STEPS = 50_000
MAX_SOLUTIONS = 100


@dataclass(frozen=True, slots=True)
class Token:
    """One observed piece of a row's values, in reading order.

    ``split``: a run of digits that may hold several cells (cells run
    together); ``soft``: may be the rest of the number before it (a number
    cut over two lines); ``repeat``: each cell read from it may stand for a
    run of equal cells (duplicate lines merged)."""

    text: str
    span: Span
    split: bool = False
    soft: bool = False
    repeat: bool = False


@dataclass(frozen=True, slots=True)
class Part:
    """One cell of a reading: its text and where its characters are."""

    text: str
    span: Span


Reading = tuple[Part, ...]
Number = int | Decimal | None


@dataclass(frozen=True, slots=True)
class RowSum:
    """Within a row's reading: cell ``target`` = the sum of cells ``parts``."""

    target: int
    parts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ColumnSum:
    """In every column: the sum of rows ``lhs`` = the sum of rows ``rhs``.
    ``family`` names the relation of FORMAT.md §5 (``R1``, ``R3``)."""

    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    family: str

    @property
    def rows(self) -> tuple[str, ...]:
        return self.lhs + self.rhs


class OverBudget(Exception):
    """A row or table has more readings than the budget allows."""


def relations(table: TableTemplate) -> tuple[list[RowSum], list[ColumnSum]]:
    """The relations of FORMAT.md §5 that hold in ``table``, from its keys.

    Row sums: a column keyed ``total`` is the sum of the table's other
    columns (R2 in the applications table; R4 in each of the three groups of
    the appeals table, whose one row holds ``len(rows) × len(columns)``
    cells).  Column sums: a row keyed ``GROUP.total`` is the sum of the other
    rows under ``GROUP`` (R3), and ``new + carried_over = results.total +
    carried_forward`` (R1).  A template without those keys has none."""
    cols = [c.key for c in table.columns]
    row_sums: list[RowSum] = []
    if "total" in cols and len(cols) > 2 and all(c.type == "count" for c in table.columns):
        ti = cols.index("total")
        parts = tuple(i for i, k in enumerate(cols) if k != "total")
        if table.layout == "single_row":
            n = len(cols)
            row_sums = [RowSum(r * n + ti, tuple(r * n + p for p in parts)) for r in range(len(table.rows))]
        else:
            row_sums = [RowSum(ti, parts)]
    col_sums: list[ColumnSum] = []
    if table.layout != "single_row":
        keys = {r.key for r in table.data_rows}
        for r in table.data_rows:
            group, _, last = r.key.rpartition(".")
            if last == "total" and group:
                parts_rows = tuple(x.key for x in table.leaf_rows_under(group) if x.key != r.key)
                if parts_rows:
                    col_sums.append(ColumnSum((r.key,), parts_rows, "R3"))
        r1 = ("new", "carried_over", "results.total", "carried_forward")
        if all(k in keys for k in r1):
            col_sums.append(ColumnSum(r1[:2], r1[2:], "R1"))
    return row_sums, col_sums


def value_of(text: str) -> Number:
    """The number a part's text holds, or ``None`` (blank, dash, text)."""
    v = parse_value(text)
    return v.number if v.content == "number" else None


# --- one row ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    span: Span
    may_join: bool  # may continue the piece before it in one cell
    repeat: bool


_NUMBERISH = re.compile(r"^\d+(?:\.\d+)?(?:万元|元)?$")
_OPEN_NUMBER = re.compile(r"^\d+(?:\.\d*)?$")  # may go on: no unit yet


def _pieces(tokens: Sequence[Token]) -> list[_Piece]:
    out: list[_Piece] = []
    for t in tokens:
        digits = t.text.isdigit() and t.text.isascii()
        one_line = t.span.line == t.span.end_line and t.span.end_column - t.span.column == len(t.text)
        join = bool(out) and t.soft and bool(_NUMBERISH.match(t.text)) and bool(_OPEN_NUMBER.match(out[-1].text))
        if t.split and digits and one_line and len(t.text) > 1:
            for k, ch in enumerate(t.text):
                sp = Span(t.span.line, t.span.column + k, t.span.line, t.span.column + k + 1)
                out.append(_Piece(ch, sp, join if k == 0 else True, t.repeat))
        else:
            out.append(_Piece(t.text, t.span, join, t.repeat))
    return out


def _holds(s: RowSum, values: Sequence[Number]) -> bool:
    """Whether ``s`` holds (or cannot be checked: a cell without a number)."""
    target = values[s.target]
    if target is None:
        return True
    total: int | Decimal = 0
    for p in s.parts:
        v = values[p]
        if v is None:
            return True
        total += v
    return total == target


def row_readings(
    tokens: Sequence[Token],
    ncols: int,
    sums: Sequence[RowSum] = (),
    limit: int = MAX_ROW_READINGS,
    steps: int = MAX_ROW_STEPS,
    shared: list[int] | None = None,
) -> list[Reading]:
    """The readings of a row's ``tokens`` as ``ncols`` cells, each satisfying
    ``sums``.  Raises :class:`OverBudget` past ``limit`` readings, ``steps``
    steps, or the steps left in ``shared`` (a one-item list, the budget of
    the row's table, spent as the row is read)."""
    pieces = _pieces(tokens)
    n = len(pieces)
    # forced[i]: the fewest cells pieces[i:] can make (a piece that may not
    # join the one before starts a cell).
    forced = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        forced[i] = 1 if i == n - 1 else forced[i + 1] + (0 if pieces[i + 1].may_join else 1)
    repeats = any(p.repeat for p in pieces)
    by_end: dict[int, list[RowSum]] = {}
    for s in sums:
        by_end.setdefault(max(s.target, *s.parts), []).append(s)
    out: list[Reading] = []
    cells: list[Part] = []
    values: list[Number] = []
    budget = [steps if shared is None else min(steps, shared[0])]

    def ok_upto(start: int) -> bool:
        for end in range(start, len(values)):
            for s in by_end.get(end, ()):
                if not _holds(s, values):
                    return False
        return True

    def dfs(i: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise OverBudget
        count = len(cells)
        if i == n:
            if count == ncols:
                out.append(tuple(cells))
                if len(out) > limit:
                    raise OverBudget
            return
        if count + forced[i] > ncols or (not repeats and count + (n - i) < ncols):
            return
        text = ""
        for j in range(i, n):
            p = pieces[j]
            if j > i and not p.may_join:
                break
            budget[0] -= 1  # every candidate cell is a step
            if budget[0] < 0:
                raise OverBudget
            if j > i and not (_OPEN_NUMBER.match(text) and text[0] != "0" and _NUMBERISH.match(text + p.text)):
                break  # only the parts of one number join, which has no leading zero
            text += p.text
            first = pieces[i].span
            span = first if j == i else Span(first.line, first.column, p.span.end_line, p.span.end_column)
            part = Part(text, span)
            value = value_of(text)
            most = ncols - count if pieces[i].repeat else 1
            for reps in range(1, most + 1):
                cells.extend([part] * reps)
                values.extend([value] * reps)
                if ok_upto(count):
                    dfs(j + 1)
                del cells[-reps:]
                del values[-reps:]

    start = budget[0]
    try:
        dfs(0)
    finally:
        if shared is not None:
            shared[0] -= start - max(budget[0], 0)
    return out


# --- the table -------------------------------------------------------------


@dataclass
class Solution:
    """The outcome of :func:`solve`: ``count`` readings of the table were
    found (``capped``: at least that many); ``reading`` is the one when
    exactly one was found; ``broken`` names the relation family it breaks
    when it was found only with that family set aside."""

    count: int
    reading: dict[str, Reading] | None = None
    capped: bool = False
    broken: str | None = None


def _values(r: Reading) -> tuple[Number, ...]:
    return tuple(value_of(p.text) for p in r)


def _column_holds(rel: ColumnSum, rows: dict[str, tuple[Number, ...]], ncols: int) -> bool:
    for c in range(ncols):
        left: int | Decimal = 0
        right: int | Decimal = 0
        known = True
        for k in rel.lhs:
            v = rows[k][c]
            if v is None:
                known = False
                break
            left += v
        if known:
            for k in rel.rhs:
                v = rows[k][c]
                if v is None:
                    known = False
                    break
                right += v
        if known and left != right:
            return False
    return True


def _search(cands: dict[str, list[Reading]], rels: list[ColumnSum], ncols: int, max_solutions: int, steps: int) -> tuple[int, dict[str, Reading] | None, bool]:
    """``(readings found, the first, capped)`` of the rows' candidates
    combined under ``rels``: a depth-first search that takes next the row
    with the fewest candidates still consistent with the relations whose
    other rows are chosen."""
    rels = [r for r in rels if all(k in cands for k in r.rows)]
    of_row: dict[str, list[ColumnSum]] = {k: [r for r in rels if k in r.rows] for k in cands}
    vals = {k: [_values(r) for r in rs] for k, rs in cands.items()}
    chosen: dict[str, int] = {}
    chosen_vals: dict[str, tuple[Number, ...]] = {}
    found: list[dict[str, Reading]] = []
    count = [0]
    budget = [steps]

    def options(k: str) -> list[int]:
        checks = [r for r in of_row[k] if all(x in chosen for x in r.rows if x != k)]
        if not checks:
            return list(range(len(cands[k])))
        ok = []
        for i, v in enumerate(vals[k]):
            budget[0] -= len(checks)
            if budget[0] < 0:
                raise OverBudget
            chosen_vals[k] = v
            if all(_column_holds(r, chosen_vals, ncols) for r in checks):
                ok.append(i)
            del chosen_vals[k]
        return ok

    def rec() -> None:
        free = [k for k in cands if k not in chosen]
        if not free:
            count[0] += 1
            if not found:
                found.append({k: cands[k][i] for k, i in chosen.items()})
            if count[0] >= max_solutions:
                raise _Enough
            return
        best: tuple[str, list[int]] | None = None
        for k in free:
            opts = options(k)
            if not opts:
                return
            if best is None or len(opts) < len(best[1]):
                best = (k, opts)
                if len(opts) == 1:
                    break
        assert best is not None
        k, opts = best
        for i in opts:
            chosen[k] = i
            chosen_vals[k] = vals[k][i]
            rec()
            del chosen[k]
            del chosen_vals[k]

    try:
        rec()
    except _Enough:
        return count[0], found[0] if count[0] == 1 else None, True
    return count[0], (found[0] if count[0] == 1 else None), False


class _Enough(Exception):
    pass


def solve(cands: dict[str, list[Reading]], rels: list[ColumnSum], ncols: int, max_solutions: int = MAX_SOLUTIONS, steps: int = MAX_SEARCH_STEPS) -> Solution:
    """Combine the rows' readings (``cands``: row key → its readings; a row
    read for certain has one) under the column relations ``rels``.  Raises
    :class:`OverBudget` past ``steps``."""
    count, reading, capped = _search(cands, rels, ncols, max_solutions, steps)
    if count == 0 and any(r.family == "R3" for r in rels):
        # No reading satisfies every relation: is there exactly one that
        # satisfies all but R3?  Then R3 is broken in the report itself.
        rest = [r for r in rels if r.family != "R3"]
        n, only, _ = _search(cands, rest, ncols, 2, steps)
        if n == 1:
            return Solution(1, only, False, "R3")
    return Solution(count, reading, capped)
