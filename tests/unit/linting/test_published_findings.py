"""Findings on published reports: each HTML, DOCX and PDF rendering of a
seed gives the findings of the text it renders (modulo positions); the
converted Markdown (``gialint convert``) gives the same findings as the
original; findings point where the user finds them; fixes stay suggestions."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import PUBLISHED, ROOT, published_linter, published_manifest

# Findings of a base text that its renderings rightly lack, and why:
#  GIA701 conversion-marker: "[bookmark: _GoBack]" is what a text export
#    printed for a Word bookmark; a page, a Word file or a PDF has none.
#  GIA106 heading-levels: seed 003's Markdown "###"/"##"/"####" levels; the
#    renderings give the six sections one heading level.
TEXT_ONLY = {"GIA701", "GIA106"}


def _readable() -> list[dict]:  # type: ignore[type-arg]
    return [e for e in published_manifest()["fixtures"] if "error" not in e["expect"]]


def _key(findings) -> Counter:  # type: ignore[no-untyped-def,type-arg]
    return Counter((f.rule, f.message) for f in findings)


@pytest.mark.parametrize("entry", _readable(), ids=lambda e: e["path"])
def test_rendering_gives_the_findings_of_its_text(entry: dict) -> None:  # type: ignore[type-arg]
    linter = published_linter()
    base = ROOT / published_manifest()["bases"][entry["base"]]["path"]
    want = _key(f for f in linter.lint_path(base) if f.rule not in TEXT_ONLY)
    assert _key(linter.lint_path(PUBLISHED / entry["path"])) == want


@pytest.mark.parametrize("entry", _readable(), ids=lambda e: e["path"])
def test_converted_markdown_gives_the_same_findings(entry: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    linter = published_linter()
    original = linter.lint_path(PUBLISHED / entry["path"])
    source = linter.load(PUBLISHED / entry["path"])
    assert not isinstance(source, list)
    md = tmp_path / "report.md"
    md.write_text(source.text, encoding="utf-8")
    converted = linter.lint_path(md)
    assert _key(converted) == _key(original)
    if entry["format"] != "html":  # Word and PDF: line and column are the canonical Markdown's
        assert [(f.line, f.column, f.end_line, f.end_column) for f in converted] == [(f.line, f.column, f.end_line, f.end_column) for f in original]


def _finding(path: Path, rule: str):  # type: ignore[no-untyped-def]
    [f] = [f for f in published_linter().lint_path(path) if f.rule == rule]
    return f


@pytest.mark.parametrize("page", ["seed002.word.htm", "seed002.cms.html", "seed002.cms-layout-table.html"])
def test_html_findings_point_at_the_page_source(page: str) -> None:
    from gialint.load.htmlpage import decode_page

    path = PUBLISHED / "html" / page
    lines = decode_page(path.read_bytes())[0].split("\n")
    for rule, starts in (("GIA201", "6."), ("GIA202", "本年度"), ("GIA104", "二、主动公开"), ("GIA702", "钩稽")):
        f = _finding(path, rule)
        assert lines[f.line - 1][f.column - 1 :].startswith(starts), (rule, f.line, f.column)
        assert f.extra["location"]["format"] == "html"
        assert (f.extra["location"]["line"], f.extra["location"]["column"]) == (f.line, f.column)


def test_docx_and_pdf_findings_carry_their_place() -> None:
    f = _finding(PUBLISHED / "docx" / "seed002.styles.docx", "GIA201")
    loc = f.extra["location"]
    assert loc["format"] == "docx" and loc["table"] == 2 and loc["column"] == 3 and loc["text"] == "6. 属于四类内部事务信息"
    assert loc["label"] == f"表 2 第 {loc['row']} 行第 3 列"
    heading = _finding(PUBLISHED / "docx" / "seed002.styles.docx", "GIA104")
    assert heading.extra["location"]["label"] == f"第 {heading.extra['location']['paragraph']} 段"
    p = _finding(PUBLISHED / "pdf" / "seed002.pdf", "GIA201").extra["location"]
    assert p["format"] == "pdf" and p["page"] == 4 and p["label"].startswith("第 4 页，表 ")


def test_outputs_show_the_place(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gialint.cli import main

    docx = str(PUBLISHED / "docx" / "seed002.styles.docx")
    run = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "json", docx])
    [row] = [r for r in json.loads(run.output) if r["rule"] == "GIA201"]
    assert set(row) >= {"path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity", "message", "fix"}
    assert row["location"]["label"].startswith("表 2 第 ") and row["fix"]["certain"] is False
    run = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", docx])
    assert "    表 2 第 13 行第 3 列：“6. 属于四类内部事务信息”" in run.output
    assert "[*]" not in run.output and "建议：改为“6.属于四类过程性信息”" in run.output
    run = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "sarif", docx])
    result = next(r for r in json.loads(run.output)["runs"][0]["results"] if r["ruleId"] == "GIA201")
    where = result["locations"][0]
    assert where["logicalLocations"][0]["name"] == "表 2 第 13 行第 3 列"
    assert where["physicalLocation"]["region"]["snippet"]["text"] == "6. 属于四类内部事务信息"


@pytest.mark.parametrize("name", ["html/seed002.word.htm", "docx/seed002.styles.docx", "pdf/seed002.pdf"])
def test_fix_never_writes_a_published_file(name: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gialint.cli import main

    path = tmp_path / Path(name).name
    path.write_bytes((PUBLISHED / name).read_bytes())
    before = path.read_bytes()
    run = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--fix", str(path)])
    assert run.exit_code == 1 and "GIA201" in run.output
    assert path.read_bytes() == before
    assert "已自动修复" not in run.output


def test_baseline_fingerprints_survive_on_published_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gialint.cli import main

    page = tmp_path / "report.html"
    page.write_bytes((PUBLISHED / "html" / "seed002.cms.html").read_bytes())
    baseline = tmp_path / "baseline.json"
    run = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--write-baseline", str(baseline), str(page)])
    assert baseline.exists(), run.output
    run = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--baseline", str(baseline), str(page)])
    assert run.exit_code == 0, run.output


def test_directory_walk_picks_up_published_reports_and_skips_the_rest(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gialint.cli import main

    for name in ("html/seed002.cms.html", "docx/seed002.styles.docx", "pdf/seed001.pdf", "bad/legacy.doc"):
        (tmp_path / Path(name).name).write_bytes((PUBLISHED / name).read_bytes())
    (tmp_path / "index.html").write_text("<html><body><p>网站首页</p></body></html>", encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "json", str(tmp_path)])
    paths = {Path(r["path"]).name for r in json.loads(run.output)}
    assert paths == {"seed002.cms.html", "seed002.styles.docx"}  # seed001 is clean; index.html and the .doc skipped quietly
