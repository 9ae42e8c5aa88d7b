"""Parse a report's text with ``grammar/report.lark`` into :class:`Block` s.

The Lark parser is built once per process (LALR, contextual lexer, the
Transformer applied during parsing so no tree is built) and its compiled form
is cached on disk, keyed by the grammar's text and the lark and gialint
versions, so a cold ``gialint check`` does not pay for grammar analysis."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from gialint.model.document import Block, Marker

if TYPE_CHECKING:
    from lark import Lark, Token


def _lines(tok: Token) -> tuple[list[str], int]:
    """The token's content lines and the number of blank lines after them."""
    lines = tok.value[:-1].split("\n")
    blanks = 0
    while len(lines) > 1 and not lines[-1].strip(" \u3000\u00a0\u200b"):
        lines.pop()
        blanks += 1
    return lines, blanks


_BLOCK_TYPES = {
    "MD_HEADING": "md_heading",
    "BOLD_LINE": "bold_line",
    "NUM_LINE": "numbered",
    "SUB_LINE": "subnumbered",
    "TEXT_LINE": "paragraph",
    "TAB_ROWS": "tab_rows",
    "TSV_ROWS": "tsv_rows",
    "PIPE_ROWS": "pipe_rows",
}


def _blocks(tokens: Iterable[Token]) -> list[Block]:
    """The blocks of a token stream (what the grammar's ``start`` rule yields)."""
    blocks: list[Block] = []
    marks: list[Marker] = []
    append = blocks.append
    for tok in tokens:
        ttype = tok.type
        if ttype == "MARKER":
            marks.append(Marker(tok.value, tok.line, tok.column))
        elif ttype == "BLANK":
            append(Block("blank", tok.line, tok.value[:-1].split("\n"), 1))
        else:
            lines, blanks = _lines(tok)
            append(Block(_BLOCK_TYPES[ttype], tok.line, lines, tok.column, marks, blanks))
            marks = []
    return blocks


def _make_transformer() -> Any:
    from lark import Transformer

    class ToBlocks(Transformer):  # type: ignore[type-arg]
        def start(self, tokens: list[Token]) -> list[Block]:
            return _blocks(tokens)

    return ToBlocks()


_PARSER: Lark | None = None
LOADED_FROM_CACHE: bool | None = None  # for the regression test of issue 7


def get_parser() -> Lark:
    """The process-wide Lark parser, built from the cache when possible."""
    global _PARSER, LOADED_FROM_CACHE
    if _PARSER is None:
        from gialint.util import diskcache
        from gialint.util.resources import grammar_text

        _PARSER, LOADED_FROM_CACHE = diskcache.lark_parser(
            grammar_text(), parser="lalr", lexer="contextual", transformer=_make_transformer()
        )
    return _PARSER


_LEXER: Any = None


def _lexer() -> Any:
    """Lark's lexer for the grammar's terminals, built once per process.

    The grammar's only rule is ``start: _line*``: every sequence of its
    terminals is a valid report, so the LALR parser can reject nothing and
    decide nothing the terminals have not already decided.  Running only the
    lexer of the (cached) LALR parser halves the cost of this stage; the
    full parse (:func:`parse_blocks_lalr`) gives the same blocks, which a test
    checks on every fixture."""
    global _LEXER
    if _LEXER is None:
        from lark.lexer import BasicLexer

        _LEXER = BasicLexer(get_parser().lexer_conf)
    return _LEXER


def _prepare(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def parse_blocks(text: str) -> list[Block]:
    """Split normalized text (``\\n`` newlines) into blocks."""
    if not text:
        return []
    from lark.lexer import LexerThread

    return _blocks(LexerThread.from_text(_lexer(), _prepare(text)).lex(None))


def parse_blocks_lalr(text: str) -> list[Block]:
    """:func:`parse_blocks` through the full LALR parse (the reference)."""
    if not text:
        return []
    blocks: list[Block] = get_parser().parse(_prepare(text))
    return blocks
