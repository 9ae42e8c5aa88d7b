"""``gialint extract``'s outputs: every bound cell as a row, and a summary row
per report (agency, year, headline figures, findings by severity), written
as CSV, JSON Lines or Excel (.xlsx) one row at a time.

Excel through XlsxWriter in ``constant_memory`` mode: it writes each row to
the sheet's temporary file as it comes and keeps one row in memory, so a
province's reports (over a million cells) are written in flat memory; it is
a writer only, which is all this needs (openpyxl's write-only mode streams
too, but is slower: bench/RESULTS.md).  A sheet holds at most 1,048,576
rows; the cells continue on ``单元格 2``, ``单元格 3``…  CSV is written with a
byte-order mark, which Excel needs to read UTF-8 Chinese."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from decimal import Decimal
from typing import IO, Any

# (key, header in the workbook)
CELL_COLUMNS = (
    ("agency", "机关"), ("agency_key", "机关（归并）"), ("year", "年度"), ("format", "格式"), ("table", "表格"),
    ("row", "行"), ("column", "列"), ("key", "单元格键"), ("value", "数值"), ("content", "内容"), ("raw", "原文"),
    ("unit", "单位"), ("file", "文件"), ("line", "行号"),
)  # fmt: skip
# The workbook's cells sheet leaves out what the summary sheet or the key
# already says (the grouped agency, the format, the content kind, the unit):
# writing a cell is most of an extract's time (bench/RESULTS.md).
XLSX_CELL_COLUMNS = tuple(c for c in CELL_COLUMNS if c[0] not in ("agency_key", "format", "content", "unit"))
SUMMARY_COLUMNS = (
    ("agency", "机关"), ("agency_key", "机关（归并）"), ("year", "年度"), ("format", "格式"), ("file", "文件"),
    ("new", "新收"), ("closed", "办结"), ("carried_forward", "结转"), ("review", "复议"), ("litigation", "诉讼"),
    ("fees", "收费（万元）"), ("errors", "错误"), ("warnings", "警告"), ("infos", "提示"),
)  # fmt: skip
FORMATS = ("csv", "jsonl", "xlsx")
EXCEL_ROWS = 1_048_576


def format_of(path: str | None, given: str | None) -> str | None:
    """The output format: ``given``, else from the file's suffix."""
    if given:
        return given
    if path:
        ext = os.path.splitext(path)[1].lower().lstrip(".")
        return {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl", "xlsx": "xlsx"}.get(ext)
    return None


def summary_path(path: str, fmt: str) -> str:
    """``cells.csv`` → ``cells.summary.csv``"""
    stem, _ = os.path.splitext(path)
    return f"{stem}.summary.{fmt}"


class _Atomic:
    """A file written under a temporary name in its folder and renamed into
    place when complete; removed on failure (never a half-written output).
    A link is followed (the file it names is replaced, the link stays); a
    path that is not a regular file (``/dev/stdout``, a pipe) is written
    directly, never replaced."""

    def __init__(self, path: str) -> None:
        real = os.path.realpath(path)
        self.direct = os.path.exists(real) and not os.path.isfile(real)
        self.path = real
        if self.direct:
            self.tmp = real
            return
        fd, self.tmp = tempfile.mkstemp(dir=os.path.dirname(real), prefix=f".{os.path.basename(real)}.", suffix=".gialint-tmp")
        os.close(fd)

    def commit(self) -> None:
        if not self.direct:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(self.tmp, 0o666 & ~mask)  # as any new file (mkstemp's is private)
            os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self.direct:
            return
        try:
            os.unlink(self.tmp)  # our own temporary file
        except OSError:
            pass


def _plain(v: Any) -> Any:
    return float(v) if isinstance(v, Decimal) else v


class Writer:
    """Rows of cells and of the summary, in one of :data:`FORMATS`;
    ``cells_to`` ``None`` writes the cells to ``stream`` (CSV, JSON Lines)."""

    def __init__(self, fmt: str, cells_to: str | None, summary_to: str | None, stream: IO[str] | None = None) -> None:
        self.fmt = fmt
        self.files: list[_Atomic] = []
        self.handles: list[IO[str]] = []
        self.cells = 0
        self.summaries = 0
        if fmt == "xlsx":
            import xlsxwriter

            assert cells_to is not None
            target = self._atomic(cells_to)
            self.book = xlsxwriter.Workbook(target.tmp, {"constant_memory": True, "strings_to_numbers": False,
                                                         "strings_to_formulas": False, "strings_to_urls": False})
            self.bold = self.book.add_format({"bold": True})
            self.summary_sheet = self._sheet("汇总", SUMMARY_COLUMNS)
            self.cell_sheet = self._sheet("单元格", XLSX_CELL_COLUMNS)
            self.sheets = 1
            self.cell_row = self.summary_row = 1
            return
        self.out = self._open(cells_to) if cells_to else stream
        self.summary_out = self._open(summary_to) if summary_to else None
        if fmt == "csv":
            self.cell_csv = csv.writer(self.out) if self.out is not None else None
            if self.cell_csv is not None:
                self.cell_csv.writerow([k for k, _ in CELL_COLUMNS])
            self.summary_csv = csv.writer(self.summary_out) if self.summary_out is not None else None
            if self.summary_csv is not None:
                self.summary_csv.writerow([k for k, _ in SUMMARY_COLUMNS])

    def _open(self, path: str) -> IO[str]:
        fh = open(self._atomic(path).tmp, "w", encoding="utf-8-sig" if self.fmt == "csv" else "utf-8", newline="")
        self.handles.append(fh)
        return fh

    def _atomic(self, path: str) -> _Atomic:
        a = _Atomic(path)
        self.files.append(a)
        return a

    def _sheet(self, name: str, columns: tuple[tuple[str, str], ...]) -> Any:
        sheet = self.book.add_worksheet(name)
        for i, (key, header) in enumerate(columns):
            sheet.set_column(i, i, 28 if key in ("agency", "agency_key", "table", "row", "file") else 12)
            sheet.write_string(0, i, header, self.bold)
        sheet.freeze_panes(1, 0)
        return sheet

    def cell(self, row: dict[str, Any]) -> None:
        self.cells += 1
        if self.fmt == "xlsx":
            if self.cell_row >= EXCEL_ROWS:
                self.sheets += 1
                self.cell_sheet = self._sheet(f"单元格 {self.sheets}", XLSX_CELL_COLUMNS)
                self.cell_row = 1
            _xlsx_row(self.cell_sheet, self.cell_row, [row.get(k) for k, _ in XLSX_CELL_COLUMNS])
            self.cell_row += 1
        elif self.fmt == "csv":
            if self.cell_csv is not None:
                self.cell_csv.writerow(["" if row.get(k) is None else row.get(k) for k, _ in CELL_COLUMNS])
        elif self.out is not None:
            self.out.write(json.dumps({k: _plain(row.get(k)) for k, _ in CELL_COLUMNS}, ensure_ascii=False) + "\n")

    def summary(self, row: dict[str, Any]) -> None:
        self.summaries += 1
        if self.fmt == "xlsx":
            _xlsx_row(self.summary_sheet, self.summary_row, [row.get(k) for k, _ in SUMMARY_COLUMNS])
            self.summary_row += 1
        elif self.fmt == "csv":
            if self.summary_csv is not None:
                self.summary_csv.writerow(["" if row.get(k) is None else row.get(k) for k, _ in SUMMARY_COLUMNS])
        elif self.summary_out is not None:
            self.summary_out.write(json.dumps({k: _plain(row.get(k)) for k, _ in SUMMARY_COLUMNS}, ensure_ascii=False) + "\n")

    def close(self, ok: bool = True) -> None:
        """Finish the files and put them in place (``ok``), or remove them."""
        try:
            if self.fmt == "xlsx":
                self.book.close()
            else:
                for fh in self.handles:
                    fh.close()
        finally:
            for a in self.files:
                a.commit() if ok else a.abort()


def _xlsx_row(sheet: Any, r: int, values: list[Any]) -> None:
    for c, v in enumerate(values):
        if v is None or v == "":
            continue
        if isinstance(v, bool):
            sheet.write_string(r, c, str(v))
        elif isinstance(v, (int, float, Decimal)):
            sheet.write_number(r, c, float(v))
        else:
            sheet.write_string(r, c, str(v))
