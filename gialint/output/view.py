"""A report as a page shows it: :class:`ReportView`, its text, its blocks in
reading order (title, headings, paragraphs, and the regions where its tables
are) and each official table redrawn from the template — row and column
labels, what the report wrote for them, every bound cell's text and
position — as small plain data.

:func:`report_view` builds it from the :class:`~gialint.model.source.Source`
and the bound :class:`~gialint.model.report.Report` in the process that
checked the file (a ``--jobs`` worker too), for the formatters that ask for
it (``Formatter.wants_view``, e.g. ``--format html``).  It holds no template,
rule or document object, so it pickles small and a formatter can keep or
drop it as it likes; :func:`to_plain` and :func:`from_plain` write it as
JSON-able lists and read it back (the result cache keeps it beside the
file's findings).  Positions are ``(line, column, end_line, end_column)``
in the user's file, as in findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gialint.model.document import Node
    from gialint.model.report import BoundTable, Report
    from gialint.model.source import Source
    from gialint.model.span import Span

Pos = tuple[int, int, int, int]


@dataclass(slots=True)
class LabelView:
    """An official label and what the report wrote for it. ``role``:
    ``caption``, ``header``, ``column``, ``group`` or ``row``; ``status``:
    ``exact``, ``normalized``, ``fuzzy``, ``moved`` or ``missing``."""

    role: str
    key: str
    official: str
    found: str | None
    status: str
    span: Pos | None
    depth: int = 0  # rows and groups: 0 at the top level


@dataclass(slots=True)
class CellView:
    """A bound cell: ``content`` as in :class:`~gialint.model.report.BoundCell`
    (``number``, ``blank``, ``dash``, ``text``, ``missing``) and its text as written."""

    content: str
    text: str
    span: Pos | None


@dataclass(slots=True)
class TableView:
    key: str
    section: int
    caption: str
    headers: list[LabelView]  # caption and header cells as written (notes above the grid)
    columns: list[LabelView]  # the template's columns, in order
    rows: list[LabelView]  # the template's rows, groups included, in reading order
    grid: dict[str, list[CellView | None]]  # data row key → its cells, in column order
    span: Pos | None
    repeats: list[LabelView] = field(default_factory=list)  # a column label written again (行政诉讼's 结果维持…)

    def cell_key(self, column: str, row: str) -> str:
        return f"{self.key}.{column}.{row}"


@dataclass(slots=True)
class Block:
    """A run of lines shown as one thing: ``title``, ``heading`` (``level``
    1 for the six sections, 2 below), ``paragraph``, ``signature``, ``raw``
    (table-shaped lines no official table was read from) or ``tables`` (the
    lines where ``tables`` were read)."""

    kind: str
    line: int
    end_line: int
    level: int = 0
    number: int = 0  # the section's number, for a section heading
    inner: Pos | None = None  # a heading's text without its markup
    tables: list[TableView] = field(default_factory=list)


@dataclass(slots=True)
class ReportView:
    path: str
    lines: list[str]
    blocks: list[Block]
    title: str | None
    agency: str
    year: int | None
    version: str
    version_name: str


def _pos(span: Span | None) -> Pos | None:
    if span is None:
        return None
    return (span.line, span.column, span.end_line, span.end_column)


def report_view(source: Source, report: Report) -> ReportView:
    """The view of a report read from ``source``."""
    from gialint.rules.kinds.dates import title_agency

    doc = report.document
    tables = [t for t in (_table(b) for b in report.tables.values() if b.found) if t.span is not None]
    regions = _regions(tables, doc)
    blocks: list[Block] = list(regions)

    def add(kind: str, node: Node, level: int = 0, number: int = 0) -> None:
        sp = node.span
        if any(r.line <= sp.end_line and sp.line <= r.end_line for r in regions):
            return  # read as part of a table
        inner = getattr(node, "inner", None)
        blocks.append(Block(kind, sp.line, sp.end_line, level, number, _pos(inner)))

    if doc.title is not None:
        blocks.append(Block("title", doc.title.span.line, doc.title.span.end_line))
    nodes: list[tuple[str, Node, int, int]] = [(_kind(n), n, 2, 0) for n in doc.preamble]
    for s in doc.sections:
        nodes.append(("heading", s.heading, 1, s.number))
        nodes += [(_kind(n), n, 2, 0) for n in s.nodes]
    nodes += [("signature", p, 0, 0) for p in doc.signature]
    for kind, node, level, number in nodes:
        add(kind, node, level if kind == "heading" else 0, number)
    blocks.sort(key=lambda b: (b.line, b.end_line))
    title = doc.title.text if doc.title is not None else None
    agency = title_agency(title).strip().strip("*").strip() if title else ""
    return ReportView(
        source.path, source.text.split("\n"), blocks, title, agency, report.detection.year, report.template.id, report.template.name
    )


def _kind(node: Node) -> str:
    name = type(node).__name__
    return {"Heading": "heading", "Paragraph": "paragraph"}.get(name, "raw")


def _table(bound: BoundTable) -> TableView:
    t = bound.template
    labels = {(m.role, m.key): m for m in bound.labels}

    def label(role: str, key: str, official: str, depth: int = 0) -> LabelView:
        m = labels.get((role, key))
        if m is None:
            return LabelView(role, key, official, None, "missing", None, depth)
        return LabelView(role, key, m.official or official, m.found, m.status, _pos(m.span), depth)

    headers = [label(m.role, m.key, m.official) for m in bound.labels if m.role in ("caption", "header")]
    repeats = [label(m.role, m.key, m.official) for m in bound.labels if m.role == "column" and "#" in m.key]
    columns = [label("column", c.key, c.label) for c in t.columns]
    rows = [label("group" if r.is_group else "row", r.key, r.label, r.depth) for r in t.rows]
    grid: dict[str, list[CellView | None]] = {}
    for r in t.data_rows:
        row = grid[r.key] = []
        for c in t.columns:
            b = bound.cells.get(t.cell_key(c.key, r.key))
            row.append(None if b is None else CellView(b.content, (b.raw or "").strip(), _pos(b.span) if b.content != "missing" else None))
    span = _pos(bound.span)
    if span is None:
        spans = [c.span for row in grid.values() for c in row if c is not None]
        found = [s for s in (*spans, *(lab.span for lab in (*headers, *rows, *columns))) if s]
        if found:
            span = (min(s[0] for s in found), 1, max(s[2] for s in found), 1)
    return TableView(t.key, t.section, t.caption or "", headers, columns, rows, grid, span, repeats)


def _regions(tables: list[TableView], doc: object) -> list[Block]:
    """Blocks of kind ``tables``: the line ranges where tables were read
    (overlapping ones merged, widened to the table-shaped lines around them)."""
    ranges = sorted(((t.span[0], t.span[2], t) for t in tables if t.span), key=lambda x: (x[0], x[1]))
    table_nodes = [n.span for s in getattr(doc, "sections", []) for n in s.nodes if type(n).__name__ == "TableBlock"]
    out: list[Block] = []
    for lo, hi, t in ranges:
        for sp in table_nodes:
            if sp.line <= hi and lo <= sp.end_line:
                lo, hi = min(lo, sp.line), max(hi, sp.end_line)
        if out and lo <= out[-1].end_line:
            out[-1].end_line = max(out[-1].end_line, hi)
            out[-1].tables.append(t)
        else:
            out.append(Block("tables", lo, hi, tables=[t]))
    return out


# -- as plain data (the result cache keeps views beside findings) --------------


def to_plain(view: ReportView) -> list[Any]:
    """``view`` as JSON-able lists, without its path and lines (the file
    has them): what :func:`from_plain` reads back."""
    return [[_block_plain(b) for b in view.blocks], view.title, view.agency, view.year, view.version, view.version_name]


def from_plain(data: Any, source: Source) -> ReportView:
    """The view stored by :func:`to_plain` for ``source``; raises
    ``ValueError`` (or ``TypeError``) for anything malformed."""
    blocks, title, agency, year, version, version_name = data
    return ReportView(
        source.path, source.text.split("\n"), [_block_from(b) for b in _list(blocks)], _opt_str(title), _str(agency),
        None if year is None else _int(year), _str(version), _str(version_name),
    )


def _block_plain(b: Block) -> list[Any]:
    return [b.kind, b.line, b.end_line, b.level, b.number, _span_plain(b.inner), [_table_plain(t) for t in b.tables]]


def _table_plain(t: TableView) -> list[Any]:
    labels = [[_label_plain(lab) for lab in group] for group in (t.headers, t.columns, t.rows, t.repeats)]
    # A cell as [content, text, *span]: a number's text only (most cells), or
    # with its span; short and fast to read back, views being many.
    grid = {k: [None if c is None else [c.content, c.text, *c.span] if c.span else [c.content, c.text] for c in row] for k, row in t.grid.items()}
    return [t.key, t.section, t.caption, labels, grid, _span_plain(t.span)]


def _label_plain(lab: LabelView) -> list[Any]:
    found = None if lab.found == lab.official else lab.found  # (as written: the common case, not stored twice)
    return [lab.role, lab.key, lab.official, found, lab.status, _span_plain(lab.span), lab.depth, lab.found is None]


def _span_plain(span: Pos | None) -> list[int] | None:
    return None if span is None else list(span)


def _block_from(data: Any) -> Block:
    kind, line, end_line, level, number, inner, tables = data
    return Block(_str(kind), _int(line), _int(end_line), _int(level), _int(number), _span_from(inner), [_table_from(t) for t in _list(tables)])


def _table_from(data: Any) -> TableView:
    key, section, caption, labels, grid, span = data
    headers, columns, rows, repeats = ([_label_from(x) for x in _list(group)] for group in _list(labels))
    if type(grid) is not dict:
        raise ValueError("grid")
    cells = {_str(k): [None if c is None else _cell_from(c) for c in _list(row)] for k, row in grid.items()}
    return TableView(_str(key), _int(section), _str(caption), headers, columns, rows, cells, _span_from(span), repeats)


def _cell_from(data: Any) -> CellView:
    if type(data) is not list or type(data[0]) is not str or type(data[1]) is not str:
        raise ValueError("cell")
    if len(data) == 2:
        return CellView(data[0], data[1], None)
    _, _, a, b, c, d = data
    if type(a) is not int or type(b) is not int or type(c) is not int or type(d) is not int:
        raise ValueError("cell span")
    return CellView(data[0], data[1], (a, b, c, d))


def _label_from(data: Any) -> LabelView:
    role, key, official, found, status, span, depth, absent = data
    found = None if absent is True else official if found is None else found
    return LabelView(_str(role), _str(key), _str(official), _opt_str(found), _str(status), _span_from(span), _int(depth))


def _span_from(data: Any) -> Pos | None:
    if data is None:
        return None
    a, b, c, d = _list(data)
    if type(a) is not int or type(b) is not int or type(c) is not int or type(d) is not int:
        raise ValueError("span")
    return (a, b, c, d)


def _list(x: Any) -> list[Any]:
    if type(x) is not list:
        raise ValueError("not a list")
    return x


def _str(x: Any) -> str:
    if type(x) is not str:
        raise ValueError("not a string")
    return x


def _opt_str(x: Any) -> str | None:
    return None if x is None else _str(x)


def _int(x: Any) -> int:
    if type(x) is not int:
        raise ValueError("not an integer")
    return x
