"""The province-sized benchmark of issue 15: ``python bench/series.py``.

Generates a batch of ``--agencies`` agencies × ``--years`` years (default
500 × 10 = 5,000 reports) in a temporary directory, every agency's series in
mixed layouts (TSV rows, a cell per line, tab-indented cells, Markdown pipe
tables) and both formats (2019–2020 in the trial format, 2021 on in the 2021
format), numbers varied so that some years carry over and others do not; then
measures, each in a fresh process with the result cache off:

- ``gialint check`` with the rules across years (two passes);
- the single-file check of the same batch (the series rules ignored: one pass);
- ``gialint extract`` of the batch to .xlsx;

with wall time and peak memory (max RSS), and the same three over a batch ten
times smaller, to show whether memory grows with the number of reports.
``--writers`` also times XlsxWriter (constant_memory) against openpyxl
(write_only) writing the same rows.  Nothing is written into the repository."""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import run as harness  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "rules" / "examples"
SHAPES = ROOT / "tests" / "fixtures" / "shapes"
SERIES_CODES = ["GIA611", "GIA612", "GIA613", "GIA614", "GIA615", "GIA616"]
SYLLABLES = "安宝昌德东丰福广海和华吉嘉金锦康乐临隆明宁平庆仁瑞山盛泰通威文祥新兴阳永裕"


def bases() -> dict[str, list[tuple[str, str]]]:
    """Base name → its layouts as (suffix, text)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for name in ("clean2019", "clean2020", "clean2022", "clean2023"):
        layouts = [(".txt", (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8"))]
        for shape, suffix in (("tab", ".txt"), ("cells", ".txt"), ("pipe", ".md")):
            p = SHAPES / f"{name}_{shape}{suffix}"
            if p.exists():
                layouts.append((suffix, p.read_text(encoding="utf-8")))
        out[name] = layouts
    return out


def agency_name(i: int) -> str:
    n = len(SYLLABLES)
    return f"某某市{SYLLABLES[i % n]}{SYLLABLES[(i // n) % n]}{SYLLABLES[(i // n // n) % n]}区商务局"


def shift(text: str, year: int) -> str:
    from gialint.testing import shift_years

    return shift_years(text, year)


def generate(folder: Path, agencies: int, years: int, seed: int = 1) -> int:
    """Write the batch; returns the number of files."""
    rng = random.Random(seed)
    layouts = bases()
    count = 0
    for i in range(agencies):
        name = agency_name(i)
        sub = folder / f"{i:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        keep = i % 3 == 0  # a third of the agencies keep the examples' numbers (their years carry over where the bases do)
        for k in range(years):
            year = 2019 + k
            base = "clean2019" if year == 2019 else "clean2020" if year == 2020 else ("clean2022" if year % 2 == 0 else "clean2023")
            suffix, text = layouts[base][(i + k) % len(layouts[base])]
            for old in ("某某市某某区商务局", "某某县某某局"):
                text = text.replace(old, name)
            text = shift(text, year)
            if not keep:
                text = corpus.vary(text, rng)
            (sub / f"{year}{suffix}").write_text(text, encoding="utf-8")
            count += 1
    return count


def measure(cmd: list[str], env: dict[str, str], scratch: Path) -> dict[str, float]:
    r = harness.measure(cmd, env, scratch)
    return {"seconds": round(r.wall, 2), "max_rss_mb": round(r.rss_kb / 1024, 1)}


def writers(rows: int, scratch: Path) -> dict[str, float]:
    """Seconds to write ``rows`` cell rows with XlsxWriter and with openpyxl."""
    out: dict[str, float] = {}
    row = ["某某市某某区商务局", "某某市某某区商务局", 2023, "v2021", "第二十条第（一）项", "行政规范性文件", "本年制发件数",
           "documents.issued.normative", 3, "number", "3", None, "reports/2023.txt", 34]
    import xlsxwriter

    t0 = time.perf_counter()
    book = xlsxwriter.Workbook(str(scratch / "x.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet("cells")
    for r in range(rows):
        for c, v in enumerate(row):
            if v is not None:
                sheet.write(r, c, v)
    book.close()
    out["xlsxwriter_s"] = round(time.perf_counter() - t0, 2)
    try:
        import openpyxl
    except ImportError:
        return out
    t0 = time.perf_counter()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("cells")
    for _ in range(rows):
        ws.append(row)
    wb.save(str(scratch / "o.xlsx"))
    out["openpyxl_s"] = round(time.perf_counter() - t0, 2)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--agencies", type=int, default=500)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--writers", type=int, default=0, metavar="ROWS", help="also compare the two xlsx writers on ROWS rows")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    import os

    work = Path(tempfile.mkdtemp(prefix="gialint-series-bench-"))
    try:
        env = dict(os.environ)
        env["GIALINT_CACHE_DIR"] = str(work / "cache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        base = harness.gialint_command()
        info = harness.machine()
        print(f"gialint {info['gialint']} ({info.get('commit', '-')}), {info['implementation']} {info['python']}, {info['cores']} cores", flush=True)
        results: dict[str, object] = {"machine": info, "agencies": args.agencies, "years": args.years, "jobs": args.jobs}
        for label, agencies in (("small", max(1, args.agencies // 10)), ("large", args.agencies)):
            folder = work / f"batch-{agencies}"
            n = generate(folder, agencies, args.years)
            common = ["--isolated", "--no-cache", "--no-progress", "--jobs", str(args.jobs)]
            runs = {
                "check, series rules": [*base, "check", *common, "--format", "json", "-o", str(work / "s.json"), str(folder)],
                "check, single-file only": [*base, "check", *common, *[x for c in SERIES_CODES for x in ("--ignore", c)],
                                            "--format", "json", "-o", str(work / "f.json"), str(folder)],
                "extract to xlsx": [*base, "extract", *common, "-o", str(work / "cells.xlsx"), str(folder)],
            }
            figures = {}
            for name, cmd in runs.items():
                figures[name] = measure(cmd, env, work)
                print(f"{n:5d} reports  {name:26s} {figures[name]['seconds']:7.1f} s  {n / figures[name]['seconds']:6.0f} reports/s  "
                      f"max RSS {figures[name]['max_rss_mb']:6.1f} MB", flush=True)
            series = sum(1 for f in json.loads((work / "s.json").read_text(encoding="utf-8")) if f["rule"] in SERIES_CODES)
            figures["series findings"] = series
            figures["xlsx MB"] = round((work / "cells.xlsx").stat().st_size / 1e6, 1)
            print(f"      {series} findings across years; xlsx {figures['xlsx MB']} MB", flush=True)
            results[label] = {"reports": n, **figures}
            shutil.rmtree(folder, ignore_errors=True)
        if args.writers:
            results["writers"] = writers(args.writers, work)
            print(f"xlsx writers, {args.writers} rows: {results['writers']}")
        if args.json:
            Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except harness.BenchError as e:
        print(f"benchmark failed: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
