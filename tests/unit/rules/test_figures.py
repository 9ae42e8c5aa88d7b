"""Figures in prose (gialint/rules/kinds/figures.py): Chinese numerals, and
which parts of a sentence speak about another year or a difference."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gialint.model.source import Source
from gialint.rules.kinds.figures import chinese_number, inside, other_year_spans
from tests.helpers import default_linter
from tests.helpers import ROOT


@pytest.mark.parametrize(
    ("text", "value"),
    [("15", 15), ("1.25", Decimal("1.25")), ("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21),
     ("一百零五", 105), ("一千二百三十四", 1234), ("一万二千", 12000), ("二〇二三", 2023), ("两", 2), ("零", 0)],
)
def test_chinese_numbers(text: str, value) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "二三十", "两两", "件"])
def test_not_a_number(text: str) -> None:
    assert chinese_number(text) is None


def _read(line: str, year: int | None = 2023) -> list[str]:
    """The figures (digits) of ``line`` that are this year's."""
    spans = other_year_spans(line, year)
    out = []
    i = 0
    while i < len(line):
        if line[i].isdigit():
            j = i
            while j < len(line) and (line[j].isdigit() or line[j] == "."):
                j += 1
            if not inside(spans, i):
                out.append(line[i:j])
            i = j
        else:
            i += 1
    return out


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("全年共新收申请15件，上年结转2件，办结16件。", ["15", "2", "16"]),
        ("上年共新收申请21件，本年新收25件，较上年增加4件。", ["25"]),
        ("2022年新收申请9件，办结9件；2023年新收申请12件。", ["2023", "12"]),
        ("二〇二二年新收申请9件。2023年新收申请12件。", ["2023", "12"]),
        ("新收申请12件，同比增长25%，比上年多3件。", ["12"]),
        ("与上年相比，新收申请增加3件。全年办结5件。", ["5"]),
        ("新收申请12件较上年增加3件。", ["12"]),
        ("上一年度结转2件，结转下年度1件。", ["2", "1"]),
        ("去年收到申请3件（上年结转1件）。", []),
        ("本年收到申请5件（含上年结转1件）。", ["5", "1"]),
    ],
)
def test_other_year_and_differences(line: str, read: list[str]) -> None:
    assert _read(line) == read


def test_without_the_report_year_only_last_year_words_count() -> None:
    assert _read("2022年新收申请9件，上年新收8件。", None) == ["2022", "9"]


def test_a_mismatch_points_at_the_figure() -> None:
    text = (ROOT / "rules/examples/clean2023.txt").read_text(encoding="utf-8")
    text = text.replace("予以公开7件", "予以公开  十一件")
    finding = next(f for f in default_linter().lint_source(Source("x.txt", text)) if f.rule == "GIA601")
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == "十一"
    assert "予以公开数量为 11" in finding.message and "表格中为 7" in finding.message
