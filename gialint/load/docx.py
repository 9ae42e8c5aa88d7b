"""The Word reader: a ``.docx`` from its structure.

python-docx opens the package (:mod:`gialint.load.docxpackage` checks it
first) and resolves the main part and the styles; the body is walked here at
the XML level because python-docx's API hides what a report reader needs
(docs/readers.md, "DOCX"): paragraphs inside block-level content controls,
tracked insertions (``Paragraph.text`` drops them) and merged cells
(``row.cells`` repeats a merged cell in every slot it covers).

* Headings: a paragraph style named ``heading N`` (``标题 N``; Chinese Word
  writes ids such as ``1``, so styles are looked up by name) or an outline
  level; otherwise the numbering text (``一、``) the grammar keys on,
  including automatic numbering (``w:numPr``) for the Chinese and decimal
  formats.
* Tracked changes are read as the final text: ``w:ins`` and ``w:moveTo``
  kept, ``w:del`` and ``w:moveFrom`` dropped; hidden text (``w:vanish``)
  dropped.
* Tables: ``w:gridSpan`` and ``w:vMerge`` resolved into the grid (covered
  slots empty), ``w:gridBefore`` honoured, content controls around rows and
  cells walked into; a table with a table inside is layout and its cells are
  read as paragraphs.
* The title: the leading centred or ``Title``-styled paragraphs before the
  first section.

Places: ``第 N 段`` counts the non-empty paragraphs outside tables, ``表 N
第 R 行第 C 列`` the tables and their grid."""

from __future__ import annotations

import re
from typing import Any

from gialint.load.canonical import Block, to_source
from gialint.load.docxpackage import open_docx
from gialint.load.docxnumbering import Numbering
from gialint.model.origin import Place
from gialint.model.source import Source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM = (W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml"))
_T, _R, _TAB, _BR, _CR = W + "t", W + "r", W + "tab", W + "br", W + "cr"
_SKIP = frozenset(W + t for t in ("del", "moveFrom", "pPr", "rPr", "tcPr", "trPr", "tblPr", "sdtPr", "sdtEndPr", "instrText", "delText"))
_WRAPPERS = frozenset((_SDT, _SDT_CONTENT, _CUSTOM, W + "ins", W + "moveTo", W + "smartTag"))
_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_FIRST_SECTION = re.compile(r"^\s*(?:[一1][、.．]|第一部分)")


def _val(el: Any, path: str) -> str | None:
    found = el.find(path)
    return None if found is None else found.get(W + "val")


def run_text(el: Any, out: list[str]) -> None:
    """The visible, accepted text under ``el`` (a paragraph or a part of one)."""
    for child in el:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag in _SKIP:
            continue
        elif tag == _R:
            rpr = child.find(W + "rPr")
            if rpr is not None and rpr.find(W + "vanish") is not None and _val(rpr, W + "vanish") not in ("0", "false"):
                continue
            run_text(child, out)
        elif tag == _TAB:
            out.append(" ")
        elif tag in (_BR, _CR):
            out.append("")
        elif isinstance(tag, str):
            run_text(child, out)


def paragraph_text(p: Any) -> str:
    out: list[str] = []
    run_text(p, out)
    return " ".join("".join(out).split())


def _children(el: Any, tag: str) -> list[Any]:
    """``tag`` children of ``el``, also those inside content controls."""
    out = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(_children(child, tag))
    return out


class _Walk:
    def __init__(self, styles: dict[str, str], numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0

    def heading_level(self, p: Any) -> int:
        ppr = p.find(W + "pPr")
        if ppr is None:
            return 0
        style = self.styles.get(_val(ppr, W + "pStyle") or "", "")
        m = _HEADING.match(style)
        if m:
            return int(m.group(1))
        outline = _val(ppr, W + "outlineLvl")
        if outline is not None and outline.isdigit() and int(outline) < 9:
            return int(outline) + 1
        return 0

    def is_title_like(self, p: Any) -> bool:
        ppr = p.find(W + "pPr")
        if ppr is None:
            return False
        style = self.styles.get(_val(ppr, W + "pStyle") or "", "")
        return _val(ppr, W + "jc") == "center" or style in ("title", "标题")

    def body(self, container: Any) -> None:
        for el in container:
            tag = el.tag
            if tag == _P:
                self.paragraph(el)
            elif tag == _TBL:
                self.table(el)
            elif tag in _WRAPPERS:
                self.body(el)

    def paragraph(self, p: Any) -> None:
        text = paragraph_text(p)
        prefix = self.numbering.prefix(p)
        if prefix and not text.startswith(prefix):
            text = prefix + text
        if not text:
            return
        self.paragraphs += 1
        level = self.heading_level(p)
        place = Place(paragraph=self.paragraphs, text=text)
        block = Block("heading" if level else "paragraph", text, place, level + 1 if level else 0)
        if self.is_title_like(p):
            block.level = -1 if not level else block.level
        self.blocks.append(block)

    def table(self, tbl: Any) -> None:
        rows = _children(tbl, _TR)
        if any(tc.find(".//" + _TBL) is not None for tr in rows for tc in _children(tr, _TC)):
            for tr in rows:  # a layout table: read its cells as the body
                for tc in _children(tr, _TC):
                    self.body(tc)
            return
        grid: list[list[str]] = []
        for tr in rows:
            row: list[str] = []
            trpr = tr.find(W + "trPr")
            before = _val(trpr, W + "gridBefore") if trpr is not None else None
            row += [""] * _int(before, 0)
            for tc in _children(tr, _TC):
                tcpr = tc.find(W + "tcPr")
                span = _int(_val(tcpr, W + "gridSpan"), 1) if tcpr is not None else 1
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                continued = vmerge is not None and vmerge.get(W + "val", "continue") == "continue"
                text = "" if continued else "".join(paragraph_text(p) for p in _children(tc, _P))
                row += [text] + [""] * (min(span, 64) - 1)
            grid.append(row)
        kept = [r for r in grid if any(r)]
        if not kept:
            return
        self.tables += 1
        width = max(len(r) for r in kept)
        rows = [r + [""] * (width - len(r)) for r in kept]
        self.blocks.append(Block("table", rows=rows, place=Place(table=self.tables)))


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value), 0) if value is not None else default
    except ValueError:
        return default


def style_names(document: Any) -> dict[str, str]:
    """styleId → lower-case style name (``heading 1``, ``标题 1``, ``title``)."""
    out = {}
    styles = document.styles.element
    for s in styles.iter(W + "style"):
        name = s.find(W + "name")
        if name is not None:
            out[s.get(W + "styleId") or ""] = (name.get(W + "val") or "").lower()
    return out


def read_docx(data: bytes, path: str) -> Source:
    """A ``.docx``'s bytes as a :class:`Source` of canonical Markdown."""
    document = open_docx(data)
    walk = _Walk(style_names(document), Numbering.of(document))
    walk.body(document.element.body)
    blocks = walk.blocks
    lead = []
    for b in blocks:
        if b.kind == "table" or _FIRST_SECTION.match(b.text) or b.level != -1:
            break
        lead.append(b)
    for b in blocks:
        if b.level == -1:
            b.level = 0
    if lead:
        title = "".join(b.text for b in lead)
        blocks = [Block("title", title, Place(paragraph=lead[0].place.paragraph, text=title))] + blocks[len(lead):]
    return to_source(blocks, "docx", path, data)
