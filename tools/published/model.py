"""A format-neutral model of one text report, built from gialint's bound model.

Every renderer (HTML, DOCX) draws the same :class:`ReportModel`: the title
lines, a flat list of blocks (headings, paragraphs, tables) and, for every
table, a :class:`Grid` laid out exactly as the official table is, merged
header cells included.  Labels are the ones the base report wrote (so a
misspelt label in a seed stays misspelt); values are the raw cell texts.

Only ``from gialint import read_report`` is used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from gialint import read_report


@dataclass
class GridCell:
    """One cell of a table grid; ``row``/``col`` is its top-left slot."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    role: str = "value"  # caption | header | label | value | note
    key: str = ""  # cell key for values, label key for labels


@dataclass
class Grid:
    """A table as the official layout draws it."""

    name: str  # "section2", "applications", "appeals", or a table key
    n_rows: int
    n_cols: int
    header_rows: int
    cells: list[GridCell] = field(default_factory=list)

    def add(self, cell: GridCell) -> None:
        self.cells.append(cell)

    def rows(self) -> list[list[GridCell]]:
        """Cells grouped by their top-left row, in column order."""
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out

    def slots(self) -> list[list[GridCell | None]]:
        """The full n_rows x n_cols grid, merged slots pointing at their cell."""
        grid: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    grid[r][c] = cell
        return grid


@dataclass
class Block:
    kind: str  # heading | subheading | paragraph | table
    text: str = ""
    grid: Grid | None = None
    number: int | None = None  # section number of a heading


@dataclass
class ReportModel:
    name: str  # short id used in fixture file names
    base: str  # repository-relative path of the text report
    base_sha256: str
    template_id: str
    title_lines: list[str]
    blocks: list[Block]
    signature: list[str]
    cells: dict[str, object]  # cell key -> bound value (None = blank)
    raw: dict[str, str | None]  # cell key -> raw text

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    def tables(self) -> list[Grid]:
        return [b.grid for b in self.blocks if b.kind == "table" and b.grid is not None]


# ---------------------------------------------------------------------------
# labels and values
# ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(text.replace("\n", "").split())


def _found_labels(bound_table) -> dict[tuple[str, str], str]:
    """(role, key) -> label text as the base report wrote it."""
    out: dict[tuple[str, str], str] = {}
    for match in bound_table.labels:
        if match.found and match.status != "missing":
            out[(match.role, str(match.key))] = _clean(match.found)
    return out


class _Labels:
    """Label lookup for one bound table: the base's text, else the official one."""

    def __init__(self, bound_table):
        self.found = _found_labels(bound_table) if bound_table is not None else {}

    def get(self, role: str, key: str, official: str) -> str:
        return self.found.get((role, key), official)


def _raw(bound_table, cell_key: str) -> str:
    cell = bound_table.cells.get(cell_key) if bound_table is not None else None
    if cell is None or cell.raw is None:
        return ""
    return _clean(str(cell.raw))


# ---------------------------------------------------------------------------
# section 二: the 主动公开 blocks as one 4-column table
# ---------------------------------------------------------------------------


def section2_grid(templates, bound) -> Grid:
    """All 第二十条 blocks in one table, as the official form has them."""
    n_cols = 1 + max(len(t.columns) for t in templates)
    n_rows = sum(2 + len(t.rows) for t in templates)
    grid = Grid("section2", n_rows, n_cols, header_rows=0)
    r = 0
    for t in templates:
        labels = _Labels(bound.get(t.key))
        grid.add(GridCell(r, 0, labels.get("caption", "caption", t.caption), colspan=n_cols,
                          header=True, role="caption", key=f"{t.key}.caption"))
        r += 1
        _add_header_row(grid, r, t, labels, n_cols)
        r += 1
        for row in t.rows:
            _add_data_row(grid, r, t, row, labels, bound.get(t.key), n_cols)
            r += 1
    return grid


def _add_header_row(grid: Grid, r: int, t, labels: _Labels, n_cols: int) -> None:
    grid.add(GridCell(r, 0, labels.get("header", "0", t.headers[0]), header=True, role="header"))
    for i, col in enumerate(t.columns):
        span = n_cols - 1 - i if i == len(t.columns) - 1 else 1
        grid.add(GridCell(r, 1 + i, labels.get("column", col.key, col.label), colspan=span,
                          header=True, role="header", key=f"{t.key}.column.{col.key}"))


