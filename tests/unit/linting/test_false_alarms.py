"""False alarms seen on real reports (issue 14), one class each: a title
split over lines, a Chinese-numeral title year, Markdown YAML front matter,
and the 2021 format's wording in the prose of a 2019-format report."""

from __future__ import annotations

import pytest

from gialint.bind.read import read_report
from gialint.model.source import Source
from tests.helpers import ROOT, default_linter

TITLE = "某某市某某区商务局2023年政府信息公开工作年度报告"


def _text(name: str = "clean2023") -> str:
    return (ROOT / f"rules/examples/{name}.txt").read_text(encoding="utf-8")


def _findings(text: str, path: str = "x.txt") -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in default_linter().lint_source(Source(path, text))]


@pytest.mark.parametrize(
    "title",
    [
        "某某市某某区商务局2023年\n政府信息公开工作年度报告",
        "某某市某某区商务局2023年\n\n政府信息公开工作年度报告",  # a web copy: blank lines between paragraphs
        "\t某某市某某区商务局2023年\n\t政府信息公开工作年度报告",  # centred with a tab in a Word export
        "某某市某某区商务局2023年\n政府信息公开\n工作年度报告",
        "**某某市某某区商务局2023年**\n**政府信息公开工作年度报告**",
        "某某市某某区商务局\n2023年政府信息公开工作年度报告",
    ],
)
def test_a_title_split_over_lines(title: str) -> None:
    text = _text().replace(TITLE, title, 1)
    assert _findings(text) == []
    report = read_report(Source("x.txt", text))
    assert report.document.title is not None and report.document.title.text.replace(" ", "").endswith("年度报告")
    assert "商务局" in report.document.title.text and report.detection.year == 2023


def test_a_split_title_still_reports_what_it_lacks() -> None:
    text = _text().replace(TITLE, "2023年\n\n政府信息公开工作年度报告", 1)
    assert ("GIA802", 1) in _findings(text)


@pytest.mark.parametrize("year", ["二〇二三年", "二〇二三年度", "二零二三年"])
def test_a_title_year_in_chinese_numerals(year: str) -> None:
    text = _text().replace("2023年政府信息公开", f"{year}政府信息公开", 1)
    assert _findings(text) == []
    assert read_report(Source("x.txt", text)).detection.year == 2023


def test_yaml_front_matter_is_not_the_title_and_may_give_the_year() -> None:
    md = "---\ntitle: 年度报告\nyear: 2023\nlayout: report\n---\n" + _text().replace(TITLE, "某某市某某区商务局政府信息公开工作年度报告", 1)
    report = read_report(Source("x.md", md))
    assert report.document.title is not None and report.document.title.text == "某某市某某区商务局政府信息公开工作年度报告"
    assert report.document.front_matter["year"] == "2023"
    assert (report.detection.year, report.detection.year_source) == (2023, "front matter")
    # The title itself lacks the year: that is still said, of the title's own line.
    assert _findings(md, "x.md") == [("GIA803", 6)]


def test_yaml_front_matter_before_a_complete_title() -> None:
    md = f"---\ntitle: {TITLE}\ndate: 2024-01-20\n---\n\n" + _text()
    assert _findings(md, "x.md") == []
    assert read_report(Source("x.md", md)).document.title.span.line == 6


def test_a_thematic_break_is_not_front_matter() -> None:
    text = "---\n\n" + _text()
    assert read_report(Source("x.md", text)).document.front_matter == {}


def test_2021_wording_in_the_prose_of_a_2019_report() -> None:
    text = _text("clean2020").replace("本年新制作规范性文件2件", "本年新制作规范性文件（即行政规范性文件）2件")
    assert [r for r, _ in _findings(text) if r.startswith("GIA5")] == []
    report = read_report(Source("x.txt", text))
    assert report.detection.version == "v2019" and not report.detection.mixed


def test_2021_wording_in_a_table_label_still_mixes_the_formats() -> None:
    text = _text("clean2020").replace("信息内容\t本年新制作数量", "信息内容\t本年制发件数", 1)
    assert "GIA503" in [r for r, _ in _findings(text)]


def test_2021_wording_in_a_long_numbered_paragraph_is_prose() -> None:
    # "(一)领导重视。…" is read as a heading line by the grammar; it is prose.
    text = (ROOT / "tests/fixtures/seeds/001_1e18f80993d45f81.txt").read_text(encoding="utf-8")
    text = text.replace("具体负责政府信息务公开工作有关事宜。", "具体负责政府信息务公开工作有关事宜。开展行政规范性文件清理，本年制发件数均在专栏公开。")
    assert [r for r, _ in _findings(text) if r.startswith("GIA5")] == []


@pytest.mark.parametrize(
    ("seed", "old", "line"),
    [
        ("003_14eeafda3dabec40.txt", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 70),
        ("001_1e18f80993d45f81.txt", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", 195),
    ],
)
def test_a_label_without_its_note_is_that_row_misnamed(seed: str, old: str, line: int) -> None:
    text = (ROOT / "tests/fixtures/seeds" / seed).read_text(encoding="utf-8").replace(old, old[: old.index("公开") + 2])
    findings = default_linter().lint_source(Source("x.txt", text))
    new = [(f.rule, f.line) for f in findings if f.rule in ("GIA201", "GIA111", "GIA114", "GIA404")]
    assert new == [("GIA201", line)]
    assert next(f for f in findings if f.rule == "GIA201").fix.replacement == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
