#!/usr/bin/env python3
"""Prototype: .docx -> Markdown with pipe tables (not product code).

    python tools/prototypes/docx_grid.py REPORT.docx

Works at the XML level (lxml), because python-docx's API hides three things
a report reader needs:

* block-level content controls: ``Document.paragraphs`` / ``iter_inner_content``
  skip paragraphs inside ``w:sdt`` (here: a section heading);
* tracked changes: ``Paragraph.text`` skips runs inside ``w:ins`` (the
  accepted text loses them) -- we accept changes: keep ``w:ins``, drop ``w:del``;
* merged cells: ``row.cells`` repeats a merged cell in every grid slot it
  covers; we read ``w:gridSpan`` and ``w:vMerge`` and leave covered slots empty.

Safety: the zip is checked before anything is inflated (entry count, declared
sizes, compression ratio, compression method) and read with a hard cap; XML
is parsed with ``resolve_entities=False``, no DTD loading, no network and
without ``huge_tree``; a DOCTYPE is refused outright.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MAX_ENTRY = 64 * 1024 * 1024  # bytes of one inflated part
MAX_TOTAL = 256 * 1024 * 1024
MAX_RATIO = 200  # inflated / compressed, per entry
MAX_ENTRIES = 2000


class DocxError(ValueError):
    """The file is not a .docx we are willing to read."""


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# ---------------------------------------------------------------------------
# the package
# ---------------------------------------------------------------------------


def check_zip(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise DocxError(f"too many zip entries: {len(infos)}")
    total = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise DocxError(f"{info.filename}: compression method {info.compress_type} is not used by Word")
        if info.file_size > MAX_ENTRY:
            raise DocxError(f"{info.filename}: declares {info.file_size} bytes inflated")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise DocxError(f"{info.filename}: compression ratio {info.file_size / info.compress_size:.0f}")
        total += info.file_size
    if total > MAX_TOTAL:
        raise DocxError(f"declares {total} bytes inflated in all")


def read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """Inflate one part, never more than MAX_ENTRY bytes whatever the header says."""
    with zf.open(name) as fh:
        data = fh.read(MAX_ENTRY + 1)
    if len(data) > MAX_ENTRY:
        raise DocxError(f"{name}: inflates past {MAX_ENTRY} bytes")
    return data


SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes):
    head = data[:2048].lstrip()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise DocxError("XML part has a DOCTYPE (Word never writes one)")
    return etree.fromstring(data, SAFE_PARSER)


def open_docx(path: Path):
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise DocxError(f"not a zip / truncated: {exc}") from None
    with zf:
        check_zip(zf)
        try:
            document = parse_xml(read_part(zf, "word/document.xml"))
            styles = parse_xml(read_part(zf, "word/styles.xml")) if "word/styles.xml" in zf.namelist() else None
        except (KeyError, zipfile.BadZipFile, EOFError, OSError) as exc:
            raise DocxError(f"damaged package: {exc}") from None
    return document, style_names(styles)


def style_names(styles) -> dict[str, str]:
    """styleId -> name; Chinese Word uses ids like '1' for 'heading 1'."""
    if styles is None:
        return {}
    return {s.get(w("styleId")): s.find(w("name")).get(w("val")).lower()
            for s in styles.iter(w("style")) if s.find(w("name")) is not None}


# ---------------------------------------------------------------------------
# text with revisions accepted
# ---------------------------------------------------------------------------


def paragraph_text(p) -> str:
    """w:t of runs, including runs in w:ins / w:moveTo / w:hyperlink / inline w:sdt; not w:del / w:moveFrom."""
    parts = []
    removed = {w("del"), w("moveFrom")}
    for el in p.iter(w("t"), w("tab"), w("br")):
        if any(a.tag in removed for a in el.iterancestors()):
            continue
        parts.append(el.text or "" if el.tag == w("t") else "")
    return "".join(parts).strip()


def heading_level(p, styles: dict[str, str]) -> int | None:
    ps = p.find("w:pPr/w:pStyle", NS)
    name = styles.get(ps.get(w("val")), "") if ps is not None else ""
    if name.startswith("heading "):
        return int(name.split()[1])
    return None


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------


def table_grid(tbl) -> list[list[str]]:
    """Rows of cell texts; gridSpan and vMerge continuation slots are empty."""
    rows = []
    for tr in tbl.findall("w:tr", NS):
        row: list[str] = []
        for tc in tr.findall("w:tc", NS):
            pr = tc.find("w:tcPr", NS)
            span_el = pr.find("w:gridSpan", NS) if pr is not None else None
            span = int(span_el.get(w("val"))) if span_el is not None else 1
            vmerge = pr.find("w:vMerge", NS) if pr is not None else None
            continued = vmerge is not None and vmerge.get(w("val"), "continue") == "continue"
            text = "" if continued else "".join(paragraph_text(p) for p in tc.findall("w:p", NS))
            row += [text] + [""] * (span - 1)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


# ---------------------------------------------------------------------------
# body
# ---------------------------------------------------------------------------


def is_centered(p) -> bool:
    jc = p.find("w:pPr/w:jc", NS)
    return jc is not None and jc.get(w("val")) == "center"


def body_blocks(container, styles):
    """Yield ('heading', level, text) / ('text', None, text) / ('table', None, grid)."""
    for el in container:
        if el.tag == w("p"):
            text = paragraph_text(el)
            if text:
                level = heading_level(el, styles)
                if level:
                    yield "heading", level, text
                else:
                    yield ("centered" if is_centered(el) else "text"), None, text
        elif el.tag == w("tbl"):
            yield "table", None, table_grid(el)
        elif el.tag == w("sdt"):
            content = el.find("w:sdtContent", NS)
            if content is not None:
                yield from body_blocks(content, styles)


def to_pipe(grid: list[list[str]]) -> list[str]:
    if not grid:
        return []
    return ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * len(grid[0])] + [
        "| " + " | ".join(r) + " |" for r in grid[1:]]


def docx_to_markdown(path: Path) -> str:
    document, styles = open_docx(path)
    body = document.find("w:body", NS)
    out: list[str] = []
    title: list[str] = []
    for kind, level, value in body_blocks(body, styles):
        if kind == "centered" and not out:  # leading centred lines: the title
            title.append(value)
            continue
        if title and not out:
            out += ["# " + "".join(title), ""]
        if kind == "table":
            out += to_pipe(value) + [""]
        elif kind == "heading":
            out += ["#" * (level + 1) + " " + value, ""]
        else:
            out += [value, ""]
    return "\n".join(out)


def main() -> int:
    try:
        print(docx_to_markdown(Path(sys.argv[1])))
    except DocxError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
