"""The five real seeds bind completely.

For seeds 000 (tab cells, mostly blank), 002 (tab-separated rows) and 004
(tab cells, 2021 format) every cell of the section 三 and 四 tables is
asserted with its value and line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gialint import read_report

from tests.helpers import seed_path

ROWS_2019 = [
    "new", "carried_over", "results.disclosed", "results.partial",
    "results.withheld.state_secret", "results.withheld.prohibited", "results.withheld.three_safeties",
    "results.withheld.third_party", "results.withheld.internal_affairs", "results.withheld.process_info",
    "results.withheld.enforcement_files", "results.withheld.inquiry",
    "results.unavailable.not_held", "results.unavailable.needs_creation", "results.unavailable.unclear",
    "results.not_processed.petition", "results.not_processed.repeated", "results.not_processed.publications",
    "results.not_processed.excessive", "results.not_processed.confirmation",
    "results.other", "results.total", "carried_forward",
]  # fmt: skip
ROWS_2021 = ROWS_2019[:20] + ["results.other.no_correction", "results.other.unpaid_fee", "results.other.other"] + ROWS_2019[21:]
COLUMNS = ["natural_person", "commercial", "research", "nonprofit", "legal_services", "other", "total"]
APPEAL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
APPEAL_COLS = ["upheld", "corrected", "other", "pending", "total"]

# Line of each row's label; in the tab-cell shape the 7 values follow on the next 7 lines.
LABEL_LINES_000 = [100, 109, 119, 129, 140, 151, 162, 173, 184, 195, 206, 217, 228, 239, 250, 261, 272, 283, 294, 305, 315, 325, 334]
LABEL_LINES_004 = [81, 90, 100, 110, 121, 132, 143, 154, 165, 176, 187, 198, 209, 220, 231, 242, 253, 264, 275, 286, 297, 308, 319, 329, 338]
ROW_LINES_002 = [54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77]


def test_seed_000_every_applications_and_appeals_cell() -> None:
    r = read_report(seed_path("000"))
    t = r.tables["applications"]
    assert len(t.cells) == 23 * 7
    for row, line in zip(ROWS_2019, LABEL_LINES_000):
        for i, col in enumerate(COLUMNS):
            c = t.cells[f"applications.{col}.{row}"]
            assert c.span is not None and c.span.line == line + 1 + i, (row, col)
            # Only 自然人 of rows 一, 二, （七）总计 and 四 hold 0; the rest were left blank.
            if i == 0 and row in ("new", "carried_over", "results.total", "carried_forward"):
                assert (c.content, c.value) == ("number", 0), (row, col)
            else:
                assert (c.content, c.value, c.raw) == ("blank", None, ""), (row, col)
    a = r.tables["appeals"]
    cells = [a.cells[f"appeals.{col}.{row}"] for row in APPEAL_ROWS for col in APPEAL_COLS]
    assert [(c.span.line, c.value) for c in cells] == [(372 + i, 0) for i in range(15)]


def test_seed_004_every_applications_and_appeals_cell() -> None:
    r = read_report(seed_path("004"))
    t = r.tables["applications"]
    assert len(t.cells) == 25 * 7
    for row, line in zip(ROWS_2021, LABEL_LINES_004):
        for i, col in enumerate(COLUMNS):
            c = t.cells[f"applications.{col}.{row}"]
            assert (c.content, c.value, c.span.line, c.span.column) == ("number", 0, line + 1 + i, 2), (row, col)
    a = r.tables["appeals"]
    cells = [a.cells[f"appeals.{col}.{row}"] for row in APPEAL_ROWS for col in APPEAL_COLS]
    assert [(c.span.line, c.value) for c in cells] == [(387 + i, 0) for i in range(15)]
    # " 0" and "0 " are the same value; the span covers only the digit.
    assert cells[0].raw == "0" and cells[0].span.column == 3


def test_seed_002_every_applications_and_appeals_cell() -> None:
    r = read_report(seed_path("002"))
    t = r.tables["applications"]
    for row, line in zip(ROWS_2019, ROW_LINES_002):
        cells = [t.cells[f"applications.{col}.{row}"] for col in COLUMNS]
        assert [(c.content, c.value, c.span.line) for c in cells] == [("number", 0, line)] * 7, row
        cols = [c.span.column for c in cells]
        assert cols == sorted(cols) and len(set(cols)) == 7, row
    # Row 一 starts with an empty merged cell after its label: values start at column 19.
    assert t.cells["applications.natural_person.new"].span.column == 19
    a = r.tables["appeals"]
    cells = [a.cells[f"appeals.{col}.{row}"] for row in APPEAL_ROWS for col in APPEAL_COLS]
    assert [(c.span.line, c.span.column, c.value) for c in cells] == [(84, 1 + 2 * i, 0) for i in range(15)]


def test_seed_002_misnamed_row_is_bound_by_position() -> None:
    r = read_report(seed_path("002"))
    m = r.tables["applications"].label("row", "results.withheld.process_info")
    assert m is not None
    assert (m.status, m.found, m.span.line) == ("fuzzy", "6. 属于四类内部事务信息", 63)
    col = r.tables["documents"].label("column", "new_made")
    assert (col.status, col.found, col.span.line) == ("fuzzy", "本年度制作数量", 30)


def test_seed_003_wrapped_labels_and_page_break() -> None:
    r = read_report(seed_path("003"))
    t = r.tables["applications"]
    new = t.label("row", "new")
    assert (new.status, new.found) == ("normalized", "一、本年新收政府信息公开申请数量")  # two cells: 一、 | 本年新收…
    group = t.label("group", "results")
    assert group.found is not None and group.found.replace(" ", "") == "三、本年度办理结果"  # 三、 本年度办 … 理结果
    assert t.cells["applications.natural_person.new"].value == 1
    assert t.cells["applications.total.results.total"].value == 1
    total = t.label("column", "total")  # 总计 ends the first header row, before 自然人
    assert (total.status, total.span.line, total.span.column) == ("exact", 64, 48)
    assert not [u for u in r.unmatched if u.reason in ("extra-label", "extra-value")]


def test_seed_001_cells_without_row_boundaries() -> None:
    r = read_report(seed_path("001"))
    d = r.tables["documents"]
    assert [d.cells[f"documents.{c}.normative"].value for c in ("new_made", "new_published", "total_published")] == [0, 1, 11]
    assert d.cells["documents.total_published.normative"].span.line == 41
    assert d.label("column", "new_made").found == "本年新制作数量"  # 本年新 / 制作数量
    withheld = r.tables["applications"].label("group", "results.withheld")
    assert withheld.found == "(三)不予公开" and withheld.span.line == 211 and withheld.span.end_line == 213


@pytest.mark.parametrize(
    "prefix, version, year, cells, numbers",
    [
        ("000", "v2019", 2019, 198, 41),
        ("001", "v2019", 2019, 198, 198),
        ("002", "v2019", 2019, 198, 198),
        ("003", "v2019", 2020, 198, 198),
        ("004", "v2021", 2023, 200, 200),
    ],
)
def test_every_seed_format_year_sections_and_cells(prefix: str, version: str, year: int, cells: int, numbers: int) -> None:
    r = read_report(seed_path(prefix))
    assert r.detection.version == version
    assert r.detection.year == year
    assert not r.detection.mixed
    assert [s.number for s in r.document.sections] == [1, 2, 3, 4, 5, 6]
    all_cells = r.cells
    assert len(all_cells) == cells
    assert sum(c.content == "number" for c in all_cells.values()) == numbers
    assert not any(c.content == "missing" for c in all_cells.values())
    assert not [u for u in r.unmatched if u.reason in ("extra-label", "extra-value")]


def test_money_and_units() -> None:
    from gialint import from_text

    text = (seed_path("004").parent.parent / "shapes" / "clean2020_tab.txt").read_text(encoding="utf-8")
    r = read_report(from_text(text))
    amount = r.cell("procurement.amount.central")
    assert amount is not None and (amount.value, amount.unit) == (Decimal("12.5"), "万元")
