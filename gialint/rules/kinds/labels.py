"""Kinds ``labels`` and ``table-structure``: table captions, headers, columns
and rows against the template — wording (with the official label as the
fix), and what is missing, out of order or extra."""

from __future__ import annotations

from typing import Iterable

from gialint.model.findings import Fix, Hit
from gialint.model.report import BoundTable, Report
from gialint.model.span import Span
from gialint.rules.kinds.base import Kind, Option
from gialint.util.normalize import norm, visible

ROLES = ("caption", "header", "column", "group", "row")
ROLE_NAMES = {"caption": "表头标题", "header": "表头", "column": "列名", "group": "分组行名", "row": "行名"}


def _homoglyphs(found: str, official: str) -> list[tuple[str, str]]:
    """Character pairs that differ only by a look-alike (``釆``/``采``)."""
    a, b = norm(found), norm(official)
    if len(a) != len(b):
        return []
    pairs = [(x, y) for x, y in zip(a, b) if x != y]
    if not pairs or len(pairs) > 2:
        return []
    return pairs


# Look-alike characters met in reports typed or OCR'd from print.  Unicode's
# confusables data does not pair CJK look-alikes such as 釆/采, so the list is
# kept here, small and explicit.
LOOKALIKES = [frozenset(g) for g in ("釆采", "己已巳", "戊戌戍", "未末", "土士", "日曰", "人入", "干千于", "夭天", "王玉",
                                     "刀力", "侯候", "拨拔", "簿薄", "账帐", "〇0OＯ○", "一-－—", "口囗")]


def _lookalike(a: str, b: str) -> bool:
    return any(a in g and b in g for g in LOOKALIKES)


def _describe(found: str, official: str) -> str:
    pairs = _homoglyphs(found, official)
    if pairs and all(_lookalike(x, y) for x, y in pairs):
        glyphs = "，".join(f"“{x}”（U+{ord(x):04X}）应为“{y}”（U+{ord(y):04X}）" for x, y in pairs)
        return f"，其中{glyphs}"
    return ""


def _official_labels(report: Report) -> dict[str, tuple[str, str, str]]:
    """Normalized official label → ``(table, role, key)`` of its place in the
    report's template (the first place, for labels used twice)."""
    out: dict[str, tuple[str, str, str]] = {}
    for table in report.tables.values():
        for m in table.labels:
            out.setdefault(norm(m.official), (table.key, m.role, m.key))
    return out


def _tables(report: Report, only: list[str] | None) -> Iterable[BoundTable]:
    for key, table in report.tables.items():
        if only is None or key in only:
            yield table


class Labels(Kind):
    name = "labels"
    description = "Row, column and caption labels worded otherwise than the official template; the fix is the official label."
    options = {
        "roles": Option(list, required=True, doc="caption, header, column, group, row"),
        "tables": Option(list, doc="limit to these tables"),
        "skip_headers_starting": Option(str, doc="header labels starting with this text are left to other rules"),
    }

    fields = {
        "role": "行名, 列名, 表头 … (the label's role, in Chinese)", "found": "the label as written", "official": "the official label",
        "note": "a look-alike character named, when there is one", "detail": "the whole message as gialint words it",
    }  # fmt: skip

    def setup(self) -> None:
        bad = [r for r in self.opts["roles"] if r not in ROLES]
        if bad:
            raise ValueError(f"roles 中有未知角色 {bad[0]!r}；可选：{', '.join(ROLES)}")

    def check(self, report: Report) -> Iterable[Hit]:
        skip = self.opts["skip_headers_starting"]
        others: dict[str, tuple[str, str, str]] | None = None  # made only when a label is off
        for table in _tables(report, self.opts["tables"]):
            for m in table.labels:
                if m.role not in self.opts["roles"] or m.status != "fuzzy" or m.span is None or m.found is None:
                    continue
                if skip and m.official.startswith(skip):
                    continue
                if others is None:
                    others = _official_labels(report)
                elsewhere = others.get(norm(m.found))
                if elsewhere is not None and elsewhere != (table.key, m.role, m.key):
                    # An official label of another place: misplaced, not
                    # misworded.  Renaming it is never certain (issue 11:
                    # 行政许可 → 行政复议 and back, run after run).
                    detail = f"{ROLE_NAMES[m.role]}“{visible(m.found)}”是官方格式中另一处的表述，此处应为“{visible(m.official)}”，请核对表格是否错位"
                    yield Hit(m.span, detail, Fix(m.official, m.span, False))
                    continue
                note = _describe(m.found, m.official)
                detail = f"{ROLE_NAMES[m.role]}“{visible(m.found)}”不是官方表述，应为“{visible(m.official)}”{note}"
                fields = dict(found=m.found, official=m.official, role=ROLE_NAMES[m.role], note=note, detail=detail)
                yield Hit(m.span, self.message(**fields), Fix(m.official, m.span, True))


def _where_missing(table: BoundTable, index: int) -> tuple[Span | None, str]:
    """Where a missing label would be, and that in words: a row right after
    the row found before it (``（应在“6.属于四类过程性信息”之后）``); a column
    right before the column found after it (header rows span several lines,
    so the column on its left may sit on another line)."""
    role = table.labels[index].role
    same = ("group", "row") if role in ("group", "row") else (role,)
    before = [m for m in reversed(table.labels[:index]) if m.span is not None and m.role in same]
    after = [m for m in table.labels[index + 1:] if m.span is not None and m.role in same]
    order = ("after", "before") if role == "column" else ("before", "after")
    for side in order:
        if side == "before" and before:
            m = before[0]
            return Span(m.span.end_line, m.span.end_column, m.span.end_line, m.span.end_column), f"（应在“{visible(m.official)}”之后）"
        if side == "after" and after:
            m = after[0]
            return Span(m.span.line, m.span.column, m.span.line, m.span.column), f"（应在“{visible(m.official)}”之前）"
    return table.span, ""


