"""What the parts of the page share: escaping, the Chinese names of
severities and categories, and finding identifiers."""

from __future__ import annotations

from html import escape as _escape
from typing import Any

from gialint.model.findings import SEVERITIES as SEVERITY_ORDER
from gialint.model.findings import SEVERITY_RANK

__all__ = ["CATEGORY_ZH", "SEVERITY_ORDER", "SEVERITY_RANK", "SEVERITY_ZH", "category_label", "esc", "top_severity"]
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}

# The fixed categories of DESIGN.md, named as a 政务公开 office would.
CATEGORY_ZH = {
    "structure": "结构",
    "label": "行列名称",
    "arithmetic": "勾稽关系",
    "value": "数值",
    "template": "格式版本",
    "consistency": "前后一致",
    "wording": "文字表述",
    "meta": "标题与日期",
    "input": "文件读取",
    "internal": "内部错误",
}


def esc(text: Any) -> str:
    """Text for an element's content or a quoted attribute."""
    return _escape(str(text), quote=True)


def category_label(category: str) -> str:
    return CATEGORY_ZH.get(category, category)


def top_severity(severities: Any) -> str:
    """The most severe of ``severities`` (``info`` when there is none)."""
    best = "info"
    for s in severities:
        if SEVERITY_RANK.get(s, 0) > SEVERITY_RANK[best]:
            best = s
    return best
