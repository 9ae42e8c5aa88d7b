"""One agency's reports across years, as data.

An :class:`Entry` is what the cross-year rules (and ``gialint extract``) need
of one report: who published it and for which year, every official cell with
its value and position, where each table and section is, and each section's
text.  It is built from a bound :class:`~gialint.model.report.Report`
(:func:`gialint.bind.entry.entry_of`), is a fraction of its size, and goes
to and from plain data (:meth:`Entry.to_data`), so a batch run can keep it on
disk between its two passes and the result cache can store it.

A :class:`History` is the earlier reports of the same agency, one per year:
the input the series rules get besides the report itself.  Who belongs to
which agency is decided by the run (``gialint.run.series``), never here."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from gialint.model.report import BoundCell
from gialint.model.span import Span

NUMERALS = "一二三四五六"


@dataclass(frozen=True, slots=True)
class TableFact:
    """Where a table is (``span``: its first line) and what it is called."""

    key: str
    title: str
    found: bool
    span: Span | None


@dataclass(frozen=True, slots=True)
class SectionFact:
    """One of the six sections: its heading's place and its text (paragraphs
    and sub-headings, one a line)."""

    number: int
    heading: str
    span: Span
    text: str

    @property
    def name(self) -> str:
        """``第一部分``"""
        return f"第{NUMERALS[self.number - 1]}部分" if 1 <= self.number <= 6 else f"第{self.number}部分"


@dataclass
class Entry:
    """One report of a series (see the module's docstring).  ``agency`` is
    the name the report gives itself (title first, else the publisher line),
    as written; ``names`` every such name; ``digest`` the SHA-256 of the
    file's bytes (what cache keys use)."""

    path: str
    digest: str
    year: int | None
    version: str
    agency: str | None
    names: tuple[str, ...] = ()
    title_span: Span | None = None
    lines: int = 0  # the file's line count
    cells: dict[str, BoundCell] = field(default_factory=dict)
    tables: dict[str, TableFact] = field(default_factory=dict)
    sections: dict[int, SectionFact] = field(default_factory=dict)

    def cell(self, key: str) -> BoundCell | None:
        return self.cells.get(key)

    def value(self, key: str) -> int | Decimal | None:
        c = self.cells.get(key)
        return c.value if c is not None and c.content == "number" else None

    def table_cells(self, table: str) -> list[BoundCell]:
        grouped = self.__dict__.get("_by_table")
        if grouped is None:
            grouped = {}
            for c in self.cells.values():
                grouped.setdefault(c.table, []).append(c)
            self.__dict__["_by_table"] = grouped
        return grouped.get(table, [])

    def line_of(self, key: str) -> int:
        """The line of cell ``key`` (or of its table, or 1)."""
        c = self.cells.get(key)
        if c is not None and c.span is not None:
            return c.span.line
        t = self.tables.get(key.partition(".")[0])
        return t.span.line if t is not None and t.span is not None else 1

    def thin(self, keys: Iterable[str]) -> Entry:
        """The same report with only the cells ``keys`` (an older year of a
        history, for the rules that look further back than one year)."""
        cells = {k: self.cells[k] for k in keys if k in self.cells}
        return Entry(self.path, self.digest, self.year, self.version, self.agency, self.names, self.title_span, self.lines, cells)

    # -- plain data -----------------------------------------------------------

    def to_data(self) -> list[Any]:
        data = self.__dict__.get("_data")
        if data is not None:
            return data  # read by from_data and not changed since: as it was
        return [
            1, self.path, self.digest, self.year, self.version, self.agency, list(self.names), _span(self.title_span), self.lines,
            [_cell(c) for c in self.cells.values()],
            [[t.key, t.title, t.found, _span(t.span)] for t in self.tables.values()],
            [[s.number, s.heading, _span(s.span), s.text] for s in self.sections.values()],
        ]  # fmt: skip

    @classmethod
    def from_data(cls, data: Any) -> Entry:
        """The entry of :meth:`to_data`'s output; raises ``ValueError`` for
        anything else (a cache entry that does not verify is a miss)."""
        try:
            fmt, path, digest, year, version, agency, names, title, lines, cells, tables, sections = data
            if fmt != 1 or not isinstance(path, str) or not isinstance(version, str):
                raise ValueError("not an entry")
            out = cls(path, str(digest), None if year is None else int(year), version, agency, tuple(map(str, names)), _unspan(title), int(lines))
            for row in cells:
                c = _uncell(row)
                out.cells[c.key] = c
            for key, title_, found, span in tables:
                out.tables[key] = TableFact(str(key), str(title_), bool(found), _unspan(span))
            for number, heading, span, text in sections:
                sp = _unspan(span)
                if sp is None:
                    raise ValueError("section without a place")
                out.sections[int(number)] = SectionFact(int(number), str(heading), sp, str(text))
            out.__dict__["_data"] = data
            return out
        except (TypeError, ValueError, KeyError) as exc:
            raise ValueError(f"not an entry: {exc}") from None


@dataclass(frozen=True)
class History:
    """The earlier reports of one agency, oldest first, at most one a year
    (years with two different reports are left out: which one counts is not
    known).  The previous year's entry is complete; older ones may hold only
    the cells some rule looks back for (:meth:`Entry.thin`)."""

    entries: tuple[Entry, ...] = ()

    def previous(self, year: int | None) -> Entry | None:
        """The report of ``year - 1``, if there is one."""
        if year is None:
            return None
        return next((e for e in self.entries if e.year == year - 1), None)

    def before(self, year: int | None) -> list[Entry]:
        """Every earlier report (years before ``year``), oldest first."""
        return [e for e in self.entries if year is not None and e.year is not None and e.year < year]

    def __bool__(self) -> bool:
        return bool(self.entries)


def _span(sp: Span | None) -> list[int] | None:
    return None if sp is None else [sp.line, sp.column, sp.end_line, sp.end_column]


def _unspan(v: Any) -> Span | None:
    if v is None:
        return None
    line, col, end_line, end_col = v
    if not (type(line) is int and type(col) is int and type(end_line) is int and type(end_col) is int):
        raise ValueError("bad span")
    return Span(line, col, end_line, end_col)


def _value(v: int | Decimal | None) -> Any:
    return str(v) if isinstance(v, Decimal) else v


def _unvalue(v: Any) -> int | Decimal | None:
    if v is None or type(v) is int:
        return v
    if isinstance(v, str):
        return Decimal(v)
    raise ValueError("bad value")


def _cell(c: BoundCell) -> list[Any]:
    return [c.key, c.table, c.column, c.row, c.content, _value(c.value), c.raw, c.unit, _span(c.span), c.row_label, c.column_label]


def _uncell(row: Any) -> BoundCell:
    key, table, column, r, content, value, raw, unit, span, row_label, column_label = row
    return BoundCell(str(key), str(table), str(column), str(r), str(content), _unvalue(value), raw, unit, _unspan(span), str(row_label), str(column_label))
