"""Text written one inline run per line (issue 13, shape 1) is reassembled
before parsing, and every position points back at the user's lines."""

from __future__ import annotations

import pytest

from gialint import from_text, read_report
from gialint.parse import reassemble
from tests.helpers import FIXTURES, SEEDS, SHAPES, all_rules_linter

SPAN = FIXTURES / "damaged" / "span_lines.txt"
LABELS = frozenset({"一、本年新收政府信息公开申请数量", "商业企业", "科研机构", "行政许可", "规章"})


def lines_of(plan: reassemble.Plan) -> list[str]:
    return [x for x in plan.text.split("\n") if x]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) + sorted(p for p in SHAPES.iterdir() if p.suffix in (".txt", ".md")), ids=lambda p: p.name)
def test_reports_written_by_hand_are_left_alone(path) -> None:  # type: ignore[no-untyped-def]
    assert reassemble.plan(path.read_text(encoding="utf-8"), LABELS) is None


def test_one_run_per_line_is_recognised() -> None:
    assert reassemble.looks_split(SPAN.read_text(encoding="utf-8"))


def test_fragments_are_joined_by_what_cannot_end_or_start_a_line() -> None:
    runs = ["首页", ">", "政务公开", "发布时间：", "2022-01-10", "某某局", "2023", "年政府信息公开工作年度", "报告",
            "一、", "总体情况", "2023", "年，全年公开信息", "254", "条。", "（一", "）", "主动", "公开",
            "一、", "本年新收政府信息公开申请数", "量", "6", "3", "商业", "企业", "科研", "机构"]  # fmt: skip
    text = "\n".join(runs * 2) + "\n"
    plan = reassemble.plan(text, LABELS)
    assert plan is not None
    assert lines_of(plan)[:10] == [
        "首页>政务公开发布时间：2022-01-10",  # the site's breadcrumb and meta line, only at the top
        "某某局2023年政府信息公开工作年度报告",  # the title
        "一、总体情况",
        "2023年，全年公开信息254条。",
        "（一）主动公开",
        "一、本年新收政府信息公开申请数量",  # an official label
        "6",  # two numbers: left apart
        "3",
        "商业企业",
        "科研机构",
    ]
    assert lines_of(plan)[10:12] == ["首页", ">"]  # a breadcrumb lower down is not one


def test_two_number_lines_are_left_apart_and_their_break_is_soft() -> None:
    runs = ["一、", "总体情况", "（一）", "依申请公开", "一、", "本年新收政府信息公开申请数量", "1", "4", "0", "（二）", "规章", "0"]
    text = "\n".join(runs * 3) + "\n"
    plan = reassemble.plan(text, LABELS)
    assert plan is not None
    assert {7, 8} <= plan.soft  # "1"/"4" and "4"/"0": the table decides
    assert 12 not in plan.soft  # "规章" / "0": a label, not a number


def test_positions_point_at_the_users_lines() -> None:
    text = SPAN.read_text(encoding="utf-8")
    report = read_report(from_text(text, "span.txt"))
    sec = report.document.section(1)
    assert (sec.heading.span.line, sec.heading.span.end_line) == (27, 28)  # "一、" / "总体情况"
    row = report.tables["applications"].label("row", "new")
    assert (row.span.line, row.span.column, row.span.end_line) == (151, 1, 152)


def test_a_finding_on_a_joined_label_points_where_the_label_begins() -> None:
    lines = SPAN.read_text(encoding="utf-8").split("\n")
    assert lines[241:243] == ["6.", "属于四类过程性信息"]
    lines[242] = "属于四类内部事务信息"  # the misworded row of seed 002
    found = [f for f in all_rules_linter().lint_source(from_text("\n".join(lines), "span.txt")) if f.rule == "GIA201"]
    assert [(f.line, f.column, f.end_line) for f in found] == [(242, 1, 243)]
    assert "6.属于四类内部事务信息" in found[0].message


def test_the_damaged_file_reads_like_its_base() -> None:
    report = read_report(SPAN)
    assert report.document.title is not None and report.document.title.text == "铜官区招商服务中心2023年政府信息公开工作年度报告"
    assert [s.number for s in report.document.sections] == [1, 2, 3, 4, 5, 6]
    assert all(t.found and not t.unreadable for t in report.tables.values())
