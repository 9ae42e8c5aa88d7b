"""The one-command benchmark of issue 7: ``python bench/run.py``.

Generates a corpus of seed-sized reports in every table shape (bench/corpus.py,
with the PDF/OCR-noise variant) in a temporary directory and measures, on this
machine:

- the floor: Python reading the files and splitting them into lines;
- the import baseline: ``python -c "import click, lark, pluggy, yaml"``;
- the cold start: ``gialint check ONEFILE`` (grammar disk cache warm);
- the throughput of a full check (``--select all``, soft rules included) with
  ``--jobs 1`` up to ``--jobs-max``;
- the peak memory (max RSS) of ``gialint check --jobs 1`` over a corpus ten
  times smaller and over the whole corpus.

Prints every figure with the core count and the Python version, then a table
with the targets of issue 7; ``--json FILE`` writes the same numbers.  Exits 1
when a gialint run fails (exit status 2 or a traceback), never because a
target is missed."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Importing corpus must not leave bench/__pycache__ in the repository.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Targets of issue 7.
COLD_START_MAX_S = 0.250
COLD_START_MAX_RATIO = 1.5
PER_CORE_MIN = 300.0
MEMORY_MAX_RATIO = 1.3

# Runs a command and writes its wall time, exit status and peak RSS: the
# largest of any process of the run (RUSAGE_CHILDREN is a maximum, not a sum).
# A fresh interpreter per measurement, so that it covers that one run only
# (it is the maximum over every child ever waited for).
_MEASURE = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
rss_kb = rss / 1024 if sys.platform == "darwin" else rss  # bytes on macOS, KiB elsewhere
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump({"wall": wall, "rc": p.returncode, "rss_kb": rss_kb, "stderr": p.stderr.decode("utf-8", "replace")}, f)
"""


class BenchError(Exception):
    """A gialint run failed: the figures would be meaningless."""


@dataclass
class Run:
    wall: float  # seconds
    rc: int
    rss_kb: float  # peak RSS of the largest process of the run
    stderr: str


def machine() -> dict[str, Any]:
    """Core count, Python and gialint version, commit: printed with every figure."""
    info: dict[str, Any] = {
        "cores": os.cpu_count() or 1,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(terse=True),
    }
    try:
        from gialint.util.version import __version__

        info["gialint"] = __version__
    except Exception:  # noqa: BLE001 - only a label
        info["gialint"] = "?"
    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "--", "gialint", "rules", "grammar"], capture_output=True, text=True, timeout=10)
        if rev.returncode == 0:
            info["commit"] = rev.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return info


