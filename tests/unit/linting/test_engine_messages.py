"""The engine's own messages — unreadable input, failing rules and plugins,
suppression comments — are plain Chinese like the rules' (issue 18): no
English outside codes, names and quoted text (the check of
tests/unit/rules/test_rule_messages.py), no repetition of the file name the
finding already carries, settings spelt as in the configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from gialint.config.model import Config
from gialint.linting.engine import Linter
from gialint.load.decode import from_text
from gialint.model.findings import Finding
from gialint.testing import base_text
from tests.helpers import shared_ruleset
from tests.unit.rules.test_rule_messages import INVISIBLE, english_words

REPORT = base_text("clean2023")


def _one(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def _plain(f: Finding, name: str) -> None:
    assert english_words(f.message) == [], f.message
    assert not INVISIBLE.search(f.message), repr(f.message)
    assert name not in f.message, f"the finding carries the path; the message need not repeat it: {f.message}"


INPUTS = {
    # file name → (bytes, config, rule, fragment)
    "empty.txt": (b"", {}, "GIA002", "文件为空"),
    "binary.txt": (b"\x00\x01\x02" * 100, {}, "GIA001", "二进制文件"),
    "utf16-bom.txt": (b"\xff\xfe" + b"\x00\xd8", {}, "GIA001", "UTF-16-LE 字节序标记"),
    "mixed.txt": ("一、总体情况\n".encode() + "二、主动公开\n".encode("gb18030") * 3, {}, "GIA001", "混用了多种编码"),
    "large.txt": (REPORT.encode(), {"max_bytes": 100}, "GIA003", "`--max-bytes`"),
    "lines.txt": (b"x\n" * 60, {"max_lines": 50}, "GIA003", "`max-lines`"),
    "cells.txt": (b"|" * 60, {"max_cells": 50}, "GIA003", "`max-cells`"),
    "notice.txt": ("关于做好防汛工作的通知\n\n各单位：请做好准备。\n".encode(), {}, "GIA002", "不像政府信息公开工作年度报告"),
}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_input_findings_are_plain_chinese(name: str, tmp_path: Path) -> None:
    data, config, rule, fragment = INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    f = _one(Linter(shared_ruleset(), Config(**config)).lint_path(path))  # type: ignore[arg-type]
    assert f.rule == rule and fragment in f.message, f.message
    _plain(f, name)


def test_unreadable_paths_are_plain_chinese(tmp_path: Path) -> None:
    linter = Linter(shared_ruleset(), Config())
    missing = _one(linter.lint_path(tmp_path / "missing.txt"))
    assert missing.rule == "GIA004" and missing.message == "无法读取文件：文件不存在"
    folder = _one(linter.lint_path(tmp_path))
    assert folder.rule == "GIA004" and "是目录" in folder.message
    for f in (missing, folder):
        _plain(f, "missing.txt")


def test_an_unusual_os_error_quotes_the_system_words() -> None:
    from gialint.load.files import os_reason

    assert os_reason(PermissionError(13, "Permission denied")) == "没有读取权限"
    assert os_reason(PermissionError(13, "Permission denied"), "写入") == "没有写入权限"
    odd = os_reason(OSError(999, "Something odd"))
    assert odd == "系统报告“Something odd”" and english_words(odd) == []


def test_failing_plugin_checks_are_plain_chinese() -> None:
    def raises(report):  # type: ignore[no-untyped-def]
        raise KeyError("no such table")

    def garbage(report):  # type: ignore[no-untyped-def]
        return ["not a finding"]

    for check, fragment in ((raises, "`KeyError: 'no such table'`"), (garbage, "返回了无效的结果：`'not a finding'`")):
        linter = Linter(shared_ruleset(), Config(), extra_checks=[("myplugin", check)])
        (f,) = [f for f in linter.lint_source(from_text(REPORT, "r.md")) if f.rule == "GIA009"]
        assert "插件“myplugin”" in f.message and fragment in f.message, f.message
        _plain(f, "r.md")


def test_suppression_messages_are_plain_chinese() -> None:
    row = "\t\t6.属于四类过程性信息\t"
    for comment, fragment in (
        ("<!-- gialint-disable-next-line GIA2O1 -->", "引用了未知的规则“GIA2O1”（是否应为“GIA201”？）"),
        ("<!-- gialint-disable-next-line soft -->", "没有屏蔽任何问题（“soft”），可删除"),
        ("<!-- gialint-disable-next-line -->", "没有屏蔽任何问题，可删除"),
    ):
        text = REPORT.replace(row, f"{comment}\n{row}", 1)
        found = [f for f in Linter(shared_ruleset(), Config(select=["all"])).lint_source(from_text(text, "r.md")) if f.rule in ("GIA010", "GIA011")]
        assert any(fragment in f.message for f in found), [f.message for f in found]
        for f in found:
            _plain(f, "r.md")


def test_an_editor_buffer_that_cannot_be_read_is_plain_chinese() -> None:
    large = _one(Linter(shared_ruleset(), Config(max_bytes=100)).load_text(REPORT, "buffer.md"))  # type: ignore[arg-type]
    surrogate = _one(Linter(shared_ruleset(), Config()).load_text("一、总体情况\ud800\n", "buffer.md"))  # type: ignore[arg-type]
    assert large.rule == "GIA003" and "`max-bytes`" in large.message
    assert surrogate.rule == "GIA001" and "[U+D800]" in surrogate.message
    for f in (large, surrogate):
        _plain(f, "buffer.md")
