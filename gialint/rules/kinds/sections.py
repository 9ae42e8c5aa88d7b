"""Kind ``sections``: the six sections — present, in order, once each, with
the official titles, and headings of one consistent style."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from gialint.model.findings import Fix, Hit
from gialint.model.report import Report
from gialint.model.span import Span
from gialint.rules.kinds.base import Kind, Option


class Sections(Kind):
    name = "sections"
    description = "The six sections: presence, order, duplicates, official titles, heading style."
    options = {
        "check": Option(str, required=True, choices=("missing", "order", "duplicate", "title", "variant", "levels")),
    }
    default_message = "{detail}"
    fields = {
        "numeral": "the section's numeral (一 … 六)", "official": "the official heading", "heading": "the heading as written",
        "levels": "the heading levels found", "detail": "the whole message as gialint words it",
    }  # fmt: skip

    def check(self, report: Report) -> Iterable[Hit]:
        return getattr(self, "_" + self.opts["check"])(report)

    def _missing(self, report: Report) -> Iterable[Hit]:
        doc = report.document
        found = {s.number for s in doc.sections}
        for tpl in report.template.sections:
            if tpl.number in found:
                continue
            later = [s for s in doc.sections if s.number > tpl.number]
            if later:
                at = later[0].heading.span
            elif doc.sections:
                end = doc.sections[-1].span
                at = Span(end.end_line, 1, end.end_line, 1)
            else:
                at = doc.title.span if doc.title else Span(1, 1, 1, 1)
            yield Hit(at, self.message(numeral=tpl.numeral, official=tpl.official, detail=f"缺少第{tpl.numeral}部分“{tpl.official}”"))

    def _order(self, report: Report) -> Iterable[Hit]:
        highest = 0
        for s in report.document.sections:
            if s.number < highest:
                yield Hit(s.heading.span, self.message(heading=s.heading.text, official=s.expected_title, detail=f"“{s.heading.text}”出现在后面部分之后，顺序应为一至六"))
            highest = max(highest, s.number)

    def _duplicate(self, report: Report) -> Iterable[Hit]:
        seen: set[int] = set()
        for s in report.document.sections:
            if s.number in seen:
                yield Hit(s.heading.span, self.message(heading=s.heading.text, official=s.expected_title, detail=f"第{s.heading.numeral or s.number}部分重复出现：“{s.heading.text}”"))
            seen.add(s.number)

    def _title(self, report: Report) -> Iterable[Hit]:
        yield from self._titles(report, "fuzzy", certain=True)

    def _variant(self, report: Report) -> Iterable[Hit]:
        yield from self._titles(report, "variant", certain=False)

    def _titles(self, report: Report, match: str, certain: bool) -> Iterable[Hit]:
        for s in report.document.sections:
            if s.match != match:
                continue
            h = s.heading
            span = h.inner or h.span
            yield Hit(
                span,
                self.message(heading=h.text, official=s.expected_title, detail=f"标题“{h.text}”与官方格式不同，应为“{s.expected_title}”"),
                Fix(s.expected_title, span, certain),
            )

    def _levels(self, report: Report) -> Iterable[Hit]:
        sections = report.document.sections
        if len(sections) < 2:
            return
        styles = [(s.heading.style, s.heading.level) for s in sections]
        if len(set(styles)) <= 1:
            return
        common = Counter(styles).most_common(1)[0][0]
        first_odd = next(s for s, st in zip(sections, styles) if st != common)

        def show(st: tuple[str, int]) -> str:
            return "#" * st[1] if st[0] == "md" else {"bold": "加粗", "plain": "正文"}.get(st[0], st[0])

        detail = "、".join(f"{s.heading.numeral or s.number}（{show(st)}）" for s, st in zip(sections, styles))
        yield Hit(first_odd.heading.span, self.message(levels=detail, detail=f"六个部分的标题级别不一致：{detail}"))


KINDS = [Sections]
