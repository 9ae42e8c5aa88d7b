"""The equation language's values, errors and compiled form: numbers are
``int`` or :class:`~decimal.Decimal`, never ``float``; a cell without a value
makes everything that depends on it unknown (``None``); ``and``/``or``/``not``
follow three-valued logic."""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal
from typing import Protocol

Number = int | Decimal


_Lookup = Callable[[str], "Number | None"]


_Expand = Callable[[str], Sequence[str]]


_NumFn = Callable[[_Lookup, _Expand, list[str]], "Number | None"]


_BoolFn = Callable[[_Lookup, _Expand, list[str]], "bool | None"]


# Independent of the caller's thread-local decimal context.
_DIV = Context(prec=28)


_COMPARE: dict[str, Callable[[Number, Number], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


class ExprError(Exception):
    """An equation that cannot be compiled: a syntax or type error."""

    def __init__(self, message: str, column: int, text: str) -> None:
        super().__init__(message, column, text)
        self.message = message
        self.column = column  # 1-based, in ``text``
        self.text = text

    def __str__(self) -> str:
        flat = _flatten(self.text)
        pad = "".join(
            "  " if unicodedata.east_asian_width(c) in "WF" else " " for c in flat[: self.column - 1]
        )
        return f"{self.message}（第 {self.column} 列）\n  {flat}\n  {pad}^"


class EvalError(Exception):
    """An equation that cannot be evaluated on these values (division by zero)."""

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message, text)
        self.message = message
        self.text = text

    def __str__(self) -> str:
        return f"{self.message}（{self.text}）" if self.text else self.message


class Env(Protocol):
    """The cell values an equation is evaluated against."""

    def lookup(self, name: str) -> int | Decimal | None:
        """The value of cell ``name``; ``None`` when it has none."""
        ...

    def expand(self, name: str) -> list[str]:
        """The names ``name`` stands for inside ``sum``/``min``/``max``."""
        return [name]


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of evaluating an equation."""

    holds: bool | None  # None: some value it needs is unknown
    lhs: int | Decimal | None  # both sides of a top-level comparison
    rhs: int | Decimal | None
    missing: tuple[str, ...]  # names whose lookup gave None, in order of first use


def _flatten(text: str) -> str:
    # Same length, one line: a Lark position is then the column.
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a side of a top-level comparison, evaluated: its ``sign``
    (``+`` or ``-``), its ``text`` in the equation, its ``value`` (``None``:
    unknown), the ``names`` looked up to compute it (after ``expand``, in
    order) and its ``subject``: the bare name it is, or the one name inside
    ``sum(…)``/``min(…)``/``max(…)`` (``function``), else ``None``."""

    sign: str
    text: str
    value: Number | None
    names: tuple[str, ...]
    subject: str | None = None
    function: str | None = None


@dataclass(frozen=True, slots=True)
class _TermSpec:
    negative: bool
    text: str
    subject: str | None
    function: str | None
    fn: _NumFn
