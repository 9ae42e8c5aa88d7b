"""Kind ``sections``: the six sections — present, in order, once each, with
the official titles, and headings of one consistent style."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from gialint.model.findings import Fix, Hit
from gialint.model.report import Report
from gialint.model.span import Span
from gialint.rules.kinds.base import Kind, Option
from gialint.util.normalize import visible


class Sections(Kind):
    name = "sections"
    description = "The six sections: presence, order, duplicates, official titles, heading style."
    options = {
        "check": Option(str, required=True, choices=("missing", "order", "duplicate", "title", "variant", "levels")),
    }
    default_message = "{detail}"
    fields = {
        "numeral": "the section's numeral (一 … 六)", "official": "the official heading", "heading": "the heading as written",
        "levels": "the heading levels found", "where": "where a missing section belongs, in words: （应在“…”之前）",
        "detail": "the whole message as gialint words it",
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
            where = ""
            if later:
                at = later[0].heading.span
                where = f"（应在“{visible(later[0].heading.text)}”之前）"
            elif doc.sections:
                last = doc.sections[-1]
                end = last.span
                at = Span(end.end_line, 1, end.end_line, 1)
                where = f"（应在第{last.heading.numeral or last.number}部分之后）"
            else:
                at = doc.title.span if doc.title else Span(1, 1, 1, 1)
            yield Hit(at, self.message(numeral=tpl.numeral, official=tpl.official, where=where, detail=f"缺少第{tpl.numeral}部分“{tpl.official}”{where}"))

    def _order(self, report: Report) -> Iterable[Hit]:
        highest = None
        for s in report.document.sections:
            if highest is not None and s.number < highest.number:
                detail = f"“{visible(s.heading.text)}”出现在“{visible(highest.heading.text)}”之后，六个部分应按一至六的顺序排列"
                yield Hit(s.heading.span, self.message(heading=s.heading.text, official=s.expected_title, detail=detail))
            if highest is None or s.number > highest.number:
                highest = s

    def _duplicate(self, report: Report) -> Iterable[Hit]:
        seen: set[int] = set()
        for s in report.document.sections:
            if s.number in seen:
                yield Hit(s.heading.span, self.message(heading=s.heading.text, official=s.expected_title, detail=f"第{s.heading.numeral or s.number}部分重复出现：“{visible(s.heading.text)}”"))
            seen.add(s.number)

    def _title(self, report: Report) -> Iterable[Hit]:
        yield from self._titles(report, "fuzzy", certain=True, say="与官方格式不同，应为")

    def _variant(self, report: Report) -> Iterable[Hit]:
        yield from self._titles(report, "variant", certain=False, say="是正式报告中可以见到的变体写法，建议使用官方格式的标题")

    def _titles(self, report: Report, match: str, certain: bool, say: str) -> Iterable[Hit]:
        for s in report.document.sections:
            if s.match != match:
                continue
            h = s.heading
            span = h.inner or h.span
            yield Hit(
                span,
                self.message(heading=h.text, official=s.expected_title, detail=f"标题“{visible(h.text)}”{say}“{s.expected_title}”"),
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
        odd = [(sec, st) for sec, st in zip(sections, styles) if st != common]
        first_odd = odd[0][0]

        def show(st: tuple[str, int]) -> str:
            return f"“{'#' * st[1]}”标题" if st[0] == "md" else {"bold": "加粗段落", "plain": "正文段落"}.get(st[0], st[0])

        levels = "、".join(f"{sec.heading.numeral or sec.number}（{show(st)}）" for sec, st in zip(sections, styles))
        which = "，".join(f"“{visible(sec.heading.text)}”为{show(st)}" for sec, st in odd)
        detail = f"{which}，其余部分的标题为{show(common)}；六个部分的标题应为同一级别、同一样式"
        yield Hit(first_odd.heading.span, self.message(levels=levels, detail=detail))


KINDS = [Sections]
