"""Bind a document's tables to the official template.

For each table section the cells are read in reading order (whatever their
shape), their labels aligned with the template's sequence of captions,
headers and row labels — order-aware, so a misnamed row is recognised by its
place between its neighbours — and each row's values taken from the cells
that follow its label.  Nothing is dropped: what fits no place is kept as
:class:`~gialint.report.Unmatched`."""

from __future__ import annotations

from typing import Mapping, Sequence

from gialint.bind.align import Item, align, among_its_rows
from gialint.bind.copies import bind_copies
from gialint.bind.detect import detect
from gialint.bind.pending import PendingRow, PendingTable
from gialint.bind.pending import bound_cell as _bound_cell
from gialint.bind.pages import PageMarks
from gialint.bind.stream import _NOISE, section_cells, template_labels
from gialint.bind.take import columns_dropped, dash_padding, inside_row, orphans, segment, take_values, wrapped_row
from gialint.model.document import Cell, Document
from gialint.model.report import BoundCell, BoundTable, LabelMatch, Report, Unmatched
from gialint.model.source import Source
from gialint.model.span import Span
from gialint.model.template import TableTemplate, Template
from gialint.util.normalize import norm


_ITEMS: dict[tuple[int, ...], tuple[Sequence[TableTemplate], list[Item]]] = {}


def _items(tables: Sequence[TableTemplate]) -> list[Item]:
    """The template labels of a section's tables, in reading order (cached)."""
    key = tuple(id(t) for t in tables)
    hit = _ITEMS.get(key)
    if hit is None:
        # The tables are kept in the entry so their ids cannot be reused.
        hit = _ITEMS[key] = (tuple(tables), _make_items(tables))
    return hit[1]


def _make_items(tables: Sequence[TableTemplate]) -> list[Item]:
    items: list[Item] = []
    for t in tables:
        if t.caption:
            items.append(Item(t.key, "caption", "caption", t.caption, 0))
        # Column labels are items of role "column" (key: the column's key, with
        # "#2", "#3" for the repeats of section 四); other headers are "header".
        seen: dict[str, int] = {}
        col_by_label = {norm(c.label): c.key for c in t.columns}
        for i, h in enumerate(t.headers):
            ck = col_by_label.get(norm(h))
            if ck is None:
                items.append(Item(t.key, "header", str(i), h, 0))
            else:
                seen[ck] = seen.get(ck, 0) + 1
                items.append(Item(t.key, "column", ck if seen[ck] == 1 else f"{ck}#{seen[ck]}", h, 0))
        for c in t.columns:
            if c.key not in seen:
                items.append(Item(t.key, "column", c.key, c.label, 0))
        if t.layout == "rows":
            for r in t.rows:
                items.append(Item(t.key, "group" if r.is_group else "row", r.key, r.label, 0 if r.is_group else len(t.columns)))
    return items


def _status(found: str, official: str, sim: float) -> str:
    if found == official:
        return "exact"
    if norm(found) == norm(official):
        return "normalized"
    return "fuzzy"


