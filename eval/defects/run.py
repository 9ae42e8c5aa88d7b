#!/usr/bin/env python3
"""Measure gialint's recall on the planted-defect corpus (issue 14).

    python eval/defects/run.py [--json FILE] [--keep DIR] [--seed N] [--misses N]

Generates the corpus (generate.py) in a temporary directory, runs one
``gialint check --isolated --no-cache --format json`` over it with the
default rules (what users see), and a second one with ``--select all`` for
comparison, then prints per class: planted, found, recall; every error on a
clean copy; the number of warnings on clean copies; and the misses.

A planted defect is found when the copy has a finding that
* has one of the class's rule codes,
* is new: its (rule, message) is not among the findings of the clean copy
  of the same base and layout (so a base's own defects never count), and
* is at most ``window`` lines (manifest) from one of the defect's anchor lines.

It is a measurement, not a test: the exit status is 0 whatever the figures,
1 only when gialint itself fails (exit status other than 0/1, output that
is not JSON).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402


class GialintFailed(Exception):
    pass


def run_gialint(reports: Path, select_all: bool) -> list[dict]:
    """One gialint process over the whole corpus; its findings."""
    command = [sys.executable, "-m", "gialint", "check", "--isolated", "--no-cache", "--format", "json",
               "--no-progress", "--jobs", "0"]
    if select_all:
        command += ["--select", "all"]
    # From the corpus's directory, not the repository: "python -m" would
    # import the checkout's gialint rather than the one installed.
    done = subprocess.run(command + [str(reports)], capture_output=True, text=True, cwd=reports.parent)
    if done.returncode not in (0, 1):
        raise GialintFailed(f"gialint exited {done.returncode}:\n{done.stderr[-3000:]}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise GialintFailed(f"gialint output is not JSON ({error}):\n{done.stderr[-3000:]}") from error


def by_file(findings: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        out[Path(f["path"]).name].append(f)
    return out


def _layout_key(name: str) -> str:
    return "__".join(name.split("__")[:2])


def score(manifest: dict, findings: dict[str, list[dict]]) -> list[dict]:
    """Each defective copy with ``found`` and what gialint said about it."""
    window = manifest["window"]
    baseline = {c["file"]: {(f["rule"], f["message"]) for f in findings.get(c["file"], [])}
                for c in manifest["clean"]}
    results = []
    for copy in manifest["copies"]:
        # The clean copy it was made from (the traditional one for trad-label).
        base = baseline[copy.get("baseline") or _layout_key(copy["file"]) + "__clean" + Path(copy["file"]).suffix]
        new = [f for f in findings.get(copy["file"], []) if (f["rule"], f["message"]) not in base]

        def distance(f):
            return min(abs(f["line"] - a) for a in copy["anchors"])

        accepted = [f for f in new if f["rule"] in copy["codes"]]
        hits = [distance(f) for f in accepted if distance(f) <= window]
        results.append({
            **copy,
            "found": bool(hits),
            "distance": min(hits) if hits else None,
            "accepted_elsewhere": [_brief(f) for f in accepted if distance(f) > window],
            "new_nearby": [_brief(f) for f in new if distance(f) <= window and f["rule"] not in copy["codes"]],
            "new_rules": sorted({f["rule"] for f in new}),
            "new_total": len(new),
        })
    return results


def _brief(f: dict) -> str:
    return f"{f['line']} {f['rule']} {f['message']}"


def clean_findings(manifest: dict, findings: dict[str, list[dict]], reports: Path) -> tuple[list[dict], Counter]:
    """Every error on a plain clean copy (marked ``known`` when it is one of
    the base's own documented defects) and the warnings counted by rule."""
    known = {b["base"]: b["known"] for b in manifest["bases"]}
    errors, warnings = [], Counter()
    for clean in manifest["clean"]:
        if clean.get("variant", "clean") != "clean":
            continue
        lines = (reports / clean["file"]).read_text(encoding="utf-8").split("\n")
        for f in findings.get(clean["file"], []):
            if f["severity"] == "error":
                text = lines[f["line"] - 1] if 0 < f["line"] <= len(lines) else ""
                is_known = any(k["rule"] == f["rule"] and k["text"] in text for k in known[clean["base"]])
                errors.append({"file": clean["file"], "line": f["line"], "rule": f["rule"],
                               "message": f["message"], "known": is_known})
            elif f["severity"] == "warning":
                warnings[f["rule"]] += 1
    return errors, warnings


# Variants that keep every line where it was (their messages may differ: a
# traditional copy's are in its own script, a Chinese year is quoted as such).
_SAME_LINES = ("trad", "trad-tw", "cn-year", "prose-2021", "prose-other-year")


def _same(variant: str, f: dict) -> tuple:
    """What makes two findings of a clean copy and its variant the same:
    the place, for variants that keep the lines; the rule and message for
    those that move them (a split title, front matter)."""
    if variant in _SAME_LINES:
        return f["rule"], f["line"], f["column"]
    return f["rule"], f["message"]


def variant_findings(manifest: dict, findings: dict[str, list[dict]]) -> tuple[list[dict], list[dict]]:
    """Per clean variant: copies, copies with a new error, with any new
    finding; and every new finding (what the plain clean copy does not have)."""
    rows: dict[str, dict] = {}
    new_all = []
    for clean in manifest["clean"]:
        variant = clean.get("variant", "clean")
        if variant == "clean":
            continue
        plain = {_same(variant, f) for f in findings.get(clean["plain"], [])}
        new = [f for f in findings.get(clean["file"], []) if _same(variant, f) not in plain]
        row = rows.setdefault(variant, {"variant": variant, "copies": 0, "with_error": 0, "with_finding": 0,
                                        "errors": 0, "warnings": 0})
        row["copies"] += 1
        row["with_error"] += any(f["severity"] == "error" for f in new)
        row["with_finding"] += bool(new)
        row["errors"] += sum(f["severity"] == "error" for f in new)
        row["warnings"] += sum(f["severity"] != "error" for f in new)
        new_all += [{"file": clean["file"], "line": f["line"], "rule": f["rule"], "severity": f["severity"],
                     "message": f["message"]} for f in new]
    return list(rows.values()), new_all


def table(results: list[dict], classes: list[str]) -> list[dict]:
    rows = []
    for klass in classes:
        mine = [r for r in results if r["class"] == klass]
        found = sum(r["found"] for r in mine)
        rows.append({"class": klass, "planted": len(mine), "found": found,
                     "recall": round(found / len(mine), 3) if mine else None})
    total = sum(r["planted"] for r in rows)
    found = sum(r["found"] for r in rows)
    rows.append({"class": "all", "planted": total, "found": found, "recall": round(found / total, 3) if total else None})
    return rows


def breakdown(results: list[dict], klass: str, field: str) -> dict[str, str]:
    """``found/planted`` of one class per layout or variant."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        if r["class"] == klass:
            counts[r[field]][0] += r["found"]
            counts[r[field]][1] += 1
    return {k: f"{f}/{n}" for k, (f, n) in sorted(counts.items())}


def _examples(missed: list[dict], n: int) -> list[dict]:
    """Up to ``n`` misses, the first of each variant before any second one."""
    firsts, rest, seen = [], [], set()
    for r in missed:
        (rest if r["variant"] in seen else firsts).append(r)
        seen.add(r["variant"])
    return (firsts + rest)[:n]


def print_variants(rows: list[dict], new: list[dict], shown: int) -> None:
    print("false alarms on clean copies written another way (new = not on the plain clean copy):")
    print(f"{'variant':<18} {'copies':>6} {'with error':>10} {'with any new':>12} {'errors':>6} {'warnings':>8}")
    for r in rows:
        print(f"{r['variant']:<18} {r['copies']:>6} {r['with_error']:>10} {r['with_finding']:>12} {r['errors']:>6} "
              f"{r['warnings']:>8}")
    for f in sorted(new, key=lambda f: (f["severity"] != "error", f["file"], f["line"]))[:shown]:
        print(f"  {f['file']}:{f['line']}: {f['rule']} {f['severity']} {f['message']}")
    print()


def print_report(manifest, rows, rows_all, results, errors, warnings, crashed, misses_shown, variant_rows=(),
                 variant_new=()) -> None:
    plain = sum(1 for c in manifest["clean"] if c.get("variant", "clean") == "clean")
    print(f"gialint defect-recall evaluation: {len(manifest['copies'])} defective copies, "
          f"{plain} clean copies (and {len(manifest['clean']) - plain} written another way), "
          f"{len(manifest['bases'])} bases, seed {manifest['seed']}, window ±{manifest['window']} lines")
    print()
    print(f"{'class':<18} {'planted':>7} {'found':>6} {'recall':>7}   codes")
    for row in rows:
        recall = "-" if row["recall"] is None else f"{row['recall']:.3f}"
        codes = "/".join(manifest["classes"].get(row["class"], []))
        if row["planted"] or row["class"] == "all":
            print(f"{row['class']:<18} {row['planted']:>7} {row['found']:>6} {recall:>7}   {codes}")
    distances = Counter(r["distance"] for r in results if r["found"])
    print(f"distance of the detecting finding from the planted place (lines): "
          f"{', '.join(f'{d}: {n}' for d, n in sorted(distances.items()))}")
    diff = [f"{a['class']} {a['found']}→{b['found']}" for a, b in zip(rows, rows_all) if a["found"] != b["found"]]
    print("with --select all: " + ("same recall in every class" if not diff else "; ".join(diff)))
    print()
    unexpected = [e for e in errors if not e["known"]]
    print(f"errors on clean copies: {len(errors)} ({len(errors) - len(unexpected)} are the bases' own documented "
          f"defects, {len(unexpected)} unexpected)")
    for e in sorted(errors, key=lambda e: (e["known"], e["file"], e["line"])):
        tag = "known" if e["known"] else "UNEXPECTED"
        print(f"  [{tag}] {e['file']}:{e['line']}: {e['rule']} {e['message']}")
    print(f"warnings on clean copies: {sum(warnings.values())} "
          f"({', '.join(f'{rule} {n}' for rule, n in sorted(warnings.items()))})")
    print()
    print_variants(list(variant_rows), list(variant_new), misses_shown * 3)
    if crashed:
        print(f"internal errors (GIA009): {len(crashed)}")
        for c in crashed:
            print(f"  {c}")
    print()
    print("misses per class (by layout; by variant), with examples:")
    for row in rows[:-1]:
        missed = [r for r in results if r["class"] == row["class"] and not r["found"]]
        if not missed:
            continue
        print(f"- {row['class']}: {len(missed)} missed")
        print(f"    by layout:  {breakdown(results, row['class'], 'layout')}")
        print(f"    by variant: {breakdown(results, row['class'], 'variant')}")
        said = Counter(rule for r in missed for rule in r["new_rules"])
        print(f"    new findings in the missed copies, copies per rule: "
              f"{', '.join(f'{rule} {n}' for rule, n in sorted(said.items())) or 'none'}")
        for r in _examples(missed, misses_shown):
            said = (r["accepted_elsewhere"] and "accepted code too far: " + " | ".join(r["accepted_elsewhere"][:2])) \
                or (r["new_nearby"] and "only: " + " | ".join(r["new_nearby"][:2])) \
                or ("nothing new nearby" if r["new_total"] else "no new finding at all")
            print(f"    {r['file']}:{r['line']}: {r['description']}")
            print(f"        gialint: {said}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--keep", type=Path, help="generate the corpus here and keep it")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misses", type=int, default=4, help="examples of misses shown per class")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="gialint-eval-") as tmp:
        out = args.keep or Path(tmp)
        started = time.monotonic()
        manifest = generate(out, args.seed)
        (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        generated = time.monotonic()
        try:
            findings = by_file(run_gialint(out / "reports", select_all=False))
            findings_all = by_file(run_gialint(out / "reports", select_all=True))
        except GialintFailed as error:
            print(error, file=sys.stderr)
            return 1
        checked = time.monotonic()
        classes = list(manifest["classes"])
        results = score(manifest, findings)
        rows = table(results, classes)
        rows_all = table(score(manifest, findings_all), classes)
        errors, warnings = clean_findings(manifest, findings, out / "reports")
        variant_rows, variant_new = variant_findings(manifest, findings)
        crashed = sorted(f"{name}:{f['line']}: {f['message']}" for name, fs in findings.items()
                         for f in fs if f["rule"] == "GIA009")
    print_report(manifest, rows, rows_all, results, errors, warnings, crashed, args.misses, variant_rows, variant_new)
    print(f"generated in {generated - started:.1f} s, checked (two runs) in {checked - generated:.1f} s",
          file=sys.stderr)
    if args.json:
        figures = {
            "seed": manifest["seed"], "window": manifest["window"], "recall": rows, "recall_select_all": rows_all,
            "by_layout": {c: breakdown(results, c, "layout") for c in classes},
            "by_variant": {c: breakdown(results, c, "variant") for c in classes},
            "clean_errors": errors, "clean_warnings": dict(sorted(warnings.items())), "internal_errors": crashed,
            "clean_variants": variant_rows, "clean_variant_findings": variant_new,
            "misses": [r for r in results if not r["found"]],
            "skipped": manifest["skipped"], "notes": manifest["notes"],
        }
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
