"""The review page's benchmark (issue 16): ``python bench/html.py``.

For batches of 100, 500 and 2,000 generated reports (bench/corpus.py, with
the PDF/OCR-noise variant; default rules, as a reviewer runs it) measures:

- the page's size, and its size per report (it must grow linearly);
- how long ``gialint check --format html -o page.html`` takes, against
  ``--format json`` over the same files: cold (``--no-cache``: every report
  checked) and warm (the result cache holds the findings and, after one
  page was built, the reports' views); the difference is what the page costs;
- the peak memory (max RSS) of the page's run (it must stay flat);
- with Chromium and Playwright installed (unless ``--no-browser``): how long
  headless Chromium takes to load the page, and to open one report.

Prints every figure with the core count and the Python version, then a
Markdown table (``--json FILE`` writes the numbers).  Exits 1 when a gialint
run fails, never because a figure is high."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.dont_write_bytecode = True  # importing run/corpus must not leave bench/__pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BenchError, gialint_command, machine, write_corpus  # noqa: E402

# Like run.py's helper, and the CPU time (user + system) of the run too: on a
# machine shared with other work the wall time moves by a factor of two from
# run to run, the CPU time much less.
_MEASURE = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t0
u = resource.getrusage(resource.RUSAGE_CHILDREN)
rss_kb = u.ru_maxrss / 1024 if sys.platform == "darwin" else u.ru_maxrss
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump({"wall": wall, "cpu": u.ru_utime + u.ru_stime, "rc": p.returncode, "rss_kb": rss_kb,
               "stderr": p.stderr.decode("utf-8", "replace")}, f)
"""


def measure(cmd: list[str], env: dict[str, str], scratch: Path, repeat: int = 1) -> dict[str, float]:
    """The best wall time, the best CPU time and the largest peak RSS of
    ``repeat`` runs of ``cmd``; raises :class:`BenchError` if one fails."""
    best: dict[str, float] = {}
    out = scratch / "measure.json"
    for _ in range(repeat):
        subprocess.run([sys.executable, "-c", _MEASURE, str(out), *cmd], env=env, check=True)
        d = json.loads(out.read_text(encoding="utf-8"))
        if d["rc"] not in (0, 1) or "Traceback (most recent call last)" in d["stderr"]:
            raise BenchError(f"{' '.join(cmd)}\nexit status {d['rc']}\n{d['stderr'][-4000:]}")
        best = {
            "wall": min(best.get("wall", float("inf")), d["wall"]),
            "cpu": min(best.get("cpu", float("inf")), d["cpu"]),
            "rss_mb": max(best.get("rss_mb", 0.0), d["rss_kb"] / 1024),
        }
    return best

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def browser_figures(page: Path, profile: Path, middle: int, repeat: int = 1) -> dict[str, float] | None:
    """Load time of ``page`` in headless Chromium (the best of ``repeat``)
    and the time to open report ``middle``; ``None`` without Chromium or
    Playwright."""
    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=chromium, headless=True, args=FLAGS,
                                                   viewport={"width": 1400, "height": 1000})
        try:
            load_ms = float("inf")
            for _ in range(repeat):
                tab = ctx.new_page()
                tab.goto(page.as_uri(), wait_until="load", timeout=300_000)
                nav = tab.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0].toJSON())")
                load_ms = min(load_ms, json.loads(nav)["loadEventEnd"])
            # From the click to the report on screen: the page's own hashchange
            # handler (registered first) builds it, then a frame is drawn.
            open_ms = tab.evaluate(
                """async n => { const t = performance.now();
                          const changed = new Promise(r => window.addEventListener('hashchange', r, {once: true}));
                          location.hash = '#r' + n; await changed; document.body.offsetHeight;
                          await new Promise(r => requestAnimationFrame(() => r()));
                          return performance.now() - t; }""",
                middle,
            )
            return {"load_s": load_ms / 1000, "open_report_s": open_ms / 1000}
        finally:
            ctx.close()