def _add_data_row(grid: Grid, r: int, t, row, labels: _Labels, bound_table, n_cols: int) -> None:
    grid.add(GridCell(r, 0, labels.get("row", row.key, row.label), role="label",
                      key=f"{t.key}.row.{row.key}"))
    for i, col in enumerate(t.columns):
        span = n_cols - 1 - i if i == len(t.columns) - 1 else 1
        key = f"{t.key}.{col.key}.{row.key}"
        grid.add(GridCell(r, 1 + i, _raw(bound_table, key), colspan=span, key=key))


# ---------------------------------------------------------------------------
# section 三: 收到和处理申请 (3 label columns + 7 value columns)
# ---------------------------------------------------------------------------

LABEL_COLS = 3


def applications_grid(t, bound_table) -> Grid:
    """Table 三 with its official merges: the 3x3 note, 申请人情况 over 7, 法人或其他组织 over 5."""
    labels = _Labels(bound_table)
    n_cols = LABEL_COLS + len(t.columns)  # 10
    n_rows = 3 + sum(1 for row in t.rows if not row.is_group)
    grid = Grid(t.key, n_rows, n_cols, header_rows=3)
    _applications_header(grid, t, labels)
    _applications_body(grid, t, labels, bound_table)
    return grid


def _applications_header(grid: Grid, t, labels: _Labels) -> None:
    h = t.headers  # [note, 申请人情况, 自然人, 法人或其他组织, 总计, 商业企业, ...]
    cols = {c.key: c for c in t.columns}
    col_keys = [c.key for c in t.columns]  # natural_person, 5 legal-person kinds, total

    def col_label(key: str) -> str:
        return labels.get("column", key, cols[key].label)

    grid.add(GridCell(0, 0, labels.get("header", "0", h[0]), rowspan=3, colspan=3, header=True, role="note"))
    grid.add(GridCell(0, 3, labels.get("header", "1", h[1]), colspan=7, header=True, role="header"))
    grid.add(GridCell(1, 3, col_label(col_keys[0]), rowspan=2, header=True, role="header",
                      key=f"{t.key}.column.{col_keys[0]}"))
    grid.add(GridCell(1, 4, labels.get("header", "3", h[3]), colspan=5, header=True, role="header"))
    grid.add(GridCell(1, 9, col_label(col_keys[-1]), rowspan=2, header=True, role="header",
                      key=f"{t.key}.column.{col_keys[-1]}"))
    for i, key in enumerate(col_keys[1:-1]):
        grid.add(GridCell(2, 4 + i, col_label(key), header=True, role="header", key=f"{t.key}.column.{key}"))


def _data_rows_under(rows, index: int) -> int:
    """How many data rows a group label at ``index`` spans."""
    depth = rows[index].depth
    count = 0
    for row in rows[index + 1:]:
        if row.depth <= depth:
            break
        count += 0 if row.is_group else 1
    return count


def _applications_body(grid: Grid, t, labels: _Labels, bound_table) -> None:
    r = 3
    rows = list(t.rows)
    for i, row in enumerate(rows):
        text = labels.get("group" if row.is_group else "row", row.key, row.label)
        if row.is_group:
            grid.add(GridCell(r, row.depth, text, rowspan=_data_rows_under(rows, i), role="label",
                              key=f"{t.key}.group.{row.key}"))
            continue  # the group shares its first row with its first child
        grid.add(GridCell(r, row.depth, text, colspan=LABEL_COLS - row.depth, role="label",
                          key=f"{t.key}.row.{row.key}"))
        for j, col in enumerate(t.columns):
            key = f"{t.key}.{col.key}.{row.key}"
            grid.add(GridCell(r, LABEL_COLS + j, _raw(bound_table, key), key=key))
        r += 1


# ---------------------------------------------------------------------------
# section 四: 行政复议 / 行政诉讼 (one row of 15 values)
# ---------------------------------------------------------------------------


