"""Convert the DOCX fixtures to PDF with LibreOffice, as publishers export them.

``soffice --headless --convert-to pdf`` runs with a private profile and a
private fontconfig file that maps the Chinese government font names of the
DOCX (仿宋_GB2312, 宋体, 楷体_GB2312, 黑体, 方正小标宋简体) to Noto CJK SC, so the
text layer is extractable (the fonts are embedded as subsets with ToUnicode
maps).  Each PDF keeps the DOCX's running header (the title) and its ``— N —``
page-number footer.

LibreOffice stamps the export time into the PDF; :func:`normalize_pdf`
rewrites the PDF with pikepdf: fixed CreationDate/ModDate, no XMP packet, no
trailer /DocChecksum (LibreOffice's, time-dependent) and a /ID derived from
the content, so the bytes are stable from run to run with the same
LibreOffice and fonts.  Another LibreOffice or font version changes
the layout and the bytes (not the text): regenerate and commit together.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .model import ReportModel

FIXED_PDF_DATE = "D:20240120090000+08'00'"

FONT_MAP = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "仿宋": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "方正小标宋简体": "Noto Sans CJK SC",
}

# pdf file -> (docx source, what it shows)
PDF_SOURCES = {
    **{f"{name}.pdf": (f"{name}.numbering.docx", "numbering") for name in
       ("seed000", "seed001", "seed002", "seed003", "seed004", "clean2023", "clean2020")},
    "clean2023.pagebreak.pdf": ("clean2023.pagebreak.docx", "pagebreak"),
    "clean2020.styles.pdf": ("clean2020.styles.docx", "styles"),
}


def fontconfig_file(folder: Path) -> Path:
    aliases = "\n".join(
        f'  <alias binding="same"><family>{src}</family><prefer><family>{dst}</family></prefer></alias>'
        for src, dst in FONT_MAP.items())
    conf = folder / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{folder / "fc-cache"}</cachedir>
{aliases}
</fontconfig>
""", encoding="utf-8")
    return conf


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk")
    return exe


def convert(docx_files: list[Path], out_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(tmp_path)), TZ="UTC", LC_ALL="C.UTF-8")
        cmd = [soffice(), "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation=file://{tmp_path / 'profile'}",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), *map(str, docx_files)]
        subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=600)


def normalize_pdf(path: Path) -> None:
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        info = pdf.docinfo
        info["/CreationDate"] = FIXED_PDF_DATE
        info["/ModDate"] = FIXED_PDF_DATE
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        for key in ("/ID", "/DocChecksum"):  # LibreOffice: a random /ID, a time-dependent checksum
            if key in pdf.trailer:
                del pdf.trailer[key]
        pdf.save(path, deterministic_id=True, compress_streams=True)


def write_all(models: dict[str, ReportModel], manifest, out_root: Path) -> None:
    docx_dir = out_root / "docx"
    out = out_root / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        sources = []
        for pdf_name, (docx_name, _) in PDF_SOURCES.items():
            src = tmp_path / pdf_name.replace(".pdf", ".docx")
            shutil.copyfile(docx_dir / docx_name, src)
            sources.append(src)
        convert(sources, tmp_path / "pdf")
        for pdf_name, (docx_name, variant) in PDF_SOURCES.items():
            target = out / pdf_name
            shutil.copyfile(tmp_path / "pdf" / pdf_name, target)
            normalize_pdf(target)
            base = pdf_name.split(".")[0]
            expect = {"cells": "base", "differs": {}}
            if variant == "styles":
                expect["labels_differ"] = {"applications.row.results.withheld.third_party": TRACKED_AS_PRINTED}
            manifest.add(target, base=base, format="pdf", shape=f"pdf/libreoffice-from-docx/{variant}",
                         encoding=None, source=f"docx/{docx_name}", features=pdf_features(variant),
                         pages=page_facts(target), expect=expect)


TRACKED_AS_PRINTED = "4.保护第三人第三方合法权益"


def page_facts(path: Path) -> dict:
    """Page count and the pages table 三 runs over (from its first header cell to its last row)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        texts = [(p.extract_text() or "").replace("\n", "") for p in pdf.pages]
    first = next(i for i, t in enumerate(texts) if "本列数据" in t)
    last = next(i for i, t in enumerate(texts) if i >= first and "结转下年度" in t)
    return {"count": len(texts), "table3": [first + 1, last + 1]}


def pdf_features(variant: str) -> list[str]:
    features = ["text layer from LibreOffice 7.4 writer_pdf_Export; CJK fonts embedded as subsets of Noto CJK "
                "(named NotoSerifCJKjp-*/NotoSansCJKjp-*: the first face of the .ttc) with ToUnicode maps; "
                "ASCII runs in Liberation Serif",
                "running header (the title) on every page", "footer '— N —' on every page",
                "ruling lines drawn for every table border (merged cells have no inner lines)",
                "table 三 continues across a page break (see pages.table3); a row may be split by the break"]
    if variant == "pagebreak":
        features.append("table 三 rows >= 0.9 cm: it spans pages; its three header rows are repeated on the next page")
    if variant == "styles":
        features.append("from the 'styles' DOCX: LibreOffice prints the tracked change with the deletion struck "
                        "through, so the label's text layer holds both the deleted and the inserted text "
                        f"({TRACKED_AS_PRINTED}); the content control prints as ordinary text")
    return features
