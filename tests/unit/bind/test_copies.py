"""A table pasted twice (issue 14): the second copy is reported once
(GIA116), its sums are checked, and none of its rows or values is an extra."""

from __future__ import annotations

from collections import Counter

from gialint.bind.read import read_report
from gialint.model.source import Source
from gialint.output.dump import to_json
from tests.helpers import ROOT, default_linter

ROW4 = "\t\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1"


def _twice(second_edit: tuple[str, str] | None = None) -> str:
    lines = (ROOT / "rules/examples/clean2023.txt").read_text(encoding="utf-8").split("\n")
    table = "\n".join(lines[47:75])  # the note row to 四、结转下年度继续办理
    if second_edit:
        table = table.replace(*second_edit)
    return "\n".join(lines[:75] + ["", table] + lines[75:])


def test_an_identical_copy_is_one_duplicate_finding() -> None:
    findings = default_linter().lint_source(Source("x.txt", _twice()))
    assert [(f.rule, f.line) for f in findings] == [("GIA116", 77)]
    assert "第一份在第 48 行" in findings[0].message


def test_the_copys_sums_are_checked_at_its_own_cells() -> None:
    findings = default_linter().lint_source(Source("x.txt", _twice((ROW4, ROW4.replace("\t1\t0", "\t2\t0", 1)))))
    rules = Counter(f.rule for f in findings)
    assert rules == Counter({"GIA116": 1, "GIA302": 1, "GIA303": 1})
    row = next(f for f in findings if f.rule == "GIA302")
    assert row.line == 87 and "第 2 份表格" in row.message


def test_the_copy_is_in_the_model_and_the_dump() -> None:
    report = read_report(Source("x.txt", _twice()))
    assert list(report.copies) == ["applications#2"]
    copy = report.copies["applications#2"]
    assert copy.span.line == 77 and report.tables["applications"].span.line == 48
    assert report.cell("applications#2.total.new").value == 15
    assert report.cell("applications#2.total.new").span.line == 80
    assert [c["key"] for c in to_json(report)["copies"]] == ["applications#2"]
    assert not report.unmatched


def test_a_few_repeated_rows_are_not_a_copy() -> None:
    text = (ROOT / "rules/examples/clean2023.txt").read_text(encoding="utf-8").replace(ROW4, ROW4 + "\n" + ROW4)
    report = read_report(Source("x.txt", text))
    assert report.copies == {}


def test_a_copy_in_one_cell_per_line_text_is_a_copy_not_the_last_rows_values() -> None:
    # The copy's row labels follow the first copy's last row; they are not
    # text values of 四、结转下年度继续办理 (which made the table unreadable).
    lines = (ROOT / "tests/fixtures/shapes/clean2023_cells.txt").read_text(encoding="utf-8").split("\n")
    start = lines.index("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    end = lines.index("四、结转下年度继续办理") + 16  # the row's seven values, one per line
    text = "\n".join(lines[:end] + [""] + lines[start:end] + lines[end:])
    findings = default_linter().lint_source(Source("x.txt", text))
    assert [(f.rule, f.line) for f in findings] == [("GIA116", end + 2)]
    report = read_report(Source("x.txt", text))
    assert report.tables["applications"].unreadable is None
    assert list(report.copies) == ["applications#2"]
