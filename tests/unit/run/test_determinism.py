"""The same input and configuration give byte-identical output: in any order
of the paths, with repeated paths, in a fresh process with another hash seed,
and with any number of jobs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main

from tests.helpers import SEEDS, SHAPES


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Seeds, shapes and a few bad files (binary, empty, not a report, missing)."""
    bad = tmp_path_factory.mktemp("bad")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "recipe.txt").write_text("番茄炒蛋\n一、准备材料\n鸡蛋3个。\n", encoding="utf-8")
    (bad / "gb.txt").write_bytes((SEEDS / "000_d01d6110a0d52b3f.txt").read_text(encoding="utf-8").encode("gb18030"))
    files = [str(p) for p in sorted(SEEDS.glob("*.txt"))] + [str(p) for p in sorted(SHAPES.iterdir()) if p.suffix in (".txt", ".md")]
    return files + [str(p) for p in sorted(bad.iterdir())] + [str(bad / "missing.txt"), str(bad)]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--select", "all", *args])
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_order_of_paths_does_not_matter(paths: list[str], fmt: str) -> None:
    first = run("--format", fmt, *paths)
    assert first[0] == 1 and first[1]
    assert run("--format", fmt, *reversed(paths)) == first
    shuffled = paths[1::2] + paths[::2]
    assert run("--format", fmt, *shuffled) == first
    assert run("--format", fmt, *paths, *paths[:5]) == first  # a path named twice is checked once
    assert run("--format", fmt, *paths) == first  # and again: no state carried over


@pytest.mark.slow  # fresh gialint processes
def test_fresh_processes_with_other_hash_seeds(paths: list[str]) -> None:
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
        proc = subprocess.run(
            [sys.executable, "-c", "from gialint.cli import main; main()", "check", "--format", "json", "--select", "all", *paths],
            capture_output=True,
            env=env,
            timeout=300,
        )
        assert proc.returncode == 1, proc.stderr.decode(errors="replace")
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def _has_jobs() -> bool:
    from gialint.cli.check import check

    return any(p.name == "jobs" for p in check.params)


@pytest.mark.skipif(not _has_jobs(), reason="gialint check --jobs is not on this branch yet")
@pytest.mark.parametrize("jobs", ["2", "4"])
def test_number_of_jobs_does_not_matter(paths: list[str], jobs: str) -> None:
    assert run("--format", "json", "--jobs", jobs, *reversed(paths)) == run("--format", "json", "--jobs", "1", *paths)


def test_walking_a_directory_is_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c/z.txt", "c/d.md", "报告.txt"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes((SEEDS / "002_c5ec5838828042f2.txt").read_bytes())
    code, out = run("--format", "json", str(tmp_path))
    import json

    order = list(dict.fromkeys(f["path"] for f in json.loads(out)))
    assert order == sorted(order)
    assert len(order) == 5
