"""Kind ``table-unreadable``: one finding per official table that was found
but whose values cannot be placed with certainty (text damaged by scraping,
PDF extraction or OCR; :mod:`gialint.bind.recover`), at the table's first
line, with the reason in words.  The other rules leave such a table alone
(:attr:`~gialint.model.report.BoundTable.readable`), so nothing is inferred
from values that were not read."""

from __future__ import annotations

from typing import Iterable

from gialint.model.findings import Hit
from gialint.model.report import Report
from gialint.model.span import Span
from gialint.rules.kinds.base import Kind, Option


class TableUnreadable(Kind):
    name = "table-unreadable"
    description = "A table whose values cannot be placed with certainty: one finding per table, at its first line, saying why."
    options = {"tables": Option(list, doc="limit to these tables")}
    default_message = "{reason}；该表的数值未作检查"
    fields = {
        "reason": "why the table cannot be read, naming the table", "table": "the table's key",
        "detail": "the whole message as gialint words it",
    }  # fmt: skip

    def check(self, report: Report) -> Iterable[Hit]:
        only = self.opts["tables"]
        source = report.document.source
        for key, table in report.tables.items():
            if not table.found or table.unreadable is None or table.span is None or (only is not None and key not in only):
                continue
            line = table.span.line
            start = table.span.column
            end = max(len(source.line_text(line)) + 1, start)
            detail = f"{table.unreadable}；该表的数值未作检查"
            yield Hit(Span(line, start, line, end), self.message(reason=table.unreadable, table=key, detail=detail))


KINDS = [TableUnreadable]
