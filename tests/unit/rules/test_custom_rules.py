"""A project's own YAML rules and templates, without Python: every built-in
kind, equations over the cells of a custom template, and mistakes reported
with file, line and a "did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from gialint.config.model import Config
from gialint.linting.engine import Linter
from gialint.plugins.assemble import load_ruleset
from gialint.load.decode import from_text
from gialint.util.yamlfile import YamlError

from tests.pluginkit import CLEAN2023

# A city's variant of the 2021 format: one more row in the 第二十条第（一）项 table.
TEMPLATE = """\
id: city2023
name: 某市2023年格式
source: 某市政务公开办通知
extends: v2021
years: {from: 2023}
tables:
  - key: documents
    insert_rows:
      normative:
        - {key: other_files, label: 其他主动公开文件}
"""

RULES = """\
pack: city
rules:
  - code: CT101
    name: other-files-in-force
    category: arithmetic
    severity: error
    kind: equation
    table: documents
    for_each: row
    rows: [other_files]
    assert: in_force >= issued - repealed
    summary: 其他主动公开文件的现行有效件数少于本年制发减废止
  - code: CT102
    name: other-files-cap
    category: arithmetic
    severity: warning
    kind: equation
    table: documents
    assert: documents.in_force.other_files <= 10 * documents.in_force.normative
    summary: 其他主动公开文件现行有效件数过多
  - code: CT201
    name: no-wangshang
    category: wording
    severity: warning
    kind: pattern
    patterns: {'网上公开': '网站公开'}
    summary: 用语
"""

ROW = "\t行政规范性文件\t"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    t, r = tmp_path / "city2023.yaml", tmp_path / "city-rules.yaml"
    t.write_text(TEMPLATE, encoding="utf-8")
    r.write_text(RULES, encoding="utf-8")
    return t, r


def city_report(other: str) -> str:
    text = CLEAN2023.read_text(encoding="utf-8")
    line = next(ln for ln in text.split("\n") if "行政规范性文件" in ln and ln.count("\t") >= 3)
    return text.replace(line + "\n", f"{line}\n其他主动公开文件\t{other}\n", 1)


def lint(files: tuple[Path, Path], text: str) -> list[tuple[str, int]]:
    t, r = files
    linter = Linter(load_ruleset([str(r)], [str(t)]), Config())
    return sorted((f.rule, f.line) for f in linter.lint_source(from_text(text, "city.txt")))


def test_equations_over_a_custom_template(files: tuple[Path, Path]) -> None:
    assert lint(files, city_report("5\t1\t20")) == []
    bad = city_report("5\t1\t2")
    line = bad.split("\n").index("其他主动公开文件\t5\t1\t2") + 1
    assert lint(files, bad) == [("CT101", line)]
    assert [c for c, _ in lint(files, city_report("5\t1\t900"))] == ["CT102"]
    assert [c for c, _ in lint(files, city_report("5\t1\t20") + "\n网上公开\n")] == ["CT201"]


def test_rule_files_run_on_reports_without_the_row(files: tuple[Path, Path]) -> None:
    # A national-format report: the city's equations have no cells to check.
    assert lint(files, CLEAN2023.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("kind: equation\n    table: documents\n    for_each: row", "kind: equasion\n    table: documents\n    for_each: row", "未知的 kind 'equasion'（是否应为 'equation'？）"),
        ("    table: documents\n    for_each: row", "    tabel: documents\n    for_each: row", "没有选项 'tabel'（是否应为 'table'？）"),
        ("documents.in_force.other_files <=", "documents.in_force.other_file <=", "'documents.in_force.other_file' 不是表格 documents 的单元格（是否应为 'documents.in_force.other_files'？）"),
        ("rows: [other_files]\n    assert: in_force >=", "rows: [other_files]\n    assert: in_forse >=", "'in_forse' 不是表格 documents 的列（是否应为 'in_force'？）"),
        ("for_each: row", "for_each: rows", "不在可选值 ['column', 'row', 'none'] 中（是否应为 'row'？）"),
    ],
)
def test_rule_mistakes_name_file_line_and_suggest(files: tuple[Path, Path], old: str, new: str, expected: str) -> None:
    t, r = files
    assert old in RULES
    r.write_text(RULES.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(YamlError) as err:
        load_ruleset([str(r)], [str(t)])
    assert str(err.value).startswith(f"{r}:")
    assert expected in str(err.value)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("insert_rows:", "insert_row:", "未知字段 'insert_row'（是否应为 'insert_rows'？）"),
        ("      normative:", "      normativ:", "没有行 'normativ'（是否应为 'normative'？）"),
        ("extends: v2021", "extends: v2O21", "extends 指向未知模板 'v2O21'（是否应为 'v2021'？）"),
    ],
)
def test_template_mistakes_suggest(files: tuple[Path, Path], old: str, new: str, expected: str) -> None:
    t, r = files
    t.write_text(TEMPLATE.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(YamlError) as err:
        load_ruleset([], [str(t)])
    assert str(err.value).startswith(f"{t}:") and expected in str(err.value)


def test_cli_reports_a_broken_project_pack_with_status_2(files: tuple[Path, Path]) -> None:
    t, r = files
    r.write_text(RULES.replace("kind: pattern", "kind: patterns"), encoding="utf-8")
    res = CliRunner().invoke(main, ["rules", "--no-plugins", "--rules", str(r), "--templates", str(t)])
    assert res.exit_code == 2
    assert "未知的 kind 'patterns'（是否应为 'pattern'？）" in res.stderr


FORMAT_RULES = """\
pack: formats
rules:
  - code: FM101
    name: new-format-word
    category: wording
    severity: warning
    kind: pattern
    formats: [v2021]
    patterns: {'网上公开': '网站公开'}
    summary: 2021 年格式及其变体
  - code: FM102
    name: old-format-word
    category: wording
    severity: warning
    kind: pattern
    formats: [v2019]
    patterns: {'网上公开': '网站公开'}
    summary: 只用于 2019 年格式
"""


def test_formats_admit_the_local_variants_of_a_format(files: tuple[Path, Path], tmp_path: Path) -> None:
    t, _ = files
    r = tmp_path / "formats.yaml"
    r.write_text(FORMAT_RULES, encoding="utf-8")
    linter = Linter(load_ruleset([str(r)], [str(t)]), Config())
    report = city_report("5\t1\t20") + "\n网上公开\n"
    from gialint.bind.read import read_report

    assert read_report(from_text(report, "city.txt"), linter.ruleset.templates).template.id == "city2023"
    # city2023 extends v2021: the v2021 rule runs on it, the v2019 one does not.
    assert [f.rule for f in linter.lint_source(from_text(report, "city.txt")) if f.rule.startswith("FM")] == ["FM101"]


def test_formats_naming_an_unknown_template_is_an_error(tmp_path: Path) -> None:
    r = tmp_path / "formats.yaml"
    r.write_text(FORMAT_RULES.replace("formats: [v2019]", "formats: [v2109]"), encoding="utf-8")
    with pytest.raises(YamlError) as err:
        load_ruleset([str(r)])
    assert str(err.value).startswith(f"{r}:") and "formats 中的模板 'v2109' 不存在（是否应为 'v2019'？）" in str(err.value)
