"""Compiling a parsed equation into a tree of closures (:class:`_Compiler`),
checking types and literal divisions by zero as it goes.  Over 300 lines,
as one cohesive thing: the compiler's cases, one method a grammar rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from gialint.rules.expr.base import (
    _COMPARE,
    _DIV,
    Env,
    EvalError,
    ExprError,
    Number,
    Outcome,
    Term,
    _BoolFn,
    _Expand,
    _flatten,
    _Lookup,
    _NumFn,
    _TermSpec,
)  # fmt: skip
from gialint.rules.expr.bounds import BoundsEnv, Verdict, compile_bounds
from gialint.rules.expr.parse import _parse_tree, _syntax_error

if TYPE_CHECKING:
    from lark import Token, Tree


@dataclass(frozen=True)
class Expr:
    """A compiled equation."""

    text: str
    _names: frozenset[str] = field(repr=False, compare=False)
    _run: Callable[[_Lookup, _Expand, list[str]], tuple[bool | None, Number | None, Number | None]] = field(
        repr=False, compare=False
    )
    #: The operator of a top-level comparison (``==``, ``<=``…), else ``None``.
    comparison: str | None = field(default=None, compare=False)
    _sides: tuple[tuple[_TermSpec, ...], tuple[_TermSpec, ...]] | None = field(default=None, repr=False, compare=False)

    def __reduce__(self) -> tuple[Callable[[str], Expr], tuple[str]]:
        # Closures do not pickle; the text is all a worker process needs.
        return compile_expr, (self.text,)

    def names(self) -> frozenset[str]:
        """Every name the equation uses, as written (before ``expand``)."""
        return self._names

    def bounds(self, env: BoundsEnv) -> Verdict:
        """Evaluate over intervals: whether the equation holds for every, no
        or some values of the unknowns (:mod:`.bounds`)."""
        return compile_bounds(self.text)(env)

    def evaluate(self, env: Env) -> Outcome:
        """Evaluate against ``env``; raises :class:`EvalError`."""
        missing: list[str] = []
        expand: _Expand = getattr(env, "expand", None) or _self_only
        holds, lhs, rhs = self._run(env.lookup, expand, missing)
        return Outcome(holds, lhs, rhs, tuple(dict.fromkeys(missing)) if missing else ())


    def terms(self, env: Env) -> tuple[tuple[Term, ...], tuple[Term, ...]] | None:
        """Both sides of a top-level comparison as their terms (``a + b - c``
        gives three), each evaluated against ``env``: what a failed equation
        shows a reader.  ``None`` when the equation is not a comparison."""
        if self._sides is None:
            return None
        expand: _Expand = getattr(env, "expand", None) or _self_only
        out = []
        for side in self._sides:
            terms = []
            for spec in side:
                used: list[str] = []

                def lookup(name: str, _used: list[str] = used) -> Number | None:
                    _used.append(name)
                    return env.lookup(name)

                value = spec.fn(lookup, expand, [])
                terms.append(Term("-" if spec.negative else "+", spec.text, value, tuple(used), spec.subject, spec.function))
            out.append(tuple(terms))
        return out[0], out[1]


def _self_only(name: str) -> list[str]:
    return [name]


@lru_cache(maxsize=4096)
def compile_expr(text: str) -> Expr:
    """Parse and compile an equation; raises :class:`ExprError`."""
    from lark.exceptions import UnexpectedInput

    flat = _flatten(text)
    try:
        tree = _parse_tree(flat)
    except UnexpectedInput as e:
        raise _syntax_error(e, text) from None
    return _Compiler(text).top(_child(tree, 0))


# --- parsing ---------------------------------------------------------------


# --- compiling -------------------------------------------------------------


def _child(tree: Tree[Token], i: int) -> Tree[Token]:
    # Every child the compiler descends into is a rule, never a bare token.
    return cast("Tree[Token]", tree.children[i])


@dataclass(frozen=True, slots=True)
class _Num:
    """A compiled numeric sub-expression."""

    fn: _NumFn
    name: str | None = None  # set for a bare name: looked up inline, expanded by sum/min/max


_BOOLEAN = frozenset({"or_", "and_", "not_", "compare"})


def _literal_zero(tree: Tree[Token]) -> bool:
    """``0``, ``0.0``, ``-0``, ``(0)``: a divisor that is zero whatever the cells."""
    while tree.data == "neg":
        tree = _child(tree, 0)
    return tree.data == "number" and Decimal(str(tree.children[0])) == 0


class _Compiler:
    """Turns a parse tree into closures, checking numbers against truth values."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.names: dict[str, None] = {}

    def _column(self, tree: Tree[Token]) -> int:
        return getattr(tree.meta, "start_pos", 0) + 1

    def top(self, tree: Tree[Token]) -> Expr:
        if tree.data == "compare":
            lhs, op, rhs = self._compare_parts(tree)

            def run_compare(
                lookup: _Lookup, expand: _Expand, missing: list[str]
            ) -> tuple[bool | None, Number | None, Number | None]:
                a = lhs(lookup, expand, missing)
                b = rhs(lookup, expand, missing)
                return (None if a is None or b is None else op(a, b)), a, b

            sides = (self._terms(_child(tree, 0)), self._terms(_child(tree, 2)))
            return Expr(self.text, frozenset(self.names), run_compare, str(tree.children[1]), sides)
        if tree.data not in _BOOLEAN:
            self.number(tree)  # a misplaced comparison inside is the more precise error
            raise ExprError("断言必须是比较或逻辑表达式", 1, self.text)
        test = self.boolean(tree)

        def run_test(
            lookup: _Lookup, expand: _Expand, missing: list[str]
        ) -> tuple[bool | None, Number | None, Number | None]:
            return test(lookup, expand, missing), None, None

        return Expr(self.text, frozenset(self.names), run_test)

    def _terms(self, tree: Tree[Token]) -> tuple[_TermSpec, ...]:
        """A side of a comparison as its terms: ``a + b - c`` → a, b, −c."""
        parts: list[tuple[bool, Tree[Token]]] = []
        node = tree
        while node.data in ("add", "sub"):
            parts.append((node.data == "sub", _child(node, 1)))
            node = _child(node, 0)
        parts.append((False, node))
        out = []
        for negative, sub in reversed(parts):
            num = self.number(sub)
            subject, function = num.name, None
            if sub.data in ("sum_", "min_", "max_"):
                args = _child(sub, 0).children
                if len(args) == 1 and getattr(args[0], "data", None) == "name":
                    subject, function = str(_child(_child(sub, 0), 0).children[0]), sub.data[:-1]
            start = getattr(sub.meta, "start_pos", 0)
            end = getattr(sub.meta, "end_pos", len(self.text))
            out.append(_TermSpec(negative, self.text[start:end].strip(), subject, function, num.fn))
        return tuple(out)

    # truth values

    def boolean(self, tree: Tree[Token]) -> _BoolFn:
        kind = tree.data
        if kind == "compare":
            lhs, op, rhs = self._compare_parts(tree)

            def compare(lookup: _Lookup, expand: _Expand, missing: list[str]) -> bool | None:
                a = lhs(lookup, expand, missing)
                b = rhs(lookup, expand, missing)
                return None if a is None or b is None else op(a, b)

            return compare
        if kind == "not_":
            inner = self.boolean(_child(tree, 0))

            def not_(lookup: _Lookup, expand: _Expand, missing: list[str]) -> bool | None:
                v = inner(lookup, expand, missing)
                return None if v is None else not v

            return not_
        if kind in ("and_", "or_"):
            left = self.boolean(_child(tree, 0))
            right = self.boolean(_child(tree, 1))
            # Short-circuit, so "b == 0 or a / b < 2" guards the division.
            if kind == "and_":

                def and_(lookup: _Lookup, expand: _Expand, missing: list[str]) -> bool | None:
                    a = left(lookup, expand, missing)
                    if a is False:
                        return False
                    b = right(lookup, expand, missing)
                    if b is False:
                        return False
                    return None if a is None or b is None else True

                return and_

            def or_(lookup: _Lookup, expand: _Expand, missing: list[str]) -> bool | None:
                a = left(lookup, expand, missing)
                if a is True:
                    return True
                b = right(lookup, expand, missing)
                if b is True:
                    return True
                return None if a is None or b is None else False

            return or_
        raise ExprError("此处应为比较或逻辑表达式，而不是数值", self._column(tree), self.text)

    def _compare_parts(self, tree: Tree[Token]) -> tuple[_NumFn, Callable[[Number, Number], bool], _NumFn]:
        return self.number(_child(tree, 0)).fn, _COMPARE[str(tree.children[1])], self.number(_child(tree, 2)).fn

    # numbers

    def number(self, tree: Tree[Token]) -> _Num:
        kind = tree.data
        if kind == "name":
            return self._name(str(tree.children[0]))
        if kind == "number":
            return self._literal(str(tree.children[0]))
        if kind in ("add", "sub"):
            return self._chain(tree)
        if kind in ("mul", "div"):
            return self._product(tree)
        if kind == "neg":
            return self._negate(self.number(_child(tree, 0)))
        if kind in ("sum_", "min_", "max_", "abs_"):
            return self._call(tree)
        raise ExprError("此处应为数值，而不是比较或逻辑表达式", self._column(tree), self.text)

    def _name(self, name: str) -> _Num:
        self.names.setdefault(name)

        def lookup_name(lookup: _Lookup, expand: _Expand, missing: list[str]) -> Number | None:
            v = lookup(name)
            if v is None:
                missing.append(name)
            return v

        return _Num(lookup_name, name)

    @staticmethod
    def _literal(token: str) -> _Num:
        value: Number = Decimal(token) if "." in token else int(token)

        def literal(lookup: _Lookup, expand: _Expand, missing: list[str]) -> Number | None:
            return value

        return _Num(literal)

    def _negate(self, inner: _Num) -> _Num:
        fn = inner.fn

        def neg(lookup: _Lookup, expand: _Expand, missing: list[str]) -> Number | None:
            v = fn(lookup, expand, missing)
            return None if v is None else -v

        return _Num(neg)

    def _chain(self, tree: Tree[Token]) -> _Num:
        # a + b - c + ... is one n-ary node: the common equation is a long sum.
        terms: list[tuple[bool, str | None, _NumFn]] = []
        node = tree
        while node.data in ("add", "sub"):
            right = self.number(_child(node, 1))
            terms.append((node.data == "sub", right.name, right.fn))
            node = _child(node, 0)
        first = self.number(node)
        terms.append((False, first.name, first.fn))
        terms.reverse()
        parts = tuple(terms)

        def chain(lookup: _Lookup, expand: _Expand, missing: list[str]) -> Number | None:
            total: Number = 0
            unknown = False
            for negative, name, fn in parts:
                if name is not None:
                    v = lookup(name)
                    if v is None:
                        missing.append(name)
                        unknown = True
                        continue
                else:
                    v = fn(lookup, expand, missing)
                    if v is None:
                        unknown = True
                        continue
                if negative:
                    total -= v
                else:
                    total += v
            return None if unknown else total

        return _Num(chain)

    def _product(self, tree: Tree[Token]) -> _Num:
        left = self.number(_child(tree, 0)).fn
        right_tree = _child(tree, 1)
        right = self.number(right_tree).fn
        if tree.data == "mul":

            def mul(lookup: _Lookup, expand: _Expand, missing: list[str]) -> Number | None:
                a = left(lookup, expand, missing)
                b = right(lookup, expand, missing)
                return None if a is None or b is None else a * b

            return _Num(mul)

        text = self.text
        start = getattr(right_tree.meta, "start_pos", 0)
        end = getattr(right_tree.meta, "end_pos", len(text))
        divisor = text[start:end]
        if _literal_zero(right_tree):
            # Known when the pack is loaded: a rule-file error (file, line,
            # exit 2), not a crash on every report.
            raise ExprError("除数为常数 0", self._column(right_tree), text)

        def div(lookup: _Lookup, expand: _Expand, missing: list[str]) -> Number | None:
            a = left(lookup, expand, missing)
            b = right(lookup, expand, missing)
            if a is None or b is None:
                return None
            if b == 0:
                raise EvalError(f"除数 {divisor} 为零", text)
            if isinstance(a, int) and isinstance(b, int) and a % b == 0:
                return a // b
            return _DIV.divide(Decimal(a), Decimal(b))

        return _Num(div)

    def _call(self, tree: Tree[Token]) -> _Num:
        func = tree.data[:-1]
        args_tree = _child(tree, 0)
        args = [self.number(_child(args_tree, i)) for i in range(len(args_tree.children))]
        if func == "abs":
            if len(args) != 1:
                raise ExprError("abs 只接受一个参数", self._column(tree), self.text)
            fn = args[0].fn

            def abs_(lookup: _Lookup, expand: _Expand, missing: list[str]) -> Number | None:
                v = fn(lookup, expand, missing)
                return None if v is None else (-v if v < 0 else v)

            return _Num(abs_)

        # A bare name may stand for several cells (a group of rows).
        items = tuple((a.name, a.fn) for a in args)
        text = self.text

        def values(lookup: _Lookup, expand: _Expand, missing: list[str]) -> list[Number] | None:
            out: list[Number] = []
            unknown = False
            for name, fn in items:
                if name is not None:
                    for n in expand(name):
                        v = lookup(n)
                        if v is None:
                            missing.append(n)
                            unknown = True
                        else:
                            out.append(v)
                else:
                    v = fn(lookup, expand, missing)
                    if v is None:
                        unknown = True
                    else:
                        out.append(v)
            return None if unknown else out

        if func == "sum":

            def sum_(lookup: _Lookup, expand: _Expand, missing: list[str]) -> Number | None:
                vs = values(lookup, expand, missing)
                return None if vs is None else sum(vs)

            return _Num(sum_)

        pick = min if func == "min" else max

        def extreme(lookup: _Lookup, expand: _Expand, missing: list[str]) -> Number | None:
            vs = values(lookup, expand, missing)
            if vs is None:
                return None
            if not vs:
                raise EvalError(f"{func}() 的参数展开后为空", text)
            return pick(vs)

        return _Num(extreme)
