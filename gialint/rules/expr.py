"""The equation language of rule packs (``grammar/expr.lark``).

An equation such as ``new + carried_over == results.total + carried_forward``
is parsed once (:func:`compile_expr`, cached) and turned into a tree of
closures, so evaluating it against a report is a handful of Python calls.
Nothing is ever passed to ``eval``.

Numbers are ``int`` or :class:`~decimal.Decimal`, never ``float``.  A cell
without a value makes everything that depends on it unknown (``None``);
``and``/``or``/``not`` follow three-valued logic."""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Context, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from lark import Lark, Token, Tree
    from lark.exceptions import UnexpectedInput

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


@dataclass(frozen=True)
class Expr:
    """A compiled equation."""

    text: str
    _names: frozenset[str] = field(repr=False, compare=False)
    _run: Callable[[_Lookup, _Expand, list[str]], tuple[bool | None, Number | None, Number | None]] = field(
        repr=False, compare=False
    )

    def __reduce__(self) -> tuple[Callable[[str], Expr], tuple[str]]:
        # Closures do not pickle; the text is all a worker process needs.
        return compile_expr, (self.text,)

    def names(self) -> frozenset[str]:
        """Every name the equation uses, as written (before ``expand``)."""
        return self._names

    def evaluate(self, env: Env) -> Outcome:
        """Evaluate against ``env``; raises :class:`EvalError`."""
        missing: list[str] = []
        expand: _Expand = getattr(env, "expand", None) or _self_only
        holds, lhs, rhs = self._run(env.lookup, expand, missing)
        return Outcome(holds, lhs, rhs, tuple(dict.fromkeys(missing)) if missing else ())


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

_PARSER: Lark | None = None
# Parse trees of the equations seen before, kept on disk: the shipped packs'
# equations then cost a cold start no parsing.  Keyed by the grammar and the
# lark version; bounded so that a stream of user rules cannot grow it forever.
_TREES: dict[str, Any] | None = None
_TREES_NAME = ""
_TREES_MAX = 5000


def _grammar_text() -> str:
    from gialint.util.resources import data_dir

    return data_dir("grammar").joinpath("expr.lark").read_text(encoding="utf-8")


def _tree_codec() -> tuple[dict[type, Any], dict[str, Any]]:
    """Lark trees and tokens as plain data (positions included: syntax and
    type errors point at a column)."""
    from lark import Token, Tree

    meta_fields = ("line", "column", "start_pos", "end_line", "end_column", "end_pos")

    def enc_tree(t: Tree, enc: Any) -> list[Any]:
        meta = [getattr(t.meta, f, None) for f in meta_fields] if not t.meta.empty else None
        return [str(t.data), [enc(c) for c in t.children], meta]

    def enc_token(t: Token, enc: Any) -> list[Any]:
        return [t.type, str(t), t.start_pos, t.line, t.column, t.end_line, t.end_column, t.end_pos]

    def dec_tree(p: list[Any]) -> Tree:
        data, children, meta = p
        t = Tree(str(data), list(children))
        if meta is not None:
            for f, v in zip(meta_fields, meta):
                setattr(t.meta, f, v)
            t.meta.empty = False
        return t

    def dec_token(p: list[Any]) -> Token:
        type_, value, start_pos, line, column, end_line, end_column, end_pos = p
        return Token(str(type_), str(value), start_pos, line, column, end_line, end_column, end_pos)

    return {Tree: ("\x00T", enc_tree), Token: ("\x00K", enc_token)}, {"\x00T": dec_tree, "\x00K": dec_token}


def _parse_tree(flat: str) -> Any:
    global _TREES, _TREES_NAME
    from gialint.util import diskcache

    if _TREES is None:
        import lark

        _TREES_NAME = f"expr-trees-{diskcache.key(_grammar_text(), lark.__version__)}.json"
        loaded = diskcache.load_data(_TREES_NAME, _tree_codec()[1])
        _TREES = loaded if isinstance(loaded, dict) else {}
    tree = _TREES.get(flat)
    if tree is None:
        tree = _parser().parse(flat)
        if len(_TREES) >= _TREES_MAX:
            _TREES.clear()
        _TREES[flat] = tree
        diskcache.store_data(_TREES_NAME, _TREES, _tree_codec()[0])
    return tree


def _parser() -> Lark:
    global _PARSER
    if _PARSER is None:
        from gialint.util import diskcache

        # The basic lexer, not the contextual one: the contextual lexer would
        # read "and" as a NAME wherever the keyword cannot follow ("a + and").
        _PARSER, _ = diskcache.lark_parser(_grammar_text(), parser="lalr", lexer="basic", propagate_positions=True)
    return _PARSER


def _flatten(text: str) -> str:
    # Same length, one line: a Lark position is then the column.
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


_TERMINAL_LABELS = {"NAME": "名称", "NUMBER": "数字", "CMP": "比较运算符", "$END": "表达式结尾"}
_TERMINAL_ORDER = "NAME NUMBER LPAR PLUS MINUS STAR SLASH SUM ABS MIN MAX NOT CMP AND OR COMMA RPAR $END".split()


def _describe(terminal: str) -> str:
    if terminal in _TERMINAL_LABELS:
        return _TERMINAL_LABELS[terminal]
    try:
        pattern = _parser().get_terminal(terminal).pattern
    except KeyError:
        return terminal
    return f"“{pattern.value}”" if pattern.type == "str" else terminal


def _expected(names: set[str] | frozenset[str] | None) -> str:
    if not names:
        return ""
    order = {t: i for i, t in enumerate(_TERMINAL_ORDER)}
    ranked = sorted(names, key=lambda t: (order.get(t, len(order)), t))
    return "，此处应为" + "、".join(_describe(t) for t in ranked)


def _syntax_error(e: UnexpectedInput, text: str) -> ExprError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    if isinstance(e, UnexpectedCharacters):
        pos = e.pos_in_stream or 0
        char = text[pos]
        message = f"无法识别的字符“{char}”"
        if char == "=":
            message += "（相等比较请写 ==）"
        elif char.isascii() and char.isupper():
            message += "（名称只能用小写字母、数字、下划线和点）"
        elif not char.isascii():
            message += "（请使用半角字符）"
        return ExprError(message, pos + 1, text)
    if isinstance(e, UnexpectedToken):
        token: Token = e.token
        accepts = getattr(e, "accepts", None) or e.expected
        expected = _expected(accepts)
        if token.type == "$END":
            # Lark places the end at the last token; the gap is after it.
            column = len(text.rstrip()) + 1
            if not text.strip():
                return ExprError("表达式为空", 1, text)
            return ExprError("表达式不完整" + expected, column, text)
        message = f"此处不应出现“{token.value}”" + expected
        if token.type == "CMP" and "NAME" not in accepts:
            message += "（一个断言只能有一次比较，多个条件请用 and 连接）"
        return ExprError(message, (token.start_pos or 0) + 1, text)
    return ExprError("表达式不完整", len(text.rstrip()) + 1, text)


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

            return Expr(self.text, frozenset(self.names), run_compare)
        if tree.data not in _BOOLEAN:
            self.number(tree)  # a misplaced comparison inside is the more precise error
            raise ExprError("断言必须是比较或逻辑表达式", 1, self.text)
        test = self.boolean(tree)

        def run_test(
            lookup: _Lookup, expand: _Expand, missing: list[str]
        ) -> tuple[bool | None, Number | None, Number | None]:
            return test(lookup, expand, missing), None, None

        return Expr(self.text, frozenset(self.names), run_test)

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