def appeals_grid(t, bound_table) -> Grid:
    """Table 四: 行政复议 headers rowspan=2; 行政诉讼 over 未经复议直接起诉 / 复议后起诉."""
    labels = _Labels(bound_table)
    width = len(t.columns)  # 5
    grid = Grid(t.key, 4, width * len(t.rows), header_rows=3)
    groups = [labels.get("row", row.key, row.label) for row in t.rows]
    h = t.headers  # [行政复议, 行政诉讼, ...]
    grid.add(GridCell(0, 0, groups[0], colspan=width, header=True, role="header"))
    grid.add(GridCell(0, width, h[1], colspan=width * 2, header=True, role="header"))
    for j, col in enumerate(t.columns):
        grid.add(GridCell(1, j, col.label, rowspan=2, header=True, role="header"))
    for g in range(1, len(t.rows)):
        grid.add(GridCell(1, g * width, groups[g], colspan=width, header=True, role="header"))
        for j, col in enumerate(t.columns):
            grid.add(GridCell(2, g * width + j, col.label, header=True, role="header"))
    for g, row in enumerate(t.rows):
        for j, col in enumerate(t.columns):
            key = f"{t.key}.{col.key}.{row.key}"
            grid.add(GridCell(3, g * width + j, _raw(bound_table, key), key=key))
    return grid


# ---------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------


def _grids_for_section(number: int, report) -> list[Grid]:
    templates = [t for t in report.template.tables if t.section == number]
    if not templates:
        return []
    if number == 2:
        return [section2_grid(templates, report.tables)]
    grids = []
    for t in templates:
        if t.key == "applications":
            grids.append(applications_grid(t, report.tables.get(t.key)))
        elif t.key == "appeals":
            grids.append(appeals_grid(t, report.tables.get(t.key)))
        else:
            raise ValueError(f"no layout for table {t.key!r}")
    return grids


def _table_line_ranges(number: int, report) -> list[tuple[int, int]]:
    ranges = []
    for t in report.template.tables:
        bound = report.tables.get(t.key)
        if t.section == number and bound is not None and bound.span is not None:
            ranges.append((bound.span.line, bound.span.end_line))
    return ranges


def _in_ranges(node, ranges) -> bool:
    line = node.span.line
    return any(lo <= line <= hi for lo, hi in ranges)


def _node_block(node) -> Block | None:
    kind = type(node).__name__
    text = _clean(node.text)
    if not text:
        return None
    if kind == "Heading":
        return Block("subheading", text)
    if kind == "Paragraph":
        return Block("paragraph", text)
    return None  # TableBlock outside a bound table: dropped on purpose


def _section_blocks(section, report) -> list[Block]:
    blocks = [Block("heading", _clean(section.heading.text), number=section.number)]
    ranges = _table_line_ranges(section.number, report)
    grids = _grids_for_section(section.number, report)
    placed = False
    for node in section.nodes:
        if _in_ranges(node, ranges):
            if not placed:
                blocks.extend(Block("table", grid=g) for g in grids)
                placed = True
            continue
        block = _node_block(node)
        if block is not None:
            blocks.append(block)
    if not placed:
        blocks.extend(Block("table", grid=g) for g in grids)
    return blocks


def build_model(path: Path, name: str, repo_root: Path) -> ReportModel:
    """Read ``path`` with gialint and lay it out for the renderers."""
    report = read_report(path)
    doc = report.document
    blocks: list[Block] = []
    for node in doc.preamble or []:
        block = _node_block(node)
        if block is not None:
            blocks.append(block)
    for section in doc.sections:
        blocks.extend(_section_blocks(section, report))
    title_lines = [_clean(part[2]) for part in doc.title.parts] if doc.title else []
    cells = {k: c.value for t in report.tables.values() for k, c in t.cells.items()}
    raw = {k: c.raw for t in report.tables.values() for k, c in t.cells.items()}
    return ReportModel(
        name=name,
        base=str(path.resolve().relative_to(repo_root)),
        base_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        template_id=report.template.id,
        title_lines=title_lines,
        blocks=blocks,
        signature=[_clean(p.text) for p in doc.signature or []],
        cells=cells,
        raw=raw,
    )
