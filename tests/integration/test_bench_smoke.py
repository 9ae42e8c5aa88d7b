"""bench/run.py (issue 7) runs end to end on a tiny corpus and prints every
figure; timings are not asserted, and nothing is left in the repository."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from tests.helpers import ROOT as _ROOT

ROOT = _ROOT

FIGURES = (
    "read+split floor",
    "import baseline",
    "cold start",
    "cold start / import",
    "full check --jobs 1",
    "full check --jobs 2",
    "grows with --jobs",
    "per-core time / floor",
    "max RSS, 4 files",
    "max RSS, 40 files",
    "memory growth",
)


def test_bench_run_quick(tmp_path: Path) -> None:
    bench = set((ROOT / "bench").iterdir())
    out = tmp_path / "bench.json"
    # No bytecode either: bench/__pycache__ would be a file left in the repo.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    p = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--count", "40", "--repeat", "2", "--jobs-max", "2", "--json", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert p.returncode == 0, p.stderr
    for name in FIGURES:
        assert name in p.stdout, name
    assert "cores" in p.stdout and "Python" in p.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["corpus"]["reports"] == 40 and figures["corpus"]["pdf_noise"] == 13
    assert [j["jobs"] for j in figures["jobs"]] == [1, 2]
    assert figures["machine"]["cores"] == os.cpu_count()
    assert figures["rules"] > 0
    assert set((ROOT / "bench").iterdir()) == bench
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bench.json"]


def test_pdf_noise_is_deterministic_and_optional() -> None:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    saved, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no bench/__pycache__
    try:
        spec.loader.exec_module(corpus)
    finally:
        sys.dont_write_bytecode = saved
    noisy = corpus.generate(30, 2, pdf_noise=True)
    assert noisy == corpus.generate(30, 2, pdf_noise=True)
    assert corpus.generate(10, 2, pdf_noise=True) == noisy[:10]
    plain = corpus.generate(30, 2)
    assert not any(name.endswith("_pdf.txt") or name.endswith("_pdf.md") for name, _ in plain)
    # Only the noisy third differs, and it keeps its numbers otherwise.
    changed = [a[0] for a, b in zip(noisy, plain) if a != b]
    assert changed == [name for name, _ in noisy if "_pdf." in name] and len(changed) == 10


def test_bench_server_quick(tmp_path: Path) -> None:
    """bench/bench_server.py (issue 17) runs end to end with a few edits."""
    bench = set((ROOT / "bench").iterdir())
    out = tmp_path / "server.json"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_server.py"), "--edits", "20", "--latency-edits", "5", "--json", str(out)],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr
    for name in ("latency, seed.txt, default debounce", "latency, table.md, no debounce", "RSS over 20 edits", "edit storm, 20 changes"):
        assert name in p.stdout, name
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["memory"]["edits"] == 20 and figures["storm"]["changes"] == 20
    assert figures["storm"]["publications"] < 20  # debounced
    assert set((ROOT / "bench").iterdir()) == bench


def test_bench_html_quick(tmp_path: Path) -> None:
    """bench/html.py (issue 16) runs end to end on tiny batches and prints
    every figure; nothing is left in the repository."""
    bench = set((ROOT / "bench").iterdir())
    out = tmp_path / "html.json"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    p = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "html.py"), "--counts", "6,12", "--repeat", "1", "--no-browser", "--json", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180,
    )
    assert p.returncode == 0, p.stderr
    assert "| reports | page | per report |" in p.stdout and "cores" in p.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    rows = figures["batches"]
    assert [r["reports"] for r in rows] == [6, 12]
    assert all(r["page_bytes"] > 0 and r["html_cold"]["cpu"] > 0 and r["json_warm"]["wall"] > 0 for r in rows)
    assert set((ROOT / "bench").iterdir()) == bench
    assert sorted(x.name for x in tmp_path.iterdir()) == ["html.json"]