def gialint_command() -> list[str]:
    """The installed console script next to this interpreter; otherwise
    ``python -m gialint`` if the package runs as a module; otherwise the
    console script's entry point called by hand."""
    script = Path(sys.executable).parent / ("gialint.exe" if os.name == "nt" else "gialint")
    if script.exists():
        return [str(script)]
    probe = subprocess.run([sys.executable, "-m", "gialint", "--version"], capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-m", "gialint"]
    return [sys.executable, "-c", "import sys; from gialint.cli import main; sys.exit(main())"]


def measure(cmd: list[str], env: dict[str, str], scratch: Path) -> Run:
    """Run ``cmd`` under the measuring helper; fail on exit status 2 or more or
    a traceback (exit 1 only means findings)."""
    out = scratch / "measure.json"
    subprocess.run([sys.executable, "-c", _MEASURE, str(out), *cmd], env=env, check=True)
    d = json.loads(out.read_text(encoding="utf-8"))
    run = Run(d["wall"], d["rc"], d["rss_kb"], d["stderr"])
    if run.rc not in (0, 1) or "Traceback (most recent call last)" in run.stderr:
        raise BenchError(f"{' '.join(cmd)}\nexit status {run.rc}\n{run.stderr[-4000:]}")
    return run


def median_wall(cmd: list[str], env: dict[str, str], repeat: int) -> float:
    """Median wall time of ``repeat`` runs of ``cmd`` (seconds), after one
    unmeasured run that warms the OS caches (and gialint's grammar cache)."""
    times = []
    for i in range(repeat + 1):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        stderr = p.stderr.decode("utf-8", "replace")
        if p.returncode not in (0, 1) or "Traceback (most recent call last)" in stderr:
            raise BenchError(f"{' '.join(cmd)}\nexit status {p.returncode}\n{stderr[-4000:]}")
        if i:
            times.append(wall)
    return statistics.median(times)


def read_split_floor(paths: list[Path], repeat: int = 3) -> float:
    """Reports per second for Python only to read, decode and split the files
    into lines: the best of ``repeat`` passes (files in the page cache)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for p in paths:
            p.read_bytes().decode("utf-8").splitlines()
        best = min(best, time.perf_counter() - t0)
    return len(paths) / best


def findings_summary(output: Path) -> tuple[int, int]:
    """Findings and files with findings in a ``--format json`` output; one
    finding per line, so no need to load a file of a hundred megabytes."""
    findings = 0
    files = set()
    path_re = re.compile(r'^\s*\{"path": ("(?:[^"\\]|\\.)*")')
    with output.open(encoding="utf-8") as f:
        for line in f:
            m = path_re.match(line)
            if m:
                findings += 1
                files.add(m.group(1))
    return findings, len(files)


def write_corpus(directory: Path, count: int, seed: int) -> list[Path]:
    """Write ``count`` reports (with the PDF/OCR variant) into ``directory``,
    which must be empty or hold only this same corpus (a kept one)."""
    reports = corpus.generate(count, seed, pdf_noise=True)
    if directory.exists():
        extra = {p.name for p in directory.iterdir()} - {name for name, _ in reports}
        if extra:
            raise BenchError(f"{directory} holds other files ({sorted(extra)[:3]} ...): choose an empty --keep directory")
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in reports:
        p = directory / name
        p.write_bytes(data)
        paths.append(p)
    return paths


def rules_enabled(base: list[str], env: dict[str, str], select: list[str]) -> int:
    """How many rules ``select`` turns on (to print which rules ran)."""
    p = subprocess.run([*base, "rules", "--format", "json", *select], env=env, capture_output=True, text=True)
    try:
        return sum(1 for r in json.loads(p.stdout) if r.get("enabled"))
    except (ValueError, AttributeError):
        return -1


def benchmark(args: argparse.Namespace, out: Any = sys.stdout) -> dict[str, Any]:
    """Run every measurement; print figures as they come; return them all."""
    info = machine()
    tag = f"[{info['cores']} cores, Python {info['python']}]"

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    work = Path(tempfile.mkdtemp(prefix="gialint-bench-"))
    try:
        keep = Path(args.keep).resolve() if args.keep else None
        corpus_root = keep if keep else work
        env = dict(os.environ)
        # A private grammar cache, warmed by the first run, never the user's.
        env["GIALINT_CACHE_DIR"] = str(work / "cache")
        env.pop("GIALINT_NO_PLUGINS", None)
        # Compiled bytecode as in a normal install: with PYTHONDONTWRITEBYTECODE
        # set (some sandboxes and CI images do) every run would compile
        # gialint's modules again, which the user's machine does not.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        base = gialint_command()
        # Every rule, soft ones included (--select all); --isolated so that no
        # configuration file above the temporary directory changes the set.
        select = ["--select", "all"]
        n_rules = rules_enabled(base, env, select)
        # Throughput and cold start are measured with the per-file result
        # cache off (a gialint without one has no --no-cache option).
        no_cache = ["--no-cache"] if "--no-cache" in subprocess.run([*base, "check", "--help"], env=env, capture_output=True, text=True).stdout else []

        say(f"gialint {info['gialint']} ({info.get('commit', 'no commit')}), {info['implementation']} {info['python']}, {info['cores']} cores, {info['platform']}")
        say(f"command: {' '.join(base)}")

        count, small = args.count, max(1, args.count // 10)
        paths = write_corpus(corpus_root / f"reports-{count}", count, args.seed)
        small_dir = corpus_root / f"reports-{small}"
        write_corpus(small_dir, small, args.seed)
        sizes = [p.stat().st_size for p in paths]
        noisy = sum(1 for p in paths if p.stem.endswith("_pdf"))
        say(f"corpus: {count} reports ({noisy} with PDF/OCR noise), {min(sizes) / 1024:.1f}–{max(sizes) / 1024:.1f} KB, {sum(sizes) / count / 1024:.1f} KB average, in {paths[0].parent}")
        say("")

        results: dict[str, Any] = {"machine": info, "command": base, "corpus": {"reports": count, "pdf_noise": noisy, "average_bytes": sum(sizes) / count, "seed": args.seed}}

        floor = read_split_floor(paths)
        results["floor_reports_per_s"] = floor
        say(f"read+split floor:      {floor:10.0f} reports/s  (best of 3, one core) {tag}")

        import_s = median_wall([sys.executable, "-c", "import click, lark, pluggy, yaml"], env, args.repeat)
        results["import_baseline_s"] = import_s
        say(f"import baseline:       {import_s * 1000:10.0f} ms  (python -c 'import click, lark, pluggy, yaml', median of {args.repeat}) {tag}")

        one = paths[0]  # a real seed, unchanged: with findings, so output is formatted too
        # --no-cache: a file pre-commit hands over has changed, so its findings
        # are not in the result cache; every repetition must check it for real.
        cold_s = median_wall([*base, "check", *no_cache, str(one)], env, args.repeat)
        ratio = cold_s / import_s
        results["cold_start_s"] = cold_s
        results["cold_start_file"] = one.name
        results["cold_start_ratio"] = ratio
        say(f"cold start:            {cold_s * 1000:10.0f} ms  (gialint check {one.name}, median of {args.repeat}; {ratio:.2f}x the import baseline) {tag}")
        if no_cache:
            median_wall([*base, "check", str(one)], env, 1)  # store its findings
            warm_s = median_wall([*base, "check", str(one)], env, args.repeat)
            results["cold_start_cached_s"] = warm_s
            say(f"  same file unchanged: {warm_s * 1000:10.0f} ms  (findings from the result cache; {warm_s / import_s:.2f}x the import baseline) {tag}")

        output = work / "out.json"
        check = [*base, "check", *select, *no_cache, "--isolated", "--no-progress", "--format", "json", "--output-file", str(output)]
        results["check_command"] = [*check, "--jobs", "N", "DIRECTORY"]
        jobs_runs: list[dict[str, Any]] = []
        first: tuple[int, int] | None = None
        for jobs in range(1, args.jobs_max + 1):
            run = measure([*check, "--jobs", str(jobs), str(paths[0].parent)], env, work)
            rate = count / run.wall
            found = findings_summary(output)
            if first is None:
                first = found
            elif found != first:
                # Parallel runs must report exactly what --jobs 1 did.
                say(f"WARNING: --jobs {jobs} reported {found[0]} findings in {found[1]} files, --jobs 1 {first[0]} in {first[1]}")
            entry = {"jobs": jobs, "seconds": run.wall, "reports_per_s": rate, "per_core": rate / jobs, "speedup": rate / jobs_runs[0]["reports_per_s"] if jobs_runs else 1.0, "max_rss_mb": run.rss_kb / 1024, "findings": found[0], "files_with_findings": found[1]}
            jobs_runs.append(entry)
            say(f"full check --jobs {jobs:<3d}  {rate:10.0f} reports/s  {rate / jobs:6.0f}/core  {entry['speedup']:5.2f}x  ({run.wall:.1f} s for {count}, {found[0]} findings in {found[1]} files) {tag}")
            if jobs == 1:
                large_rss = run.rss_kb
        results["rules"] = n_rules
        results["jobs"] = jobs_runs
        per_core_ratio = floor / jobs_runs[0]["reports_per_s"]
        results["per_core_vs_floor"] = per_core_ratio
        say(f"per-core time / floor: {per_core_ratio:10.0f}x  (a report checked vs a report read and split) {tag}")

        if no_cache:
            # A second run over unchanged files, as a reviewer re-running the
            # same archive: the first run stores, the second reads.
            cached = [c for c in check if c != "--no-cache"]
            measure([*cached, "--jobs", "1", str(paths[0].parent)], env, work)
            rerun = measure([*cached, "--jobs", "1", str(paths[0].parent)], env, work)
            if findings_summary(output) != first:
                say("WARNING: the re-run from the result cache reported other findings than --jobs 1")
            results["rerun_cached"] = {"seconds": rerun.wall, "reports_per_s": count / rerun.wall}
            say(f"re-run, unchanged:     {count / rerun.wall:10.0f} reports/s  ({rerun.wall:.1f} s for {count}, findings from the result cache, --jobs 1) {tag}")

        small_rss = measure([*check, "--jobs", "1", str(small_dir)], env, work).rss_kb
        mem_ratio = large_rss / small_rss
        results["memory"] = {"small_files": small, "small_max_rss_mb": small_rss / 1024, "large_files": count, "large_max_rss_mb": large_rss / 1024, "ratio": mem_ratio}
        say(f"peak memory --jobs 1:  {small_rss / 1024:10.1f} MB for {small} files, {large_rss / 1024:.1f} MB for {count} ({mem_ratio:.2f}x) {tag}")

        rates = [j["reports_per_s"] for j in jobs_runs[: info["cores"]]]
        grows = all(b > a for a, b in zip(rates, rates[1:]))
        results["targets"] = {
            "cold_start_le_250ms": cold_s <= COLD_START_MAX_S,
            "cold_start_le_1.5x_import": ratio <= COLD_START_MAX_RATIO,
            "per_core_ge_300": jobs_runs[0]["per_core"] >= PER_CORE_MIN,
            "grows_with_jobs": grows if len(rates) > 1 else None,
            "memory_flat": mem_ratio <= MEMORY_MAX_RATIO,
        }
        say("")
        say(table(results, n_rules))
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _ok(flag: bool | None) -> str:
    return "n/a" if flag is None else ("yes" if flag else "NO")


def table(r: dict[str, Any], n_rules: int) -> str:
    """The compact summary printed at the end."""
    m, t, mem = r["machine"], r["targets"], r["memory"]
    j1 = r["jobs"][0]
    rows = [
        ("read+split floor", f"{r['floor_reports_per_s']:.0f} reports/s", "", ""),
        ("import baseline", f"{r['import_baseline_s'] * 1000:.0f} ms", "", ""),
        ("cold start", f"{r['cold_start_s'] * 1000:.0f} ms", "<= 250 ms", _ok(t["cold_start_le_250ms"])),
        ("cold start / import", f"{r['cold_start_ratio']:.2f}x", "<= 1.5x", _ok(t["cold_start_le_1.5x_import"])),
    ]
    if "cold_start_cached_s" in r:
        rows.append(("cold start, unchanged file", f"{r['cold_start_cached_s'] * 1000:.0f} ms ({r['cold_start_cached_s'] / r['import_baseline_s']:.2f}x)", "", ""))
    for j in r["jobs"]:
        target, ok = ("", "")
        if j["jobs"] == 1:
            target, ok = (f">= {PER_CORE_MIN:.0f}/core", _ok(t["per_core_ge_300"]))
        rows.append((f"full check --jobs {j['jobs']}", f"{j['reports_per_s']:.0f} reports/s, {j['per_core']:.0f}/core, {j['speedup']:.2f}x", target, ok))
    if "rerun_cached" in r:
        rows.append(("re-run, unchanged files", f"{r['rerun_cached']['reports_per_s']:.0f} reports/s", "", ""))
    rows += [
        ("grows with --jobs", "", f"up to {m['cores']} cores", _ok(t["grows_with_jobs"])),
        ("per-core time / floor", f"{r['per_core_vs_floor']:.0f}x", "", ""),
        (f"max RSS, {mem['small_files']} files", f"{mem['small_max_rss_mb']:.1f} MB", "", ""),
        (f"max RSS, {mem['large_files']} files", f"{mem['large_max_rss_mb']:.1f} MB", "", ""),
        ("memory growth", f"{mem['ratio']:.2f}x", "<= 1.3x (flat)", _ok(t["memory_flat"])),
    ]
    w = [max(len(row[i]) for row in rows) for i in range(4)]
    head = f"gialint {m['gialint']} ({m.get('commit', '-')}) | {m['cores']} cores | {m['implementation']} {m['python']} | {r['corpus']['reports']} reports | {n_rules} rules (--select all)"
    lines = [head, "-" * len(head)]
    for row in rows:
        lines.append(f"{row[0]:<{w[0]}}  {row[1]:<{w[1]}}  {row[2]:<{w[2]}}  {row[3]}".rstrip())
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=None, help="reports in the corpus (default 10000; 500 with --quick)")
    ap.add_argument("--jobs-max", type=int, default=os.cpu_count() or 1, help="measure --jobs 1 up to this (default: the core count)")
    ap.add_argument("--quick", action="store_true", help="a small run: 500 reports, 5 repeats")
    ap.add_argument("--repeat", type=int, default=None, help="runs per median for import and cold start (default 10; 5 with --quick)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--keep", metavar="DIR", help="write the corpus into DIR and keep it")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = ap.parse_args(argv)
    if args.count is None:
        args.count = 500 if args.quick else 10000
    if args.repeat is None:
        args.repeat = 5 if args.quick else 10
    if args.count < 1 or args.jobs_max < 1 or args.repeat < 1:
        ap.error("--count, --jobs-max and --repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        results = benchmark(args)
    except BenchError as e:
        print(f"benchmark failed: {e}", file=sys.stderr)
        return 1
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
