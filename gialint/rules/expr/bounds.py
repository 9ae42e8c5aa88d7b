"""What an equation can still be when some of its values are unknown.

A blank cell of the official tables is a number nobody wrote down: unknown,
but never negative.  :func:`compile_bounds` turns an equation into a function
that evaluates it over *intervals* — every known value a point, every unknown
one the range its environment gives (``[0, ∞)`` for a blank count) — and
returns a verdict about *every* completion of the unknowns:

* ``False``: no value of the unknowns can make it hold (the known parts
  already exceed the total, or the total exceeds parts with no blank);
* ``True``: it holds whatever the unknowns are;
* ``None``: it depends on them.

Interval arithmetic is *sound*: a ``False`` is never wrong, whatever the
equation.  For the relations the rule packs state — sums equal sums, every
cell once (R1–R4, FORMAT.md §5) — it is also *exact*: the range of a sum of
independent terms is the sum of their ranges, and two independent ranges
can be made equal exactly when they meet.  ``tests/unit/rules/test_bounds.py``
checks both against a brute-force search of completions.

Infinite ends are ``None`` (``lo is None``: unbounded below).  Products use
``0 · ∞ = 0`` (an end of ``[0, 0] · [1, ∞)`` is 0); a division whose divisor
may be 0, or whose operands are unbounded, is left unknown.

Over 300 lines, as one cohesive thing: the interval operations and the
compiler that applies them, one case per grammar rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, cast

from gialint.rules.expr.base import _DIV, Number, _flatten
from gialint.rules.expr.parse import _parse_tree

if TYPE_CHECKING:
    from lark import Token, Tree


@dataclass(frozen=True, slots=True)
class Interval:
    """``[lo, hi]``; ``None`` is an infinite end."""

    lo: Number | None
    hi: Number | None

    @property
    def exact(self) -> bool:
        return self.lo is not None and self.lo == self.hi

    def __str__(self) -> str:
        return describe(self)


ANY = Interval(None, None)
NON_NEGATIVE = Interval(0, None)


def point(v: Number) -> Interval:
    return Interval(v, v)


def _fmt(v: Number) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


def describe(iv: Interval) -> str:
    """Chinese phrase for a side of an equation: ``为 5``, ``至少为 3``…"""
    lo, hi = iv.lo, iv.hi
    if lo is not None and hi is not None:
        return f"为 {_fmt(lo)}" if lo == hi else f"在 {_fmt(lo)} 与 {_fmt(hi)} 之间"
    if lo is not None:
        return f"至少为 {_fmt(lo)}"
    if hi is not None:
        return f"至多为 {_fmt(hi)}"
    return "不定"


class BoundsEnv(Protocol):
    """Values and the range of each unknown value."""

    def lookup(self, name: str) -> Number | None: ...

    def unknown(self, name: str) -> Interval:
        """The range of ``name`` when :meth:`lookup` gives ``None``."""
        ...


@dataclass(frozen=True, slots=True)
class Verdict:
    """``holds`` for every completion (see the module docstring), and the
    ranges of both sides of a top-level comparison."""

    holds: bool | None
    lhs: Interval | None
    rhs: Interval | None
    unknown: tuple[str, ...]  # names whose value was unknown, in order of first use


# --- interval arithmetic ------------------------------------------------------


def _add(a: Interval, b: Interval) -> Interval:
    lo = None if a.lo is None or b.lo is None else a.lo + b.lo
    hi = None if a.hi is None or b.hi is None else a.hi + b.hi
    return Interval(lo, hi)


def _neg(a: Interval) -> Interval:
    return Interval(None if a.hi is None else -a.hi, None if a.lo is None else -a.lo)


def _sub(a: Interval, b: Interval) -> Interval:
    return _add(a, _neg(b))


# An end of a product: a finite number, or an infinity with its sign.
_End = tuple[int, Number]  # (-1 | 0 | 1 for -∞ / finite / +∞, value when finite)


def _ends(iv: Interval) -> tuple[_End, _End]:
    return ((-1, 0) if iv.lo is None else (0, iv.lo)), ((1, 0) if iv.hi is None else (0, iv.hi))


def _sign(v: Number) -> int:
    return (v > 0) - (v < 0)


def _times(x: _End, y: _End) -> _End:
    (xi, xv), (yi, yv) = x, y
    if xi == 0 and yi == 0:
        return 0, xv * yv
    # An infinite factor: 0 · ∞ = 0, otherwise ±∞ by the signs.
    sx = xi if xi else _sign(xv)
    sy = yi if yi else _sign(yv)
    s = sx * sy
    return (0, 0) if s == 0 else (s, 0)


def _key(e: _End) -> tuple[int, Number]:
    return (e[0], e[1] if e[0] == 0 else 0)


def _mul(a: Interval, b: Interval) -> Interval:
    products = [_times(x, y) for x in _ends(a) for y in _ends(b)]
    lo, hi = min(products, key=_key), max(products, key=_key)
    return Interval(None if lo[0] else lo[1], None if hi[0] else hi[1])


def _quotient(x: Number, y: Number) -> Number:
    if isinstance(x, int) and isinstance(y, int) and x % y == 0:
        return x // y
    return _DIV.divide(Decimal(x), Decimal(y))


def _div(a: Interval, b: Interval) -> Interval:
    if None in (a.lo, a.hi, b.lo, b.hi):
        return ANY
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    if b.lo <= 0 <= b.hi:
        return ANY  # the divisor may be 0
    qs = [_quotient(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return Interval(min(qs), max(qs))


def _abs(a: Interval) -> Interval:
    if a.lo is not None and a.lo >= 0:
        return a
    if a.hi is not None and a.hi <= 0:
        return _neg(a)
    hi = None if a.lo is None or a.hi is None else max(-a.lo, a.hi)
    return Interval(0, hi)


def _extreme(items: list[Interval], low: bool) -> Interval:
    los = [i.lo for i in items]
    his = [i.hi for i in items]
    if low:  # min: the smallest of the lows (−∞ wins), the smallest of the highs (∞ loses)
        lo = None if None in los else min(cast("list[Number]", los))
        finite = [h for h in his if h is not None]
        hi = min(finite) if finite else None
    else:
        finite = [v for v in los if v is not None]
        lo = max(finite) if finite else None
        hi = None if None in his else max(cast("list[Number]", his))
    return Interval(lo, hi)


def _lt(x: Number | None, y: Number | None) -> bool:
    """``x < y`` where ``x`` is an upper end and ``y`` a lower end (None: ∞, −∞)."""
    return x is not None and y is not None and x < y


def _le(x: Number | None, y: Number | None) -> bool:
    return x is not None and y is not None and x <= y


def compare(op: str, a: Interval, b: Interval) -> bool | None:
    """Whether ``a op b`` holds for all, none (False) or some of the values."""
    if op in (">", ">="):
        op, a, b = ("<" if op == ">" else "<="), b, a
    if op == "<":
        return True if _lt(a.hi, b.lo) else False if _le(b.hi, a.lo) else None
    if op == "<=":
        return True if _le(a.hi, b.lo) else False if _lt(b.hi, a.lo) else None
    disjoint = _lt(a.hi, b.lo) or _lt(b.hi, a.lo)
    same_point = a.exact and b.exact and a.lo == b.lo
    equal = True if same_point else False if disjoint else None
    if op == "==":
        return equal
    return None if equal is None else not equal  # "!="


# --- compiling ------------------------------------------------------------------

_Num = Callable[[BoundsEnv, list[str]], Interval]
_Bool = Callable[[BoundsEnv, list[str]], "bool | None"]


def _child(tree: Tree[Token], i: int) -> Tree[Token]:
    return cast("Tree[Token]", tree.children[i])


def _lookup(env: BoundsEnv, name: str, unknown: list[str]) -> Interval:
    v = env.lookup(name)
    if v is None:
        unknown.append(name)
        unknown_range = getattr(env, "unknown", None)
        return unknown_range(name) if unknown_range is not None else ANY
    return point(v)


class _Compiler:
    def top(self, tree: Tree[Token]) -> Callable[[BoundsEnv], Verdict]:
        if tree.data == "compare":
            left, op, right = self._num(_child(tree, 0)), str(tree.children[1]), self._num(_child(tree, 2))

            def run_compare(env: BoundsEnv) -> Verdict:
                unknown: list[str] = []
                a, b = left(env, unknown), right(env, unknown)
                return Verdict(compare(op, a, b), a, b, tuple(dict.fromkeys(unknown)))

            return run_compare
        test = self._bool(tree)

        def run_test(env: BoundsEnv) -> Verdict:
            unknown: list[str] = []
            return Verdict(test(env, unknown), None, None, tuple(dict.fromkeys(unknown)))

        return run_test

    def _bool(self, tree: Tree[Token]) -> _Bool:
        kind = tree.data
        if kind == "compare":
            left, op, right = self._num(_child(tree, 0)), str(tree.children[1]), self._num(_child(tree, 2))
            return lambda env, unknown: compare(op, left(env, unknown), right(env, unknown))
        if kind == "not_":
            inner = self._bool(_child(tree, 0))

            def not_(env: BoundsEnv, unknown: list[str]) -> bool | None:
                v = inner(env, unknown)
                return None if v is None else not v

            return not_
        left, right = self._bool(_child(tree, 0)), self._bool(_child(tree, 1))
        if kind == "and_":

            def and_(env: BoundsEnv, unknown: list[str]) -> bool | None:
                a, b = left(env, unknown), right(env, unknown)
                return False if False in (a, b) else None if None in (a, b) else True

            return and_

        def or_(env: BoundsEnv, unknown: list[str]) -> bool | None:
            a, b = left(env, unknown), right(env, unknown)
            return True if True in (a, b) else None if None in (a, b) else False

        return or_

    def _num(self, tree: Tree[Token]) -> _Num:
        kind = tree.data
        if kind == "number":
            token = str(tree.children[0])
            iv = point(Decimal(token) if "." in token else int(token))
            return lambda env, unknown: iv
        if kind == "name":
            return self._name(str(tree.children[0]))
        if kind in ("add", "sub", "mul", "div"):
            left, right = self._num(_child(tree, 0)), self._num(_child(tree, 1))
            op = {"add": _add, "sub": _sub, "mul": _mul, "div": _div}[kind]
            return lambda env, unknown: op(left(env, unknown), right(env, unknown))
        if kind == "neg":
            inner = self._num(_child(tree, 0))
            return lambda env, unknown: _neg(inner(env, unknown))
        # sum_, min_, max_, abs_: a bare name inside may stand for several cells.
        args_tree = _child(tree, 0)
        args = [self._arg(_child(args_tree, i)) for i in range(len(args_tree.children))]
        func = kind[:-1]

        def items(env: BoundsEnv, unknown: list[str]) -> list[Interval]:
            return [iv for arg in args for iv in arg(env, unknown)]

        if func == "sum":

            def sum_(env: BoundsEnv, unknown: list[str]) -> Interval:
                total = point(0)
                for iv in items(env, unknown):
                    total = _add(total, iv)
                return total

            return sum_
        if func == "abs":
            return lambda env, unknown: _abs(items(env, unknown)[0])

        def extreme(env: BoundsEnv, unknown: list[str]) -> Interval:
            got = items(env, unknown)
            return _extreme(got, func == "min") if got else ANY

        return extreme

    def _name(self, name: str) -> _Num:
        return lambda env, unknown: _lookup(env, name, unknown)

    def _arg(self, tree: Tree[Token]) -> Callable[[BoundsEnv, list[str]], list[Interval]]:
        if tree.data == "name":
            name = str(tree.children[0])

            def expanded(env: BoundsEnv, unknown: list[str]) -> list[Interval]:
                expand = getattr(env, "expand", None)
                names = expand(name) if expand is not None else [name]
                return [_lookup(env, n, unknown) for n in names]

            return expanded
        fn = self._num(tree)
        return lambda env, unknown: [fn(env, unknown)]


@lru_cache(maxsize=1024)
def compile_bounds(text: str) -> Callable[[BoundsEnv], Verdict]:
    """The interval evaluator of equation ``text`` (already known to compile:
    :func:`~gialint.rules.expr.compile_expr` raises the syntax and type errors)."""
    tree = _parse_tree(_flatten(text))
    return _Compiler().top(_child(tree, 0))