def _official_place(table: BoundTable, role: str, key: str) -> str:
    """Where a row belongs in the official table, in words: ``，应在“6.属于四类过程性信息”之后``."""
    if role not in ("group", "row"):
        return ""
    rows = table.template.rows
    for i, r in enumerate(rows):
        if r.key == key:
            if i > 0:
                return f"，应在“{visible(rows[i - 1].label)}”之后"
            if len(rows) > 1:
                return f"，应在“{visible(rows[1].label)}”之前"
    return ""


class TableStructure(Kind):
    name = "table-structure"
    description = "Tables, rows and columns missing, extra or out of order."
    options = {
        "check": Option(str, required=True, choices=("table-missing", "missing", "moved", "extra-label", "extra-value", "duplicate")),
        "roles": Option(list, default=["group", "row"]),
        "tables": Option(list),
    }
    fields = {
        "text": "the extra label or value as written", "table": "the table it is in (duplicate: its name)",
        "official": "the missing or moved official label", "line": "where the copy of a table starts (duplicate)",
        "role": "行名, 列名 … (the label's role, in Chinese)",
        "where": "where a missing label belongs, in words: （应在“…”之后）", "detail": "the whole message as gialint words it",
    }  # fmt: skip

    def check(self, report: Report) -> Iterable[Hit]:
        check = self.opts["check"]
        if check == "duplicate":
            for key, copy in report.copies.items():
                first = report.tables.get(copy.template.key)
                spans = [m.span for m in copy.labels if m.span is not None]
                if not spans:
                    continue
                at = min(spans, key=lambda sp: (sp.line, sp.column))
                name = _table_name(copy.template)
                was = f"，第一份在第 {first.span.line} 行" if first is not None and first.span is not None else ""
                n = key.partition("#")[2]
                detail = f"表格“{name}”重复出现（第 {n} 份，第 {at.line} 行起{was}），请删除多余的一份并核对数字"
                yield Hit(at, self.message(table=name, line=at.line, detail=detail))
            return
        if check in ("extra-label", "extra-value"):
            for u in report.unmatched:
                if u.reason != check:
                    continue
                if check == "extra-value" and u.table is not None and u.table in report.tables and not report.tables[u.table].readable:
                    continue  # a value of a table that could not be read is not "extra"
                what = "多出的行或标签" if check == "extra-label" else "多出的数值"
                table = u.table or "?"
                yield Hit(u.cell.span, self.message(text=u.cell.text, table=table, detail=f"{what}“{u.cell.text}”不属于官方格式的任何位置"))
            return
        for table in _tables(report, self.opts["tables"]):
            if check == "table-missing":
                if not table.found:
                    t = table.template
                    name = _table_name(t)
                    sec = report.document.section(t.section)
                    at = sec.heading.span if sec else None
                    yield Hit(at, self.message(table=name, detail=f"缺少表格“{name}”"))
                continue
            if not table.found:
                continue
            for i, m in enumerate(table.labels):
                if m.role not in self.opts["roles"]:
                    continue
                if check == "missing" and m.status == "missing":
                    at, where = _where_missing(table, i)
                    detail = f"缺少{ROLE_NAMES[m.role]}“{visible(m.official)}”{where}"
                    yield Hit(at, self.message(official=m.official, role=ROLE_NAMES[m.role], where=where, detail=detail))
                elif check == "moved" and m.status == "moved" and m.span is not None:
                    detail = f"{ROLE_NAMES[m.role]}“{visible(m.official)}”的位置与官方格式的顺序不符{_official_place(table, m.role, m.key)}"
                    yield Hit(m.span, self.message(official=m.official, role=ROLE_NAMES[m.role], detail=detail))


def _table_name(t) -> str:  # type: ignore[no-untyped-def]
    return t.caption or {"applications": "收到和处理政府信息公开申请情况表", "appeals": "行政复议、行政诉讼情况表"}.get(t.key, t.key)


_HALF_CHARS = {"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"}
_HALF = str.maketrans(_HALF_CHARS)
_HALF_NAMES = {"(": "括号", ")": "括号", ",": "逗号", ":": "冒号", ";": "分号"}


class HalfWidthLabels(Kind):
    name = "half-width-labels"
    description = "Table labels that differ from the official ones only by half-width punctuation or spaces."
    default_message = "“{found}”{problem}，官方表述为“{official}”"
    fields = {"found": "the label as written", "official": "the official label",
              "problem": "what differs, in words (使用了半角括号, 含有多余的空格)", "detail": "the label as written"}

    def check(self, report: Report) -> Iterable[Hit]:
        for table in report.tables.values():
            for m in table.labels:
                if m.status != "normalized" or m.found is None or m.span is None or len(m.cells) != 1:
                    continue
                if m.found.translate(_HALF).replace(" ", "") == m.official.replace(" ", "") and m.found != m.official:
                    problem = _half_width_problem(m.found, m.official)
                    yield Hit(m.span, self.message(found=m.found, official=m.official, problem=problem, detail=m.found), Fix(m.official, m.span, True))


def _half_width_problem(found: str, official: str) -> str:
    """What differs: ``使用了半角括号``, ``含有多余的空格``, or both."""
    names = dict.fromkeys(_HALF_NAMES[ch] for ch in found if ch in _HALF_NAMES and ch not in official)
    parts = []
    if names:
        parts.append("使用了半角" + "和".join(names))
    if found.count(" ") > official.count(" "):
        parts.append("含有多余的空格")
    return "，且".join(parts) or "的标点或空格与官方写法不同"


KINDS = [Labels, TableStructure, HalfWidthLabels]


