"""Kinds across years: rules that compare a report with the earlier reports of
the same agency (FORMAT.md §5 R5–R7, §7 item 3).

A series kind reads two :class:`~gialint.model.series.Entry` objects — the
report and its agency's :class:`~gialint.model.series.History` — instead of
a :class:`~gialint.model.report.Report`; the engine calls
:meth:`SeriesKind.check_series` only when the run found an earlier report
(``gialint.run.series`` decides which reports belong together).  Findings
point at the later report and name the earlier file and line.

``series-equation`` is the declarative one: an equation in the language of
``equation`` whose names may start with ``prev.`` for the previous year's
cell, e.g. ``carried_over == prev.carried_forward`` — a province can write
its own relations across years in a rule pack."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Iterable

from gialint.model.findings import Hit
from gialint.model.series import Entry, History
from gialint.model.template import TableTemplate, format_lineage
from gialint.rules.expr import EvalError, ExprError, compile_expr
from gialint.rules.kinds.base import Kind, Option
from gialint.util.suggest import did_you_mean

if TYPE_CHECKING:
    from gialint.model.report import BoundCell, Report

PREV = "prev."


class SeriesKind(Kind):
    """Base class of the kinds that compare a report with earlier ones."""

    series: ClassVar[bool] = True

    def check(self, report: Report) -> Iterable[Hit]:
        return ()  # a single report has nothing to compare with

    def check_series(self, entry: Entry, history: History) -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError

    def history_keys(self) -> set[str]:
        """Cells the kind reads of years before the previous one (those
        entries may hold nothing else: :meth:`Entry.thin`)."""
        return set()

    def admits(self, entry: Entry) -> bool:
        """Whether ``formats`` (if any) admits the entry's template."""
        formats = self.opts.get("formats")
        if formats is None:
            return True
        tpl = self.ctx.templates.get(entry.version)
        return tpl is not None and any(tid in formats for tid in format_lineage(tpl, self.ctx.templates))

    def table_template(self, entry: Entry, key: str) -> TableTemplate | None:
        tpl = self.ctx.templates.get(entry.version)
        return tpl.table(key) if tpl is not None else None

    @staticmethod
    def prev_fields(prev: Entry, line: int) -> dict[str, object]:
        return {"prev_year": prev.year, "prev_file": prev.path, "prev_line": line}


def fmt(v: int | Decimal | None) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


class _Env:
    """Names of one instance → cells of this year's or (``prev.``) last year's report."""

    def __init__(self, entry: Entry, prev: Entry, table: TableTemplate, for_each: str, fixed: str | None) -> None:
        self.entries = (entry, prev)
        self.table = table
        self.for_each = for_each
        self.fixed = fixed
        self.used: list[tuple[bool, str]] = []  # (from prev, cell key)

    def key(self, name: str) -> str:
        t = self.table
        if self.for_each == "column":
            return t.cell_key(self.fixed or "", name)
        if self.for_each == "row":
            return t.cell_key(name, self.fixed or "")
        return name if name.startswith(t.key + ".") else f"{t.key}.{name}"

    def lookup(self, name: str) -> int | Decimal | None:
        old = name.startswith(PREV)
        key = self.key(name[len(PREV):] if old else name)
        self.used.append((old, key))
        return self.entries[old].value(key)

    def expand(self, name: str) -> list[str]:
        old = name.startswith(PREV)
        bare = name[len(PREV):] if old else name
        if self.for_each == "column":
            rows = self.table.leaf_rows_under(bare)
            return [(PREV if old else "") + r.key for r in rows] or [name]
        return [name]


