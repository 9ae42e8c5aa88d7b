"""Bad input, table by table: every class of file, path and rule file gialint
may be handed, and the answer it must give — the finding or message, the exit
status — and never a traceback.  The run always goes on with the other files.

Limits (gialint/config.py, rules/input.yaml GIA003): 5 MB (``--max-bytes``),
100 000 lines (``max-lines``), 100 000 tab and pipe characters (``max-cells``),
10 s to read one file (``read-timeout``), 5 s per rule and file
(``rule-timeout``).  Within them the worst shapes measured take about 3 s and
300 MB; real reports take milliseconds."""

from __future__ import annotations

import codecs
import errno
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gialint.cli import main

from tests.helpers import SHAPES, seed_path

CLEAN = (SHAPES / "clean2023_tab.txt").read_bytes()
CLEAN_TEXT = CLEAN.decode("utf-8")


def check(*args: str | os.PathLike[str]) -> Result:
    return CliRunner().invoke(main, ["check", *map(str, args)])


def findings(result: Result) -> list[dict]:  # type: ignore[type-arg]
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def assert_clean_exit(result: Result) -> None:
    """No traceback, no exception other than the exit itself."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "Traceback" not in (result.stderr or "")


# --- files --------------------------------------------------------------------------


def _random_cjk_lines(size: int) -> bytes:
    rnd = random.Random(6)
    lines, n = [], 0
    while n < size:
        line = "".join(chr(rnd.randint(0x4E00, 0x9FFF)) for _ in range(rnd.randint(1, 60)))
        lines.append(line)
        n += len(line) * 3 + 1
    return "\n".join(lines).encode("utf-8")


def _mixed_encodings() -> bytes:
    head, _, _ = CLEAN_TEXT.partition("二、主动公开")
    return head.encode("utf-8") + CLEAN_TEXT[len(head):].encode("gb18030")


def _tables_only() -> bytes:
    start = CLEAN_TEXT.index("二、主动公开政府信息情况")
    end = CLEAN_TEXT.index("五、存在的主要问题")
    keep = [ln for ln in CLEAN_TEXT[start:end].split("\n") if ln.startswith("\t") or not ln.strip()]
    return "\n".join(keep).encode("utf-8")


def _replace_line(old: str, new: str) -> bytes:
    assert old in CLEAN_TEXT
    return CLEAN_TEXT.replace(old, new, 1).encode("utf-8")


@dataclass
class FileCase:
    id: str
    data: Callable[[], bytes]
    rule: str | None  # the one input finding expected; None: read and linted normally
    message: str = ""  # a fragment of that finding's message
    exit: int = 1
    seconds: float = 10.0  # a generous bound on the whole run (bounded time)
    name: str = "report.txt"
    args: tuple[str, ...] = ()
    slow: bool = False  # seconds of work: out of the inner loop (-m "not slow"), run by .ci/run


FILE_CASES = [
    FileCase("empty", lambda: b"", "GIA002", "文件为空"),
    FileCase("white space only", lambda: " \n\t\r\n\u3000\n".encode(), "GIA002", "文件为空"),
    FileCase("binary", lambda: bytes(range(256)) * 16, "GIA001", "二进制"),
    FileCase("png image", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "GIA001", "二进制"),
    FileCase("a NUL byte in a report", lambda: CLEAN[:500] + b"\x00" + CLEAN[500:], "GIA001", "二进制文件"),
    FileCase("invalid UTF-8, no other codec", lambda: bytes(range(128, 256)) * 4, "GIA001", "无法识别文件编码"),
    FileCase("UTF-8 BOM then invalid bytes", lambda: codecs.BOM_UTF8 + b"\xff\xfe" + CLEAN, "GIA001", "字节序标记"),
    FileCase("CESU-8 surrogate in a UTF-8 report", lambda: b"\xed\xa0\x80" + CLEAN, "GIA001", "第 1 行不是 UTF-8"),
    FileCase("mixed UTF-8 and GB18030", _mixed_encodings, "GIA001", "混用了多种编码"),
    FileCase("GB18030", lambda: CLEAN_TEXT.encode("gb18030"), None, exit=0),
    FileCase("UTF-8 with BOM", lambda: codecs.BOM_UTF8 + CLEAN, None, exit=0),
    FileCase("UTF-16 LE without BOM", lambda: CLEAN_TEXT.encode("utf-16-le"), None, exit=0),
    FileCase("UTF-16 BE without BOM", lambda: CLEAN_TEXT.encode("utf-16-be"), None, exit=0),
    FileCase("UTF-16 with BOM, CRLF", lambda: codecs.BOM_UTF16_LE + CLEAN_TEXT.replace("\n", "\r\n").encode("utf-16-le"), None, exit=0),
    FileCase("UTF-32 with BOM", lambda: codecs.BOM_UTF32_LE + CLEAN_TEXT.encode("utf-32-le"), None, exit=0),
    FileCase(
        "UTF-16 without BOM, Chinese only",  # decoded (not taken for binary), then not a report
        lambda: ("中文内容没有任何字母数字也没有空格只有汉字以及标点。\n" * 40).encode("utf-16-le"),
        "GIA002",
        "不像政府信息公开工作年度报告",
    ),
    FileCase("old Mac CR newlines", lambda: CLEAN_TEXT.replace("\n", "\r").encode(), None, exit=0),
    FileCase("Western text (cp1252)", lambda: "Café — résumé, naïve.\n".encode("cp1252") * 20, "GIA002", "不像"),
    FileCase("a README", lambda: b"# My project\n\nInstall with `pip install foo`.\n\n## Usage\n\nRun it.\n", "GIA002", "不像", name="README.md"),
    FileCase("a recipe", lambda: "番茄炒蛋\n一、准备材料\n鸡蛋3个，番茄2个。\n二、做法\n先炒蛋，再炒番茄。\n".encode(), "GIA002", "不像"),
    FileCase("a report's tables only", _tables_only, None, exit=1),  # structure findings, no input finding
    FileCase("one 1 MB line", lambda: ("很长的一行" * 70_000).encode(), "GIA002", "不像"),
    FileCase("4 MB of one line", lambda: b"a" * 4_000_000, "GIA002", "不像", seconds=20),
    FileCase("4 MB of random Chinese lines", lambda: _random_cjk_lines(4_000_000), "GIA002", "不像", seconds=30, slow=True),
    FileCase("6 MB file (over the 5 MB limit)", lambda: b"x" * (6 * 1024 * 1024), "GIA003", "超过上限"),
    FileCase("over --max-bytes", lambda: CLEAN, "GIA003", "超过上限 1000 字节", args=("--max-bytes", "1000")),
    FileCase("150 000 short lines", lambda: b"x\n" * 150_000, "GIA003", "`max-lines`"),
    FileCase("150 000 table separators", lambda: b"|" * 150_000, "GIA003", "`max-cells`"),
    FileCase("a cell of 5000 digits", lambda: _replace_line("\t行政处罚\n\t8", "\t行政处罚\n\t" + "8" * 5000), None, exit=1),
    FileCase(  # used to backtrack 2**50 times in binding._GLUED
        "label with 50 digits and a letter glued on",
        lambda: _replace_line("\t行政处罚\n", "\t行政处罚" + "1" * 50 + "x\n"),
        None,
        exit=1,
    ),
    FileCase("right-to-left override before the title", lambda: "\u202e".encode() + CLEAN, None, exit=0),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else []) for c in FILE_CASES])
def test_bad_file(case: FileCase, tmp_path: Path) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.data())
    started = time.monotonic()
    result = check("--format", "json", *case.args, path)
    elapsed = time.monotonic() - started
    assert_clean_exit(result)
    assert result.exit_code == case.exit, result.output
    found = findings(result)
    assert not [f for f in found if f["category"] == "internal"], found
    inputs = [f for f in found if f["category"] == "input"]
    if case.rule is None:
        assert inputs == []
    else:
        assert [f["rule"] for f in inputs] == [case.rule]
        assert case.message in inputs[0]["message"]
        assert inputs[0]["path"] == str(path)
        # The finding names the file (its path); the message says why, without repeating it.
        assert case.name not in inputs[0]["message"]
        assert (inputs[0]["line"], inputs[0]["column"]) == (1, 1)
    assert elapsed < case.seconds


@pytest.mark.parametrize("args, rule", [((), "GIA003"), (("--max-bytes", str(60 * 1024 * 1024)), "GIA001")], ids=["default limit", "limit raised"])
def test_50_mb_file(tmp_path: Path, args: tuple[str, ...], rule: str) -> None:
    """Refused by its size without being read; with the limit raised, read
    once (50 MB of NULs: binary) — in bounded time either way."""
    path = tmp_path / "dump.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: nothing written to disk
    started = time.monotonic()
    result = check("--format", "json", *args, path, SHAPES / "clean2023_tab.txt")
    assert time.monotonic() - started < 20
    assert_clean_exit(result)
    assert result.exit_code == 1
    assert [f["rule"] for f in findings(result)] == [rule]


def test_the_run_goes_on_after_every_bad_file(tmp_path: Path) -> None:
    """All the bad files at once, plus two good ones: every file is answered."""
    for i, case in enumerate(c for c in FILE_CASES if c.rule is not None and not c.args and c.seconds <= 10):
        (tmp_path / f"{i:02d}.txt").write_bytes(case.data())
    (tmp_path / "zz_clean.txt").write_bytes(CLEAN)
    (tmp_path / "zz_seed.txt").write_bytes(seed_path("002").read_bytes())
    paths = sorted(tmp_path.iterdir())
    result = check(*paths)
    assert_clean_exit(result)
    assert result.exit_code == 1
    assert f"/{len(paths)} 个文件" in result.output  # the summary counts every file
    result = check("--format", "json", *paths)
    by_path = {f["path"] for f in findings(result)}
    assert by_path == {str(p) for p in paths if p.name != "zz_clean.txt"}


# --- paths --------------------------------------------------------------------------


def test_missing_path_is_reported_and_fails(tmp_path: Path) -> None:
    missing = tmp_path / "no such file.txt"
    result = check("--format", "json", missing, seed_path("001"))
    assert_clean_exit(result)
    assert result.exit_code == 1
    (f,) = findings(result)
    assert (f["rule"], f["path"]) == ("GIA004", str(missing))
    assert "文件不存在" in f["message"]


def test_missing_path_alone_fails_in_text_format(tmp_path: Path) -> None:
    result = check(tmp_path / "gone.md")
    assert_clean_exit(result)
    assert result.exit_code == 1
    assert "gone.md" in result.output and "GIA004" in result.output


def test_missing_path_is_reported_even_when_not_selected(tmp_path: Path) -> None:
    result = check("--select", "GIA301", tmp_path / "gone.md")
    assert_clean_exit(result)
    assert result.exit_code == 1
    assert "GIA004" in result.output and "gone.md" in result.output
    # ... but ignoring it explicitly is respected
    assert check("--select", "GIA301", "--ignore", "GIA004", tmp_path / "gone.md").exit_code == 0


def test_directory_is_walked(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes(CLEAN)
    (tmp_path / "sub" / "b.md").write_bytes(seed_path("002").read_bytes())
    (tmp_path / "sub" / "notes.txt").write_text("just some notes\n", encoding="utf-8")  # skipped: found by walking
    (tmp_path / "sub" / "image.png").write_bytes(b"\x89PNG\x00")  # not matched by include
    result = check("--format", "json", tmp_path)
    assert_clean_exit(result)
    assert result.exit_code == 1
    assert {f["path"] for f in findings(result)} == {str(tmp_path / "sub" / "b.md")}


def test_empty_directory(tmp_path: Path) -> None:
    result = check(tmp_path)
    assert_clean_exit(result)
    assert result.exit_code == 0
    assert "检查了 0 个文件" in result.output


def test_names_with_spaces_and_chinese_characters(tmp_path: Path) -> None:
    folder = tmp_path / "年度 报告"
    folder.mkdir()
    name = folder / "2019年 政府信息公开（草稿）.txt"
    name.write_bytes(seed_path("002").read_bytes())
    clean = folder / "干净 的报告.txt"
    clean.write_bytes(CLEAN)
    result = check("--format", "json", name, clean)
    assert_clean_exit(result)
    assert result.exit_code == 1
    assert {f["path"] for f in findings(result)} == {str(name)}
    text = check(folder)
    assert f"{name}:" in text.output and "1/2 个文件" in text.output


needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX symlinks")


@needs_symlinks
def test_symlink_to_itself(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    os.symlink(loop.name, loop)
    result = check("--format", "json", loop)
    assert_clean_exit(result)
    assert result.exit_code == 1
    (f,) = findings(result)
    assert f["rule"] == "GIA004" and "符号链接循环" in f["message"]


@needs_symlinks
def test_symlinks_in_a_cycle(tmp_path: Path) -> None:
    os.symlink("b.txt", tmp_path / "a.txt")
    os.symlink("a.txt", tmp_path / "b.txt")
    result = check("--format", "json", tmp_path / "a.txt", tmp_path)
    assert_clean_exit(result)
    assert {f["rule"] for f in findings(result)} == {"GIA004"}
    assert {f["path"] for f in findings(result)} == {str(tmp_path / "a.txt"), str(tmp_path / "b.txt")}


@needs_symlinks
def test_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    os.symlink("nowhere.txt", link)
    result = check("--format", "json", link)
    assert_clean_exit(result)
    (f,) = findings(result)
    assert f["rule"] == "GIA004" and "文件不存在" in f["message"]


@needs_symlinks
def test_directory_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "r.txt").write_bytes(seed_path("002").read_bytes())
    os.symlink("..", tmp_path / "d" / "sub" / "up")  # d/sub/up -> d
    os.symlink(".", tmp_path / "d" / "self")  # d/self -> d
    started = time.monotonic()
    result = check("--format", "json", tmp_path / "d")
    assert time.monotonic() - started < 10
    assert_clean_exit(result)
    paths = {f["path"] for f in findings(result)}
    assert paths == {str(tmp_path / "d" / "r.txt")}


@needs_symlinks
def test_symlink_to_a_good_file_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(CLEAN)
    os.symlink("real.txt", tmp_path / "link.txt")
    result = check(tmp_path / "link.txt")
    assert_clean_exit(result)
    assert result.exit_code == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = check("--format", "json", fifo)  # would block forever if opened for reading
    assert_clean_exit(result)
    (f,) = findings(result)
    assert f["rule"] == "GIA004" and "不是普通文件" in f["message"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a character device")
def test_device_is_refused_without_reading_forever() -> None:
    result = check("--format", "json", "/dev/zero")
    assert_clean_exit(result)
    (f,) = findings(result)
    assert f["rule"] == "GIA004" and "不是普通文件" in f["message"]


def _deny(monkeypatch: pytest.MonkeyPatch, target: Path, err: int) -> None:
    """Make opening ``target`` fail with ``err`` (tests run as root, where
    chmod 000 does not stop a read)."""
    import gialint.load.files as files

    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(target):
            raise OSError(err, os.strerror(err), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", fake_open)


def test_unreadable_file_emulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(CLEAN)
    other = tmp_path / "other.txt"
    other.write_bytes(seed_path("002").read_bytes())
    _deny(monkeypatch, secret, errno.EACCES)
    result = check("--format", "json", secret, other)
    assert_clean_exit(result)
    assert result.exit_code == 1
    got = {f["path"]: f for f in findings(result) if f["category"] == "input"}
    assert got[str(secret)]["rule"] == "GIA004" and "没有读取权限" in got[str(secret)]["message"]
    assert any(f["path"] == str(other) for f in findings(result))  # the run went on


def test_io_error_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad sector.txt"
    bad.write_bytes(CLEAN)
    _deny(monkeypatch, bad, errno.EIO)
    result = check("--format", "json", bad)
    assert_clean_exit(result)
    (f,) = findings(result)
    assert f["rule"] == "GIA004" and "无法读取文件" in f["message"]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="chmod 000 does not stop root")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(CLEAN)
    secret.chmod(0)
    try:
        result = check("--format", "json", secret)
    finally:
        secret.chmod(0o644)
    (f,) = findings(result)
    assert f["rule"] == "GIA004" and "没有读取权限" in f["message"]


def test_file_grown_past_the_limit_after_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size is checked on what is read, not only on what stat said."""
    import gialint.load.files as files

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    class Small:
        def __init__(self, st: os.stat_result) -> None:
            self._st = st
            self.st_size = 10

        def __getattr__(self, name: str) -> object:
            return getattr(self._st, name)

    monkeypatch.setattr(files.os, "fstat", lambda fd: Small(real_fstat(fd)))
    result = check("--format", "json", "--max-bytes", "1000", path)
    (f,) = findings(result)
    assert f["rule"] == "GIA003"


