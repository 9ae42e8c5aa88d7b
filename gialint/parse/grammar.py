"""Parse a report's text with ``grammar/report.lark`` into the nodes of the
document model: headings, paragraphs and table blocks, with the conversion
markers found on the way.

The grammar says what a report is (headings, paragraphs, tables as runs of
table lines, comments, markers, blank lines); the Lark LALR parser, with the
contextual lexer, calls :class:`_ToNodes` as it reduces, so no tree is built.
What the grammar cannot say is decided here, while folding the items in
order: a line that continues a shape-1 cell (a cell wrapped onto a line
without its leading tab) is joined to that cell, and cells are numbered by
physical row.  The parser is built once per process; its analysed tables are
kept in the disk cache as plain data (:func:`gialint.util.diskcache.lark_parser`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from gialint.model.document import Marker, Node, Paragraph, TableBlock
from gialint.model.span import Span
from gialint.parse.cells import table_cells
from gialint.parse.nodes import heading, is_prose, paragraph, span_of

if TYPE_CHECKING:
    from lark import Lark, Token

_BLANKS = " \u3000\u00a0\u200b"


def token_lines(tok: Token) -> tuple[list[str], int]:
    """A token's content lines and the number of blank lines after them."""
    lines = tok.value[:-1].split("\n")
    blanks = 0
    while len(lines) > 1 and not lines[-1].strip(_BLANKS):
        lines.pop()
        blanks += 1
    return lines, blanks


