"""Rows that damaged text leaves uncertain, and the decoding of their tables.

The binder (:mod:`.binding`) reads a row as written when its cells are
delimited (tab-cell, TSV and pipe rows), or when, in text with one cell per
line, exactly as many values follow its label as the table has columns.
Any other row of one-cell-per-line text is *pending*: its values are kept
and, once the whole document is bound, read here (:mod:`.decode`), because
what shows how the text was damaged is spread over the whole file:

- **cells run together** — a row label with a digit run glued to it
  (``规章000``) and fewer values than columns: its digit runs may be cut
  anywhere; once one such row is seen, so may any other bare digit run of
  the file (table 四's one row has no label to be glued to);
- **duplicate lines merged** — no two consecutive lines of the file are
  equal although it has many lines holding one number: each value may stand
  for a run of equal values.  Never in a table with a row that has no value
  at all: there the blank cells are invisible too, and a run could fill them;
- **a number cut over lines** — the line breaks that reassembly
  (:mod:`gialint.parse.reassemble`) left undecided
  (:attr:`~gialint.model.document.Document.soft_breaks`).

A table with pending rows is decoded when exactly one reading remains, and
otherwise marked unreadable with the reason in words
(:class:`~gialint.model.report.BoundTable`).

This module is one cohesive thing: the evidence, the tokens, and the
outcome of decoding a table."""

from __future__ import annotations

import re

from gialint.bind import shift
from gialint.bind.decode import MAX_TABLE_STEPS, OverBudget, Part, Reading, Token, relations, row_readings, solve, value_of
from gialint.bind.pending import SINGLE, PendingRow, PendingTable, bound_cell, table_name
from gialint.bind.shift import LineRow
from gialint.model.document import Cell, Document, GluedCell
from gialint.model.report import BoundTable
from gialint.model.span import Span

class Evidence:
    """What the whole file shows about how it was damaged."""

    def __init__(self, doc: Document, pending: dict[str, PendingTable]) -> None:
        self.soft = doc.soft_breaks
        self.run = any(r.short and any(_glued(c, r.label_line) for c in r.cells) for p in pending.values() for r in p.rows)
        self._text = doc.source.text
        self._merged: bool | None = None

    @property
    def merged(self) -> bool:
        """No two consecutive non-blank lines are equal, and at least ten
        lines hold one number alone: the file had its duplicate lines merged."""
        if self._merged is None:
            prev, numbers, merged = None, 0, True
            for line in self._text.split("\n"):
                s = line.strip()
                if not s:
                    continue
                if s == prev:
                    merged = False
                    break
                numbers += s.isdigit()
                prev = s
            self._merged = merged and numbers >= 10
        return self._merged

    def tokens(self, row: PendingRow, ncols: int, repeat_ok: bool) -> list[Token]:
        cells = [piece for c in row.cells for piece in _apart(c)]
        short = len(cells) < ncols
        # One run of all the row's digits in a wide row (a count does not
        # have seven digits): its cells ran together, glued to a label or not.
        lone = short and ncols >= 7 and len(row.cells) == 1 and sum(len(c.text) for c in cells) >= ncols
        out: list[Token] = []
        prev: Cell | None = None
        for c in cells:
            glued = _glued(c, row.label_line)
            digits = c.text.isdigit() and c.text.isascii()
            split = short and digits and len(c.text) > 1 and (glued or self.run or lone)
            repeat = short and repeat_ok and not glued and self.merged
            soft = prev is not None and prev.span.end_line in self.soft and c.span.line == prev.span.end_line + 1
            out.append(Token(c.text, c.span, split, soft, repeat))
            prev = c
        return out


_DIGITS_APART = re.compile(r"^\d+(?:[ \u00a0]+\d+)+$")


def _apart(c: Cell) -> list[Cell]:
    """A cell of digit runs apart (``0000000000 00000``: cells run together
    that kept one cell's padding) as one cell per run; any other cell whole."""
    if " " not in c.text and "\u00a0" not in c.text or not _DIGITS_APART.match(c.text):
        return [c]
    sp = c.span
    one_line = sp.line == sp.end_line and sp.end_column - sp.column == len(c.text)
    out = []
    for m in re.finditer(r"\d+", c.text):
        span = Span(sp.line, sp.column + m.start(), sp.line, sp.column + m.end()) if one_line else sp
        out.append((GluedCell if c.glued else Cell)(m.group(), span, c.row, c.role))
    return out


