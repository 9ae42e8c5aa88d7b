"""A rule file with a mistake is rejected at load time with its file, line
and what is wrong; `gialint check` exits 2 without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main

from tests.helpers import seed_path

RULE = """\
- code: LOC101
  name: local-rule
  category: wording
  severity: warning
  summary: 本地规则
  kind: {kind}
{options}
"""


def check_with(tmp_path: Path, text: str) -> tuple[int, str]:
    pack = tmp_path / "local.yaml"
    pack.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--rules", str(pack), str(seed_path("004"))])
    return res.exit_code, res.output


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("- code: LOC101\n  name: [unclosed\n", 3, "YAML"),
        (RULE.format(kind="patern", options="  patterns: {x: y}"), 1, "未知的 kind 'patern'（是否应为 'pattern'？）"),
        (RULE.format(kind="pattern", options="  patterns: {x: y}\n  fixx: certain"), 1, "没有选项 'fixx'（是否应为 'fix'？）"),
        (RULE.format(kind="equation", options="  table: applications\n  for_each: column\n  assert: new == carried_ovr"), 1, "'carried_ovr' 不是表格 applications 的行（是否应为 'carried_over'？）"),
        (RULE.format(kind="equation", options="  table: applications\n  for_each: column\n  assert: new == == total"), 1, "assert 表达式有误"),
        (RULE.format(kind="equation", options="  table: aplications\n  assert: a == b"), 1, "没有表格 'aplications'（是否应为 'applications'？）"),
        (RULE.format(kind="pattern", options="  patterns: {'(': x}"), 1, "正则表达式"),
        (RULE.format(kind="pattern", options="  patterns: {x: y}").replace("category: wording", "category: wordin"), 1, "未知类别 'wordin'"),
        (RULE.format(kind="pattern", options="  patterns: {x: y}").replace("LOC101", "GIA201"), 1, "规则 'GIA201' 重复"),
        ("- code: LOC101\n  name: local-rule\n", 1, "缺少字段 'category'"),
    ],
    ids=["yaml-syntax", "unknown-kind", "unknown-option", "unknown-cell", "bad-expression", "unknown-table", "bad-regex", "bad-category", "duplicate-code", "missing-field"],
)
def test_broken_rule_file_is_rejected(tmp_path: Path, text: str, line: int, words: str) -> None:
    code, out = check_with(tmp_path, text)
    assert code == 2
    assert f"local.yaml:{line}" in out
    assert words in out
    assert "Traceback" not in out


def test_valid_local_rule_runs(tmp_path: Path) -> None:
    text = RULE.format(kind="pattern", options="  patterns: {'招商服务中心': null}\n  message: 出现了“{found}”")
    code, out = check_with(tmp_path, text)
    assert "LOC101 [warning] 出现了“招商服务中心”" in out
    assert code == 0  # warnings do not fail the run by default
