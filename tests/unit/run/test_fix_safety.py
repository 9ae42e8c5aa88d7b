"""``--fix`` never loses a byte: the write is atomic (a temporary file in the
same directory, then a rename), keeps permissions, encoding, BOM and
newlines; a crash at any point leaves the original intact; a file changed on
disk between check and fix is not overwritten.

The API these tests assume (``gialint/fix.py``, built for issue 5):

* ``gialint.linting.fix.fix_source(linter, source) -> outcome`` with ``outcome.source`` (the
  fixed :class:`~gialint.source.Source`, its ``raw`` bytes what is written),
  ``outcome.changed`` and ``outcome.fixed`` (the number of fixes);
* ``gialint.run.write.atomic_write(path, data: bytes, expected: bytes)``: replace ``path``'s
  content with ``data`` unless it no longer holds ``expected``, raising
  ``FixError`` then;
* ``gialint check --fix PATHS``.

"""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.linting import fix  # noqa: E402
from gialint.run import write  # noqa: E402

from gialint.cli import main  # noqa: E402
from gialint.load.decode import from_bytes  # noqa: E402

from tests.helpers import seed_path  # noqa: E402
from tests.helpers import default_linter

SEED = seed_path("002").read_text(encoding="utf-8")  # certain fixes: row and column labels, 钩稽 → 勾稽

STYLES = {
    "utf-8 LF": (b"", "utf-8", "\n"),
    "utf-8 BOM CRLF": (codecs.BOM_UTF8, "utf-8", "\r\n"),
    "gb18030 CRLF": (b"", "gb18030", "\r\n"),
    "gb18030 CR": (b"", "gb18030", "\r"),
    "utf-16 BOM LF": (codecs.BOM_UTF16_LE, "utf-16-le", "\n"),
    "utf-16-be BOM CRLF": (codecs.BOM_UTF16_BE, "utf-16-be", "\r\n"),
}


def _saved(style: str) -> bytes:
    bom, codec, newline = STYLES[style]
    return bom + SEED.replace("\n", newline).encode(codec)


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def _has_check_fix() -> bool:
    from gialint.cli.check import check

    return any(p.name == "fix" for p in check.params)


needs_check_fix = pytest.mark.skipif(not _has_check_fix(), reason="gialint check --fix is not on this branch yet")


# --- what a fix changes, and what it keeps -------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_fix_keeps_encoding_bom_and_newlines(style: str) -> None:
    bom, codec, newline = STYLES[style]
    data = _saved(style)
    outcome = fix.fix_source(default_linter(), from_bytes(data, "002.txt"))
    assert outcome.changed and outcome.fixed >= 3
    new = outcome.source.raw
    assert new.startswith(bom)
    body = new[len(bom):].decode(codec)  # still that encoding
    assert body.count(newline) == data[len(bom):].decode(codec).count(newline)  # no line added or lost
    if newline != "\r\n":
        assert "\r\n" not in body
    before = SEED.split("\n")
    after = body.replace(newline, "\n").split("\n")
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert 1 <= len(changed) <= outcome.fixed  # only the fixed lines differ
    assert "勾稽" in body and "钩稽" not in body


@pytest.mark.parametrize("style", STYLES)
def test_written_file_has_the_fixed_bytes_and_its_mode(style: str, tmp_path: Path) -> None:
    path = tmp_path / "报告 2019.txt"
    data = _saved(style)
    path.write_bytes(data)
    path.chmod(0o640)
    outcome = fix.fix_source(default_linter(), from_bytes(data, str(path)))
    write.atomic_write(str(path), outcome.source.raw, data)
    assert path.read_bytes() == outcome.source.raw
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _leftovers(tmp_path, {path.name}) == []


# --- crashes during the write -----------------------------------------------------------


