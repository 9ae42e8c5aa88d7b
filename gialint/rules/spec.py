"""Rule metadata and rule packs.

A rule's identity — code, kebab-case name, category, default severity,
summary, explanation, bad and good example — is written once, in its pack
(``rules/*.yaml`` or a plugin's), and drives ``gialint rules``, ``gialint
explain``, the docs, configuration and suppression comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gialint.model.findings import CATEGORIES, SEVERITIES
from gialint.util.suggest import did_you_mean
from gialint.util.yamlfile import YamlError, line_of
from gialint.util.yamlfile import load as load_yaml

CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}\d{2,4}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
COMMON = {
    "code", "name", "category", "severity", "summary", "explain", "explain_en", "basis", "bad", "good", "base",
    "kind", "message", "enabled", "groups", "history",
}  # fmt: skip


@dataclass
class RuleMeta:
    code: str
    name: str
    category: str
    severity: str
    summary: str
    kind: str
    explain: str = ""  # for the people who write and review reports: Chinese in gialint's packs
    explain_en: str = ""  # the same in English (optional)
    basis: tuple[str, ...] = ()  # what a reader can look up: 条例 articles, the 格式 notices, the table's wording, gialint's docs
    bad: str | None = None
    good: str | None = None
    base: str = "clean2023"
    message: str = ""
    enabled: bool = True
    groups: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    # Series rules: the earlier reports their examples are compared with
    # (example bases, or {base: …, year: …} for a base moved to another year).
    history: tuple[Any, ...] = ()
    origin: str = ""  # pack file or plugin name
    line: int | None = None


def parse_rule(spec: Any, path: str) -> RuleMeta:
    """Validate one rule mapping from a pack (not its kind options)."""
    line = line_of(spec)
    if not isinstance(spec, dict):
        raise YamlError(path, line, "每条规则应为一个映射（mapping）")

    def need(key: str) -> str:
        if key not in spec or spec[key] in (None, ""):
            raise YamlError(path, line, f"规则缺少字段 {key!r}")
        return str(spec[key])

    code, name, category, severity = need("code"), need("name"), need("category"), need("severity")
    if not CODE.match(code):
        raise YamlError(path, line, f"规则代码 {code!r} 格式不对（应如 GIA201 或 HB101）")
    if not NAME.match(name):
        raise YamlError(path, line, f"规则名 {name!r} 应为 kebab-case（如 row-label）")
    if category not in CATEGORIES:
        raise YamlError(path, line, f"未知类别 {category!r}{did_you_mean(category, CATEGORIES)}；可选：{', '.join(CATEGORIES)}")
    if severity not in SEVERITIES:
        raise YamlError(path, line, f"未知严重程度 {severity!r}{did_you_mean(severity, SEVERITIES)}；可选：{', '.join(SEVERITIES)}")
    options = {k: v for k, v in spec.items() if k not in COMMON}
    return RuleMeta(
        code=code,
        name=name,
        category=category,
        severity=severity,
        summary=need("summary"),
        kind=need("kind"),
        explain=str(spec.get("explain", "")).strip(),
        explain_en=str(spec.get("explain_en", "") or "").strip(),
        basis=_basis(spec.get("basis"), path, line),
        bad=spec.get("bad"),
        good=spec.get("good"),
        base=str(spec.get("base", "clean2023")),
        message=str(spec.get("message", "")),
        enabled=bool(spec.get("enabled", True)),
        groups=tuple(spec.get("groups", ()) or ()),
        options=options,
        history=_history(spec.get("history"), path, line),
        origin=path,
        line=line,
    )


def _basis(value: Any, path: str, line: int | None) -> tuple[str, ...]:
    """``basis:`` — one citation or a list of them (strings)."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(i, str) and i.strip() for i in items):
        raise YamlError(path, line, "basis 应为一条依据（字符串）或依据的列表，例如“《中华人民共和国政府信息公开条例》第四十九条”")
    return tuple(i.strip() for i in items)


def _history(value: Any, path: str, line: int | None) -> tuple[Any, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    for item in items:
        ok = isinstance(item, str) or (isinstance(item, dict) and isinstance(item.get("base"), str) and set(item) <= {"base", "year"}
                                       and isinstance(item.get("year", 0), int))
        if not ok:
            raise YamlError(path, line, f"history 的每一项应为示例报告名或 {{base: 名称, year: 年份}}，而不是 {item!r}")
    return tuple(dict(i) if isinstance(i, dict) else i for i in items)


def load_pack(text: str, path: str) -> list[RuleMeta]:
    """Rules of one pack file: a list of rules, or a mapping with ``rules:``."""
    doc = load_yaml(text, path)
    if isinstance(doc, dict):
        unknown = set(doc) - {"pack", "rules", "description"}
        if unknown:
            k = sorted(unknown)[0]
            raise YamlError(path, line_of(doc), f"规则包中有未知字段 {k!r}{did_you_mean(k, ['pack', 'rules', 'description'])}")
        doc = doc.get("rules")
    if doc is None:
        return []
    if not isinstance(doc, list):
        raise YamlError(path, line_of(doc), "规则包应为规则列表，或含 rules: 列表的映射")
    return [parse_rule(spec, path) for spec in doc]