# --- rule files ---------------------------------------------------------------------

_EQ = """\
rules:
  - code: XX101
    name: my-rule
    category: arithmetic
    severity: error
    kind: equation
    table: applications
    for_each: column
    summary: test
    assert: {assert_}
"""


def _bomb(levels: int, width: int) -> str:
    text = 'a0: &a0 ["lol"]\n'
    for i in range(1, levels):
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]\n"
    return text


@dataclass
class RuleCase:
    id: str
    text: str | bytes
    expect: tuple[str, ...]  # fragments of the message, "{f}" is the file name


RULE_CASES = [
    RuleCase(
        "a section written as a numeral",
        "rules:\n  - code: XX101\n    name: my-rule\n    category: structure\n    severity: warning\n    kind: requires\n"
        "    summary: test\n    section: 六\n    any: [收费]\n",
        ("{f}:2", "选项 'section' 的值 '六' 类型不对，应为整数（写阿拉伯数字 6，不写“六”）"),
    ),
    RuleCase("YAML syntax error", "rules:\n  - code: XX101\n    name: [unclosed\n", ("{f}:4", "YAML 语法错误")),
    RuleCase("tab indentation", "rules:\n\t- code: XX101\n", ("{f}:2", "YAML 语法错误")),
    RuleCase("duplicate key", "rules:\n  - code: XX101\n    code: XX102\n", ("{f}:3", "键 'code' 重复出现")),
    RuleCase("duplicate code with a shipped rule", _EQ.format(assert_="new == new").replace("XX101", "GIA301"), ("{f}:2", "GIA301", "重复", "rules/arithmetic.yaml:3")),
    RuleCase(
        "duplicate code in the same file",
        _EQ.format(assert_="new == new") + _EQ.format(assert_="new == new").split("\n", 1)[1].replace("my-rule", "other-rule"),
        ("{f}:11", "XX101", "重复", "{f}:2"),
    ),
    RuleCase("duplicate name", _EQ.format(assert_="new == new").replace("my-rule", "row-total"), ("{f}:2", "row-total", "重复")),
    RuleCase("unknown kind", _EQ.format(assert_="x").replace("kind: equation", "kind: equasion"), ("{f}:2", "未知的 kind 'equasion'", "equation")),
    RuleCase("unknown option", _EQ.format(assert_="new == new") + "    colour: red\n", ("{f}:2", "没有选项 'colour'")),
    RuleCase("option of the wrong type", _EQ.format(assert_="new == new") + "    columns: total\n", ("{f}:2", "'columns'", "类型不对")),
    RuleCase("unknown category", _EQ.format(assert_="new == new").replace("arithmetic", "arithmatic"), ("{f}:2", "未知类别", "arithmetic")),
    RuleCase("bad code", _EQ.format(assert_="new == new").replace("XX101", "x1"), ("{f}:2", "格式不对")),
    RuleCase("missing field", "rules:\n  - code: XX101\n    name: a-b\n", ("{f}:2", "规则缺少字段")),
    RuleCase("rule is not a mapping", "rules:\n  - just a string\n", ("{f}", "每条规则应为一个映射")),
    RuleCase("pack is a scalar", "hello\n", ("{f}", "规则包应为规则列表")),
    RuleCase("unknown top-level key", "rulez: []\n", ("{f}:1", "未知字段 'rulez'", "rules")),
    RuleCase("expression syntax error", _EQ.format(assert_="new + == total"), ("{f}:2", "assert 表达式有误")),
    RuleCase("division by a literal zero", _EQ.format(assert_="new / 0 == 1"), ("{f}:2", "除数为常数 0")),
    RuleCase("division by a parenthesised zero", _EQ.format(assert_="new / (-0.0) == 1"), ("{f}:2", "除数为常数 0")),
    RuleCase("reference to a missing cell", _EQ.format(assert_="new == no_such_row"), ("{f}:2", "'no_such_row'", "不是表格 applications 的行")),
    RuleCase("unknown table", _EQ.format(assert_="new == new").replace("table: applications", "table: aplications"), ("{f}:2", "没有表格", "applications")),
    RuleCase(
        "bad regular expression",
        "rules:\n  - code: XX101\n    name: a-b\n    category: wording\n    severity: error\n    kind: pattern\n    summary: s\n    patterns:\n      '(unclosed': null\n",
        ("{f}:2", "正则表达式", "有误"),
    ),
    RuleCase("YAML bomb (2**60 nodes through 120 aliases)", _bomb(60, 2), ("{f}:", "YAML 炸弹")),
    RuleCase("YAML bomb (billion laughs)", _bomb(9, 9), ("{f}:", "YAML 炸弹")),
    RuleCase("too many aliases", "a: &a 1\nb: [" + ", ".join(["*a"] * 300) + "]\n", ("{f}:2", "别名", "YAML 炸弹")),
    RuleCase("recursive alias", "rules: &r [*r]\n", ("{f}:1", "recursive")),
    RuleCase("deep nesting", "[" * 5000 + "]" * 5000, ("{f}:1", "嵌套过深")),
    RuleCase("python tag (code execution)", "rules: !!python/object/apply:os.system ['touch {marker}']\n", ("{f}:1", "constructor")),
    RuleCase("not UTF-8", b"rules:\n  - code: \xff\xfe\n", ("{f}:2", "不是 UTF-8")),
]