def _glued(c: Cell, label_line: int | None) -> bool:
    return c.glued or (label_line is not None and c.span.line == label_line)


def _cause(tokens: list[Token]) -> str:
    if any(t.split for t in tokens):
        return "数字连在一起"
    if any(t.repeat for t in tokens):
        return "相邻的相同数字被合并成一个"
    if any(t.soft for t in tokens):
        return "数字被拆到几行"
    return ""


def finish_all(doc: Document, tables: dict[str, BoundTable], pending: dict[str, PendingTable]) -> None:
    """Read every pending table of ``doc`` (after the whole document is bound:
    the evidence of how the text was damaged is file-wide)."""
    evidence = Evidence(doc, pending)
    for key, waiting in pending.items():
        finish(tables[key], waiting, evidence)


def finish(table: BoundTable, pending: PendingTable, evidence: Evidence) -> None:
    """Decode ``table``'s pending rows: bind them and say how, or mark the
    table unreadable and say why."""
    t = table.template
    name = table_name(t)
    single = t.layout == "single_row"
    ncols = len(t.rows) * len(t.columns) if single else len(t.columns)
    row_sums, col_sums = relations(t)
    if not single and _slipped(table, pending, ncols, row_sums, col_sums):
        return
    if pending.unreadable:
        _unread(table, pending, f"{name}{pending.unreadable}")
        return
    cands: dict[str, list[Reading]] = {}
    causes: list[str] = []
    decided: dict[str, Reading] = {}
    by_key = {r.key: r for r in pending.rows}
    spent = [MAX_TABLE_STEPS]  # the steps the rows of this table share
    keys = [SINGLE] if single else [r.key for r in t.data_rows]
    for key in keys:
        prow = by_key.get(key)
        if prow is None:
            cells = [table.cells[k] for k in t.key_grid[key]]
            if any(c.content != "missing" for c in cells):
                cands[key] = [tuple(Part(c.raw or "", c.span or Span(1, 1, 1, 1)) for c in cells)]
            continue
        tokens = evidence.tokens(prow, ncols, not pending.empty_rows)
        cause = _cause(tokens)
        if cause and cause not in causes:
            causes.append(cause)
        where = "" if single else f"中“{prow.label}”一行"
        try:
            structural = row_readings(tokens, ncols, (), limit=1, shared=spent)
        except OverBudget:
            structural = None  # two or more
        if structural is not None and len(structural) == 1:
            cands[key] = structural
            decided[key] = structural[0]
            continue
        if structural is not None:  # none at all
            shown = " ".join(c.text for c in prow.cells)
            shown = f"（{shown[:40]}{'…' if len(shown) > 40 else ''}）" if shown else ""
            if cause == "数字连在一起":
                reason = f"{name}{where}的数字连在一起{shown}，拆成 {ncols} 列没有一种读法，无法确定"
            else:
                reason = f"{name}{where}有 {len(prow.cells)} 个数值{shown}，而表格有 {ncols} 列，无法确定各数值所在的列"
            _unread(table, pending, reason)
            return
        try:
            readings = row_readings(tokens, ncols, row_sums, shared=spent)
        except OverBudget:
            _unread(table, pending, f"{name}{where}的{cause or '数值'}，可能的读法过多（超过解码上限），无法确定")
            return
        if not readings:
            _unread(table, pending, f"{name}{where}的{cause or '数值'}，没有一种读法满足勾稽关系，无法确定")
            return
        cands[key] = readings
    what = "、".join(causes) or "数值个数与列数不符"
    rows = "该行" if single else f"{len(pending.rows)} 行"
    if all(k in decided for k in by_key):
        # Every pending row has one reading by its digits alone: the
        # relations were not needed, and the rules check them as written.
        _rebind(table, pending, decided, single)
        table.decoded = f"{rows}的{what}，按官方表格的行列和非负整数只有一种读法"
        return
    try:
        outcome = solve(cands, col_sums, len(t.columns))
    except OverBudget:
        _unread(table, pending, f"{name}的{what}，可能的读法过多（超过解码上限），无法确定")
        return
    if outcome.reading is None:
        many = f"至少 {outcome.count}" if outcome.capped else str(outcome.count)
        if outcome.count == 0:
            reason = f"{name}的{what}，没有一种读法满足勾稽关系，无法确定"
        elif row_sums or col_sums:
            reason = f"{name}的{what}，有 {many} 种读法都满足勾稽关系，无法确定"
        else:
            reason = f"{name}的{what}，有 {many} 种读法（此表没有可据以取舍的勾稽关系），无法确定"
        _unread(table, pending, reason)
        return
    _rebind(table, pending, outcome.reading, single)
    how = f"{rows}的{what}，按官方表格的行列、非负整数和勾稽关系只有一种读法"
    if outcome.broken == "R3":
        how = (
            f"{rows}的{what}，没有一种读法满足全部勾稽关系；按官方表格的行列、非负整数和除（七）总计以外的勾稽关系只有一种读法，"
            "该读法下（七）总计不等于各项之和"
        )
    table.decoded = how


