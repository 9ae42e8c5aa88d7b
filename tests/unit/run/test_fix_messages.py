"""When ``--fix`` cannot write a file, it says so once, in Chinese, naming
the reason and that the file is unchanged (issue 18: the message used to
repeat itself, and an OS error came through in English)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from gialint.run import write
from tests.helpers import seed_path
from tests.unit.rules.test_rule_messages import english_words


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(13, "Permission denied", "/somewhere/.r.txt.x.gialint-tmp"), "没有写入权限"),
        (OSError(28, "No space left on device"), "磁盘空间不足"),
        (write.FixError("文件在检查期间被修改（可能另一个 gialint 或编辑器写入了它）"), "文件在检查期间被修改"),
    ],
)
def test_a_fix_that_cannot_be_written_says_why_once(error: Exception, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes(seed_path("002").read_bytes())
    original = report.read_bytes()

    def fails(path, data, expected):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(write, "atomic_write", fails)
    res = CliRunner().invoke(main, ["check", "--isolated", "--no-plugins", "--fix", str(report)])
    assert report.read_bytes() == original
    (line,) = [ln for ln in res.output.split("\n") if "未写入修复" in ln]
    assert line == f"gialint: {report}: 未写入修复：{line.split('未写入修复：', 1)[1]}"
    said = line.split(f"{report}: ", 1)[1]
    assert said.count("未写入修复") == 1 and said.count("文件保持原样") == 1, said
    assert reason in said and english_words(said) == [], said