@pytest.mark.parametrize("case", RULE_CASES, ids=[c.id for c in RULE_CASES])
def test_bad_rule_file(case: RuleCase, tmp_path: Path) -> None:
    pack = tmp_path / "my rules.yaml"
    marker = tmp_path / "pwned"
    text = case.text if isinstance(case.text, bytes) else case.text.replace("{marker}", str(marker)).encode("utf-8")
    pack.write_bytes(text)
    started = time.monotonic()
    result = check("--rules", pack, seed_path("002"))
    assert time.monotonic() - started < 10
    assert_clean_exit(result)
    assert result.exit_code == 2, result.output
    message = result.stderr
    assert message.startswith("gialint: "), message
    for fragment in case.expect:
        assert fragment.replace("{f}", str(pack)) in message, message
    assert result.stdout == ""  # nothing was checked
    assert not marker.exists()  # YAML is only ever loaded safely


def test_missing_rule_file(tmp_path: Path) -> None:
    result = check("--rules", tmp_path / "nope.yaml", seed_path("002"))
    assert_clean_exit(result)
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.yaml'}: 无法读取文件：文件不存在" in result.stderr


def test_rule_file_that_is_a_directory(tmp_path: Path) -> None:
    result = check("--rules", tmp_path, seed_path("002"))
    assert_clean_exit(result)
    assert result.exit_code == 2
    assert "is a directory" in result.output + result.stderr


