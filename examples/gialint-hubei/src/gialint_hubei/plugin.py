"""The hooks gialint calls (the ``gialint`` entry point points here)."""

from __future__ import annotations

import re
from importlib.resources import files
from typing import Any, Iterable

from gialint import hookimpl

# The statement of the reporting period Hubei's 2020 notice asks for in the
# opening paragraph: 本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止.
_PERIOD = re.compile(r"统计期限自\s*(?:19|20)\d{2}\s*年\s*1\s*月\s*1\s*日")


@hookimpl
def gialint_add_templates() -> list[Any]:
    return [files("gialint_hubei") / "hb2020.yaml"]


@hookimpl
def gialint_add_kinds() -> list[Any]:
    from .kinds import ProvinceFormat

    return [ProvinceFormat]


@hookimpl
def gialint_add_rule_packs() -> list[Any]:
    return [files("gialint_hubei") / "hubei.yaml"]


@hookimpl
def gialint_check_report(report: Any) -> Iterable[Any]:
    """HB401: a Hubei-format report states its reporting period."""
    from gialint import Finding

    if report.template.id != "hb2020" or _PERIOD.search(report.document.source.text):
        return
    title = report.document.title
    line = title.span.line if title is not None else 1
    yield Finding(
        report.path, line, 1, line, 1,
        "HB401", "statistics-period", "meta", "warning",
        "导语未写明数据的统计期限（应写明“本报告所列数据的统计期限自××××年1月1日起至××××年12月31日止”）",
    )
