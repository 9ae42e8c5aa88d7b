"""Grammar and structure: headings in every spelling, titles, markers."""

from __future__ import annotations

import pytest

from gialint import from_text, parse_document

SECTIONS = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
]
NUMERALS = "一二三四五六"


def report_with(heading: str) -> str:
    """A report whose six headings are written with ``heading`` (``{n}`` numeral, ``{t}`` title)."""
    body = ["某某局2023年政府信息公开工作年度报告", ""]
    for n, t in zip(NUMERALS, SECTIONS):
        body += [heading.format(n=n, t=t), "", f"本部分内容{n}。", ""]
    return "\n".join(body)


@pytest.mark.parametrize(
    "heading",
    [
        "{n}、{t}",
        "# {n}、{t}",
        "### {n}、{t}",
        "**{n}、{t}**",
        "## **{n}、{t}**",
        "[bookmark: _GoBack]{n}、{t}",
        "{n}、 {t}  ",
        "{n}．{t}",
        "　　{n}、{t}",
    ],
)
def test_heading_spellings_find_all_six_sections(heading: str) -> None:
    doc = parse_document(from_text(report_with(heading)))
    assert [s.number for s in doc.sections] == [1, 2, 3, 4, 5, 6]
    assert all(s.match == "official" for s in doc.sections)
    assert doc.sections[2].heading.span.line == 11


def test_heading_with_bookmark_keeps_column_after_marker() -> None:
    doc = parse_document(from_text(report_with("[bookmark: bookmark29]{n}、{t}")))
    h = doc.sections[0].heading
    assert h.span.column == len("[bookmark: bookmark29]") + 1
    assert [m.text for m in doc.markers][:1] == ["[bookmark: bookmark29]"]


def test_variant_and_misspelt_titles_are_told_apart() -> None:
    text = report_with("{n}、{t}").replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
    text = text.replace("二、主动公开政府信息情况", "二、主动公开政府信息的情况")
    doc = parse_document(from_text(text))
    assert doc.section(5).match == "variant"
    assert doc.section(2).match == "fuzzy"
    assert doc.section(2).expected_title == "二、主动公开政府信息情况"


def test_table_row_label_is_not_taken_for_a_section_heading() -> None:
    text = report_with("{n}、{t}").replace("本部分内容三。", "一、本年新收政府信息公开申请数量\n\n四、结转下年度继续办理")
    doc = parse_document(from_text(text))
    assert [s.number for s in doc.sections] == [1, 2, 3, 4, 5, 6]
    assert doc.section(4).heading.span.line > doc.section(3).heading.span.line + 3


def test_missing_section_is_simply_absent() -> None:
    text = report_with("{n}、{t}").replace("四、政府信息公开行政复议、行政诉讼情况", "")
    doc = parse_document(from_text(text))
    assert [s.number for s in doc.sections] == [1, 2, 3, 5, 6]


@pytest.mark.parametrize(
    "head, expected, line",
    [
        ("某某局2023年政府信息公开工作年度报告", "某某局2023年政府信息公开工作年度报告", 1),
        ("某某局\n2023年政府信息公开工作年度报告", "某某局2023年政府信息公开工作年度报告", 1),
        ("首页/ 政府信息公开 / 年报 / 正文\n\n某某局2023年政府信息公开工作年度报告", "某某局2023年政府信息公开工作年度报告", 3),
        ("# 2020年度政府信息公开工作报告\n\n## 区招商局", "2020年度政府信息公开工作报告", 1),
    ],
)
def test_title_split_or_behind_breadcrumb(head: str, expected: str, line: int) -> None:
    text = head + "\n" + report_with("{n}、{t}").split("\n", 1)[1]
    doc = parse_document(from_text(text))
    assert doc.title is not None
    assert doc.title.text == expected
    assert doc.title.span.line == line


def test_subheadings_full_and_half_width() -> None:
    text = report_with("{n}、{t}").replace("本部分内容一。", "（一）主动公开\n\n内容。\n\n(二) 依申请公开\n\n内容。")
    doc = parse_document(from_text(text))
    subs = doc.section(1).subheadings
    assert [(h.numeral, h.title) for h in subs] == [("一", "主动公开"), ("二", "依申请公开")]


def test_signature_date_and_agency_are_kept_apart() -> None:
    text = report_with("{n}、{t}") + "\n某某局\n2024年1月20日\n"
    doc = parse_document(from_text(text))
    assert [p.text for p in doc.signature] == ["某某局", "2024年1月20日"]
    assert doc.section(6).paragraphs[-1].text == "本部分内容六。"