def test_empty_rule_file_is_an_empty_pack(tmp_path: Path) -> None:
    pack = tmp_path / "empty.yaml"
    pack.write_text("", encoding="utf-8")
    result = check("--rules", pack, SHAPES / "clean2023_tab.txt")
    assert_clean_exit(result)
    assert result.exit_code == 0


def test_division_by_a_zero_cell_is_an_internal_finding_naming_the_rule(tmp_path: Path) -> None:
    """Only known when a report is read: the rule is reported as failed on
    that file (GIA009, with its file and line), the other rules still run."""
    pack = tmp_path / "ratio.yaml"
    pack.write_text(_EQ.format(assert_="new / carried_over >= 0"), encoding="utf-8")
    result = check("--format", "json", "--rules", pack, SHAPES / "clean2023_tab.txt", seed_path("002"))
    assert_clean_exit(result)
    assert result.exit_code == 1
    found = findings(result)
    crashed = [f for f in found if f["rule"] == "GIA009"]
    assert crashed and all(f"XX101（my-rule，来自 `{pack}` 第 2 行）" in f["message"] and "除数" in f["message"] for f in crashed)
    assert {"GIA201", "GIA202", "GIA702"} <= {f["rule"] for f in found}  # the other rules' findings


def test_bad_select_is_a_usage_error() -> None:
    result = check("--select", "GIA3O1", seed_path("002"))
    assert_clean_exit(result)
    assert result.exit_code == 2
    assert "GIA3O1" in result.stderr


def test_unknown_format_is_a_usage_error() -> None:
    result = check("--format", "xml", seed_path("002"))
    assert_clean_exit(result)
    assert result.exit_code == 2
