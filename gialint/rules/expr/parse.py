"""Parsing equations with ``grammar/expr.lark`` (LALR), their parse trees
kept in the disk cache as plain data, and syntax errors worded for rule
authors (what was expected, at which column)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gialint.rules.expr.base import ExprError

if TYPE_CHECKING:
    from lark import Lark
    from lark.exceptions import UnexpectedInput


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
        token = e.token
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