class _Fold:
    """The items of the grammar's ``start`` rule folded into nodes, in order.

    ``row`` numbers physical table rows (a blank line ends a row in shape 1,
    a line ends one in the other shapes); ``prev`` is the previous item's
    type, ``blank`` whether blank lines followed it."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.markers: list[Marker] = []
        self.row = 0
        self.prev = ""
        self.blank = True

    def _next_item(self) -> None:
        if self.blank and self.prev:
            self.row += 1

    def marker(self, tok: Token) -> None:
        self.markers.append(Marker(tok.value, tok.line, tok.column))

    def blank_lines(self) -> None:
        self._next_item()
        self.prev, self.blank = "blank", True

    def comment(self, tok: Token) -> None:
        # Invisible: it neither ends nor starts anything (a blank after it does).
        self.blank = self.blank or token_lines(tok)[1] > 0

    def table(self, shape: str, tokens: list[Token]) -> None:
        for tok in tokens:
            self._next_item()
            lines, blanks = token_lines(tok)
            tb, self.row = table_cells(shape, tok.line, lines, self.row)
            last = self.nodes[-1] if self.nodes else None
            if shape == "tab" and self.prev in ("tab", "continuation") and isinstance(last, TableBlock) and last.shape == "tab":
                # The rows of one shape-1 table (and those after a wrapped cell) stay one block.
                last.cells.extend(tb.cells)
                last.span = Span(last.span.line, 1, tb.span.end_line, tb.span.end_column)
            else:
                self.nodes.append(tb)
            self.prev, self.blank = shape, blanks > 0

    def line(self, tok: Token, is_heading: bool) -> None:
        self._next_item()
        lines, blanks = token_lines(tok)
        raw = lines[0]
        if not self.blank and self.prev in ("tab", "continuation") and self._continues(tok, raw, is_heading):
            self.prev, self.blank = "continuation", blanks > 0
            return
        self.nodes.append(heading(tok.line, tok.column, raw) if is_heading else paragraph(tok.line, tok.column, raw))
        self.row += 1
        self.prev, self.blank = "heading" if is_heading else "paragraph", blanks > 0

    def _continues(self, tok: Token, raw: str, is_heading: bool) -> bool:
        """Join the line to the last shape-1 cell if it is its wrapped rest."""
        text = raw.strip()
        last = self.nodes[-1] if self.nodes else None
        if not (isinstance(last, TableBlock) and last.shape == "tab" and last.cells) or is_prose(text):
            return False
        if is_heading and tok.type not in ("NUM_LINE", "SUB_LINE"):
            return False  # a Markdown or bold heading never continues a cell
        cell = last.cells[-1]
        cell.text = f"{cell.text}{text}" if cell.text else text
        sp = span_of(tok.line, tok.column, raw)
        cell.span = Span(cell.span.line, cell.span.column, sp.end_line, sp.end_column)
        last.span = Span(last.span.line, last.span.column, sp.end_line, sp.end_column)
        return True


def _fold(items: Iterable[Any]) -> tuple[list[Node], list[Marker]]:
    """The grammar's items — ``(what, token or tokens)`` pairs and the
    MARKER and BLANK tokens — folded into nodes, in order."""
    fold = _Fold()
    for item in items:
        if isinstance(item, tuple):
            what, value = item
            if what == "heading" or what == "paragraph":
                fold.line(value, what == "heading")
            elif what == "comment":
                fold.comment(value)
            else:
                fold.table(what, value)
        elif item.type == "MARKER":
            fold.marker(item)
        else:  # BLANK
            fold.blank_lines()
    return fold.nodes, fold.markers


# The grammar's rules over the terminals, for the lexer path: each line
# terminal is an item of its rule, and a run of table terminals of one type
# is one table (``table: TAB_ROWS+ | TSV_ROWS+ | PIPE_ROWS+``).
_LINE_RULES = {"MD_HEADING": "heading", "BOLD_LINE": "heading", "NUM_LINE": "heading", "SUB_LINE": "heading",
               "TEXT_LINE": "paragraph", "COMMENT_LINE": "comment"}  # fmt: skip
_TABLE_RULES = {"TAB_ROWS": "tab", "TSV_ROWS": "tsv", "PIPE_ROWS": "pipe"}


def _items(tokens: Iterable[Token]) -> Iterator[Any]:
    """The items the LALR parse reduces to, from the token stream alone: the
    grammar is a sequence of items whose only choices the terminals decide
    (its one conflict, the runs of table lines, is resolved by shifting: the
    longest run), so the reductions can be read off the tokens in order."""
    run: tuple[str, list[Token]] | None = None
    for tok in tokens:
        shape = _TABLE_RULES.get(tok.type)
        if shape is not None:
            if run is not None and run[0] == shape:
                run[1].append(tok)
                continue
            if run is not None:
                yield run
            run = (shape, [tok])
            continue
        if run is not None:
            yield run
            run = None
        rule = _LINE_RULES.get(tok.type)
        yield (rule, tok) if rule is not None else tok
    if run is not None:
        yield run


def _make_transformer() -> Any:
    from lark import Transformer

    class _ToNodes(Transformer):  # type: ignore[type-arg]
        """Each reduction of the grammar becomes an item for :class:`_Fold`."""

        def heading(self, children: list[Token]) -> tuple[str, Token]:
            return "heading", children[0]

        def paragraph(self, children: list[Token]) -> tuple[str, Token]:
            return "paragraph", children[0]

        def comment(self, children: list[Token]) -> tuple[str, Token]:
            return "comment", children[0]

        def tab_table(self, children: list[Token]) -> tuple[str, list[Token]]:
            return "tab", children

        def tsv_table(self, children: list[Token]) -> tuple[str, list[Token]]:
            return "tsv", children

        def pipe_table(self, children: list[Token]) -> tuple[str, list[Token]]:
            return "pipe", children

        def start(self, items: list[Any]) -> tuple[list[Node], list[Marker]]:
            return _fold(items)

    return _ToNodes()


_PARSER: Lark | None = None
LOADED_FROM_CACHE: bool | None = None  # for the regression test of issue 7


def get_parser() -> Lark:
    """The process-wide Lark parser, built from the cache when possible."""
    global _PARSER, LOADED_FROM_CACHE
    if _PARSER is None:
        from gialint.util import diskcache
        from gialint.util.resources import grammar_text

        _PARSER, LOADED_FROM_CACHE = diskcache.lark_parser(
            grammar_text(), parser="lalr", lexer="basic", transformer=_make_transformer()
        )
    return _PARSER


_LEXER: Any = None


def _lexer() -> Any:
    """Lark's lexer for the grammar's terminals (of the cached LALR parser)."""
    global _LEXER
    if _LEXER is None:
        from lark.lexer import BasicLexer

        _LEXER = BasicLexer(get_parser().lexer_conf)
    return _LEXER


def parse_nodes(text: str) -> tuple[list[Node], list[Marker]]:
    """The nodes and conversion markers of normalised text (``\\n`` newlines).

    Runs the grammar's lexer and reads the LALR parse's reductions off the
    tokens (:func:`_items`): the same nodes as :func:`parse_nodes_lalr` — a
    test checks it on every fixture and on random line soups — for about
    0.2 ms less per report (Lark's per-token parser state machine; see
    docs/architecture.md, "The grammar")."""
    if not text:
        return [], []
    from lark.lexer import LexerThread

    tokens = LexerThread.from_text(_lexer(), text if text.endswith("\n") else text + "\n").lex(None)
    return _fold(_items(tokens))


def parse_nodes_lalr(text: str) -> tuple[list[Node], list[Marker]]:
    """:func:`parse_nodes` through the full LALR parse and its Transformer:
    the reference the fast path is tested against."""
    if not text:
        return [], []
    nodes, markers = get_parser().parse(text if text.endswith("\n") else text + "\n")
    return nodes, markers


__all__ = ["Paragraph", "get_parser", "parse_nodes", "parse_nodes_lalr", "span_of", "token_lines"]
