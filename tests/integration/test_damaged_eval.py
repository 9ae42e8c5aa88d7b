"""eval/damaged/run.py (issue 13) end to end on a small corpus: every shape
of damage, no table misread, no damaged report refused, and decoding at work.
The full measurement (docs/damaged-text.md) is the same command with the
default corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT


def test_no_damaged_table_is_misread(tmp_path: Path) -> None:
    out = tmp_path / "damaged.json"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    p = subprocess.run(
        [sys.executable, str(ROOT / "eval" / "damaged" / "run.py"), "--per-shape", "1", "--json", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "warning" not in p.stderr  # every unreadable table has its GIA006 finding
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert set(summary) == {"span_lines", "merged_dups", "run_together", "pdf_text", "ocr_markdown", "all"}
    for shape, s in summary.items():
        assert s["misread"] == 0, shape
        assert s["refused"] == 0 and s["format_wrong"] == 0, shape
    assert summary["all"]["decoded"] > 0 and summary["all"]["unreadable"] > 0
    assert summary["all"]["exact"] + summary["all"]["decoded"] > 0.7 * summary["all"]["tables"]