def benchmark(args: argparse.Namespace, out: Any = sys.stdout) -> dict[str, Any]:
    info = machine()
    tag = f"[{info['cores']} cores, Python {info['python']}]"

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    base = gialint_command()
    say(f"gialint {info.get('gialint', '?')} {info.get('commit', '')} {tag}")
    results: dict[str, Any] = {"machine": info, "repeat": args.repeat, "batches": []}
    with tempfile.TemporaryDirectory(prefix="gialint-bench-html-") as tmp:
        root = Path(tmp)
        env = {**os.environ, "GIALINT_CACHE_DIR": str(root / "cache")}
        env.pop("GIALINT_NO_CACHE", None)
        for count in args.counts:
            folder = root / f"reports-{count}"
            write_corpus(folder, count, args.seed)
            page = root / f"review-{count}.html"
            cache = root / f"cache-{count}"
            env["GIALINT_CACHE_DIR"] = str(cache)
            common = [*base, "check", "--isolated", "--no-progress", "--jobs", str(args.jobs)]
            json_out = root / "out.json"
            measure([*base, "rules"], env, root)  # warm the grammar and rule caches: not measured
            measure([*common, "--no-cache", "--format", "json", "-o", str(json_out), str(folder)], env, root)  # and the files: not measured
            r = args.repeat
            json_cold = measure([*common, "--no-cache", "--format", "json", "-o", str(json_out), str(folder)], env, root, r)
            html_cold = measure([*common, "--no-cache", "--format", "html", "-o", str(page), str(folder)], env, root, r)
            measure([*common, "--format", "json", "-o", str(json_out), str(folder)], env, root)  # fills the result cache
            json_warm = measure([*common, "--format", "json", "-o", str(json_out), str(folder)], env, root, r)
            measure([*common, "--format", "html", "-o", str(page), str(folder)], env, root)  # adds the views
            html_warm = measure([*common, "--format", "html", "-o", str(page), str(folder)], env, root, r)
            size = page.stat().st_size
            row: dict[str, Any] = {
                "reports": count,
                "page_bytes": size,
                "bytes_per_report": size / count,
                "json_cold": json_cold,
                "html_cold": html_cold,
                "json_warm": json_warm,
                "html_warm": html_warm,
            }
            if args.browser:
                row["browser"] = browser_figures(page, root / f"profile-{count}", max(1, count // 2), args.repeat)
            results["batches"].append(row)
            b = row.get("browser")
            say(
                f"{count:6d} reports: page {size / 1e6:6.1f} MB ({size / count / 1024:5.1f} KB/report); "
                f"cold html {html_cold['wall']:6.2f} s ({html_cold['cpu']:6.2f} s CPU) vs json {json_cold['wall']:6.2f} s ({json_cold['cpu']:6.2f} s CPU); "
                f"warm html {html_warm['wall']:6.2f} s ({html_warm['cpu']:6.2f} s CPU) vs json {json_warm['wall']:6.2f} s ({json_warm['cpu']:6.2f} s CPU); "
                f"max RSS html {html_cold['rss_mb']:5.1f} MB (json {json_cold['rss_mb']:5.1f} MB)"
                + (f"; browser load {b['load_s']:.2f} s, open a report {b['open_report_s'] * 1000:.0f} ms" if b else "")
            )
            shutil.rmtree(cache, ignore_errors=True)
            page.unlink()
            shutil.rmtree(folder)
    say("")
    say(table(results))
    return results


def table(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [
        f"Machine: {m['cores']} cores, Python {m['python']}, gialint {m.get('gialint', '?')} {m.get('commit', '')}; "
        f"best of {r.get('repeat', 1)} runs; CPU = user + system time of the run.",
        "",
        "| reports | page | per report | html, cold | json, cold | page's cost, cold | html, warm | json, warm | page's cost, warm | max RSS html (json) | browser: load | browser: open a report |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    def t(x: dict[str, float]) -> str:
        return f"{x['wall']:.2f} s ({x['cpu']:.2f} s CPU)"

    def d(a: dict[str, float], b: dict[str, float]) -> str:
        return f"{a['cpu'] - b['cpu']:+.2f} s CPU"

    for b in r["batches"]:
        br = b.get("browser")
        lines.append(
            f"| {b['reports']:,} | {b['page_bytes'] / 1e6:.1f} MB | {b['bytes_per_report'] / 1024:.1f} KB | {t(b['html_cold'])} | {t(b['json_cold'])} | "
            f"{d(b['html_cold'], b['json_cold'])} | {t(b['html_warm'])} | {t(b['json_warm'])} | {d(b['html_warm'], b['json_warm'])} | "
            f"{b['html_cold']['rss_mb']:.0f} MB ({b['json_cold']['rss_mb']:.0f} MB) | "
            + (f"{br['load_s']:.2f} s | {br['open_report_s'] * 1000:.0f} ms |" if br else "— | — |")
        )
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--counts", default="100,500,2000", help="batch sizes, comma-separated (default 100,500,2000)")
    ap.add_argument("--jobs", type=int, default=1, help="--jobs of every gialint run (default 1)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure, the best kept (default 3)")
    ap.add_argument("--no-browser", dest="browser", action="store_false", help="skip the browser figures")
    ap.add_argument("--json", type=Path, default=None, help="also write every figure as JSON")
    args = ap.parse_args(argv)
    args.counts = [int(c) for c in str(args.counts).split(",") if c.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        results = benchmark(args)
    except (BenchError, subprocess.CalledProcessError) as exc:
        print(f"bench/html.py: a gialint run failed:\n{exc}", file=sys.stderr)
        return 1
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