def bind_section(
    tables: Sequence[TableTemplate], stream: list[Cell], section: int, source: Source | None = None
) -> tuple[dict[str, BoundTable], list[Unmatched], dict[str, PendingTable]]:
    """Bind the tables of one section to the cells read from it; rows whose
    values are not placed for certain are returned pending
    (:mod:`.recover`)."""
    items = _items(tables)
    label_idx = [i for i, c in enumerate(stream) if c.role == "label"]
    obs = [stream[i].text for i in label_idx]
    result = align([norm(t) for t in obs], items)

    matches: dict[int, tuple[list[int], float, bool]] = {}  # item index → (stream indexes, sim, moved)
    for item_i, (obs_is, sim, moved) in result.matches.items():
        matches[item_i] = ([label_idx[o] for o in obs_is], sim, moved)
    wrapped = {label_idx[o] for o in result.wrapped}
    used = {s for v in matches.values() for s in v[0]} | wrapped
    free = {i for i in label_idx if i not in used}

    # What each table's labels look like.
    by_table: dict[str, list[LabelMatch]] = {t.key: [] for t in tables}
    for n, it in enumerate(items):
        if n in matches:
            idxs, sim, moved = matches[n]
            cells = [stream[i] for i in idxs]
            for w in result.wrapped_into.get(n, ()):
                cells.append(stream[label_idx[w]])
            found = cells[0].text if len(cells) == 1 else "".join(c.text for c in cells)
            first, last = cells[0].span, cells[-1].span
            span = Span(first.line, first.column, last.end_line, last.end_column)
            if moved and it.role == "group" and among_its_rows(items, n, idxs, matches):
                moved = False  # a merged cell drawn in the middle of its rows (PDF text)
            status = "moved" if moved else _status(found, it.label, sim)
            if len(cells) > 1 and norm(found) == norm(it.label):
                status = "normalized" if status != "moved" else status
            by_table[it.table].append(LabelMatch(it.table, it.role, it.key, it.label, status, found, span, sim, cells))
        else:
            by_table[it.table].append(LabelMatch(it.table, it.role, it.key, it.label, "missing"))

    consumed: set[int] = set(used)
    where = {id(c): i for i, c in enumerate(stream)}
    bound: dict[str, BoundTable] = {}
    pending: dict[str, PendingTable] = {}
    for t in tables:
        labels = by_table[t.key]
        cells: dict[str, BoundCell] = {}
        waiting: PendingTable | None = None  # made when a row is not placed for certain
        if t.layout == "single_row":
            heads = [where[id(c)] for m in labels if m.status != "missing" for c in m.cells]
            start = max(heads) if heads else -1
            values = [j for j in range(start + 1, len(stream)) if j not in consumed and (stream[j].role == "value" or inside_row(stream, j, free))]
            ncells = len(t.rows) * len(t.columns)
            # Before the values proper, empty cells are header padding.
            # (counted, then sliced once: pop(0) per cell is quadratic)
            lead = 0
            while lead < len(values) and not stream[values[lead]].text and len(values) - lead > ncells:
                lead += 1
            take = values[lead:lead + ncells]
            written = [j for j in values if stream[j].text]
            if written and len(written) != ncells and (all(stream[j].row is None for j in written) or (len(written) < ncells and any(stream[j].glued for j in written))):
                # One cell per line (or numbers glued on), and not as many values as cells.
                consumed.update(values)
                take = []
                waiting = PendingTable()
                waiting.rows.append(PendingRow("*", "", [stream[j] for j in written], None, len(written) < ncells))
            consumed.update(take)
            k = 0
            anchor = stream[start].span if start >= 0 else None
            for r in t.rows:
                for ci in range(len(t.columns)):
                    cell = stream[take[k]] if k < len(take) else None
                    bc = _bound_cell(t, ci, r.key, r.label, cell, anchor)
                    cells[bc.key] = bc
                    k += 1
        else:
            ncols = len(t.columns)
            first_row = -1  # the first row label's stream index
            groups: set[int] | None = None  # made for one-cell-per-line text
            for m in labels:
                if m.role != "row":
                    continue
                row = t.row(m.key)
                assert row is not None
                if m.status == "missing":
                    for ci in range(ncols):
                        bc = _bound_cell(t, ci, row.key, row.label, None, None)
                        cells[bc.key] = bc
                    continue
                last = where[id(m.cells[0])] if len(m.cells) == 1 else max(where[id(c)] for c in m.cells)
                if stream[last].row is None:
                    # One cell per line: the values between the label and the next one.
                    idxs = [where[id(c)] for c in m.cells]
                    first = min(idxs)
                    if first_row < 0 or first < first_row:
                        first_row = first
                    if groups is None:
                        groups = {where[id(c)] for g in labels if g.role == "group" for c in g.cells}
                        # An official row label left over is a copy's row (bind_copies), not a value.
                        rows = {norm(it.label) for it in items if it.role == "row"}
                        free_text = {i for i in free if norm(stream[i].text) not in rows}
                    if waiting is None:
                        waiting = PendingTable()
                    seg = segment(stream, first, set(idxs), free_text, wrapped, groups)
                    consumed.update(seg)
                    vals = [stream[j] for j in seg]
                    waiting.lines.append((first, row.key, m.cells, vals))
                    if len(vals) != ncols:
                        waiting.rows.append(PendingRow(row.key, row.label, vals, m.cells[-1].span.end_line, len(vals) < ncols))
                        waiting.empty_rows = waiting.empty_rows or not vals
                        vals = []
                    else:
                        waiting.loose.append(row.key)
                else:
                    vals, took = take_values(stream, last, ncols, free)
                    if (len(vals) < ncols or len(m.cells) > 1) and len({c.row for c in m.cells}) > 1:
                        vals, took = wrapped_row(stream, [where[id(c)] for c in m.cells], ncols, free, vals, took)
                    consumed.update(took)
                    if len(vals) < ncols and (any(v.glued for v in vals) or (source is not None and columns_dropped(source, stream[last].span.line))):
                        # Numbers glued to the label, or whole columns left
                        # out, and too few cells: they cannot be placed as written.
                        if waiting is None:
                            waiting = PendingTable()
                        waiting.rows.append(PendingRow(row.key, row.label, [v for v in vals if v.text], m.cells[-1].span.end_line, True))
                        vals = []
                for ci in range(ncols):
                    bc = _bound_cell(t, ci, row.key, row.label, vals[ci] if ci < len(vals) else None, m.span)
                    cells[bc.key] = bc
            if waiting is not None and first_row >= 0 and stream[first_row].row is None:
                early = orphans(stream, first_row, consumed, free)
                if early:
                    consumed.update(early)
                    waiting.orphans = [stream[j] for j in early]
                    waiting.unreadable = "的数值出现在行名之前（行名与数值错位），无法确定各数值所在的行"
        starts = [(sp.line, sp.column) for sp in (m.span for m in labels) if sp]
        ends = [(sp.end_line, sp.end_column) for sp in (m.span for m in labels) if sp]
        for c in cells.values():
            if c.content != "missing" and c.span is not None:
                starts.append((c.span.line, c.span.column))
                ends.append((c.span.end_line, c.span.end_column))
        found = bool(starts)
        span = Span(*min(starts), *max(ends)) if starts else None
        bound[t.key] = BoundTable(t.key, t, labels, cells, found, span)
        if found and waiting is not None and (waiting.rows or waiting.unreadable):
            pending[t.key] = waiting

    unmatched: list[Unmatched] = []
    bound_idx = sorted(consumed)
    lo, hi = (bound_idx[0], bound_idx[-1]) if bound_idx else (len(stream), -1)
    for i, c in enumerate(stream):
        if i in consumed:
            continue
        if c.role == "value" and (not c.text or (c.row is not None and dash_padding(stream, i, consumed))):
            continue  # padding of merged cells (a dash in it: OCR)
        if _NOISE.match(c.text):
            reason = "noise"
        elif i < lo or i > hi:
            reason = "outside"
        else:
            reason = "extra-label" if c.role == "label" else "extra-value"
        unmatched.append(Unmatched(section, _table_at(bound, c), c, reason))
    return bound, unmatched, pending