class SeriesEquation(SeriesKind):
    name = "series-equation"
    description = "A relation between this year's cells and last year's (names prefixed prev.), per column, per row or once."
    options = {
        "table": Option((str, list), required=True, doc="a table, or a list of tables the equation holds in"),
        "assert": Option(str, required=True, doc="e.g. carried_over == prev.carried_forward"),
        "for_each": Option(str, default="none", choices=("column", "row", "none")),
        "columns": Option(list, doc="with for_each: column, only these columns"),
        "rows": Option(list, doc="with for_each: row, only these rows"),
        "at": Option(str, doc="the name (of this year) whose cell the finding points at (default: the first)"),
        "formats": Option(list, doc="only for reports of these template ids (and their local variants)"),
    }
    default_message = "{where}：{lhs_text} = {lhs}，{rhs_text} = {rhs}（{prev_year}年报告“{prev_file}”第 {prev_line} 行），两者不相等"
    fields = {
        "where": "the column or row label (or the table) of this instance",
        "lhs": "the left side's value", "rhs": "the right side's value",
        "lhs_text": "the left side as written in assert", "rhs_text": "the right side as written in assert",
        "year": "this report's year", "prev_year": "last year's report's year",
        "prev_file": "last year's report's file", "prev_line": "the line of last year's cell in it",
        "detail": "the whole message as gialint words it",
    }

    def setup(self) -> None:
        try:
            self.expr = compile_expr(self.opts["assert"])
        except ExprError as exc:
            raise ValueError(f"assert 表达式有误：{exc}") from None
        raw = self.opts["table"]
        self.tables = [raw] if isinstance(raw, str) else [str(t) for t in raw]
        names = self.expr.names()
        if not any(n.startswith(PREV) for n in names):
            raise ValueError("assert 中没有上一年的单元格（prev.…）；同一年内的关系请用 kind: equation")
        for_each = self.opts["for_each"]
        for table in self.tables:
            found = [t for t in (tpl.table(table) for tpl in self.ctx.templates.values()) if t is not None]
            if not found:
                known = {t.key for tpl in self.ctx.templates.values() for t in tpl.tables}
                raise ValueError(f"没有表格 {table!r}{did_you_mean(table, known)}")
            valid = _valid_names(found, for_each)
            for n in sorted(names) + ([self.opts["at"]] if self.opts["at"] else []):
                bare = n[len(PREV):] if n.startswith(PREV) else n
                if bare not in valid:
                    what = {"column": "行", "row": "列", "none": "单元格"}[for_each]
                    raise ValueError(f"{n!r} 不是表格 {table} 的{what}{did_you_mean(bare, valid)}")
        text = self.opts["assert"]
        for op in ("==", "!=", "<=", ">=", "<", ">"):
            if op in text:
                left, _, right = text.partition(op)
                self.sides = (left.strip(), right.strip())
                break
        else:
            self.sides = (text, "")

    def check_series(self, entry: Entry, history: History) -> Iterable[Hit]:
        prev = history.previous(entry.year)
        if prev is None or not self.admits(entry):
            return
        for table in self.tables:
            yield from self._table(entry, prev, table)

    def _table(self, entry: Entry, prev: Entry, key: str) -> Iterable[Hit]:
        now, then = self.table_template(entry, key), self.table_template(prev, key)
        mine, theirs = entry.tables.get(key), prev.tables.get(key)
        if now is None or then is None or mine is None or theirs is None or not (mine.found and theirs.found):
            return
        for_each = self.opts["for_each"]
        names = self.expr.names()
        if not all(_resolvable(t, for_each, n[len(PREV):] if n.startswith(PREV) else n) for t in (now, then) for n in names):
            return  # one of the two formats lacks a row or column the equation needs
        for fixed, label in _instances(now, for_each, self.opts["columns"], self.opts["rows"]):
            if for_each == "column" and then.column(fixed or "") is None or for_each == "row" and then.row(fixed or "") is None:
                continue
            env = _Env(entry, prev, now, for_each, fixed)
            try:
                out = self.expr.evaluate(env)
            except EvalError as exc:
                raise ValueError(str(exc)) from None
            if out.holds is not False:
                continue
            here = self._anchor(entry, env)
            old_key = next((k for old, k in env.used if old), "")
            yield Hit(
                here.span if here is not None else None,
                self.message(
                    where=label, lhs=fmt(out.lhs), rhs=fmt(out.rhs), lhs_text=self.sides[0], rhs_text=self.sides[1],
                    year=entry.year, **self.prev_fields(prev, prev.line_of(old_key)),
                    detail=f"{label}：{self.opts['assert']} 不成立（{prev.year}年报告 {prev.path}:{prev.line_of(old_key)}）",
                ),
            )

    def _anchor(self, entry: Entry, env: _Env) -> BoundCell | None:
        at = self.opts["at"]
        if at:
            return entry.cell(env.key(at))
        key = next((k for old, k in env.used if not old), None)
        return entry.cell(key) if key else None


def _valid_names(tables: list[TableTemplate], for_each: str) -> set[str]:
    valid: set[str] = set()
    for t in tables:
        if for_each == "column":
            valid |= {r.key for r in t.rows}
        elif for_each == "row":
            valid |= {c.key for c in t.columns}
        else:
            valid |= {k.split(".", 1)[1] for k in t.cell_keys()}
            valid |= {f"{t.key}.{v}" for v in list(valid)}
    return valid


def _resolvable(table: TableTemplate, for_each: str, name: str) -> bool:
    if for_each == "column":
        return table.row(name) is not None
    if for_each == "row":
        return table.column(name) is not None
    key = name if name.startswith(table.key + ".") else f"{table.key}.{name}"
    return key in table.cell_keys()


def _instances(table: TableTemplate, for_each: str, columns: list[str] | None, rows: list[str] | None) -> list[tuple[str | None, str]]:
    if for_each == "column":
        return [(c.key, c.label) for c in table.columns if columns is None or c.key in columns]
    if for_each == "row":
        return [(r.key, r.label) for r in table.data_rows if rows is None or r.key in rows]
    return [(None, table.caption or table.key)]


KINDS = [SeriesEquation]
