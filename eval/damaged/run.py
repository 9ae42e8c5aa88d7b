"""Measure gialint on the damaged-text corpus of issue 13: ``python eval/damaged/run.py``.

Generates the corpus (``generate.py``) in a temporary directory, reads every
damaged file with ``read_report`` and classifies each official table of its
base that binds exactly on the undamaged base:

- **exact**: every cell bound, to the value (or the blank) of the base;
- **decoded**: gialint says it decoded the table (``BoundTable.decoded``)
  and every value is right;
- **unreadable**: gialint reports the table unreadable (``BoundTable.unreadable``,
  one GIA006 finding) and no cell it did read has a wrong number;
- **lost**: the table is not found, or some cell is missing, blank or text
  where the base has a value, gialint does not say the table is unreadable,
  and no cell has a wrong number (the table's loss shows only through
  GIA110 table-missing, GIA111 row-missing, GIA404 missing-cell, GIA403…);
- **misread**: some cell is bound to a number the base does not have there
  (a different number, or a number where the base is blank).  Must be 0.

It also runs ``gialint check --isolated --no-cache --format json`` on every
damaged file and every base: files refused as not a report (GIA002), and the
findings per file (median, max; and the base's own count for comparison).

Prints one table per shape and overall, the same by table group, the rules
that flood each shape, and with ``--details N`` up to N misread tables per
shape with their wrong cells.  ``--json FILE`` writes every figure."""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

sys.dont_write_bytecode = True  # keep eval/damaged/__pycache__ out of the work tree
CACHE = tempfile.mkdtemp(prefix="gialint-damaged-cache-")
os.environ["GIALINT_CACHE_DIR"] = CACHE  # nothing written to ~/.cache/gialint
atexit.register(shutil.rmtree, CACHE, True)  # also after --help or an error

from generate import cell_value, generate  # noqa: E402
from gialint import read_report  # noqa: E402
from shapes import SHAPES  # noqa: E402

CATEGORIES = ("exact", "decoded", "unreadable", "lost", "misread")
GROUPS = ("active", "applications", "appeals")
ORIGINS = ("seed", "renumbered", "fixture")


def table_group(key: str) -> str:
    """``applications`` (section 三), ``appeals`` (四), else ``active`` (二)."""
    return key if key in ("applications", "appeals") else "active"


def classify(truth: dict[str, list], table) -> tuple[str, list[dict]]:
    """The category of one damaged table against the base's cells, and the
    cells bound to a wrong number."""
    if table is None or not table.found:
        return "lost", []
    wrong, lost = [], 0
    for key, (kind, value) in truth.items():
        cell = table.cells.get(key)
        got_kind = cell.kind if cell is not None else "missing"
        got = cell_value(cell.value) if got_kind == "number" else None
        if got_kind == "number" and (kind != "number" or Decimal(got) != Decimal(value)):
            wrong.append({"cell": key, "truth": value if kind == "number" else kind, "bound": got, "line": cell.span.line if cell.span else None})
        elif kind == "number" and got_kind != "number":
            lost += 1
        elif kind != "number" and got_kind not in ("blank", "dash"):
            lost += 1
    if wrong:
        return "misread", wrong
    # (getattr: the same script measures a gialint from before issue 13)
    if getattr(table, "unreadable", None):
        return "unreadable", []
    if lost:
        return "lost", []
    return ("decoded" if getattr(table, "decoded", None) else "exact"), []


