"""Output formats: SARIF validates against the official 2.1.0 schema, JSON and
JUnit parse, GitHub annotations follow the workflow-command format; text,
--statistics, --output-file; identical output whatever --jobs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main

from tests.helpers import FIXTURES, SEEDS
from tests.helpers import ROOT as _ROOT

SARIF_SCHEMA = FIXTURES / "schemas" / "sarif-schema-2.1.0.json"
EXAMPLES = _ROOT / "examples" / "reports"


def check(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["check", "--no-progress", *args])
    return res.exit_code, res.stdout, res.stderr


def test_sarif_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = check("--format", "sarif", str(SEEDS), str(FIXTURES / "shapes" / "002_pipe.md"))
    assert code == 1
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["GIA201"]["name"] == "row-label"
    assert by_id["GIA201"]["shortDescription"]["text"] and by_id["GIA201"]["help"]["text"]
    results = run["results"]
    assert len(results) == 40
    r = next(x for x in results if x["ruleId"] == "GIA201" and "002_c5" in x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert rules[r["ruleIndex"]]["id"] == "GIA201"
    assert r["locations"][0]["physicalLocation"]["region"] == {"startLine": 63, "startColumn": 1, "endLine": 63, "endColumn": 14}
    assert r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "6.属于四类过程性信息"
    assert r["partialFingerprints"]["gialint/v1"]
    assert {x["level"] for x in results} == {"error", "warning"}


def test_sarif_of_a_clean_run_is_valid() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = check("--format", "sarif", str(EXAMPLES / "clean-2023.md"))
    assert code == 0
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads(out))


def test_json_parses_and_keeps_the_contract() -> None:
    code, out, _ = check("--format", "json", str(SEEDS))
    data = json.loads(out)
    assert len(data) == 36
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity", "message", "fix"}
    assert all(keys <= set(f) for f in data)
    row = next(f for f in data if f["rule"] == "GIA201" and "002_" in f["path"])
    assert row["fix"]["replacement"] == "6.属于四类过程性信息"
    assert json.loads(check("--format", "json", str(EXAMPLES / "clean-2023.md"))[1]) == []


def test_junit_parses() -> None:
    code, out, _ = check("--format", "junit", str(SEEDS))
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 5
    # 36 findings; the 7 errors fail (the default failing severity), the 29
    # warnings are reported in their test case's system-out.
    assert int(root.get("failures", "0")) == 7 and len(root.findall(".//testcase/system-out")) == 29
    clean = next(s for s in suites if "001_" in s.get("name", ""))
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 1
    f = root.find(".//testcase/failure")
    assert f is not None and f.get("type") == "error" and f.get("message")
    code, out, _ = check("--format", "junit", "--fail-on", "warning", str(SEEDS))
    assert int(ET.fromstring(out).get("failures", "0")) == 36


ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=GIA\d{3} [a-z0-9-]+::[^\r\n]+$"
)


def test_github_annotations_match_the_documented_format() -> None:
    code, out, _ = check("--format", "github", str(SEEDS))
    lines = out.splitlines()
    assert len(lines) == 36
    for line in lines:
        assert ANNOTATION.match(line), line
    assert "::error file=" in out and "::warning file=" in out


def test_github_escaping() -> None:
    from gialint.model.findings import Finding
    from gialint.output.formatters.github import annotation

    f = Finding("a,b:c.md", 1, 2, 1, 3, "GIA201", "row-label", "label", "info", "50% 不对\n第二行")
    assert annotation(f) == "::notice file=a%2Cb%3Ac.md,line=1,col=2,endLine=1,endColumn=3,title=GIA201 row-label::50%25 不对%0A第二行\n"


def test_text_output_statistics_and_output_file(tmp_path: Path) -> None:
    code, out, _ = check(str(SEEDS))
    assert code == 1
    assert "002_c5ec5838828042f2.txt:63:1: GIA201 [error]" in out
    assert "    6. 属于四类内部事务信息" in out and "^^^^" in out
    code, out, _ = check("--statistics", str(SEEDS))
    assert code == 1 and "GIA201 [error]" not in out  # the table alone, as ruff prints it
    assert re.search(r"^\s+23\s+GIA401\s+blank-cell$", out, re.M)
    assert "发现 36 个问题（7 个错误，29 个警告），涉及 4/5 个文件。" in out
    assert "\033[" not in out  # no colour when not a terminal
    target = tmp_path / "out.json"
    code, out, err = check("--format", "json", "--statistics", "-o", str(target), str(SEEDS))
    assert out == "" and len(json.loads(target.read_text(encoding="utf-8"))) == 36
    assert "GIA401" in err  # statistics go to stderr when the output is machine-readable


def test_unknown_format_is_a_usage_error() -> None:
    code, _, err = check("--format", "xml", str(SEEDS))
    assert code == 2 and "sarif" in err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_output_is_identical_whatever_the_number_of_jobs(fmt: str) -> None:
    paths = [str(SEEDS), str(EXAMPLES), str(FIXTURES / "shapes")]
    one = check("--format", fmt, "--jobs", "1", *paths)
    two = check("--format", fmt, "--jobs", "2", *paths)
    assert one == two
    assert one[0] == 1


def test_text_output_shows_an_excerpt_of_a_very_long_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from gialint.cli import main
    from gialint.output.formatters.text import MAX_SHOWN, width

    from tests.helpers import seed_path

    text = seed_path("004").read_text(encoding="utf-8")
    lines = text.split("\n")
    # The conversion marker of seed 004 (line 6), buried in the middle of a 20,000-character line.
    assert lines[5].startswith("[bookmark: _GoBack]")
    lines[5] = "这" * 10_000 + lines[5] + "那" * 10_000
    report = tmp_path / "long.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "GIA701", "--no-progress", str(report)])
    out = result.output.splitlines()
    at = next(i for i, ln in enumerate(out) if "GIA701" in ln)
    assert out[at].startswith(f"{report}:6:10001: GIA701")
    shown, caret = out[at + 1], out[at + 2]
    assert len(shown) == 4 + 1 + MAX_SHOWN + 1 and shown.startswith("    …这") and shown.endswith("…")
    # The caret sits under the marker: display width counts CJK as two columns.
    prefix = shown[4 : shown.index("[bookmark")]
    assert caret == " " * (4 + width(prefix)) + "^" * len("[bookmark: _GoBack]")
