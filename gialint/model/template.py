"""The official formats as data: sections, tables, rows and columns with
stable keys.  Loading them from YAML is :mod:`gialint.bind.templates`.

A cell is addressed as ``TABLE.COLUMN.ROW`` where ROW is the dotted path of the
row in its groups, e.g. ``applications.natural_person.results.withheld.state_secret``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

from gialint.util.normalize import norm


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = "count"  # count | money
    unit: str | None = None
    signed: bool = False


@dataclass(frozen=True)
class Row:
    key: str  # dotted path, e.g. results.withheld.state_secret
    label: str
    depth: int
    is_group: bool


@dataclass
class TableTemplate:
    key: str
    section: int
    columns: list[Column]
    rows: list[Row]  # flattened, groups included, in reading order
    caption: str | None = None
    headers: list[str] = field(default_factory=list)
    layout: str = "rows"  # rows | single_row

    @cached_property
    def data_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.is_group]

    def column(self, key: str) -> Column | None:
        return self.column_map.get(key)

    @cached_property
    def column_map(self) -> dict[str, Column]:
        return {c.key: c for c in self.columns}

    def row(self, key: str) -> Row | None:
        return self.row_map.get(key)

    @cached_property
    def row_map(self) -> dict[str, Row]:
        return {r.key: r for r in self.rows}

    def cell_key(self, column: str, row: str) -> str:
        return f"{self.key}.{column}.{row}"

    def leaf_rows_under(self, path: str) -> list[Row]:
        """Data rows at ``path`` or below it (``results.withheld`` → its 8 rows)."""
        cache = self.__dict__.setdefault("_leaf_rows", {})
        rows = cache.get(path)
        if rows is None:
            prefix = path + "."
            rows = cache[path] = [r for r in self.data_rows if r.key == path or r.key.startswith(prefix)]
        return rows

    def cell_keys(self) -> list[str]:
        return [self.cell_key(c.key, r.key) for r in self.data_rows for c in self.columns]

    @cached_property
    def key_grid(self) -> dict[str, list[str]]:
        """Row key → the cell keys of that row, in column order."""
        return {r.key: [self.cell_key(c.key, r.key) for c in self.columns] for r in self.data_rows}


@dataclass(frozen=True)
class SectionTemplate:
    number: int
    key: str
    title: str
    variants: tuple[str, ...] = ()

    @property
    def numeral(self) -> str:
        return "一二三四五六七八九十"[self.number - 1]

    @property
    def official(self) -> str:
        return f"{self.numeral}、{self.title}"


@dataclass
class Template:
    id: str
    name: str
    source: str
    sections: list[SectionTemplate]
    tables: list[TableTemplate]
    markers: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    extends: str | None = None
    origin: str = ""

    def table(self, key: str) -> TableTemplate | None:
        return next((t for t in self.tables if t.key == key), None)

    def tables_in(self, section: int) -> list[TableTemplate]:
        return [t for t in self.tables if t.section == section]

    def section(self, number: int) -> SectionTemplate | None:
        return next((s for s in self.sections if s.number == number), None)

    def applies_to(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)

    def cell_keys(self) -> list[str]:
        return [k for t in self.tables for k in t.cell_keys()]

    @property
    def marker_keys(self) -> list[str]:
        return [norm(m) for m in self.markers]


# The national formats (FORMAT.md): v2019 is written as a patch of v2021
# (``extends``), but neither is a variant of the other.
OFFICIAL_FORMATS: tuple[str, ...] = ("v2019", "v2021")


def format_lineage(template: Template, templates: Mapping[str, Template]) -> list[str]:
    """The template's id and the ids it extends, up to and including the
    first official format: a local variant's lineage ends at the official
    format it varies (``hb2020`` → ``["hb2020", "v2019"]``), and an official
    format's is itself alone (v2019 extends v2021 in the data, not in law)."""
    out: list[str] = []
    for tid in lineage(template, templates):
        out.append(tid)
        if tid in OFFICIAL_FORMATS:
            break
    return out


def lineage(template: Template, templates: Mapping[str, Template]) -> list[str]:
    """The template's id and the ids it ``extends``, nearest first
    (``hb2020`` → ``["hb2020", "v2019"]``)."""
    out = [template.id]
    base = template.extends
    while base is not None and base not in out:
        out.append(base)
        parent = templates.get(base)
        base = parent.extends if parent is not None else None
    return out
