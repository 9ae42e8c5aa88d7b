"""Baselines: an archive adopts gialint and only new problems fail; the
fingerprints survive inserted lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from gialint.cli import main

from tests.helpers import SEED


def check(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["check", "--no-progress", *args])
    return res.exit_code, res.stdout, res.stderr


def archive(tmp_path: Path) -> Path:
    d = tmp_path / "archive"
    d.mkdir()
    for p in SEED.values():
        shutil.copy(p, d / p.name)
    return d


def test_write_baseline_then_only_new_problems_fail(tmp_path: Path) -> None:
    d = archive(tmp_path)
    base = tmp_path / "baseline.json"
    code, out, err = check("--write-baseline", str(base), str(d))
    assert code == 0 and out == ""
    assert "36" in err
    doc = json.loads(base.read_text(encoding="utf-8"))
    assert doc["gialint_baseline"] == 1 and len(doc["findings"]) == 36
    assert all(not Path(f["path"]).is_absolute() and f["path"].startswith("archive/") for f in doc["findings"])

    assert check("--baseline", str(base), str(d)) [0] == 0

    # Shift every line of seed 002 down and add a new defect: only the new one is reported.
    p = d / SEED["002"].name
    text = p.read_text(encoding="utf-8")
    text = "\n\n\n" + text.replace("规章\t0\t0\t0", "规章\t0\t0\t0\n[bookmark: _GoBack]", 1)
    p.write_text(text, encoding="utf-8")
    code, out, _ = check("--format", "json", "--baseline", str(base), str(d))
    assert code == 0  # a warning does not fail the run
    found = json.loads(out)
    assert [(f["rule"], f["line"]) for f in found] == [("GIA701", 35)]


def test_baseline_in_config_and_stale_entries(tmp_path: Path) -> None:
    d = archive(tmp_path)
    base = d / ".gialint-baseline.json"
    check("--write-baseline", str(base), str(d))
    (d / ".gialint.yaml").write_text("baseline: .gialint-baseline.json\n", encoding="utf-8")
    code, out, err = check(str(d))
    assert code == 0 and "未发现问题" in out
    # Fix seed 002: its four baselined findings no longer occur.
    check("--fix", "--isolated", str(d / SEED["002"].name))
    code, out, err = check(str(d))
    assert code == 0
    assert "基线中有 4 个问题已不再出现" in err


def test_a_missing_or_broken_baseline_is_a_configuration_error(tmp_path: Path) -> None:
    d = archive(tmp_path)
    code, _, err = check("--baseline", str(tmp_path / "nope.json"), str(d))
    assert code == 2 and "基线文件不存在" in err
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    code, _, err = check("--baseline", str(bad), str(d))
    assert code == 2 and "不是 gialint 基线文件" in err


def test_identical_findings_are_counted(tmp_path: Path) -> None:
    from gialint.run.baseline import fingerprint
    from gialint.model.findings import Finding
    from gialint.load.decode import from_text

    src = from_text("a\n[bookmark: x]\nb\n[bookmark: x]\n")
    fs = [Finding("p", line, 1, line, 14, "GIA701", "conversion-marker", "wording", "warning", "m") for line in (2, 4)]
    fs = fingerprint(fs, src)
    assert fs[0].extra["fingerprint"] != fs[1].extra["fingerprint"]
    moved = [Finding("p", line, 1, line, 14, "GIA701", "conversion-marker", "wording", "warning", "m") for line in (7, 9)]
    moved = fingerprint(moved, from_text("\n\n\n\n\na\n[bookmark: x]\nb\n[bookmark: x]\n"))
    assert [f.extra["fingerprint"] for f in moved] == [f.extra["fingerprint"] for f in fs]
