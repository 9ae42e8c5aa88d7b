"""Kind ``equation``: a relation between cells, per column, per row or once
(FORMAT.md §5).  Written in gialint's expression language (``grammar/expr.lark``),
never ``eval``.

A blank cell (``—``, ``/``, ``无`` too) is an unknown non-negative number: an
equation needing one is evaluated over intervals (:mod:`gialint.rules.expr.bounds`)
and reported (``message_blanks``) only when no value of the blanks can make it
hold; a text or missing cell has no bounds, so an equation over one never is."""

from __future__ import annotations

from decimal import Decimal
from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator

from gialint.model.findings import Hit
from gialint.model.report import BoundCell, BoundTable, Report
from gialint.model.template import TableTemplate
from gialint.rules.expr import EvalError, ExprError, Outcome, compile_expr
from gialint.rules.kinds.base import Kind, Option
from gialint.rules.kinds.blanks import blank_hit
from gialint.rules.kinds.cellenv import CellEnv as _Env
from gialint.rules.kinds.cellenv import QuietEnv as _Quiet
from gialint.util.suggest import did_you_mean


def _fmt(v: int | Decimal | None) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


@dataclass(frozen=True)
class Evaluation:
    """One instance of an equation on one report: its column or row label,
    the outcome (``holds`` is ``None`` when a cell it needs has no value) and
    the keys of the cells it read, in order."""

    label: str
    outcome: Outcome
    cells: tuple[str, ...]
    env: _Env


