"""Render a :class:`ReportModel` as .docx with python-docx.

Variants (see ``VARIANTS``):

* ``styles``    -- headings by style (Heading 1 / Heading 2); the heading of
  section 六 inside a content control (``w:sdt``); one tracked change
  (``w:del`` + ``w:ins``, written as XML) in a row label of table 三 whose
  accepted text is the correct label.
* ``numbering`` -- headings are Normal paragraphs that only carry their
  numbering text (一、 / （一）) in bold 黑体 / 楷体; the 第二十条 blocks of section
  二 as four separate tables.
* ``pagebreak`` -- as ``numbering``, table 三's rows at least 0.9 cm high so it
  must continue on a second page, its three header rows marked "repeat as
  header row" (``w:tblHeader``); used for the PDF whose table 三 breaks.

Every variant: real merged cells (``cell.merge``: ``w:gridSpan`` horizontally,
``w:vMerge`` vertically) exactly as the official tables, the 部分公开 label
cell as two paragraphs, a running header (the title) and a ``— N —`` page
number footer (a PAGE field), 仿宋_GB2312/黑体/楷体_GB2312 fonts as Chinese
government documents use them.  Core properties carry fixed dates and the zip
is rewritten with fixed timestamps, so output is byte-for-byte deterministic.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .model import Grid, GridCell, ReportModel

VARIANTS = ("styles", "numbering", "pagebreak")
FIXED_TIME = dt.datetime(2024, 1, 20, 9, 0, 0)
ZIP_TIME = (2024, 1, 20, 9, 0, 0)

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
CELL_FONT = "宋体"


# ---------------------------------------------------------------------------
# fonts and styles
# ---------------------------------------------------------------------------


def set_run_font(run, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    run.font.name = "Times New Roman"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def set_style_font(style, east_asia: str, size: float, bold: bool = False) -> None:
    """Fonts of a style; w:lang eastAsia=zh-CN as Chinese Word writes it."""
    lang = style.element.get_or_add_rPr().find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        style.element.get_or_add_rPr().append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)


def setup_document(model: ReportModel) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    set_style_font(doc.styles["Normal"], BODY_FONT, 16)
    set_style_font(doc.styles["Heading 1"], HEADING_FONT, 16)
    set_style_font(doc.styles["Heading 2"], SUBHEADING_FONT, 16)
    for name in ("Heading 1", "Heading 2"):
        fmt = doc.styles[name].paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.first_line_indent = Pt(32)
    props = doc.core_properties
    props.author = props.last_modified_by = "admin"
    props.title = model.title
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 3
    add_header_footer(doc, model.title)
    return doc


def add_header_footer(doc: Document, title: str) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    set_run_font(header.add_run(title), BODY_FONT, 9)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(footer.add_run("— "), BODY_FONT, 14)
    add_page_field(footer)
    set_run_font(footer.add_run(" —"), BODY_FONT, 14)


def add_page_field(paragraph) -> None:
    """A PAGE field as Word writes it: begin / instrText / separate / result / end."""
    def fld(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._element.append(el)
        return run

    fld("begin")
    instr = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instr._element.append(text)
    fld("separate")
    set_run_font(paragraph.add_run("1"), BODY_FONT, 14)
    fld("end")


# ---------------------------------------------------------------------------
# paragraphs
# ---------------------------------------------------------------------------


def add_title(doc: Document, lines: list[str]) -> None:
    for line in lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(p.add_run(line), TITLE_FONT, 22)
    doc.add_paragraph()


def add_body(doc: Document, text: str, *, align=None, indent: bool = True):
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    if align is not None:
        p.alignment = align
    p.paragraph_format.line_spacing = Pt(28)
    set_run_font(p.add_run(text), BODY_FONT)
    return p


def add_heading(doc: Document, text: str, level: int, variant: str):
    if variant == "styles":
        return doc.add_paragraph(text, style=f"Heading {level}")
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    font = HEADING_FONT if level == 1 else SUBHEADING_FONT
    set_run_font(p.add_run(text), font, bold=level == 1)
    return p


def wrap_in_content_control(paragraph, alias: str, tag: str) -> None:
    """Move ``paragraph`` into a block-level ``w:sdt`` (a Word content control)."""
    p = paragraph._p
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    for name, value in (("w:alias", alias), ("w:tag", tag), ("w:id", "-1520000001")):
        el = OxmlElement(name)
        el.set(qn("w:val"), value)
        pr.append(el)
    pr.append(OxmlElement("w:text"))
    content = OxmlElement("w:sdtContent")
    p.addprevious(sdt)
    sdt.append(pr)
    content.append(p)  # moves the paragraph
    sdt.append(content)


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------


def cell_paragraph_texts(cell: GridCell) -> list[str]:
    if cell.role == "label" and "（区分" in cell.text:  # two paragraphs in one label cell
        cut = cell.text.index("（区分")
        return [cell.text[:cut], cell.text[cut:]]
    return [cell.text]


def fill_cell(doc_cell, cell: GridCell) -> None:
    doc_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    texts = cell_paragraph_texts(cell)
    first = doc_cell.paragraphs[0]
    for i, text in enumerate(texts):
        p = first if i == 0 else doc_cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.role == "label" else WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        if text:
            set_run_font(p.add_run(text), CELL_FONT, 10.5, bold=cell.header and cell.role == "caption")


TEXT_WIDTH_CM = 15.6


def column_widths(grid: Grid) -> list[float]:
    """Column widths in cm: wide label columns, narrow number columns."""
    if grid.name == "applications":
        labels = [1.9, 2.0, 4.2]
        rest = (TEXT_WIDTH_CM - sum(labels)) / (grid.n_cols - 3)
        return labels + [rest] * (grid.n_cols - 3)
    if grid.name.startswith("section2"):
        first = 4.2
        return [first] + [(TEXT_WIDTH_CM - first) / (grid.n_cols - 1)] * (grid.n_cols - 1)
    return [TEXT_WIDTH_CM / grid.n_cols] * grid.n_cols


def add_grid_table(doc: Document, grid: Grid, *, tall_rows: bool = False):
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for i, width in enumerate(column_widths(grid)):
        table.columns[i].width = Cm(width)
        for row in table.rows:
            row.cells[i].width = Cm(width)
    for cell in grid.cells:  # merge first: merging concatenates the cells' paragraphs
        if cell.rowspan > 1 or cell.colspan > 1:
            table.cell(cell.row, cell.col).merge(
                table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
    for cell in grid.cells:
        fill_cell(table.cell(cell.row, cell.col), cell)
    if tall_rows:
        for i, row in enumerate(table.rows):
            row.height = Cm(0.9)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            if i < grid.header_rows:
                tr_pr = row._tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:tblHeader"))
    return table


def split_section2(grid: Grid) -> list[Grid]:
    """The combined 第二十条 table cut into one table per block."""
    starts = sorted(c.row for c in grid.cells if c.role == "caption") + [grid.n_rows]
    parts = []
    for lo, hi in zip(starts, starts[1:], strict=False):
        part = Grid(f"{grid.name}.{lo}", hi - lo, grid.n_cols, 0)
        for c in grid.cells:
            if lo <= c.row < hi:
                part.add(GridCell(c.row - lo, c.col, c.text, c.rowspan, c.colspan, c.header, c.role, c.key))
        parts.append(part)
    return parts


# ---------------------------------------------------------------------------
# the tracked change
# ---------------------------------------------------------------------------

TRACKED_LABEL = "applications.row.results.withheld.third_party"


def add_tracked_change(table, grid: Grid) -> str | None:
    """Rewrite one label as ``keep + <w:del>old</w:del><w:ins>new</w:ins> + rest``.

    Returns a note for the manifest.  The accepted text is the label as the
    grid has it; a reader that drops ``w:ins`` runs (python-docx's
    ``paragraph.text`` does) loses part of the label, one that keeps
    ``w:delText`` gets the deleted text too.
    """
    target = next((c for c in grid.cells if c.key == TRACKED_LABEL), None)
    if target is None or len(target.text) < 4:
        return None
    text = target.text
    i = text.find("第三方")
    start, new = (i, "第三方") if i >= 0 else (len(text) // 2, text[len(text) // 2:len(text) // 2 + 2])
    old = "第三人" if new == "第三方" else new[::-1]
    p = table.cell(target.row, target.col).paragraphs[0]
    p_el = p._p
    for r in list(p_el.findall(qn("w:r"))):
        p_el.remove(r)
    template_run = _cell_run(text)
    p_el.append(_run(template_run, text[:start]))
    p_el.append(_revision("w:del", 1, _run(template_run, old, deleted=True)))
    p_el.append(_revision("w:ins", 2, _run(template_run, new)))
    p_el.append(_run(template_run, text[start + len(new):]))
    return f"label {TRACKED_LABEL!r}: w:del {old!r} + w:ins {new!r}; accepted text {text!r}"


def _cell_run(text: str):
    from docx.oxml import parse_xml
    return parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:rPr>'
        f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{CELL_FONT}"/>'
        '<w:sz w:val="21"/></w:rPr><w:t></w:t></w:r>')


def _run(template, text: str, deleted: bool = False):
    run = copy.deepcopy(template)
    t = run.find(qn("w:t"))
    if deleted:
        t.tag = qn("w:delText")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    return run


def _revision(tag: str, rev_id: int, run):
    el = OxmlElement(tag)
    el.set(qn("w:id"), str(rev_id))
    el.set(qn("w:author"), "admin")
    el.set(qn("w:date"), "2024-01-19T10:00:00Z")
    el.append(run)
    return el


# ---------------------------------------------------------------------------
# the document
# ---------------------------------------------------------------------------


def render_docx(model: ReportModel, variant: str) -> tuple[bytes, list[str]]:
    """Return (docx bytes, notes for the manifest)."""
    doc = setup_document(model)
    notes: list[str] = []
    add_title(doc, model.title_lines)
    for block in model.blocks:
        if block.kind == "heading":
            p = add_heading(doc, block.text, 1, variant)
            if variant == "styles" and block.number == 6:
                wrap_in_content_control(p, "报告事项", "section6")
                notes.append("heading of section 六 is inside a block-level w:sdt content control")
        elif block.kind == "subheading":
            add_heading(doc, block.text, 2, variant)
        elif block.kind == "paragraph":
            add_body(doc, block.text)
        elif block.grid.name == "section2" and variant != "styles":
            for part in split_section2(block.grid):
                add_grid_table(doc, part)
                doc.add_paragraph()
        else:
            tall = variant == "pagebreak" and block.grid.name == "applications"
            table = add_grid_table(doc, block.grid, tall_rows=tall)
            if variant == "styles" and block.grid.name == "applications":
                note = add_tracked_change(table, block.grid)
                if note:
                    notes.append("tracked change in " + note)
    for line in model.signature:
        add_body(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue()), notes


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes (python-docx stamps 'now')."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


DOCX_FEATURES = ["real merged cells: w:gridSpan (horizontal) and w:vMerge (vertical) as the official tables",
                 "label cell of （二）部分公开 holds two paragraphs", "running header (title) and footer '— N —' "
                 "with a PAGE field", "fixed core-property dates, fixed zip timestamps"]


def write_all(models: dict[str, ReportModel], manifest, out_root: Path) -> None:
    out = out_root / "docx"
    out.mkdir(parents=True, exist_ok=True)
    for name, model in models.items():
        for variant in ("styles", "numbering"):
            write_one(model, variant, out / f"{name}.{variant}.docx", manifest)
    write_one(models["clean2023"], "pagebreak", out / "clean2023.pagebreak.docx", manifest)


def write_one(model: ReportModel, variant: str, path: Path, manifest) -> None:
    data, notes = render_docx(model, variant)
    path.write_bytes(data)
    features = list(DOCX_FEATURES)
    features.append("headings by style Heading 1 / Heading 2" if variant == "styles"
                    else "headings by numbering text only (Normal style, bold run)")
    if variant != "styles":
        features.append("section 二 as one table per 第二十条 block")
    if variant == "pagebreak":
        features.append("table 三 rows >= 0.9 cm: the table continues on the next page; header rows repeat")
    manifest.add(path, base=model.name, format="docx", shape=f"docx/{variant}", encoding=None,
                 features=features + notes, expect={"cells": "base", "differs": {}})
