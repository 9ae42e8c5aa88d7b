"""Text extracted from a PDF (issue 13, shape 4): numbers drawn above their
labels (gialint/bind/shift.py), labels cut over lines (gialint/bind/wrapped.py),
page numbers and running headers between the rows (gialint/bind/stream.py)."""

from __future__ import annotations

from gialint import from_text, read_report
from gialint.bind import shift, wrapped
from gialint.bind.pages import PageMarks
from gialint.model.document import Cell
from gialint.model.span import Span
from gialint.testing import base_text


def value(text: str, line: int, col: int = 40) -> Cell:
    return Cell(text, Span(line, col, line, col + len(text)), None, "value")


def row(key: str, label_lines: set[int], *values: tuple[str, int]) -> shift.LineRow:
    return shift.LineRow(key, frozenset(label_lines), [value(t, ln, 40 + 5 * k) for k, (t, ln) in enumerate(values)])


def test_numbers_above_their_label_go_to_it() -> None:
    # a  1 2   (on a's line)      b's numbers are above b's label:
    #    3 4                       a takes "1 2", b takes "3 4", c "5 6".
    # b
    # c  5 6
    a = row("a", {1}, ("1", 1), ("2", 1), ("3", 2), ("4", 2))
    b = row("b", {3})
    c = row("c", {4}, ("5", 4), ("6", 4))
    options = shift.placements([a, b, c], [], 2)
    assert [{k: [x.text for x in v] for k, v in o.items()} for o in options] == [{"a": ["1", "2"], "b": ["3", "4"], "c": ["5", "6"]}]
    assert shift.applicable([a, b, c], [], 2)


def test_lines_that_could_go_either_way_are_chosen_by_the_relations() -> None:
    a = row("a", {1})
    b = row("b", {3})
    orphans = [value("1", 0), value("1", 0, 45)]
    a.cells = [value("2", 2), value("2", 2, 45)]
    options = shift.placements([a, b], orphans, 2)
    assert len(options) == 1  # the first line can only be a's, the second only b's


def test_labels_cut_over_lines_are_joined_against_the_template() -> None:
    labels = frozenset({"商业企业", "科研机构", "2.其他法律行政法规禁止公开"})
    cells = [
        Cell("商业企 科研机", Span(1, 1, 1, 8), None, "label"),
        Cell("业 构", Span(2, 1, 2, 4), None, "label"),
        Cell("2. 其他法律行政 0 0 0", Span(3, 1, 3, 16), None, "label"),
        Cell("法规禁止公开", Span(4, 1, 4, 7), None, "label"),
    ]
    got = wrapped.rejoin(cells, labels, None, lambda text: False)
    assert [(c.text, c.role, c.span.line, c.span.end_line) for c in got] == [
        ("商业企业", "label", 1, 2),
        ("科研机构", "label", 1, 2),
        ("2.其他法律行政法规禁止公开", "label", 3, 4),
        ("0", "value", 3, 3),
        ("0", "value", 3, 3),
        ("0", "value", 3, 3),
    ]


def test_nothing_is_joined_into_what_the_template_does_not_have() -> None:
    cells = [Cell("规章", Span(1, 1, 1, 3), None, "label"), Cell("行政规范性文件", Span(2, 1, 2, 8), None, "label")]
    got = wrapped.rejoin(cells, frozenset({"规章", "行政规范性文件"}), None, lambda text: False)
    assert [c.text for c in got] == ["规章", "行政规范性文件"]


def test_page_numbers_in_order_and_running_headers_are_marks() -> None:
    rows = "行\n" * 6  # blank lines are rare in PDF text, except before a footer
    text = f"某某局2023年政府信息公开工作年度报告\n{rows}\n1\n某某局2023年政府信息公开\n{rows}\n2\n{rows}\n7\n"
    marks = PageMarks(from_text(text, "x.txt"), "某某局2023年政府信息公开工作年度报告", 1)
    assert marks.numbers == frozenset({9, 18})  # 1 and 2 follow each other; 7 does not
    # With a blank line between all cells (one cell per line), a bare number is a cell.
    cells = PageMarks(from_text("表格\n\n1\n\n2\n\n3\n", "x.txt"), "", 0)
    assert cells.numbers == frozenset()
    assert marks.is_mark("某某局2023年政府信息公开", 10)
    assert not marks.is_mark("某某局", 10)  # too short to tell


def test_a_table_drawn_by_a_pdf_extractor_is_read() -> None:
    base = base_text("clean2023")
    old = "\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n"
    assert base.count(old) == 1
    # The label wrapped around its numbers, as pdftotext -layout draws a row.
    new = "                     2.其他法律行政法规\n                                          0      0      0      0      0      0      0\n                     禁止公开\n"
    report = read_report(from_text(base.replace(old, new), "x.txt"))
    table = report.tables["applications"]
    assert table.label("row", "results.withheld.prohibited").found == "2.其他法律行政法规禁止公开"
    assert [table.cells[k].value for k in table.template.key_grid["results.withheld.prohibited"]] == [0] * 7
    assert not table.unreadable
