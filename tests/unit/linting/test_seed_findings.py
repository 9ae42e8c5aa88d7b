"""On the five seeds gialint reports exactly the defects a reviewer lists
(../shared/LAYOUTS.md), each at its line, and nothing else by default."""

from __future__ import annotations

import pytest


from tests.helpers import seed_path
from tests.helpers import default_linter


BLANK_ROWS_000 = [102, 111, 120, 130, 141, 152, 163, 174, 185, 196, 207, 218, 229, 240, 251, 262, 273, 284, 295, 306, 316, 327, 336]

EXPECTED = {
    "000": sorted(
        [("GIA701", "wording", line) for line in (8, 82, 344, 389)]  # [bookmark: …] markers
        + [("GIA201", "label", 77)]  # 政府集中釆购 (U+91C6)
        + [("GIA401", "value", line) for line in BLANK_ROWS_000]  # section 三 left blank, once per row
    ),
    "001": [],
    "002": sorted(
        [
            ("GIA104", "structure", 27),  # 二、主动公开政府信息的情况
            ("GIA202", "label", 30),  # 本年度制作数量
            ("GIA702", "wording", 51),  # 钩稽关系
            ("GIA201", "label", 63),  # 6. 属于四类内部事务信息
        ]
    ),
    "003": sorted(
        [
            ("GIA802", "meta", 3),  # title without the agency
            ("GIA804", "meta", 3),  # …工作报告, not …工作年度报告
            ("GIA106", "structure", 36),  # ### / ## / #### for the six sections
        ]
    ),
    "004": [("GIA701", "wording", 6)],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_findings_are_exactly_the_reviewers_list(prefix: str) -> None:
    findings = default_linter().lint_path(seed_path(prefix))
    assert sorted((f.rule, f.category, f.line) for f in findings) == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_no_error_on_seeds_001_and_004(prefix: str) -> None:
    assert not [f for f in default_linter().lint_path(seed_path(prefix)) if f.severity == "error"]


def test_defects_carry_the_official_wording_and_fix() -> None:
    by_rule = {f.rule: f for f in default_linter().lint_path(seed_path("002"))}
    row6 = by_rule["GIA201"]
    assert "6.属于四类过程性信息" in row6.message and row6.fix is not None
    assert row6.fix.replacement == "6.属于四类过程性信息" and row6.fix.certain
    assert (row6.column, row6.end_column) == (1, 1 + len("6. 属于四类内部事务信息"))
    assert by_rule["GIA702"].fix.replacement == "勾稽"
    assert "U+" not in by_rule["GIA202"].message  # 度 for 新 is a wrong word, not a look-alike
    assert by_rule["GIA104"].fix.replacement == "二、主动公开政府信息情况"
    homoglyph = next(f for f in default_linter().lint_path(seed_path("000")) if f.rule == "GIA201")
    assert "U+91C6" in homoglyph.message and homoglyph.fix.replacement == "政府集中采购"


def test_json_contract_fields() -> None:
    f = default_linter().lint_path(seed_path("002"))[0].to_json()
    assert set(f) >= {"path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity", "message", "fix"}
