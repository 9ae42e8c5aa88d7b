"""A rule kind in Python: what YAML alone cannot say."""

from __future__ import annotations

from typing import Iterable

from gialint import Hit, Kind, Option, Report, did_you_mean, norm


class ProvinceFormat(Kind):
    """A report by an agency of the province follows the province's variant.

    A variant is recognised by its own rows; a Hubei report that leaves the
    extra row out is bound to the national format and would pass unnoticed —
    this kind notices it from the title."""

    name = "province-format"
    description = "A report by an agency of the province (by its title) must follow the province's template."
    options = {
        "template": Option(str, required=True, doc="the province's template id"),
        "places": Option(list, required=True, doc="names in the title that mark an agency of the province"),
    }
    default_message = "本报告为{place}机关的年度报告，应按{template}填报，缺少“{rows}”"

    def setup(self) -> None:
        tid = self.opts["template"]
        if tid not in self.ctx.templates:
            raise ValueError(f"没有模板 {tid!r}{did_you_mean(tid, self.ctx.templates)}")
        self.template = self.ctx.templates[tid]

    def check(self, report: Report) -> Iterable[Hit]:
        title = report.document.title
        if title is None or report.template.id == self.template.id:
            return
        place = next((p for p in self.opts["places"] if p in title.text), None)
        year = report.detection.year
        if place is None or year is None or not self.template.applies_to(year):
            return
        used = {norm(r.label) for t in report.template.tables for r in t.rows}
        missing = [r.label for t in self.template.tables for r in t.rows if norm(r.label) not in used]
        if not missing:
            return
        table = report.tables.get("documents")
        span = table.span if table is not None and table.span is not None else title.span
        rows = "、".join(missing)
        yield Hit(span, self.message(place=place, template=self.template.name, rows=rows, detail=rows))
