"""Throughput of the published-format readers (issue 12):
``python bench/published.py``.

Copies the renderings of the five seed reports (tests/fixtures/published:
the CMS and Word pages, both DOCX shapes, the PDFs) and the seed texts they
render into a temporary directory, ``--copies`` times each, and runs
``gialint check --jobs 1 --no-cache --isolated --format json`` over each
format's folder, with the default rules and with ``--select all``.  Prints
reports per second per core (one job: the CPU time of the run, user + system,
less the CPU time of a run over one report — the start-up — is the core
time) and the ratio to the text figure, then the findings of each
rendering of the seeds.  ``--json FILE`` writes the figures."""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "tests" / "fixtures" / "published"
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
FORMATS = {
    "text": SEEDS,
    "html": sorted(PUBLISHED.glob("html/seed00?.cms.html")) + sorted(PUBLISHED.glob("html/seed00?.word.htm")),
    "docx": sorted(PUBLISHED.glob("docx/seed00?.*.docx")),
    "pdf": sorted(PUBLISHED.glob("pdf/seed00?.pdf")),
}


def corpus(folder: Path, files: list[Path], copies: int) -> int:
    folder.mkdir(parents=True)
    n = 0
    for i in range(copies):
        for f in files:
            shutil.copyfile(f, folder / f"{i:04d}-{f.name}")
            n += 1
    return n


def run(folder: Path, extra: list[str], env: dict[str, str]) -> tuple[float, float, list[dict]]:  # type: ignore[type-arg]
    """(wall seconds, CPU seconds of the child, findings)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "gialint", "check", "--jobs", "1", "--no-cache", "--isolated", "--no-progress", "--format", "json", *extra, str(folder)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        raise SystemExit(f"gialint failed ({p.returncode}): {p.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, json.loads(p.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="copies of each file (default 40; PDF: a quarter)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, the best kept (default 3)")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GIALINT_CACHE_DIR=str(Path(tmp) / "cache"), GIALINT_NO_PLUGINS="1")
        print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}")
        # The start-up of one run (imports, rule set): subtracted from every run.
        empty = Path(tmp) / "empty"
        corpus(empty, SEEDS[:1], 1)
        startup = min(run(empty, [], env)[1] for _ in range(args.repeat))
        figures["startup"] = {"cpu_s": startup}
        print(f"start-up and one report: {startup * 1000:.0f} ms CPU (subtracted)")
        for fmt, files in FORMATS.items():
            copies = max(1, args.copies // 4) if fmt == "pdf" else args.copies * 2 if fmt == "text" else args.copies
            folder = Path(tmp) / fmt
            n = corpus(folder, files, copies)
            figures[fmt] = {"reports": n}
            for label, extra in (("default", []), ("all", ["--select", "all"])):
                best = None
                for _ in range(args.repeat):
                    wall, cpu, _ = run(folder, extra, env)
                    cpu = max(cpu - startup, 1e-9)
                    if best is None or cpu < best[1]:
                        best = (wall, cpu)
                assert best is not None
                figures[fmt][f"{label}_per_core"] = n / best[1]
                figures[fmt][f"{label}_wall"] = n / best[0]
        print(f"\n| format | reports | per core, default rules | ratio to text | per core, --select all | ratio to text |")
        print("|---|---:|---:|---:|---:|---:|")
        text = figures["text"]
        for fmt, fig in figures.items():
            if fmt == "startup":
                continue
            print(
                f"| {fmt} | {fig['reports']:.0f} | {fig['default_per_core']:.0f}/s | {fig['default_per_core'] / text['default_per_core']:.2f} "
                f"| {fig['all_per_core']:.0f}/s | {fig['all_per_core'] / text['all_per_core']:.2f} |"
            )
        print("\nFindings of each rendering of the seeds (default rules):")
        for fmt, files in FORMATS.items():
            folder = Path(tmp) / f"one-{fmt}"
            corpus(folder, files, 1)
            _, _, found = run(folder, [], env)
            by_file: dict[str, Counter[str]] = {}
            for f in found:
                by_file.setdefault(Path(f["path"]).name[5:], Counter())[f["rule"]] += 1
            for f in files:
                counts = by_file.get(f.name, Counter())
                print(f"  {fmt:5} {f.name:28} {sum(counts.values()):3}  {dict(sorted(counts.items()))}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
