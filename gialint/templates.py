"""The official formats as data: sections, tables, rows and columns with stable
keys, loaded from ``rules/templates/*.yaml`` (and from plugins).

A cell is addressed as ``TABLE.COLUMN.ROW`` where ROW is the dotted path of the
row in its groups, e.g. ``applications.natural_person.results.withheld.state_secret``.
A template may ``extends:`` another and replace or patch its tables, which is
how the 2019 trial format and local variants are written."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping, Any, Iterable

from .normalize import norm
from .yamlfile import Located, YamlError, line_of
from .yamlfile import load as load_yaml


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


# --- loading ---------------------------------------------------------------

_TABLE_KEYS = {"key", "section", "caption", "headers", "columns", "rows", "layout", "replace_rows", "insert_rows", "remove_rows"}
_TEMPLATE_KEYS = {"id", "name", "source", "extends", "years", "markers", "sections", "tables"}


def _need(obj: Any, key: str, path: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise YamlError(path, line_of(obj), f"缺少字段 {key!r}")
    return obj[key]


def _check_keys(obj: Any, allowed: set[str], path: str, what: str) -> None:
    if not isinstance(obj, dict):
        raise YamlError(path, line_of(obj), f"{what} 应为映射")
    for k in obj:
        if k not in allowed:
            from .suggest import did_you_mean

            raise YamlError(path, line_of(obj), f"{what} 中有未知字段 {k!r}{did_you_mean(str(k), allowed)}")


def _flatten_rows(items: Iterable[Any], path: str, prefix: str = "", depth: int = 0) -> list[Row]:
    out: list[Row] = []
    for item in items:
        key = str(_need(item, "key", path))
        label = str(_need(item, "label", path))
        full = f"{prefix}{key}"
        children = item.get("rows")
        if children:
            out.append(Row(full, label, depth, True))
            out.extend(_flatten_rows(children, path, full + ".", depth + 1))
        else:
            out.append(Row(full, label, depth, False))
    return out


def _build_table(spec: Located, path: str) -> TableTemplate:
    _check_keys(spec, _TABLE_KEYS, path, "表格")
    cols = []
    for c in _need(spec, "columns", path):
        _check_keys(c, {"key", "label", "type", "unit", "signed"}, path, "列")
        cols.append(Column(str(c["key"]), str(c["label"]), c.get("type", "count"), c.get("unit"), bool(c.get("signed"))))
    return TableTemplate(
        key=str(_need(spec, "key", path)),
        section=int(_need(spec, "section", path)),
        columns=cols,
        rows=_flatten_rows(_need(spec, "rows", path), path),
        caption=spec.get("caption"),
        headers=[str(h) for h in spec.get("headers", [])],
        layout=spec.get("layout", "rows"),
    )


def _patch_rows(table: TableTemplate, spec: Located, path: str) -> None:
    """Apply ``replace_rows``, ``insert_rows`` and ``remove_rows`` to a table."""

    def subtree(key: str) -> tuple[int, int]:
        idx = next((i for i, r in enumerate(table.rows) if r.key == key), None)
        if idx is None:
            from .suggest import did_you_mean

            raise YamlError(path, line_of(spec), f"表格 {table.key} 没有行 {key!r}{did_you_mean(key, [r.key for r in table.rows])}")
        end = idx + 1
        while end < len(table.rows) and table.rows[end].key.startswith(key + "."):
            end += 1
        return idx, end

    def rebuild(key: str, items: list[Any]) -> list[Row]:
        parent = key.rpartition(".")[0]
        depth = table.rows[subtree(key)[0]].depth
        rows = _flatten_rows(items, path, f"{parent}." if parent else "", depth)
        return rows

    # Row edits invalidate the lookups cached on the table.
    for cached in ("row_map", "key_grid", "data_rows", "_leaf_rows"):
        table.__dict__.pop(cached, None)
    for key, item in (spec.get("replace_rows") or {}).items():
        start, end = subtree(key)
        table.rows[start:end] = rebuild(key, [item])
    for key in spec.get("remove_rows") or []:
        start, end = subtree(key)
        del table.rows[start:end]
    for key, items in (spec.get("insert_rows") or {}).items():
        # ``insert_rows: {AFTER_ROW: [rows…]}`` — new rows follow AFTER_ROW's subtree.
        start, end = subtree(key)
        table.rows[end:end] = rebuild(key, list(items))




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


def build_templates(docs: list[tuple[Any, str]]) -> dict[str, Template]:
    """Build templates from ``(parsed yaml, path)`` pairs, resolving ``extends``."""
    raw: dict[str, tuple[Located, str]] = {}
    for doc, path in docs:
        _check_keys(doc, _TEMPLATE_KEYS, path, "模板")
        tid = str(_need(doc, "id", path))
        if tid in raw:
            raise YamlError(path, line_of(doc), f"模板 id {tid!r} 重复（已在 {raw[tid][1]} 定义）")
        raw[tid] = (doc, path)

    built: dict[str, Template] = {}

    def build(tid: str, chain: tuple[str, ...] = ()) -> Template:
        if tid in built:
            return built[tid]
        doc, path = raw[tid]
        base_id = doc.get("extends")
        if base_id is not None:
            if base_id not in raw:
                from .suggest import did_you_mean

                raise YamlError(path, line_of(doc), f"extends 指向未知模板 {base_id!r}{did_you_mean(str(base_id), raw)}")
            if base_id in chain:
                raise YamlError(path, line_of(doc), f"模板继承成环：{' → '.join(chain + (tid, base_id))}")
            base = copy.deepcopy(build(base_id, chain + (tid,)))
        else:
            base = Template(tid, "", "", [], [])
        years = doc.get("years") or {}
        sections = base.sections
        if "sections" in doc:
            sections = [
                SectionTemplate(int(_need(s, "number", path)), str(_need(s, "key", path)), str(_need(s, "title", path)), tuple(s.get("variants", ())))
                for s in doc["sections"]
            ]
        tables = list(base.tables)
        for spec in doc.get("tables") or []:
            key = str(_need(spec, "key", path))
            existing = next((i for i, t in enumerate(tables) if t.key == key), None)
            if "columns" in spec:
                table = _build_table(spec, path)
                if existing is None:
                    # New tables go after the last table of their section.
                    pos = max((i + 1 for i, t in enumerate(tables) if t.section <= table.section), default=0)
                    tables.insert(pos, table)
                else:
                    tables[existing] = table
            elif existing is None:
                raise YamlError(path, line_of(spec), f"表格 {key!r} 既无 columns 定义，也不是所继承模板中的表格")
            else:
                _check_keys(spec, _TABLE_KEYS, path, "表格")
                _patch_rows(tables[existing], spec, path)
        tpl = Template(
            id=tid,
            name=str(doc.get("name", base.name or tid)),
            source=str(doc.get("source", base.source)),
            sections=sections,
            tables=tables,
            markers=[str(m) for m in doc.get("markers", base.markers if base_id else [])],
            year_from=years.get("from", base.year_from if not years else None),
            year_to=years.get("to", base.year_to if not years else None),
            extends=base_id,
            origin=path,
        )
        if not tpl.sections:
            raise YamlError(path, line_of(doc), "模板没有 sections")
        built[tid] = tpl
        return tpl

    for tid in raw:
        build(tid)
    return built


def load_templates(extra: Iterable[tuple[str, str]] = ()) -> dict[str, Template]:
    """The shipped templates plus ``extra`` ``(text, path)`` pairs from plugins or config."""
    from . import resources

    docs = [(load_yaml(f.read_text(encoding="utf-8"), f"rules/templates/{f.name}"), f"rules/templates/{f.name}") for f in resources.template_files()]
    docs += [(load_yaml(text, path), path) for text, path in extra]
    return build_templates(docs)


_DEFAULT: dict[str, Template] | None = None


def default_templates() -> dict[str, Template]:
    """The shipped templates, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_templates()
    return _DEFAULT
