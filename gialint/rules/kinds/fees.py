"""Kind ``fee-notices``: section 六 says no fee notice was sent, yet the
table counts requests abandoned after a fee notice (FORMAT.md §5 R10)."""

from __future__ import annotations

import re
from typing import Iterable

from gialint.model.findings import Hit
from gialint.model.report import Report
from gialint.rules.kinds.base import Kind, Option

NONE_SENT = r"(未|没有|无)(发出|出具|收取|产生)?[^，。；]{0,6}(收费通知|信息处理费)|(收费通知|信息处理费)[^，。；]{0,4}(为|共)?\s*(0|零|无)"


class FeeNotices(Kind):
    name = "fee-notices"
    description = "No fee notice according to section 六, yet a non-zero count of requests dropped for unpaid fees."
    options = {
        "says_none": Option(str, default=NONE_SENT),
        "row": Option(str, default="results.other.unpaid_fee"),
        "section": Option(int, default=6),
    }
    default_message = "第六部分称未发出收费通知或未收取信息处理费，但“{row}”不为 0（{columns}）"
    fields = {"row": "the row's official label", "columns": "the columns that are not 0, with their values", "detail": "the columns"}

    def setup(self) -> None:
        self.rx = re.compile(self.opts["says_none"])

    def check(self, report: Report) -> Iterable[Hit]:
        sec = report.document.section(self.opts["section"])
        table = report.tables.get("applications")
        if sec is None or table is None or not table.readable or table.template.row(self.opts["row"]) is None:
            return
        if not self.rx.search(sec.text):
            return
        keys = table.template.key_grid[self.opts["row"]]
        nonzero = [table.cells[k] for k in keys if table.cells[k].content == "number" and table.cells[k].value]
        if nonzero:
            label = nonzero[0].row_label
            cols = "、".join(f"{c.column_label} {c.value}" for c in nonzero)
            yield Hit(nonzero[0].span, self.message(row=label, columns=cols, detail=cols), cells=tuple(c.key for c in nonzero))


class EngineFindings(Kind):
    """Rules whose findings the engine itself produces (input, internal)."""

    name = "engine"
    description = "Findings produced by gialint itself (unreadable input, failing rules)."

    def check(self, report: Report) -> Iterable[Hit]:
        return ()


KINDS = [FeeNotices, EngineFindings]
