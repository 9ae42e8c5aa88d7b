"""``--format html``: one self-contained review page (:mod:`gialint.output.html`).

The page opens with the overview of the whole batch, which is known only at
the end; the reports stream past before that.  So each report's section is
written, as its result arrives, to a temporary file (deleted when closed),
and only small per-file figures stay in memory (:class:`~gialint.output.html.overview.Stats`);
at the end the head, the overview, the spooled reports (copied in chunks) and
the script are written out.  Memory stays flat however many reports there
are; the page grows linearly with them."""

from __future__ import annotations

import tempfile
from typing import TYPE_CHECKING, Any, Iterator

from gialint.output.formatters.base import Formatter, Summary

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.output.view import ReportView

CHUNK = 1 << 18  # characters copied from the spool at a time (a few hundred KB)


class HtmlFormatter(Formatter):
    name = "html"
    description = "A self-contained review page: overview with charts, and each report with its findings marked (write it with -o FILE.html)."
    wants_view = True

    def start(self) -> str:
        from gialint.output.html.overview import Stats

        self._spool: Any = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._stats = Stats()
        self._n = 0
        self._summaries = {m.code: m.summary for m in self.ruleset.metas} if self.ruleset is not None else {}
        return ""

    def file(self, path: str, findings: list[Finding], view: ReportView | None = None) -> str:  # type: ignore[override]
        from gialint.output.html.report import report_html

        if view is None and not findings:
            self._stats.skipped += 1  # found in a folder and not a report (README…): nothing to show
            return ""
        self._n += 1
        try:
            section = report_html(self._n, path, view, findings, self._summaries)
        except Exception:  # noqa: BLE001 - a view that cannot be drawn: the findings are still listed
            section = report_html(self._n, path, None, findings, self._summaries)
            view = None
        self._spool.write(section)
        self._stats.add(self._n, path, view, findings)
        return ""

    def end(self, summary: Summary) -> Iterator[str]:  # type: ignore[override]
        from gialint.output.html.overview import filters_html, overview_html
        from gialint.output.html.page import head, tail

        spool = self._spool
        try:
            yield head(self._n, self._n, filters_html(self._stats))
            yield overview_html(self._stats, summary, self._summaries)
            spool.seek(0)
            while True:
                chunk = spool.read(CHUNK)
                if not chunk:
                    break
                yield chunk
            yield tail()
        finally:
            spool.close()