def check_findings(paths: list[Path]) -> dict[str, list[dict]]:
    """Findings of ``gialint check`` per path, for every path given."""
    out = Path(CACHE) / "findings.json"
    cmd = [sys.executable, "-m", "gialint", "check", "--isolated", "--no-cache", "--no-progress"]
    cmd += ["--format", "json", "--jobs", "0", "--output-file", str(out), *map(str, paths)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"gialint check failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    found: dict[str, list[dict]] = {str(p): [] for p in paths}
    for f in json.loads(out.read_text(encoding="utf-8")):
        found.setdefault(f["path"], []).append(f)
    return found


def measure(corpus: Path, manifest: dict) -> list[dict]:
    """One record per damaged file: its shape, findings and table categories."""
    files = [corpus / f["file"] for f in manifest["files"]]
    bases = {name: _path(corpus, b["path"]) for name, b in manifest["bases"].items()}
    findings = check_findings(files + list(bases.values()))
    records = []
    for entry, path in zip(manifest["files"], files):
        base = manifest["bases"][entry["base"]]
        report = read_report(path)
        tables = {}
        for key, truth in base["tables"].items():
            category, wrong = classify(truth, report.tables.get(key))
            varied = len({v for kind, v in truth.values() if kind == "number"}) > 1
            tables[key] = {"category": category, "varied": varied, "wrong": wrong}
        rules = Counter(f["rule"] for f in findings[str(path)])
        flagged = sum(1 for t in report.tables.values() if t.found and getattr(t, "unreadable", None))
        if flagged != rules["GIA006"]:
            print(f"warning: {entry['file']}: {flagged} tables unreadable, {rules['GIA006']} GIA006 findings", file=sys.stderr)
        records.append({
            **entry,
            "origin": entry["base"].split("-")[0],
            "format_found": report.detection.version,
            "format_truth": base["format"],
            "refused": rules["GIA002"] > 0,
            "findings": sum(rules.values()),
            "base_findings": len(findings[str(bases[entry["base"]])]),
            "rules": dict(rules),
            "tables": tables,
        })
    return records


def _path(corpus: Path, rel: str) -> Path:
    """A manifest path: inside the corpus, else inside the repository."""
    inside = corpus / rel
    return inside if inside.exists() else Path(__file__).resolve().parents[2] / rel


def summarise(records: list[dict]) -> dict:
    """Figures per shape and overall."""
    out = {}
    for shape in [*SHAPES, "all"]:
        recs = [r for r in records if shape in ("all", r["shape"])]
        tables = [(r, k, t) for r in recs for k, t in r["tables"].items()]
        cats = Counter(t["category"] for _, _, t in tables)
        counts = [r["findings"] for r in recs]
        rules = Counter()
        for r in recs:
            rules.update(r["rules"])
        out[shape] = {
            "files": len(recs),
            "refused": sum(r["refused"] for r in recs),
            "format_wrong": sum(r["format_found"] != r["format_truth"] for r in recs),
            "tables": len(tables),
            **{c: cats[c] for c in CATEGORIES},
            "groups": {g: _count(t for _, k, t in tables if table_group(k) == g) for g in GROUPS},
            "varied": _count(t for _, _, t in tables if t["varied"]),
            "origins": {o: _count(t for r, _, t in tables if r["origin"] == o) for o in ORIGINS},
            "findings_median": statistics.median(counts) if counts else 0,
            "findings_max": max(counts, default=0),
            "extra_findings_median": statistics.median([r["findings"] - r["base_findings"] for r in recs]) if recs else 0,
            "top_rules": [(code, n, round(n / len(recs), 1)) for code, n in rules.most_common(6)],
        }
    return out


def _count(tables) -> dict[str, int]:
    """Tables per category, every category present."""
    c = Counter(t["category"] for t in tables)
    return {k: c[k] for k in CATEGORIES}


def print_tables(summary: dict) -> None:
    """The per-shape table, the breakdowns and the flooding rules."""
    head = f"{'shape':<13} {'files':>5} {'GIA002':>6} {'format':>6} {'tables':>6} " + " ".join(f"{c:>11}" for c in CATEGORIES)
    print(head + f" {'findings med/max':>17} {'vs base':>7}")
    for shape, s in summary.items():
        pct = " ".join(f"{_pct(s[c], s['tables']):>11}" for c in CATEGORIES)
        fnd = f"{s['findings_median']:g} / {s['findings_max']}"
        print(f"{shape:<13} {s['files']:>5} {s['refused']:>6} {s['format_wrong']:>6} {s['tables']:>6} {pct} {fnd:>17} {s['extra_findings_median']:>+7g}")
    parts = [(g, lambda s, g=g: s["groups"][g]) for g in GROUPS]
    parts += [("varied", lambda s: s["varied"])] + [(o, lambda s, o=o: s["origins"][o]) for o in ORIGINS]
    print("\ntables exact/decoded/unreadable/lost/misread, by table group, for tables with varied values, by base:")
    print(f"{'shape':<13} " + " ".join(f"{name:>18}" for name, _ in parts))
    for shape, s in summary.items():
        print(f"{shape:<13} " + " ".join(f"{'/'.join(str(v) for v in get(s).values()):>18}" for _, get in parts))
    print("\nmost frequent findings (total, per file):")
    for shape, s in summary.items():
        print(f"  {shape:<13} " + ", ".join(f"{code} {n} ({avg:g})" for code, n, avg in s["top_rules"]))


def _pct(n: int, total: int) -> str:
    """``n`` as a share of ``total``, with the count."""
    return f"{100 * n / total:.1f}% ({n})" if total else "-"


def print_details(records: list[dict], corpus: Path, limit: int) -> None:
    """Up to ``limit`` misread tables per shape, with their wrong cells."""
    for shape in SHAPES:
        shown = 0
        for r in (r for r in records if r["shape"] == shape):
            for key, t in r["tables"].items():
                if t["category"] != "misread" or shown >= limit:
                    continue
                shown += 1
                lines = (corpus / r["file"]).read_text(encoding="utf-8").split("\n")
                print(f"\n[{shape}] {r['file']} {key}: {len(t['wrong'])} wrong cells")
                for w in t["wrong"][:4]:
                    text = lines[w["line"] - 1].strip()[:60] if w["line"] else ""
                    print(f"    {w['cell']}: truth {w['truth']}, bound {w['bound']}  (line {w['line']}: {text})")


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-shape", type=int, default=3, help="damaged files per base and shape (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--json", type=Path, help="also write every figure (and each file's record) here")
    parser.add_argument("--details", type=int, default=0, metavar="N", help="print up to N misread tables per shape")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    corpus = args.keep or Path(tempfile.mkdtemp(prefix="gialint-damaged-"))
    try:
        manifest = generate(corpus, args.per_shape, args.seed)
        records = measure(corpus, manifest)
        summary = summarise(records)
        print_tables(summary)
        if args.details:
            print_details(records, corpus, args.details)
        if args.json:
            data = {"seed": args.seed, "per_shape": args.per_shape, "summary": summary, "files": records}
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(corpus, ignore_errors=True)
    print(f"\n{len(records)} files, {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
