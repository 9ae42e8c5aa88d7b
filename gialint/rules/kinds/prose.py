"""Kinds ``pattern`` and ``requires``: wording in the text.

``pattern`` finds forbidden or replaced wording (like Vale's existence and
substitution checks), with the replacement as a fix; ``requires`` asks that a
section mention something (the 2021 format's soft requirements)."""

from __future__ import annotations

import re
from typing import Iterable

from gialint.model.findings import Fix, Hit
from gialint.model.report import Report
from gialint.model.span import Span
from gialint.rules.kinds.base import Kind, Option


class Pattern(Kind):
    name = "pattern"
    description = "Forbidden or replaced wording anywhere in the file; the replacement is the fix."
    options = {
        "patterns": Option(dict, required=True, doc="regular expression → replacement (null: just report)"),
        "fix": Option(str, default="certain", choices=("certain", "suggest", "none")),
        "formats": Option(list, doc="only for these template ids (and the local variants that extend them)"),
    }
    default_message = "“{found}”应为“{replacement}”"
    fields = {"found": "the text that matched", "replacement": "its replacement (empty for a deletion)", "detail": "the text that matched, quoted"}

    def setup(self) -> None:
        self.compiled: list[tuple[re.Pattern[str], str | None]] = []
        for pat, repl in self.opts["patterns"].items():
            try:
                self.compiled.append((re.compile(str(pat)), None if repl is None else str(repl)))
            except re.error as exc:
                raise ValueError(f"正则表达式 {pat!r} 有误：{exc}") from None

    def check(self, report: Report) -> Iterable[Hit]:
        if not self.applies_to_format(report):
            return
        text = report.document.source.text
        src = report.document.source
        for rx, repl in self.compiled:
            for m in rx.finditer(text):
                if not m.group(0):
                    continue
                line, col = src.position(m.start())
                end_line, end_col = src.position(m.end())
                span = Span(line, col, end_line, end_col)
                fix = None
                if repl is not None and self.opts["fix"] != "none":
                    fix = Fix(m.expand(repl), span, self.opts["fix"] == "certain")
                shown = "（删除）" if repl == "" else (m.expand(repl) if repl is not None else "")
                yield Hit(span, self.message(found=m.group(0), replacement=shown, detail=f"“{m.group(0)}”"), fix)


class Requires(Kind):
    name = "requires"
    description = "A section must mention something (any of the given patterns)."
    options = {
        "section": Option(int, required=True, doc="the section's number, 1 to 6 (an integer: 6, not 六)"),
        "any": Option(list, required=True, doc="regular expressions; one must match the section's text"),
        "formats": Option(list, doc="only for these template ids (and the local variants that extend them)"),
        "min_year": Option(int),
        "each": Option(bool, default=False, doc="every pattern must match (one finding per absent one)"),
        "governments_only": Option(bool, default=False),
    }
    default_message = "第{numeral}部分没有提及“{what}”"
    fields = {"numeral": "the section's numeral (一 … 六)", "what": "what is missing (the first of any:, or each with each: true)", "detail": "what is missing"}

    def setup(self) -> None:
        try:
            self.compiled = [re.compile(str(p)) for p in self.opts["any"]]
        except re.error as exc:
            raise ValueError(f"正则表达式有误：{exc}") from None

    def check(self, report: Report) -> Iterable[Hit]:
        min_year = self.opts["min_year"]
        if not self.applies_to_format(report):
            return
        year = report.detection.year
        if min_year is not None and (year is None or year < min_year):
            return
        if self.opts["governments_only"]:
            title = report.document.title.text if report.document.title else ""
            if "人民政府" not in title:
                return
        sec = report.document.section(self.opts["section"])
        if sec is None:
            return
        text = sec.text
        numeral = sec.heading.numeral or str(sec.number)
        absent = [rx for rx in self.compiled if not rx.search(text)]
        if self.opts["each"]:
            for rx in absent:
                yield Hit(sec.heading.span, self.message(numeral=numeral, what=rx.pattern, detail=rx.pattern))
        elif len(absent) == len(self.compiled):
            what = "”或“".join(rx.pattern for rx in self.compiled)
            yield Hit(sec.heading.span, self.message(numeral=numeral, what=what, detail=what))


KINDS = [Pattern, Requires]
