"""Diagnostics say what ``gialint check`` says: the same findings, codes,
severities, messages and positions; nothing for files that are not reports;
a broken configuration is a diagnostic on the configuration file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gialint.server.text import UTF16, UTF32
from tests.helpers import EXAMPLES, SEED


def check_json(path: Path) -> list[dict]:  # type: ignore[type-arg]
    p = subprocess.run([sys.executable, "-m", "gialint", "check", "--no-cache", "--format", "json", str(path)],
                       capture_output=True, text=True, cwd=path.parent)
    assert p.returncode in (0, 1), p.stderr
    doc = json.loads(p.stdout)
    return doc if isinstance(doc, list) else doc["findings"]


@pytest.mark.parametrize("name", sorted(SEED) + ["clean-2023.md", "guyuan-2019.txt", "tongguan-2023.txt"])
def test_the_same_findings_as_check(harness, name: str) -> None:  # type: ignore[no-untyped-def]
    src = SEED[name] if name in SEED else EXAMPLES / name
    doc = harness.open(src.name, src.read_text(encoding="utf-8"))
    result = harness.check(doc)
    expected = check_json(harness.root / src.name)
    got = [(d.code, d.severity.name.lower().replace("information", "info"), d.message, d.range.start.line + 1, d.range.start.character + 1,
            d.range.end.line + 1, d.range.end.character + 1) for d in result.diagnostics]
    want = [(f["rule"], f["severity"], f["message"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in expected]
    if any(not ch.isascii() and ord(ch) > 0xFFFF for ch in doc.text):
        pytest.skip("astral characters: UTF-16 columns differ from gialint's by design")
    assert got == want
    if got:
        assert harness.server.published[-1].uri == doc.uri and harness.server.published[-1].version == 1
    else:  # nothing to say: nothing published
        assert harness.server.published == []


def test_columns_in_the_clients_encoding(harness) -> None:  # type: ignore[no-untyped-def]
    text = SEED["002"].read_text(encoding="utf-8").replace("本列数据的钩稽", "本列𠀀数据的钩稽", 1)
    doc = harness.open("r.txt", text)
    utf16 = {d.code: d.range for d in harness.check(doc).diagnostics}["GIA702"]
    harness.session.encoding = UTF32
    harness.session.results.clear()
    utf32 = {d.code: d.range for d in harness.check(doc).diagnostics}["GIA702"]
    line = doc.line(utf32.start.line)
    assert line[utf32.start.character:utf32.end.character] == "钩稽"
    assert (utf16.start.character, utf16.end.character) == (utf32.start.character + 1, utf32.end.character + 1)
    assert harness.session.encoding == UTF32 and UTF16 != UTF32


def test_the_code_links_to_the_rules_explanation(harness) -> None:  # type: ignore[no-untyped-def]
    doc = harness.open("r.txt", SEED["002"].read_text(encoding="utf-8"))
    diag = next(d for d in harness.check(doc).diagnostics if d.code == "GIA702")
    page = Path(diag.code_description.href.removeprefix("file://"))
    text = page.read_text(encoding="utf-8")
    assert "GIA702" in text and "勾稽" in text
    harness.session.close()
    assert not page.exists()  # removed with the server's directory


@pytest.mark.parametrize(("name", "text"), [
    ("README.md", "# 项目说明\n\n这是一个普通的说明文件，不是年度报告。\n"),
    ("notes.txt", ""),
    ("report.yaml", "不是报告扩展名"),
])
def test_files_that_are_not_reports_get_nothing(harness, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = harness.open(name, text)
    result = harness.check(doc)
    assert result.diagnostics == [] and result.skipped is (name == "report.yaml")
    assert all(p.diagnostics == [] for p in harness.server.published)
    assert name != "report.yaml" or harness.server.published == []


def test_bad_input_in_the_editor_is_a_finding_not_a_failure(harness) -> None:  # type: ignore[no-untyped-def]
    binary = harness.check(harness.open("bin.txt", "PK\x03\x04\x00\x00报告"))
    assert [d.code for d in binary.diagnostics] == ["GIA001"]
    surrogate = harness.check(harness.open("s.txt", "一、总体情况\ud800"))
    assert [d.code for d in surrogate.diagnostics] == ["GIA001"] and "U+D800" in surrogate.diagnostics[0].message
    big = harness.check(harness.open("big.txt", "政" * (2 * 1024 * 1024)))
    assert [d.code for d in big.diagnostics] == ["GIA003"] and "5242880" in big.diagnostics[0].message


def test_a_broken_configuration_is_shown_on_the_configuration_file(harness) -> None:  # type: ignore[no-untyped-def]
    (harness.root / ".gialint.yaml").write_text("select: [all]\nignroe: [GIA702]\n", encoding="utf-8")
    doc = harness.open("r.txt", SEED["002"].read_text(encoding="utf-8"))
    result = harness.check(doc)
    assert result.problem is not None and result.checked.linter is None
    assert len(result.diagnostics) == 1 and "配置有误" in result.diagnostics[0].message
    config_uri = (harness.root / ".gialint.yaml").as_uri()
    on_config = [p for p in harness.server.published if p.uri == config_uri]
    assert on_config and on_config[-1].diagnostics[0].range.start.line == 1  # line 2 of the file
    assert "ignroe" in on_config[-1].diagnostics[0].message and "ignore" in on_config[-1].diagnostics[0].message
    # Fixed and reloaded: the configuration's diagnostics are cleared, the report is checked with it.
    (harness.root / ".gialint.yaml").write_text("ignore: [GIA702]\n", encoding="utf-8")
    harness.session.ws.reload()
    harness.session.results.clear()
    codes = {d.code for d in harness.check(doc).diagnostics}
    assert "GIA702" not in codes and "GIA201" in codes
