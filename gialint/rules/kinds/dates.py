"""Kinds ``title`` and ``dates``: the title names the agency, the year and the
official wording; the years agree; the report is published by the statutory
deadline (条例 第四十九条, FORMAT.md §6)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from gialint.model.findings import Hit
from gialint.model.report import Report
from gialint.model.span import Span
from gialint.rules.kinds.base import Kind, Option
from gialint.util.normalize import norm, visible

OFFICIAL_TITLE = "政府信息公开工作年度报告"
# The year in Arabic or Chinese numerals (二〇二三年, with 〇, 零 or ○).
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2}|二\s*[〇零○Ｏ]\s*[〇零○Ｏ一二三四五六七八九]\s*[〇零○Ｏ一二三四五六七八九])\s*年度?")
_DATE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:至|到|—|-|－|~)\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日")


def title_agency(text: str) -> str:
    """The agency a title names: the text before its year (or before
    政府信息公开), without leading Markdown markup; ``""`` when there is none."""
    year = _TITLE_YEAR.search(text)
    before = text[: year.start()] if year else text.split("政府信息公开")[0]
    return re.sub(r"^[#*\s]+", "", before)


def publication_date(report: Report) -> tuple[dt.date, Span] | None:
    """The date line of the signature (``2020年1月14日``)."""
    for p in reversed(report.document.signature):
        m = _DATE.match(p.text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), p.span
            except ValueError:
                return None
    return None


class Title(Kind):
    name = "title"
    description = "The title: present, naming the agency and the year, with the official wording."
    options = {"check": Option(str, required=True, choices=("missing", "agency", "year", "wording"))}
    fields = {"title": "the title as written", "official": "the official wording", "detail": "the whole message as gialint words it"}

    def check(self, report: Report) -> Iterable[Hit]:
        doc = report.document
        check = self.opts["check"]
        title = doc.title
        if title is None:
            if check == "missing" and doc.sections:
                yield Hit(_first_line(report), self.message(detail="没有找到报告标题：报告开头应为标题，如“××××（机关名称）××××年政府信息公开工作年度报告”"))
            return
        text = title.text
        year = _TITLE_YEAR.search(text)
        if check == "year" and year is None:
            yield Hit(title.span, self.message(title=text, detail=f"标题“{visible(text)}”没有写明年度（××××年）"))
        elif check == "agency":
            if len(norm(title_agency(text))) < 2:
                yield Hit(title.span, self.message(title=text, detail=f"标题“{visible(text)}”没有写明发布报告的机关"))
        elif check == "wording" and OFFICIAL_TITLE not in norm(text):
            yield Hit(title.span, self.message(title=text, official=OFFICIAL_TITLE, detail=f"标题“{visible(text)}”未使用官方名称“{OFFICIAL_TITLE}”"))


def _first_line(report: Report) -> Span:
    """The first character of the first line with text: a missing title
    belongs before it."""
    src = report.document.source
    for n in range(1, src.line_count + 1):
        text = src.line_text(n)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            return Span(n, lead + 1, n, lead + 2)
    return Span(1, 1, 1, 1)


class Dates(Kind):
    name = "dates"
    description = "Years that disagree, and publication after the statutory deadline."
    options = {"check": Option(str, required=True, choices=("years", "deadline"))}
    fields = {
        "year": "the report's year", "date": "the publication date (YYYY-MM-DD)", "deadline": "the statutory deadline (YYYY-MM-DD)",
        "detail": "the whole message as gialint words it",
    }  # fmt: skip

    def check(self, report: Report) -> Iterable[Hit]:
        year = report.detection.year
        if year is None:
            return
        pub = publication_date(report)
        if self.opts["check"] == "years":
            if pub and pub[0].year != year + 1:
                yield Hit(pub[1], self.message(year=year, date=pub[0].isoformat(), detail=f"{year}年度报告的发布日期应在{year + 1}年，落款为{pub[0].year}年{pub[0].month}月{pub[0].day}日"))
            src = report.document.source
            for m in _PERIOD.finditer(src.text):
                a, b = int(m.group(1)), int(m.group(2))
                if a != year or b != year:
                    line, col = src.position(m.start())
                    end_line, end_col = src.position(m.end())
                    yield Hit(Span(line, col, end_line, end_col), self.message(year=year, detail=f"统计期限“{visible(m.group(0))}”与报告年度{year}年不一致"))
            return
        if pub is None:
            return
        title = report.document.title.text if report.document.title else ""
        government = "人民政府" in title or bool(re.search(r"(乡|镇|街道)(人民政府|办事处)?", title))
        month, who = (3, "县级以上人民政府（及乡镇、街道）") if government else (1, "政府部门")
        deadline = dt.date(year + 1, month, 31)
        if pub[0] > deadline:
            yield Hit(
                pub[1],
                self.message(date=pub[0].isoformat(), deadline=deadline.isoformat(),
                             detail=f"发布日期{pub[0].year}年{pub[0].month}月{pub[0].day}日晚于{who}的法定期限{deadline.year}年{month}月31日（《政府信息公开条例》第四十九条）"),
            )


KINDS = [Title, Dates]