def _table_at(bound: Mapping[str, BoundTable], cell: Cell) -> str | None:
    for key, t in bound.items():
        if t.span and (t.span.line, t.span.column) <= (cell.span.line, cell.span.column) <= (t.span.end_line, t.span.end_column):
            return key
    return None


def _table_groups(doc: Document, template: Template) -> list[tuple[int, Sequence[object], list[TableTemplate]]]:
    """``(section number, nodes, tables)``: where each table is looked for.

    A table is in its own section; when that section's heading is missing,
    its content sits at the end of the section before it, so its tables are
    bound together with that section's, in one alignment: binding the same
    cells once per missing section let the 四 table take a row of the 二
    table (``行政许可`` read as ``行政复议``)."""
    groups: list[tuple[int, Sequence[object], list[TableTemplate]]] = []
    for number in sorted({t.section for t in template.tables}):
        section_tables = list(template.tables_in(number))
        sec = doc.section(number)
        if sec is not None:
            groups.append((number, sec.nodes, section_tables))
            continue
        prev = max((s for s in doc.sections if s.number < number), key=lambda s: s.number, default=None)
        owner = prev.number if prev is not None else 0
        if groups and groups[-1][0] == owner:
            groups[-1][2].extend(section_tables)
        else:
            groups.append((owner, prev.nodes if prev is not None else doc.preamble, section_tables))
    return groups


def bind(doc: Document, templates: Mapping[str, Template], version: str | None = None) -> Report:
    """Detect the format (unless ``version`` is given) and bind every table."""
    detection = detect(doc, templates)
    if version is not None:
        detection.version = version
        detection.reason = "forced"
    template = templates[detection.version]
    label_keys = template_labels(template)
    tables: dict[str, BoundTable] = {}
    unmatched: list[Unmatched] = []
    pending: dict[str, PendingTable] = {}
    copies: dict[str, BoundTable] = {}
    title = doc.title
    page = PageMarks(doc.source, title.text if title else "", title.span.end_line if title else 0, [p[2] for p in title.parts] if title and len(title.parts) > 1 else ())

    def again(ts: Sequence[TableTemplate], st: list[Cell], sec: int) -> tuple[dict[str, BoundTable], list[Unmatched]]:
        return bind_section(ts, st, sec, doc.source)[:2]  # a copy's pending rows stay missing

    for number, nodes, section_tables in _table_groups(doc, template):
        stream = section_cells(nodes, label_keys, doc.source, page)
        b, u, p = bind_section(section_tables, stream, number, doc.source)
        u, c = bind_copies(section_tables, stream, number, b, u, again)
        tables.update(b)
        unmatched.extend(u)
        copies.update(c)
        pending.update(p)
    if pending:
        from gialint.bind.recover import finish_all  # decoding: damaged text only

        finish_all(doc, tables, pending)
    return Report(doc, template, detection, tables, unmatched, copies)