class Equation(Kind):
    name = "equation"
    description = "A relation between cells (sums, totals, balances), checked per column, per row or once; a blank cell is an unknown non-negative number."
    options = {
        "table": Option(str, required=True),
        "assert": Option(str, required=True, doc="e.g. new + carried_over == results.total + carried_forward"),
        "for_each": Option(str, default="none", choices=("column", "row", "none")),
        "columns": Option(list, doc="with for_each: column, only these columns"),
        "rows": Option(list, doc="with for_each: row, only these rows"),
        "at": Option(str, doc="the name whose cell the finding points at (default: the first name)"),
        "message_blanks": Option(
            str,
            doc="message when blank cells are involved: {lhs}/{rhs} are phrases (为 3, 至少为 3), {blanks} the blank cells",
        ),
    }
    default_message = "{where}：{lhs_text} = {lhs}，{rhs_text} = {rhs}，两者不相等"
    fields = {
        "where": "the column or row the relation was checked for (its label)",
        "lhs": "the left side's value (in message_blanks: a phrase, 为 3 or 至少为 3)",
        "rhs": "the right side's value (in message_blanks: a phrase, 为 3 or 至少为 3)",
        "lhs_text": "the left side as written in assert", "rhs_text": "the right side as written in assert",
        "blanks": "the blank cells the relation needs (message_blanks only)",
        "detail": "the whole message as gialint words it",
    }  # fmt: skip

    def setup(self) -> None:
        if self.opts["message_blanks"]:
            self._check_fields(self.opts["message_blanks"], "message_blanks")
        try:
            self.expr = compile_expr(self.opts["assert"])
        except ExprError as exc:
            raise ValueError(f"assert 表达式有误：{exc}") from None
        tables = [t.table(self.opts["table"]) for t in self.ctx.templates.values()]
        tables = [t for t in tables if t is not None]
        if not tables:
            known = {t.key for tpl in self.ctx.templates.values() for t in tpl.tables}
            raise ValueError(f"没有表格 {self.opts['table']!r}{did_you_mean(self.opts['table'], known)}")
        names = self.expr.names()
        for_each = self.opts["for_each"]
        valid: set[str] = set()
        for t in tables:
            if for_each == "column":
                valid |= {r.key for r in t.rows}
            elif for_each == "row":
                valid |= {c.key for c in t.columns}
            else:
                valid |= {k.split(".", 1)[1] for k in t.cell_keys()}
                valid |= {f"{c.key}.{r.key}" for c in t.columns for r in t.rows}
                valid |= {f"{t.key}.{v}" for v in list(valid)}
        for n in sorted(names):
            if n not in valid:
                what = {"column": "行", "row": "列", "none": "单元格"}[for_each]
                raise ValueError(f"assert 中的 {n!r} 不是表格 {self.opts['table']} 的{what}{did_you_mean(n, valid)}")
        at = self.opts["at"]
        if at is not None and at not in valid:
            raise ValueError(f"at 的值 {at!r} 无效{did_you_mean(at, valid)}")
        # Cell keys per table and instance, computed once per process (the
        # names of an equation are fixed; building the keys per report and
        # cell was a tenth of a full check).
        self._key_maps: dict[str, dict[str | None, dict[str, str]]] = {}
        text = self.opts["assert"]
        for op in ("==", "!=", "<=", ">=", "<", ">"):
            if op in text:
                left, _, right = text.partition(op)
                self.sides = (left.strip(), right.strip())
                break
        else:
            self.sides = (text, "")

    def instances(self, table: TableTemplate) -> list[tuple[str | None, str]]:
        """``(fixed key, its label)`` for each evaluation of the equation."""
        for_each = self.opts["for_each"]
        if for_each == "column":
            cols = [c for c in table.columns if self.opts["columns"] is None or c.key in self.opts["columns"]]
            return [(c.key, c.label) for c in cols]
        if for_each == "row":
            rows = [r for r in table.data_rows if self.opts["rows"] is None or r.key in self.opts["rows"]]
            return [(r.key, r.label) for r in rows]
        return [(None, table.caption or table.key)]

    def evaluations(self, report: Report) -> Iterator[Evaluation]:
        """Each instance of the equation evaluated on ``report`` (none when
        the table is absent or its format lacks a row the equation needs):
        what :meth:`check` judges, and what an editor shows on a cell."""
        bound = report.tables.get(self.opts["table"])
        if bound is None or not bound.readable:
            return  # not found, or not read: nothing to check
        table = bound.template
        names = self.expr.names()
        if not all(_resolvable(table, self.opts["for_each"], n) for n in names):
            return  # this format lacks a row the equation needs
        key_maps = self._key_maps.setdefault(table.key, {})
        copies = report.copies_of(table.key) if report.copies else []
        for n, copy in enumerate([bound, *copies], 1):
            yield from self._check_copy(report, table, copy, key_maps, "" if n == 1 else f"（第 {n} 份表格）")

    def _check_copy(self, report: Report, table: TableTemplate, bound: BoundTable, key_maps: dict, which: str) -> Iterator[Evaluation]:  # type: ignore[type-arg]
        for fixed, label in self.instances(table):
            label = label + which
            env = _Env(report, table, self.opts["for_each"], fixed, key_maps.setdefault(fixed, {}), bound)
            try:
                out = self.expr.evaluate(env)
            except EvalError as exc:
                raise ValueError(str(exc)) from None
            yield Evaluation(label, out, tuple(dict.fromkeys(env.used)), env)

    def check(self, report: Report) -> Iterable[Hit]:
        for ev in self.evaluations(report):
            out = ev.outcome
            if out.holds is None:
                hit = blank_hit(self, report, ev.env, ev.label)
                if hit is not None:
                    yield replace(hit, extra={"relation": self._relation(ev.env, ev.label)})
                continue
            if out.holds is not False:
                continue
            anchor = self._anchor(report, ev.env)
            message = self.message(
                where=ev.label,
                lhs=_fmt(out.lhs),
                rhs=_fmt(out.rhs),
                lhs_text=self.sides[0],
                rhs_text=self.sides[1],
                detail=f"{ev.label}：{self.opts['assert']} 不成立",
            )
            decoded = report.tables[self.opts["table"]].decoded
            if decoded:
                # Arithmetic found through decoding is real, and says how the table was read.
                message += f"（此表经解码读出：{decoded}；读法见 gialint parse）"
            yield Hit(
                anchor.span if anchor else None,
                message,
                cells=ev.cells,
                extra={"relation": self._relation(ev.env, ev.label)},
            )

    def _relation(self, env: _Env, where: str) -> dict[str, Any]:
        """The failed relation as plain data, for output formats that write it
        out with both sides' values (``一 + 二 = 23 + 2 = 25 ≠ （七）总计 + 四 = 24 + 0``)::

            {"op": "==", "where": "自然人",
             "sides": [{"value": "25", "terms": [{"sign": "+", "label": "一、本年新收…",
                        "value": "23", "cells": ["applications.natural_person.new"]}, …]}, …]}

        ``label`` is the official label of the term's row (per column), column
        (per row) or cell, or the term's text; a ``sum(GROUP)`` term is
        labelled with the group's label and lists every cell it adds up."""
        sides = self.expr.terms(_Quiet(env)) or ((), ())
        out = []
        for terms in sides:
            values = [t.value for t in terms]
            total = None if any(v is None for v in values) else sum((-v if t.sign == "-" else v) for t, v in zip(terms, values))  # type: ignore[operator]
            out.append({
                "value": None if total is None else _fmt(total),
                "terms": [
                    {
                        "sign": t.sign,
                        "label": self._label(env.table, t.subject) if t.subject else t.text,
                        "text": t.text,
                        "value": None if t.value is None else _fmt(t.value),
                        "cells": [env.key(n) for n in t.names],
                    }
                    for t in terms
                ],
            })
        return {"op": self.expr.comparison or "", "where": where, "sides": out}

    def _label(self, table: TableTemplate, name: str) -> str:
        for_each = self.opts["for_each"]
        if for_each == "column":
            row = table.row(name)
            return row.label if row else name
        if for_each == "row":
            col = table.column(name)
            return col.label if col else name
        parts = (name if name.startswith(table.key + ".") else f"{table.key}.{name}").split(".", 2)
        col = table.column(parts[1]) if len(parts) > 1 else None
        row = table.row(parts[2]) if len(parts) > 2 else None
        if row and col:
            return f"{row.label}（{col.label}）"
        return (row or col).label if (row or col) else name  # type: ignore[union-attr]

    def _anchor(self, report: Report, env: _Env) -> BoundCell | None:
        at = self.opts["at"]
        key = env.key(at) if at else (env.used[0] if env.used else None)
        return env.cell(at)[1] if at else (report.cell(key) if key else None)


def _resolvable(table: TableTemplate, for_each: str, name: str) -> bool:
    if for_each == "column":
        return table.row(name) is not None
    if for_each == "row":
        return table.column(name) is not None
    return True


KINDS = [Equation]