@pytest.mark.parametrize(
    "where, error",
    [
        ("replace", OSError(28, "No space left on device")),
        ("replace", KeyboardInterrupt()),
        ("fsync", OSError(5, "Input/output error")),
        ("chmod", PermissionError(1, "Operation not permitted")),
    ],
    ids=["rename fails", "interrupted at the rename", "fsync fails", "chmod fails"],
)
def test_crash_during_the_write_leaves_the_original_intact(where: str, error: BaseException, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.txt"
    data = _saved("gb18030 CRLF")
    path.write_bytes(data)
    outcome = fix.fix_source(default_linter(), from_bytes(data, str(path)))

    def crash(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(write.os, where, crash)
    with pytest.raises(type(error)):
        write.atomic_write(str(path), outcome.source.raw, data)
    monkeypatch.undo()
    assert path.read_bytes() == data
    assert _leftovers(tmp_path, {path.name}) == []  # the temporary file is removed


def test_file_changed_on_disk_between_check_and_fix_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    data = _saved("utf-8 LF")
    path.write_bytes(data)
    outcome = fix.fix_source(default_linter(), from_bytes(data, str(path)))
    edited = data + "（作者刚刚加的一行）\n".encode()
    path.write_bytes(edited)  # someone saved the file meanwhile
    with pytest.raises(write.FixError):
        write.atomic_write(str(path), outcome.source.raw, data)
    assert path.read_bytes() == edited
    assert _leftovers(tmp_path, {path.name}) == []


def test_file_deleted_between_check_and_fix_is_not_recreated(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    data = _saved("utf-8 LF")
    outcome = fix.fix_source(default_linter(), from_bytes(data, str(path)))
    with pytest.raises(write.FixError):
        write.atomic_write(str(path), outcome.source.raw, data)
    assert not path.exists()
    assert _leftovers(tmp_path, set()) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX symlinks")
def test_fix_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    link = tmp_path / "link.txt"
    data = _saved("utf-8 LF")
    real.write_bytes(data)
    os.symlink(real.name, link)
    outcome = fix.fix_source(default_linter(), from_bytes(data, str(link)))
    write.atomic_write(str(link), outcome.source.raw, data)
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_bytes() == outcome.source.raw


# --- through the command line -------------------------------------------------------------


@needs_check_fix
def test_check_fix_when_the_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.txt"
    data = _saved("utf-8 BOM CRLF")
    path.write_bytes(data)

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "replace", full)
    result = CliRunner().invoke(main, ["check", "--fix", str(path)])
    assert "Traceback" not in result.output + (result.stderr or "")
    assert result.exit_code != 0
    assert path.read_bytes() == data
    assert _leftovers(tmp_path, {path.name}) == []


@needs_check_fix
def test_check_fix_does_not_overwrite_a_file_edited_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.txt"
    data = _saved("utf-8 LF")
    path.write_bytes(data)
    edited = data + "（作者刚刚加的一行）\n".encode()
    real_fix_source = fix.fix_source

    def edit_while_fixing(*args, **kwargs):  # type: ignore[no-untyped-def]
        outcome = real_fix_source(*args, **kwargs)
        path.write_bytes(edited)
        return outcome

    monkeypatch.setattr(fix, "fix_source", edit_while_fixing)
    result = CliRunner().invoke(main, ["check", "--fix", str(path)])
    assert "Traceback" not in result.output + (result.stderr or "")
    assert result.exit_code != 0
    assert path.read_bytes() == edited
    assert "修改" in result.output + (result.stderr or "")


@needs_check_fix
@pytest.mark.parametrize("moment", ["before the rename", "after the rename"])
def test_hard_crash_during_check_fix(moment: str, tmp_path: Path) -> None:
    """The process dies (no cleanup, no exception handler) in the middle of
    ``--fix``: the file holds either all of the old bytes or all of the new."""
    path = tmp_path / "report.txt"
    data = _saved("gb18030 CRLF")
    path.write_bytes(data)
    expected_new = fix.fix_source(default_linter(), from_bytes(data, str(path))).source.raw
    die_before = moment == "before the rename"
    program = textwrap.dedent(
        f"""
        import os, sys
        real_replace = os.replace
        def dying_replace(src, dst, *a, **k):
            if os.path.basename(str(dst)) != os.path.basename(sys.argv[1]):
                return real_replace(src, dst, *a, **k)  # the cache's own writes
            if {not die_before!r}:
                real_replace(src, dst, *a, **k)
            os._exit(70)
        os.replace = dying_replace
        from gialint.cli import main
        main(["check", "--fix", sys.argv[1]])
        """
    )
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", program, str(path)], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 70, proc.stderr.decode(errors="replace")
    assert path.read_bytes() == (data if die_before else expected_new)
    # A hard crash cannot remove its temporary file, but it is a hidden file
    # beside the report, never the report itself.
    for name in _leftovers(tmp_path, {path.name}):
        assert name.startswith(f".{path.name}.")
