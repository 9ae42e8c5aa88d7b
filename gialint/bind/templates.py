"""The official formats as data: sections, tables, rows and columns with stable
keys, loaded from ``rules/templates/*.yaml`` (and from plugins).

A cell is addressed as ``TABLE.COLUMN.ROW`` where ROW is the dotted path of the
row in its groups, e.g. ``applications.natural_person.results.withheld.state_secret``.
A template may ``extends:`` another and replace or patch its tables, which is
how the 2019 trial format and local variants are written."""

from __future__ import annotations

import copy
from typing import Any, Iterable

from gialint.model.template import Column, Row, SectionTemplate, TableTemplate, Template
from gialint.util.yamlfile import Located, YamlError, line_of
from gialint.util.yamlfile import load as load_yaml

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
            from gialint.util.suggest import did_you_mean

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
            from gialint.util.suggest import did_you_mean

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
                from gialint.util.suggest import did_you_mean

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
    from gialint.util import resources

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
