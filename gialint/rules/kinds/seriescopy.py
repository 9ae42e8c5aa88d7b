"""Series kinds that look for copying and for breaks with an agency's own
history: ``series-table-copy`` (a table identical to last year's while the
year changed), ``series-prose-copy`` (a section's text copied from last year
with only the years changed; the similarity is rapidfuzz's Indel ratio) and
``series-outlier`` (a year-on-year change far outside the agency's earlier
changes).  The 2021 notice (国办公开办函〔2021〕30号) names copied content,
内容雷同, among the failures to fix."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from gialint.model.findings import Hit
from gialint.model.series import Entry, History
from gialint.rules.kinds.base import Option
from gialint.rules.kinds.series import SeriesKind, fmt
from gialint.util.normalize import _QUOTES, _SPACE

_YEARS = re.compile(r"(?:19|20)\d{2}|[二〇零○一三四五六七八九]{4}(?=年)")


def masked(text: str) -> str:
    """A section's text for comparison: normalised as labels are (NFKC, no
    white space or quotes; not through ``norm``'s cache, which is for short
    labels), every year written ``Y``."""
    s = unicodedata.normalize("NFKC", text)
    s = _SPACE.sub("", s).translate(_QUOTES)
    return _YEARS.sub("Y", s)


class TableCopy(SeriesKind):
    name = "series-table-copy"
    description = "A table whose every value is the same as in last year's report."
    options = {
        "tables": Option(list, doc="table keys (default: every table)"),
        "min_nonzero": Option(int, default=4, doc="only tables with at least this many non-zero values (an all-zero table may well repeat)"),
        "formats": Option(list, doc="only for reports of these template ids"),
    }
    default_message = "表格“{table}”的全部 {count} 个数值与{prev_year}年报告（“{prev_file}”第 {prev_line} 行）完全相同"
    fields = {
        "table": "the table's caption or section", "count": "how many values it has",
        "prev_year": "last year's report's year", "prev_file": "last year's report's file", "prev_line": "the line in it",
        "detail": "the whole message as gialint words it",
    }

    def check_series(self, entry: Entry, history: History) -> Iterable[Hit]:
        prev = history.previous(entry.year)
        if prev is None or not self.admits(entry):
            return
        wanted = self.opts["tables"]
        for key, table in entry.tables.items():
            old = prev.tables.get(key)
            if (wanted is not None and key not in wanted) or old is None or not (table.found and old.found):
                continue
            mine = {c.key: c.value for c in entry.table_cells(key) if c.content == "number"}
            theirs = {c.key: c.value for c in prev.table_cells(key) if c.content == "number"}
            if not mine or mine != theirs or sum(1 for v in mine.values() if v != 0) < self.opts["min_nonzero"]:
                continue
            line = old.span.line if old.span else 1
            yield Hit(
                table.span,
                self.message(table=table.title, count=len(mine), **self.prev_fields(prev, line),
                             detail=f"表格“{table.title}”的全部 {len(mine)} 个数值与{prev.year}年报告（{prev.path}:{line}）完全相同"),
            )


class ProseCopy(SeriesKind):
    name = "series-prose-copy"
    description = "A section whose text is (nearly) last year's with the years changed."
    options = {
        "sections": Option(list, default=[1, 5], doc="section numbers compared"),
        "threshold": Option((int, float), default=0.9, doc="similarity (0–1) from which the text counts as copied"),
        "min_chars": Option(int, default=100, doc="shorter sections are not compared (a one-line 六 may well repeat)"),
    }
    default_message = "{section}与{prev_year}年报告（“{prev_file}”第 {prev_line} 行）的文字有 {percent}% 相同（年份除外）"
    fields = {
        "section": "the section (第一部分 …)", "percent": "the similarity, in whole percent (floored)",
        "prev_year": "last year's report's year", "prev_file": "last year's report's file", "prev_line": "the line in it",
        "detail": "the whole message as gialint words it",
    }

    def setup(self) -> None:
        t = self.opts["threshold"]
        if not 0 < t <= 1:
            raise ValueError(f"threshold 应在 0 与 1 之间，而不是 {t!r}")

    def check_series(self, entry: Entry, history: History) -> Iterable[Hit]:
        prev = history.previous(entry.year)
        if prev is None:
            return
        from rapidfuzz.fuzz import ratio

        for number in self.opts["sections"]:
            mine, theirs = entry.sections.get(number), prev.sections.get(number)
            if mine is None or theirs is None:
                continue
            a, b = masked(mine.text), masked(theirs.text)
            if min(len(a), len(b)) < self.opts["min_chars"]:
                continue
            score = ratio(a, b) / 100.0
            if score < self.opts["threshold"]:
                continue
            percent = int(score * 100)  # floored: never claims more than was measured
            line = theirs.span.line
            yield Hit(
                mine.span,
                self.message(section=mine.name, percent=percent, **self.prev_fields(prev, line),
                             detail=f"{mine.name}与{prev.year}年报告（{prev.path}:{line}）的文字有 {percent}% 相同（年份除外）"),
            )


class Outlier(SeriesKind):
    name = "series-outlier"
    description = "A year-on-year change far larger than any of the agency's earlier changes."
    options = {
        "cells": Option(list, required=True, doc="cell keys, e.g. applications.total.new"),
        "factor": Option((int, float), default=5, doc="how many times the largest earlier change"),
        "min_change": Option(int, default=20, doc="smaller changes are never reported"),
        "min_years": Option(int, default=3, doc="earlier years needed (the previous one included)"),
    }
    default_message = "{label}为 {value}，比{prev_year}年报告（“{prev_file}”第 {prev_line} 行）的 {prev_value} {direction} {change}，而该机关{first_year}—{prev_year}年间每年的变化最大为 {spread}"
    fields = {
        "label": "the cell's row and column labels", "value": "this year's value", "prev_value": "last year's value",
        "direction": "增加 or 减少", "change": "the change, without sign", "spread": "the largest earlier change",
        "first_year": "the first year of the agency's history",
        "prev_year": "last year's report's year", "prev_file": "last year's report's file", "prev_line": "the line in it",
        "detail": "the whole message as gialint words it",
    }

    def setup(self) -> None:
        known = {k for tpl in self.ctx.templates.values() for k in tpl.cell_keys()}
        for key in self.opts["cells"]:
            if key not in known:
                raise ValueError(f"cells 中的 {key!r} 不是单元格{_suggest(str(key), known)}")

    def history_keys(self) -> set[str]:
        return set(self.opts["cells"])

    def check_series(self, entry: Entry, history: History) -> Iterable[Hit]:
        prev = history.previous(entry.year)
        if prev is None:
            return
        for key in self.opts["cells"]:
            cell, value, before = entry.cell(key), entry.value(key), prev.value(key)
            if cell is None or value is None or before is None:
                continue
            series = [(e.year, v) for e in history.before(entry.year) if (v := e.value(key)) is not None]
            if len(series) < self.opts["min_years"]:
                continue
            spread = max((abs(b[1] - a[1]) for a, b in zip(series, series[1:])), default=0)
            change = value - before
            if abs(change) < self.opts["min_change"] or abs(change) <= self.opts["factor"] * spread:
                continue
            label = f"{cell.row_label}（{cell.column_label}）"
            line = prev.line_of(key)
            fields = dict(
                label=label, value=fmt(value), prev_value=fmt(before), direction="增加" if change > 0 else "减少",
                change=fmt(abs(change)), spread=fmt(spread),
                first_year=series[0][0], **self.prev_fields(prev, line),
            )
            yield Hit(cell.span, self.message(detail=f"{label}比上年变化 {fmt(change)}，远超该机关此前的年度变化（最大 {fmt(spread)}）", **fields))


def _suggest(word: str, known: set[str]) -> str:
    from gialint.util.suggest import did_you_mean

    return did_you_mean(word, known)


KINDS = [TableCopy, ProseCopy, Outlier]
