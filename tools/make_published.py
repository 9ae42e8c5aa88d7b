#!/usr/bin/env python3
"""Write the published-format fixtures in tests/fixtures/published/ (issue 12).

Run once from the repository root, with the generator's extras installed::

    pip install python-docx pikepdf pillow pypdfium2 pdfplumber   # pikepdf: Python >= 3.11
    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk    # PDF and .doc steps only
    python tools/make_published.py               # all formats
    python tools/make_published.py --only html   # html | docx | pdf | bad

The output is committed; tests and CI never run this script (and never need
LibreOffice).  Every fixture renders one text report of the repository (a
seed, a clean shape fixture; the examples are byte-identical copies of those
and are listed as aliases) through gialint's bound model, so a correct reader
of the published file must recover the same bound cells as gialint reads from
the text.  MANIFEST.json says, for every file, its base, shape, encoding and
what a reader must recover; expected/<base>.json holds the cell values.

Helpers for tests: :func:`make_huge_html` writes the 50 MB page at test time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
sys.path.insert(0, str(TOOLS))

from published import html as html_shapes  # noqa: E402
from published.model import ReportModel, build_model  # noqa: E402

OUT = REPO / "tests" / "fixtures" / "published"

# name -> base text report (repository-relative)
BASES = {
    "seed000": "tests/fixtures/seeds/000_d01d6110a0d52b3f.txt",
    "seed001": "tests/fixtures/seeds/001_1e18f80993d45f81.txt",
    "seed002": "tests/fixtures/seeds/002_c5ec5838828042f2.txt",
    "seed003": "tests/fixtures/seeds/003_14eeafda3dabec40.txt",
    "seed004": "tests/fixtures/seeds/004_133a86a936eb75e3.txt",
    "clean2023": "tests/fixtures/shapes/clean2023_pipe.md",
    "clean2020": "tests/fixtures/shapes/clean2020_pipe.md",
}
# byte-identical copies rendered once under the name they alias
ALIASES = {
    "examples/reports/clean-2023.md": "clean2023",
    "examples/reports/guyuan-2019.txt": "seed002",
    "examples/reports/tongguan-2023.txt": "seed004",
}


# ---------------------------------------------------------------------------
# manifest
# ---------------------------------------------------------------------------


class Manifest:
    def __init__(self) -> None:
        self.entries: dict[str, dict] = {}

    def add(self, path: Path, **fields) -> None:
        rel = path.relative_to(OUT).as_posix()
        data = path.read_bytes()
        entry = {"path": rel, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        entry.update(fields)
        self.entries[rel] = entry

    def load(self) -> None:
        path = OUT / "MANIFEST.json"
        if path.exists():
            for entry in json.loads(path.read_text(encoding="utf-8"))["fixtures"]:
                self.entries[entry["path"]] = entry

    def write(self, models: dict[str, ReportModel]) -> None:
        doc = {
            "about": "Published-format fixtures (issue 12); written by tools/make_published.py. "
                     "For each fixture: the text report it renders (base), its shape, its encoding, and what a "
                     "correct reader must recover: expect.cells = 'base' means every bound cell value equals "
                     "expected/<base>.json (gialint's reading of the base text); expect.differs lists cells "
                     "intentionally different; expect.error names the failure a reader must report instead.",
            "bases": {name: {"path": m.base, "sha256": m.base_sha256, "template": m.template_id,
                             "expected": f"expected/{name}.json"} for name, m in models.items()},
            "aliases": ALIASES,
            "fixtures": [self.entries[k] for k in sorted(self.entries)],
        }
        (OUT / "MANIFEST.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_expected(model: ReportModel) -> None:
    doc = {
        "base": model.base,
        "template": model.template_id,
        "title": model.title,
        "headings": [b.text for b in model.blocks if b.kind == "heading"],
        "cells": model.cells,
        "raw": model.raw,
    }
    path = OUT / "expected" / f"{model.name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")


def expect_base(differs: dict | None = None) -> dict:
    return {"cells": "base", "differs": differs or {}}


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

CMS_VARIANTS = {
    # name -> (base, options, encoding of the bytes, note)
    "cms-gb2312": ("seed000", html_shapes.CmsOptions(charset_decl="meta-charset", declared="gb2312", headings="strong"),
                   "gbk", "labelled gb2312 but holds GBK-only characters (釆 in a row label, 赟 in the byline): "
                          "decode gb2312 as GBK/GB18030"),
    "cms-gbk-http-equiv": ("seed004", html_shapes.CmsOptions(charset_decl="http-equiv", declared="gbk"),
                           "gbk", "charset in <meta http-equiv>; U+00A0 written as &#160;"),
    "cms-utf8-nometa": ("clean2023", html_shapes.CmsOptions(charset_decl="none"),
                        "utf-8", "no charset declaration at all (the server header is lost when saved)"),
    "cms-wrong-meta": ("clean2020", html_shapes.CmsOptions(charset_decl="meta-charset", declared="utf-8",
                                                           headings="strong"),
                       "gbk", "meta says utf-8 but the bytes are GBK: a strict utf-8 decode fails"),
    "cms-layout-table": ("seed002", html_shapes.CmsOptions(headings="strong", layout_table=True),
                         "utf-8", "page laid out with a <table>; the report tables are nested in a layout cell, "
                                  "the sidebar is a table, table 四 is wrapped in a one-cell table"),
}


def write_html(models: dict[str, ReportModel], manifest: Manifest) -> None:
    out = OUT / "html"
    out.mkdir(parents=True, exist_ok=True)
    for name, model in models.items():
        path = out / f"{name}.word.htm"
        path.write_bytes(html_shapes.encode_page(html_shapes.word_html(model, charset="gb2312"), "gb2312"))
        manifest.add(path, base=name, format="html", shape="word-save-as-web-page",
                     encoding={"declared": "gb2312", "bytes": "gbk", "declared_in": "meta http-equiv"},
                     features=["p.MsoNormal in every td", "mso- inline styles", "<o:p>", "labels split over spans",
                               "ASCII runs in <span lang=EN-US>", "<o:p>&nbsp;</o:p> in empty cells",
                               "source wrapped at ~78 columns, also between CJK characters",
                               "two <p> in the 部分公开 label cell",
                               "zero-height supportMisalignedColumns row after table 三",
                               "headings as <p><b>, title as centred <p>", "conditional comments"],
                     expect=expect_base())
        path = out / f"{name}.cms.html"
        path.write_bytes(html_shapes.encode_page(html_shapes.cms_html(model), "utf-8"))
        manifest.add(path, base=name, format="html", shape="cms-article",
                     encoding={"declared": "utf-8", "bytes": "utf-8", "declared_in": "meta charset"},
                     features=CMS_FEATURES + ["headings as <h2>"], expect=expect_base())
    for variant, (base, opts, codec, note) in CMS_VARIANTS.items():
        path = out / f"{base}.{variant}.html"
        path.write_bytes(html_shapes.encode_page(html_shapes.cms_html(models[base], opts), codec))
        features = CMS_FEATURES + ["headings as <h2>" if opts.headings == "h2" else "headings as <p><strong>"]
        manifest.add(path, base=base, format="html", shape=f"cms-article/{variant}",
                     encoding={"declared": opts.declared if opts.charset_decl != "none" else None, "bytes": codec,
                               "declared_in": opts.charset_decl},
                     features=features, note=note, expect=expect_base())


CMS_FEATURES = ["site chrome: top bar, nav, breadcrumb 首页 > 政府信息公开 > 年度报告, sidebar 相关链接, share, "
                "footer with 网站标识码/ICP", "<script> in head and body (one holds a '<table>' string)", "<noscript>",
                "article in div.TRS_Editor with a <style> block", "real rowspan/colspan for merged cells",
                "labels broken with <br>", "&nbsp; in empty cells"]


def make_huge_html(path: Path, target_bytes: int = 50 * 1024 * 1024, base: str = "clean2023") -> Path:
    """Write a CMS page of about ``target_bytes`` to ``path`` (for tests; never committed).

    It holds the full report ``base`` (its tables come before the filler), so a
    reader that copes with the size recovers the same cells as from the base.
    """
    model = build_model(REPO / BASES[base], base, REPO)
    path.write_bytes(html_shapes.huge_html(model, target_bytes))
    return path


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------


def load_models() -> dict[str, ReportModel]:
    return {name: build_model(REPO / rel, name, REPO) for name, rel in BASES.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["html", "docx", "pdf", "bad"], action="append")
    args = parser.parse_args(argv)
    steps = args.only or ["html", "docx", "pdf", "bad"]
    models = load_models()
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = Manifest()
    manifest.load()
    for model in models.values():
        write_expected(model)
    if "html" in steps:
        write_html(models, manifest)
    if "docx" in steps:
        from published import docx_shapes
        docx_shapes.write_all(models, manifest, OUT)
    if "pdf" in steps:
        from published import pdf_shapes
        pdf_shapes.write_all(models, manifest, OUT)
    if "bad" in steps:
        from published import bad_inputs
        bad_inputs.write_all(models, manifest, OUT)
    manifest.write(models)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
