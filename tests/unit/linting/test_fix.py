"""``--fix`` and ``--diff``: certain fixes only, bytes outside the fixed spans
unchanged in every encoding and newline style, idempotent, atomic."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from gialint.run.write import FixError, atomic_write
from gialint.linting.fix import applicable, fix_source
from gialint.load.decode import from_bytes
from gialint.load.loader import read

from tests.helpers import SEED, seed_path
from tests.helpers import ROOT as _ROOT
from tests.helpers import default_linter


VARIANTS = {
    "as-is": lambda t: t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "utf-8-bom-crlf": lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
    "gb18030-crlf": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
}


def check(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["check", "--no-progress", *args])
    return res.exit_code, res.output


def _lines(raw: bytes) -> tuple[bytes, list[str], str]:
    src = from_bytes(raw)
    body = raw[len(src.bom):].decode(src.encoding)
    return src.bom, body.split(src.newline), src.encoding


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("seed", sorted(SEED))
def test_fix_touches_only_the_fixed_spans_and_is_idempotent(tmp_path: Path, seed: str, variant: str) -> None:
    text = seed_path(seed).read_text(encoding="utf-8")
    original = VARIANTS[variant](text)
    path = tmp_path / f"{seed}.txt"
    path.write_bytes(original)
    before = default_linter().lint_source(read(path))
    fixes = {f.fix.span.line: f for f in before if f.fix is not None and applicable(f)}  # type: ignore[union-attr]

    code, out = check("--fix", str(path))
    fixed = path.read_bytes()
    bom0, old, enc0 = _lines(original)
    bom1, new, enc1 = _lines(fixed)
    assert (bom1, enc1 if fixed != original else enc0) == (bom0, enc0)
    assert len(new) == len(old)
    for i, (a, b) in enumerate(zip(old, new), 1):
        if i not in fixes:
            assert a == b, f"line {i} changed"
        else:
            # Every fix of the line applied inside its own span, nothing else.
            spans = sorted((f.fix.span.column, f.fix.span.end_column, f.fix.replacement) for f in before if f.fix is not None and applicable(f) and f.fix.span.line == i)  # type: ignore[union-attr]
            expect, pos = [], 1
            for col, end, repl in spans:
                expect.append(a[pos - 1:col - 1] + repl)
                pos = end
            expect.append(a[pos - 1:])
            assert b == "".join(expect)
    # Unchanged lines are unchanged bytes (the codecs are bijective), newline and BOM kept.
    assert fixed.startswith(bom0)
    assert fixed == bom0 + from_bytes(original).newline.join(new).encode(enc0)
    assert (fixed != original) == bool(fixes)
    if fixes:
        assert f"已自动修复 {len(fixes) if seed != '002' else 4} 处" in out

    code2, out2 = check("--fix", str(path))
    assert path.read_bytes() == fixed  # a second run changes nothing
    assert "已自动修复" not in out2
    assert code2 == code


def test_seed_002_after_fix_is_clean_and_row_6_official(tmp_path: Path) -> None:
    path = tmp_path / "002.txt"
    path.write_bytes(seed_path("002").read_bytes())
    code, out = check("--fix", str(path))
    assert code == 0, out
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[62] == "6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0\t\t"
    assert lines[26] == "二、主动公开政府信息情况"
    assert "本年新制作数量" in lines[29] and "勾稽" in lines[50]


def test_diff_shows_fixes_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "002.txt"
    path.write_bytes(seed_path("002").read_bytes())
    code, out = check("--diff", str(path))
    assert code == 1
    assert path.read_bytes() == seed_path("002").read_bytes()
    assert "-6. 属于四类内部事务信息" in out and "+6.属于四类过程性信息" in out
    assert out.count("\n-") == 4 and out.count("\n+") == 4 + 1  # four lines, plus the +++ header
    clean = tmp_path / "clean.md"
    clean.write_bytes((_ROOT / "examples" / "reports" / "clean-2023.md").read_bytes())
    assert check("--diff", str(clean)) == (0, "")


def test_numbers_are_never_fixed() -> None:
    from gialint.model.span import Span
    from gialint.model.findings import Finding, Fix
    from gialint.linting.fix import splice
    from gialint.load.decode import from_text

    src = from_text("行政许可\t26\t5\n[bookmark: bookmark29]一、总体情况\n")
    span_num = Span(1, 6, 1, 8)
    f_value = Finding("x", 1, 6, 1, 8, "GIA999", "x", "value", "error", "m", Fix("62", span_num, True))
    f_label = Finding("x", 1, 6, 1, 8, "GIA998", "x", "label", "error", "m", Fix("62", span_num, True))
    f_marker = Finding("x", 2, 1, 2, 23, "GIA701", "conversion-marker", "wording", "warning", "m", Fix("", Span(2, 1, 2, 23), True))
    f_unsure = Finding("x", 1, 1, 1, 5, "GIA105", "x", "structure", "warning", "m", Fix("行政处罚", Span(1, 1, 1, 5), False))
    assert splice(src, [f_value, f_label, f_unsure]) is None
    data, n = splice(src, [f_marker])  # type: ignore[misc]
    assert n == 1 and data == "行政许可\t26\t5\n一、总体情况\n".encode()


def test_mixed_newlines_and_permissions_are_kept(tmp_path: Path) -> None:
    text = seed_path("002").read_text(encoding="utf-8")
    lines = text.split("\n")
    raw = "".join(line + ("\r\n" if i % 3 else "\n") for i, line in enumerate(lines[:-1])) + lines[-1]
    path = tmp_path / "mixed.txt"
    path.write_bytes(raw.encode("utf-8"))
    os.chmod(path, 0o640)
    check("--fix", str(path))
    new = path.read_bytes()
    assert new.count(b"\r\n") == raw.count("\r\n")
    assert new.count(b"\n") == raw.count("\n")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name != "mixed.txt"]  # no temporary file left


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "002.txt"
    path.write_bytes(seed_path("002").read_bytes())
    source = read(path)
    outcome = fix_source(default_linter(), source)
    assert outcome.changed
    path.write_bytes(source.raw + b"\n")  # someone edits the file
    with pytest.raises(FixError):
        atomic_write(str(path), outcome.source.raw, source.raw)
    assert path.read_bytes() == source.raw + b"\n"


def test_fix_with_jobs_matches_serial(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        d.mkdir()
        for p in SEED.values():
            (d / p.name).write_bytes(p.read_bytes())
    check("--fix", str(a))
    check("--fix", "--jobs", "2", str(b))
    for p in SEED.values():
        assert (a / p.name).read_bytes() == (b / p.name).read_bytes()
