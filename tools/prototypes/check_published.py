#!/usr/bin/env python3
"""Run the prototypes over tests/fixtures/published/MANIFEST.json and compare.

    python tools/prototypes/check_published.py [--format html|docx|pdf] [-v]

For every fixture whose expect.cells is "base", convert it to Markdown with
the prototype for its format, read that with gialint, and compare every bound
cell value with expected/<base>.json (minus expect.differs).  Prints one line
per fixture and a summary; exit status 1 if any fixture differs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "published"
sys.path.insert(0, str(HERE))

from gialint import read_report  # noqa: E402


def converter(fmt: str):
    if fmt == "html":
        from html_grid import html_to_markdown
        return lambda path: html_to_markdown(path.read_bytes())
    if fmt == "docx":
        from docx_grid import docx_to_markdown
        return docx_to_markdown
    if fmt == "pdf":
        from pdf_grid import pdf_to_markdown
        return pdf_to_markdown
    raise ValueError(fmt)


def bound_cells(markdown: str) -> tuple[dict, object]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.md"
        path.write_text(markdown, encoding="utf-8")
        report = read_report(path)
    return {k: c.value for t in report.tables.values() for k, c in t.cells.items()}, report


def normal(value):
    return None if value is None else str(value)


def check(entry: dict, convert, verbose: bool) -> tuple[bool, str]:
    expected = json.loads((FIXTURES / "expected" / f"{entry['base']}.json").read_text(encoding="utf-8"))
    want = dict(expected["cells"])
    want.update(entry["expect"].get("differs", {}))
    start = time.perf_counter()
    markdown = convert(FIXTURES / entry["path"])
    got, report = bound_cells(markdown)
    took = time.perf_counter() - start
    wrong = {k: (v, got.get(k)) for k, v in want.items() if normal(got.get(k)) != normal(v)}
    title_ok = report.document.title is not None and report.document.title.text.replace(" ", "") == \
        expected["title"].replace(" ", "")
    headings = [s.heading.text for s in report.document.sections]
    detail = f"cells {len(want) - len(wrong)}/{len(want)} title {'ok' if title_ok else 'NO'} " \
             f"sections {len(headings)} {took * 1000:.0f} ms"
    if wrong and verbose:
        detail += "\n    " + "\n    ".join(f"{k}: want {a!r} got {b!r}" for k, (a, b) in list(wrong.items())[:8])
    return not wrong, detail


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", action="append")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--dump", help="write each Markdown conversion into this folder")
    args = parser.parse_args()
    manifest = json.loads((FIXTURES / "MANIFEST.json").read_text(encoding="utf-8"))
    total = failed = 0
    for entry in manifest["fixtures"]:
        fmt = entry["format"]
        if entry["expect"].get("cells") != "base" or (args.format and fmt not in args.format):
            continue
        convert = converter(fmt)
        if args.dump:
            out = Path(args.dump) / (entry["path"].replace("/", "__") + ".md")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(convert(FIXTURES / entry["path"]), encoding="utf-8")
        ok, detail = check(entry, convert, args.verbose)
        total += 1
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {entry['path']}: {detail}")
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