def _slipped(table: BoundTable, pending: PendingTable, ncols: int, row_sums: list, col_sums: list) -> bool:
    """Read a one-cell-per-line table whose numbers slipped away from their
    labels (:mod:`.shift`); ``True`` when the table is settled (decoded or
    unreadable), ``False`` when the numbers did not slip that way."""
    if not pending.lines:
        return False
    rows = [
        LineRow(key, frozenset(x for c in label for x in range(c.span.line, c.span.end_line + 1)), [v for v in values if v.role == "value"])
        for _, key, label, values in sorted(pending.lines, key=lambda r: r[0])
    ]
    if not (pending.orphans or any(len(r.cells) != ncols for r in rows)):
        return False
    if not shift.applicable(rows, pending.orphans, ncols):
        return False
    options = shift.placements(rows, pending.orphans, ncols)
    if not options:
        return False
    t = table.template
    mine = {r.key for r in rows}
    fixed = {}
    for r in t.data_rows:
        cells = [table.cells[k] for k in t.key_grid[r.key]]
        if r.key not in mine and any(c.content != "missing" for c in cells):
            fixed[r.key] = tuple(value_of(c.raw or "") for c in cells)
    choice, count = shift.decide(options, fixed, row_sums, col_sums, ncols)
    name = table_name(t)
    if choice is None:
        what = f"有 {count} 种对应方式都满足勾稽关系" if count else "没有一种对应方式满足勾稽关系"
        _unread(table, pending, f"{name}的行名与数值错位（数值在行名之前或之后），{what}，无法确定")
        return True
    moved = 0
    for r in rows:
        cells = choice[r.key]
        moved += cells != r.cells
        row = t.row(r.key)
        assert row is not None
        for ci, c in enumerate(cells):
            bc = bound_cell(t, ci, row.key, row.label, c, None)
            table.cells[bc.key] = bc
    how = "和勾稽关系" if len(options) > 1 else ""
    table.decoded = f"{moved} 行的数值与行名错位（数值在行名之前），按官方表格的行列{how}只有一种对应方式"
    return True


def _unread(table: BoundTable, pending: PendingTable, reason: str) -> None:
    """Mark ``table`` unreadable: no value read from damaged text is kept
    (its rows from one-cell-per-line text, whose numbers may belong to
    another row); rows of delimited cells keep theirs."""
    table.unreadable = reason
    t = table.template
    for key in [*pending.loose, *(r.key for r in pending.rows)]:
        rows = t.rows if key == SINGLE else [t.row(key)]
        for row in rows:
            if row is None or row.is_group:
                continue
            for ci in range(len(t.columns)):
                old = table.cells[t.key_grid[row.key][ci]]
                bc = bound_cell(t, ci, row.key, row.label, None, old.span if old.content == "missing" else None)
                table.cells[bc.key] = bc


def _rebind(table: BoundTable, pending: PendingTable, reading: dict[str, Reading], single: bool) -> None:
    t = table.template
    ncols = len(t.columns)
    for prow in pending.rows:
        parts = reading[prow.key]
        for k, part in enumerate(parts):
            if single:
                row = t.rows[k // ncols]
                ci = k % ncols
            else:
                row = t.row(prow.key)  # type: ignore[assignment]
                ci = k
            assert row is not None
            bc = bound_cell(t, ci, row.key, row.label, Cell(part.text, part.span, None, "value"), None)
            table.cells[bc.key] = bc
