"""The cells an equation of the ``equation`` kind is evaluated against: the
names of one instance (a column, a row or the table) turned into cell keys
and values, blank cells as unknown non-negative numbers
(:meth:`CellEnv.unknown`), the keys read recorded for localization."""

from __future__ import annotations

from decimal import Decimal

from gialint.model.report import BoundCell, BoundTable, Report
from gialint.model.template import TableTemplate
from gialint.rules.expr import ANY, NON_NEGATIVE, Interval
from gialint.rules.kinds.blanks import BLANKISH


class CellEnv:
    """Names of one equation instance → cell keys → values."""

    def __init__(
        self, report: Report, table: TableTemplate, for_each: str, fixed: str | None, keys: dict[str, str], bound: BoundTable
    ) -> None:
        self.report = report
        self.table = table
        self.for_each = for_each
        self.fixed = fixed
        self.used: list[str] = []
        self.keys = keys  # name → cell key, shared by the instances with this ``fixed``
        self.cells = bound.cells
        # A further copy of the table (``applications#2``) records the keys it
        # used under its own name, so that findings are localized within it.
        self.copy = bound.key if bound.key != table.key else None

    def key(self, name: str) -> str:
        key = self.keys.get(name)
        if key is None:
            t = self.table
            if self.for_each == "column":
                key = t.cell_key(self.fixed or "", name)
            elif self.for_each == "row":
                key = t.cell_key(name, self.fixed or "")
            else:
                key = name if name.startswith(t.key + ".") else f"{t.key}.{name}"
            self.keys[name] = key
        return key

    def cell(self, name: str) -> tuple[str, BoundCell | None]:
        key = self.keys.get(name) or self.key(name)
        cell = self.cells.get(key)
        if cell is None and not key.startswith(self.table.key + "."):
            cell = self.report.cell(key)
        return key, cell

    def lookup(self, name: str) -> int | Decimal | None:
        # (inlined self.cell: an equation looks up ~100 000 cells a batch of 300)
        key = self.keys.get(name) or self.key(name)
        cell = self.cells.get(key)
        if cell is None and not key.startswith(self.table.key + "."):
            cell = self.report.cell(key)
        self.used.append(key if self.copy is None else self.copy + key[len(self.table.key):])
        return cell.value if cell is not None and cell.content == "number" else None

    def unknown(self, name: str) -> Interval:
        """A blank or dash cell is a count nobody wrote: unknown, not negative."""
        _, cell = self.cell(name)
        return NON_NEGATIVE if cell is not None and cell.content in BLANKISH else ANY

    def expand(self, name: str) -> list[str]:
        if self.for_each == "column":
            rows = self.table.leaf_rows_under(name)
            return [r.key for r in rows] or [name]
        if self.for_each == "none":
            parts = self.key(name).split(".", 2)
            if len(parts) == 3:
                rows = self.table.leaf_rows_under(parts[2])
                if rows:
                    return [f"{parts[0]}.{parts[1]}.{r.key}" for r in rows]
        return [name]


class QuietEnv:
    """An environment that reads ``env``'s cells without recording them as used."""

    def __init__(self, env: CellEnv) -> None:
        self.env = env

    def lookup(self, name: str) -> int | Decimal | None:
        env = self.env
        key = env.keys.get(name) or env.key(name)
        cell = env.cells.get(key)
        if cell is None and not key.startswith(env.table.key + "."):
            cell = env.report.cell(key)
        return cell.value if cell is not None and cell.content == "number" else None

    def expand(self, name: str) -> list[str]:
        return self.env.expand(name)
