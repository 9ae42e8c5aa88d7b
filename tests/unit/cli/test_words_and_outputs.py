"""Issue 18, outputs and authoring: --diff shows only the changed lines,
JUnit fails only at the failing severity, --statistics prints the table
alone, skipped files are counted and said, an empty selection is said, a
path with a newline stays on one line; rule authors get typed option errors,
checked message fields, the example reports and generated tables."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from tests.helpers import ROOT, seed_path
from tests.pluginkit import local_pack


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def _apply(diff: str, original: str) -> str:
    """Apply a unified diff that pairs lines by number (as gialint's does)."""
    lines = original.split("\n")
    for hunk in re.split(r"(?m)^@@ ", diff)[1:]:
        start = int(hunk.split()[0].lstrip("-").split(",")[0]) - 1
        body = [ln for ln in hunk.split("\n")[1:] if ln and ln[0] in " -+"]
        old = [ln[1:] for ln in body if ln[0] in " -"]
        new = [ln[1:] for ln in body if ln[0] in " +"]
        assert lines[start:start + len(old)] == old
        lines[start:start + len(old)] = new
    return "\n".join(lines)


def test_diff_shows_only_the_changed_lines(tmp_path: Path) -> None:
    report = tmp_path / "000.txt"
    report.write_bytes(seed_path("000").read_bytes())
    code, out, _ = _run("check", "--isolated", "--diff", str(report))
    assert code == 1 and out.startswith("--- ")
    changed = [ln for ln in out.split("\n") if ln[:1] in "-+" and not ln.startswith(("---", "+++"))]
    # Before: unchanged "\t0" cells were shown as removed and added again.
    assert not [ln for ln in changed if re.fullmatch(r"[-+]\s*[0-9]+\s*", ln)], changed
    assert sum(ln.startswith("-") for ln in changed) == sum(ln.startswith("+") for ln in changed)
    fixed = tmp_path / "fixed.txt"
    fixed.write_bytes(report.read_bytes())
    _run("check", "--isolated", "--fix", str(fixed))
    assert _apply(out, report.read_text(encoding="utf-8")) == fixed.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fail_on", "failing"), [("error", {"error"}), ("warning", {"error", "warning"})])
def test_junit_fails_only_at_the_failing_severity(fail_on: str, failing: set[str]) -> None:
    code, out, _ = _run("check", "--isolated", "--no-cache", "--format", "junit", "--fail-on", fail_on, str(seed_path("000")))
    root = ET.fromstring(out)
    cases = root.findall(".//testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    passed_with_note = [c for c in cases if c.find("system-out") is not None]
    assert {c.find("failure").get("type") for c in failed} == failing & {c.find("failure").get("type") for c in failed}
    assert all(c.find("failure").get("type") in failing for c in failed)
    assert failed and (fail_on == "warning" or passed_with_note)
    assert int(root.get("failures")) == len(failed)


def test_statistics_prints_the_table_alone() -> None:
    code, out, _ = _run("check", "--isolated", "--no-cache", "--statistics", str(seed_path("000")))
    assert re.search(r"^\s+\d+\s+GIA401\s+blank-cell$", out, re.M)
    assert not re.search(r":\d+:\d+: GIA", out)  # no finding lines


def test_skipped_files_are_counted_and_said(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"empty{i}.md").write_text("", encoding="utf-8")
    (tmp_path / "readme.md").write_text("# 使用说明\n\n这里说明如何编写报告。\n", encoding="utf-8")
    code, out, _ = _run("check", "--isolated", "--no-cache", str(tmp_path))
    assert "没有检查任何年度报告" in out and "5 个空文件" in out and "1 个不像年度报告的文件" in out
    assert "未发现问题" not in out
    (tmp_path / "r.txt").write_bytes(seed_path("001").read_bytes())
    for extra in ([], ["--no-cache"]):  # from the result cache, too
        code, out, _ = _run("check", "--isolated", *extra, str(tmp_path))
        assert "跳过了 6 个不是年度报告的文件" in out and "检查了 1 个文件" in out, out


def test_an_empty_selection_is_said(tmp_path: Path) -> None:
    (tmp_path / ".gialint.yaml").write_text("select: []\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_bytes(seed_path("002").read_bytes())
    code, out, err = _run("check", str(report))
    assert code == 0 and "没有选择任何规则" in err


@pytest.mark.skipif(sys.platform == "win32", reason="a newline in a file name")
def test_a_path_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    report = tmp_path / "a\nb.txt"
    report.write_bytes(seed_path("002").read_bytes())
    code, out, _ = _run("check", "--isolated", "--no-cache", str(report))
    first = out.split("\n")[0]
    assert first.startswith(str(tmp_path) + "/a\\nb.txt:") and re.search(r":\d+:\d+: GIA", first)


def test_the_same_pack_in_the_configuration_and_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "local.yaml").write_text(local_pack("政府信息"), encoding="utf-8")
    (tmp_path / ".gialint.yaml").write_text("rules: [local.yaml]\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_bytes(seed_path("001").read_bytes())
    proc = subprocess.run([sys.executable, "-m", "gialint", "check", "--rules", "local.yaml", "r.txt"], capture_output=True, text=True, cwd=tmp_path)
    assert "重复" not in proc.stderr and "LC001" in proc.stdout, proc.stderr


def _pack(tmp_path: Path, body: str) -> Path:
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "- code: LC201\n  name: local-rule\n  category: wording\n  severity: warning\n  summary: 本地规则\n" + body, encoding="utf-8"
    )
    return pack


def test_an_option_of_the_wrong_type_names_the_expected_type(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "  kind: requires\n  section: 六\n  any: ['信息处理费']\n")
    code, _, err = _run("check", "--isolated", "--rules", str(pack), str(seed_path("001")))
    assert code == 2 and "section" in err and "应为整数（写阿拉伯数字 6，不写“六”）" in err
    # Chinese only: the option's English description is for docs/authoring.md.
    assert "1 to 6" not in err and "integer" not in err


def test_a_message_field_the_kind_does_not_have_is_an_error(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "  kind: pattern\n  patterns: {'政府信息': '政务信息'}\n  message: \"“{foun}”应为“{replacement}”\"\n")
    code, _, err = _run("check", "--isolated", "--rules", str(pack), str(seed_path("001")))
    assert code == 2 and "{foun}" in err and "found" in err


def test_explain_prints_the_example_reports() -> None:
    code, out, _ = _run("explain", "--base", "clean2023")
    assert code == 0 and out == (ROOT / "rules" / "examples" / "clean2023.txt").read_text(encoding="utf-8")
    code, _, err = _run("explain", "--base", "clean2021")  # (clean2022 and clean2019 exist: the years before, for the series rules)
    assert code == 2 and "clean2023" in err


def test_configuration_errors_are_in_chinese_only() -> None:
    from gialint.config.options import SETTINGS, problem

    wrong = {"refs": 3, "paths": 3, "patterns": 3, "severity": "eror", "severity-map": 3, "refs-map": 3, "count": -1, "seconds": 0, "path": 3, "preset": 3,
             "dirs": 3, "names-map": 3, "name-map": 3}
    for s in SETTINGS:
        message = problem(s.key, wrong[s.type]) or ""
        prose = re.sub(r"'[^']*'|[0-9a-z.\-|/ ]*(?:error|warning|info|default|strict)[a-z.\-|/ ]*", "", message)
        assert message and not re.search(r"[A-Za-z]{3,}", prose), (s.key, message)


def test_generated_tables_are_in_step() -> None:
    proc = subprocess.run([sys.executable, "-m", "gialint.cli.docs", "--check"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
