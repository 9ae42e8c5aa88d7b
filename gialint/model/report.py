"""The bound report: the document plus every official table cell by key, the
labels as written against the official ones, and everything that did not fit."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from gialint.model.document import Cell, Document
from gialint.model.span import Span

if TYPE_CHECKING:
    from gialint.model.template import TableTemplate, Template


@dataclass(slots=True)
class BoundCell:
    """One official cell. ``content``: ``number``, ``blank`` (empty), ``dash``
    (``—``, ``/``, ``无``…: written as *no value*), ``text`` (not a number) or
    ``missing`` (no cell in the report at all; ``span`` is then the row
    label's, or ``None``)."""

    key: str
    table: str
    column: str
    row: str
    content: str
    value: int | Decimal | None
    raw: str | None
    unit: str | None
    span: Span | None
    row_label: str = ""
    column_label: str = ""

    @property
    def is_number(self) -> bool:
        return self.content == "number"

    @property
    def kind(self) -> str:
        """Deprecated name of :attr:`content` (before issue 19 "kind" also
        meant a rule kind, a block, a cell and a value)."""
        return self.content


@dataclass(slots=True)
class LabelMatch:
    """An official label and what the report wrote for it.

    ``role`` is ``caption``, ``header``, ``group`` or ``row``; ``status`` is
    ``exact`` (as written), ``normalized`` (differs only in width, spaces or
    quotes), ``fuzzy`` (other wording, bound by position and similarity),
    ``moved`` (found out of order) or ``missing``."""

    table: str
    role: str
    key: str
    official: str
    status: str
    found: str | None = None
    span: Span | None = None
    similarity: float = 0.0
    cells: list[Cell] = field(default_factory=list)


@dataclass(slots=True)
class Unmatched:
    """A cell that fits no official place: ``reason`` is ``extra-label``,
    ``extra-value``, ``outside`` (before or after the table) or ``noise``."""

    section: int
    table: str | None
    cell: Cell
    reason: str


@dataclass
class BoundTable:
    """One official table as bound.  Most tables are read as written; damaged
    text (cells run together, duplicate lines merged, a row split over
    lines) is *decoded* (:mod:`gialint.bind.decode`): ``decoded`` then says
    how, in words.  A table whose values cannot be placed with certainty is
    ``unreadable`` (the reason, in words): its undetermined cells are
    ``missing`` and rules leave the whole table alone."""

    key: str
    template: TableTemplate
    labels: list[LabelMatch]
    cells: dict[str, BoundCell]
    found: bool
    span: Span | None = None
    decoded: str | None = None
    unreadable: str | None = None

    @property
    def readable(self) -> bool:
        """Found, and its values placed with certainty (as written or decoded)."""
        return self.found and self.unreadable is None

    def label(self, role: str, key: str) -> LabelMatch | None:
        return next((m for m in self.labels if m.role == role and m.key == key), None)


@dataclass
class Detection:
    """Which official format a report follows, and why."""

    version: str
    year: int | None
    year_source: str
    markers: dict[str, list[tuple[str, int]]]
    mixed: bool
    reason: str


@dataclass
class Report:
    document: Document
    template: Template
    detection: Detection
    tables: dict[str, BoundTable]
    unmatched: list[Unmatched]
    # Further copies of a table pasted more than once, ``applications#2``…:
    # their cells have the table's own keys (``applications.total.new``);
    # ``cell("applications#2.total.new")`` finds one.
    copies: dict[str, BoundTable] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def cells(self) -> dict[str, BoundCell]:
        out: dict[str, BoundCell] = {}
        for t in self.tables.values():
            out.update(t.cells)
        return out

    def cell(self, key: str) -> BoundCell | None:
        """The cell ``key`` (of a table, or of a further copy of one);
        ``None`` when its table is unknown or was not read
        (:attr:`BoundTable.unreadable`): nothing is inferred from a table
        gialint could not read."""
        table, _, rest = key.partition(".")
        t = self.tables.get(table)
        if t is not None:
            return t.cells.get(key) if t.unreadable is None else None
        copy = self.copies.get(table)
        if copy is not None:
            return copy.cells.get(f"{copy.template.key}.{rest}") if copy.unreadable is None else None
        return None

    def copies_of(self, table: str) -> list[BoundTable]:
        """The further copies of ``table`` (a table pasted twice), in order."""
        return [t for k, t in self.copies.items() if k.partition("#")[0] == table]

    def value(self, key: str) -> int | Decimal | None:
        c = self.cell(key)
        return c.value if c is not None else None
