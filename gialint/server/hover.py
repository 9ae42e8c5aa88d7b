"""Hovers: on a finding, its rule explained (from the rule's metadata: the
Chinese summary, category and severity, the explanation, the bad and good
example); on an official table cell, its key (``applications.natural_person.new``),
its labels and value, and every relation (equation rule) it takes part in,
with the values of the other cells and whether it holds."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gialint.linting.engine import Linter
    from gialint.model.findings import Finding
    from gialint.model.report import BoundCell, Report
    from gialint.rules.spec import RuleMeta

CATEGORY = {
    "structure": "结构", "label": "行名列名", "arithmetic": "勾稽关系", "value": "数值", "template": "格式版本",
    "consistency": "前后一致", "wording": "用语", "meta": "标题与日期", "input": "输入", "internal": "内部错误",
}  # fmt: skip
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
CONTENT = {"blank": "（空白）", "missing": "（缺少该单元格）"}


def contains(f: Finding, line: int, column: int) -> bool:
    """Whether 1-based ``line``/``column`` lies on the finding's span."""
    start, end = (f.line, f.column), (f.end_line, f.end_column)
    return start <= (line, column) <= max(end, start)


def finding_hover(findings: list[Finding], linter: Linter) -> str:
    parts = []
    for f in findings:
        meta = linter.ruleset.meta(f.rule)
        parts.append(rule_text(meta, f) if meta is not None else f"**{f.rule}** {f.message}")
    return "\n\n---\n\n".join(parts)


def rule_text(meta: RuleMeta, f: Finding | None = None) -> str:
    severity = f.severity if f is not None else meta.severity
    out = [
        f"**{meta.code}** `{meta.name}` · {CATEGORY.get(meta.category, meta.category)} · {SEVERITY.get(severity, severity)}",
        "",
        f"**{meta.summary}**",
    ]
    if f is not None and f.fix is not None:
        what = f"改为“{f.fix.replacement}”" if f.fix.replacement else "删除"
        out += ["", f"{'可自动修复' if f.fix.certain else '建议（需人工确认）'}：{what}"]
    if meta.explain:
        from gialint.output.explain import unwrap

        out += ["", "说明：", "", unwrap(meta.explain)]
    if meta.basis:
        out += ["", "依据：", ""] + [f"- {b}" for b in meta.basis]
    for title, snippet in (("反例（不符合）", meta.bad), ("正例（符合）", meta.good)):
        if snippet:
            text = "\n".join(snippet) if isinstance(snippet, list) else str(snippet)
            out += ["", f"{title}：", "", "```text", text.replace("\t", " → ").rstrip("\n"), "```"]
    out += ["", f"（`gialint explain {meta.code}`；在配置中 `ignore: [{meta.name}]` 可关闭）"]
    return "\n".join(out)


def cell_at(report: Report, line: int, column: int) -> BoundCell | None:
    """The official cell whose text covers 1-based ``line``/``column``."""
    for table in report.tables.values():
        if table.span is not None and not (table.span.line <= line <= table.span.end_line):
            continue
        for cell in table.cells.values():
            sp = cell.span
            if sp is None or cell.content == "missing":
                continue
            if (sp.line, sp.column) <= (line, column) <= (sp.end_line, max(sp.end_column, sp.column)):
                return cell
    return None


def value_text(cell: BoundCell | None) -> str:
    if cell is None:
        return "（无）"
    if cell.content == "number":
        v = cell.value
        return format(v.normalize(), "f") if isinstance(v, Decimal) else str(v)
    return CONTENT.get(cell.content, f"“{cell.raw}”" if cell.raw else "（无）")


def cell_hover(report: Report, cell: BoundCell, linter: Linter, path: str) -> str:
    out = [
        f"**`{cell.key}`**",
        "",
        f"{cell.row_label or cell.row} × {cell.column_label or cell.column}：{value_text(cell)}",
    ]
    relations = list(relations_of(report, cell.key, linter, path))
    if relations:
        out += ["", "**参与的勾稽关系：**"]
        out += relations
    else:
        out += ["", "（不参与任何勾稽关系）"]
    return "\n".join(out)


def relations_of(report: Report, key: str, linter: Linter, path: str):  # type: ignore[no-untyped-def]
    """Markdown for each evaluated equation that reads cell ``key``."""
    codes = linter.codes_for(path)
    for rule in linter.ruleset.rules:
        evaluations = getattr(rule.check, "evaluations", None)
        if evaluations is None or rule.meta.code not in codes:
            continue
        try:
            found = [ev for ev in evaluations(report) if key in ev.cells]
        except Exception:  # noqa: BLE001 - a hover never fails because a rule does
            continue
        for ev in found:
            out = ev.outcome
            verdict = {True: "✓ 成立", False: "✗ 不成立", None: "无法判断（有单元格没有数值）"}[out.holds]
            lines = [
                "",
                f"- **{rule.meta.code}** {rule.meta.summary}（{ev.label}）：{verdict}",
                f"  `{rule.check.opts['assert']}`" if hasattr(rule.check, "opts") else "",
            ]
            if out.lhs is not None or out.rhs is not None:
                lines.append(f"  左边 = {_num(out.lhs)}，右边 = {_num(out.rhs)}")
            for k in ev.cells:
                c = report.cell(k)
                label = f"{c.row_label or c.row} × {c.column_label or c.column}" if c is not None else k
                mark = "**" if k == key else ""
                lines.append(f"  - {mark}`{k}`{mark}（{label}）= {value_text(c)}")
            yield "\n".join(line for line in lines if line != "")


def _num(v: int | Decimal | None) -> str:
    if v is None:
        return "（未知）"
    return format(v.normalize(), "f") if isinstance(v, Decimal) else str(v)
