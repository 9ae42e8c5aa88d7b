"""Damaged text (issue 13): scraped, PDF-extracted and OCR'd renderings of
the repository's reports are read without a wrong value — decoded when one
reading remains, reported unreadable (one GIA006 finding, nothing else from
that table) when not.

The files in tests/fixtures/damaged/ are one rendering per shape from
``python eval/damaged/run.py --keep DIR`` (seed 1); ``truth.json`` holds
their undamaged bases' cells."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gialint import from_text, read_report
from gialint.testing import base_text
from tests.helpers import FIXTURES, all_rules_linter

DAMAGED = FIXTURES / "damaged"
TRUTH = json.loads((DAMAGED / "truth.json").read_text(encoding="utf-8"))
SHAPES = {"span_lines": "span_lines.txt", "merged_dups": "merged_dups.txt", "run_together": "run_together.txt", "pdf_text": "pdf_text.txt", "ocr_markdown": "ocr_markdown.md"}


def findings(text: str, name: str = "x.txt") -> list:  # type: ignore[type-arg]
    return all_rules_linter().lint_source(from_text(text, name))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_value_is_misread(shape: str) -> None:
    report = read_report(DAMAGED / SHAPES[shape])
    truth = TRUTH["bases"][TRUTH["files"][shape]]
    for key, cells in truth.items():
        table = report.tables[key]
        for cell_key, (kind, value) in cells.items():
            cell = table.cells[cell_key]
            if cell.content == "number":
                assert kind == "number" and Decimal(str(cell.value)) == Decimal(value), (key, cell_key, cell.raw, value)
        if not table.unreadable:
            assert table.found, key


@pytest.mark.parametrize(
    ("shape", "decoded", "unreadable"),
    [
        ("run_together", {"applications", "appeals"}, {"documents"}),
        ("merged_dups", {"applications"}, {"documents", "appeals"}),
        ("span_lines", {"applications"}, set()),
        ("pdf_text", {"applications"}, set()),
        ("ocr_markdown", set(), set()),
    ],
)
def test_each_shape_is_decoded_or_reported(shape: str, decoded: set[str], unreadable: set[str]) -> None:
    report = read_report(DAMAGED / SHAPES[shape])
    assert {k for k, t in report.tables.items() if t.decoded} == decoded
    assert {k for k, t in report.tables.items() if t.unreadable} == unreadable
    assert all(t.found for t in report.tables.values())


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_one_finding_per_unreadable_table_and_none_from_its_values(shape: str) -> None:
    path = DAMAGED / SHAPES[shape]
    report = read_report(path)
    found = all_rules_linter().lint_path(path)
    unreadable = [t for t in report.tables.values() if t.unreadable]
    gia005 = [f for f in found if f.rule == "GIA006"]
    assert len(gia005) == len(unreadable)
    for f, t in zip(sorted(gia005, key=lambda f: f.line), sorted(unreadable, key=lambda t: t.span.line)):
        assert f.line == t.span.line and t.unreadable in f.message
    lines = {t.span.line for t in unreadable}
    assert not [f for f in found if f.category in ("arithmetic", "value") and any(_inside(f.line, t) for t in unreadable)], lines


def _inside(line: int, table) -> bool:  # type: ignore[no-untyped-def]
    return table.span.line <= line <= table.span.end_line


# --- small reports: the clean example with one row damaged -----------------

BASE = base_text("clean2023")


def damaged(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_a_row_run_together_is_decoded_and_says_how() -> None:
    text = damaged("一、本年新收政府信息公开申请数量\t\t\t9\t3\t0\t1\t1\t1\t15", "一、本年新收政府信息公开申请数量93011115")
    report = read_report(from_text(text, "x.txt"))
    table = report.tables["applications"]
    assert table.decoded == "1 行的数字连在一起，按官方表格的行列、非负整数和勾稽关系只有一种读法"
    assert [table.cells[k].value for k in table.template.key_grid["new"]] == [9, 3, 0, 1, 1, 1, 15]
    # Each decoded cell points at its own digits on the line.
    line = text.split("\n").index("一、本年新收政府信息公开申请数量93011115") + 1
    spans = [table.cells[k].span for k in table.template.key_grid["new"]]
    assert [(s.line, s.column, s.end_column) for s in spans] == [(line, 17 + i, 18 + i) for i in range(6)] + [(line, 23, 25)]
    assert [f.rule for f in findings(text)] == []


def test_an_ambiguous_table_is_one_finding_at_its_first_line() -> None:
    text = damaged("行政规范性文件\t3\t1\t12", "行政规范性文件3112")
    report = read_report(from_text(text, "x.txt"))
    assert report.tables["documents"].unreadable == "第二十条第（一）项表格的数字连在一起，有 3 种读法（此表没有可据以取舍的勾稽关系），无法确定"
    assert report.cell("documents.issued.rules") is None  # nothing is read from it
    got = findings(text)
    assert [(f.rule, f.line, f.column) for f in got] == [("GIA006", 31, 1)]
    assert got[0].message.endswith("；该表的数值未作检查")


def test_several_readings_under_the_relations_are_counted() -> None:
    text = damaged("1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0", "1000100011000")
    got = findings(text)
    assert [f.rule for f in got] == ["GIA006"]
    assert "行政复议、行政诉讼情况表有 1 个数值（1000100011000），而表格有 15 列" in got[0].message


def test_arithmetic_found_through_decoding_is_reported_with_the_reading() -> None:
    text = damaged("\t\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1", "\t\t4.保护第三方合法权益2000002")
    got = [f for f in findings(text) if f.category == "arithmetic"]
    assert [f.rule for f in got] == ["GIA303", "GIA303"]
    assert "此表经解码读出：1 行的数字连在一起" in got[0].message


def test_a_damaged_report_is_never_refused_as_not_a_report() -> None:
    # Every line cut in two: no heading, no table is found as such, but the
    # official wording is there.
    text = "\n".join(ch for line in BASE.split("\n") for ch in (line[: len(line) // 2], line[len(line) // 2 :]) if ch) + "\n"
    assert "GIA002" not in [f.rule for f in findings(text)]
    assert [f.rule for f in findings("番茄炒蛋\n一、准备材料\n鸡蛋3个。\n")] == ["GIA002"]


def test_a_placeholder_header_is_not_a_row_of_values() -> None:
    row = "| " + " | ".join(str(v) for v in (1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0)) + " |"
    numbered = "| " + " | ".join(str(k) for k in range(15)) + " |\n|" + "---|" * 15 + "\n" + row + "\n"
    text = damaged("1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0\n", numbered)
    appeals = read_report(from_text(text, "x.md")).tables["appeals"]
    got = [appeals.cells[k].value for r in appeals.template.rows for k in appeals.template.key_grid[r.key]]
    assert got == [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]


def test_a_letter_o_in_a_row_of_numbers_is_a_text_cell_not_a_shift() -> None:
    text = damaged("1\t0\t0\t0\t1\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0", "1\t0\t0\t0\t1\t0\t0\tO\t1\t1\t0\t0\t0\t0\t0")
    appeals = read_report(from_text(text, "x.txt")).tables["appeals"]
    assert appeals.cells["appeals.other.litigation_direct"].raw == "O"
    assert [appeals.cells[f"appeals.{c}.litigation_direct"].value for c in ("pending", "total")] == [1, 1]
    assert "GIA403" in [f.rule for f in findings(text)]


def test_gialint_parse_says_what_was_decoded_and_what_could_not_be_read() -> None:
    from click.testing import CliRunner

    from gialint.cli import main

    path = str(DAMAGED / SHAPES["run_together"])
    tree = CliRunner().invoke(main, ["parse", "--isolated", path])
    assert tree.exit_code == 0
    assert "    DECODED  25 行的数字连在一起，按官方表格的行列、非负整数和勾稽关系只有一种读法" in tree.output
    assert "    UNREADABLE  第二十条第（一）项表格的数字连在一起，有 3 种读法" in tree.output
    out = CliRunner().invoke(main, ["parse", "--isolated", "--format", "json", path])
    tables = {t["key"]: t for t in json.loads(out.output)["tables"]}
    assert tables["applications"]["decoded"].startswith("25 行的数字连在一起") and tables["applications"]["unreadable"] is None
    assert tables["documents"]["unreadable"].startswith("第二十条第（一）项表格") and tables["documents"]["decoded"] is None
    assert tables["licensing"]["decoded"] is None and tables["licensing"]["unreadable"] is None
