"""Kind ``template-year``: the format a report follows against its year
(FORMAT.md §6): the 2021 format from data year 2021 on, the 2019 trial format
for 2019 and 2020, never both in one report."""

from __future__ import annotations

from typing import Iterable

from gialint.model.findings import Hit
from gialint.model.report import Report
from gialint.rules.kinds.base import Kind, Option


class TemplateYear(Kind):
    name = "template-year"
    description = "The official format used does not match the report's year, or two formats are mixed."
    options = {"check": Option(str, required=True, choices=("stale", "anachronism", "mixed"))}
    fields = {
        "marker": "a label of the other format found", "other": "the other format's name", "used": "the format the report uses",
        "year": "the report's year", "expected": "the format its year calls for", "detail": "the whole message as gialint words it",
    }  # fmt: skip

    def check(self, report: Report) -> Iterable[Hit]:
        det = report.detection
        templates = self.ctx.templates
        check = self.opts["check"]
        if check == "mixed":
            if det.mixed:
                other = [k for k, v in det.markers.items() if v and k != det.version]
                for k in other:
                    marker, line = det.markers[k][0]
                    yield Hit(_line_span(report, line), self.message(marker=marker, other=templates[k].name, used=report.template.name,
                                                                     detail=f"报告主要按{report.template.name}编写，却含有{templates[k].name}的表述“{marker}”"))
            return
        if det.year is None or det.version not in templates:
            return
        tpl = templates[det.version]
        if tpl.applies_to(det.year):
            return
        right = next((t for t in templates.values() if t.extends is None or t.id in ("v2019", "v2021") if t.applies_to(det.year) and t.id in ("v2019", "v2021")), None)
        if right is None:
            return
        stale = tpl.year_to is not None and det.year > tpl.year_to
        if (check == "stale") != stale:
            return
        markers = det.markers.get(det.version) or []
        line = markers[0][1] if markers else (report.document.title.span.line if report.document.title else 1)
        detail = f"{det.year}年度报告应使用{right.name}（{right.source}），却使用了{tpl.name}"
        yield Hit(_line_span(report, line), self.message(year=det.year, used=tpl.name, expected=right.name, detail=detail))


def _line_span(report: Report, line: int):  # type: ignore[no-untyped-def]
    from gialint.model.span import Span

    text = report.document.source.line_text(line)
    return Span(line, 1, line, len(text) + 1)


KINDS = [TemplateYear]
