"""The PDF reader: a text PDF (as Word, WPS or LibreOffice export it) from
the positions of its words and its ruling lines, with pdfplumber
(docs/readers.md, "PDF", for the measurements behind the choice).

* Page furniture: the running header (the first line of most pages, which is
  often the title itself, so it is removed only as a page's first line) and
  footers such as ``— 3 —`` or ``第 3 页`` are dropped.
* Tables: :mod:`gialint.load.pdftables` (ruling lines, joined across pages).
* Struck-through text (a deletion printed with tracked changes shown) is
  dropped: the final text is what the report says.
* Text: a page's words outside tables grouped into lines; lines joined into
  paragraphs until a short line or an indented one; the leading lines in a
  larger font are the title.
* Refused with a reason: a file that is not a PDF or is cut short, one that
  needs a password to open (owner-password PDFs, common on government sites,
  open as in any viewer), one with no text layer (a scan: OCR is out of
  scope), and more than :data:`MAX_PAGES` pages."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from gialint.load.canonical import Block, to_source
from gialint.load.formats import DAMAGED, ENCRYPTED, NO_TEXT, kind_of, refuse_office_binary, require
from gialint.load.pdftables import Fragment, build_grid, group_fragments, in_lines, inside, join_words, page_fragments
from gialint.model.origin import Place
from gialint.model.source import Source, SourceError

MAX_PAGES = 300
FOOTER = re.compile(r"^(?:[—\-－–]\s*\d+\s*[—\-－–]|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3})$")


@dataclass
class Line:
    page: int
    top: float
    x0: float
    x1: float
    text: str
    size: float = 0.0


def page_lines(page: Any, words: list[dict[str, Any]], exclude: list[Fragment]) -> list[Line]:
    """The page's lines of text outside its tables, top to bottom."""
    free = [w for w in words if not any(inside(w, f.bbox) for f in exclude)]
    return [
        Line(page.page_number, ws[0]["top"], ws[0]["x0"], ws[-1]["x1"], join_words(ws), max(w["bottom"] - w["top"] for w in ws))
        for ws in in_lines(free)
    ]


def without_struck_text(page: Any) -> Any:
    """The page without struck-through characters: a PDF printed with
    tracked changes shown (LibreOffice, Word's "All Markup") draws a line
    through deleted text, which is still in the text layer; the final text
    is what the report says.  A struck character has a horizontal line
    across its middle (ruling lines of tables run between the lines of text)."""
    import bisect

    lines = sorted(
        ((ln["top"] + ln["bottom"]) / 2, ln["x0"], ln["x1"])
        for ln in page.lines
        if abs(ln["bottom"] - ln["top"]) < 1.0 and ln["x1"] - ln["x0"] < page.width * 0.5
    )
    if not lines:
        return page
    ys = [y for y, _, _ in lines]

    def struck(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return False
        top, bottom = obj["top"], obj["bottom"]
        h = bottom - top
        cx = (obj["x0"] + obj["x1"]) / 2
        lo, hi = bisect.bisect_left(ys, top + 0.3 * h), bisect.bisect_right(ys, bottom - 0.15 * h)
        return any(lines[i][1] <= cx <= lines[i][2] for i in range(lo, hi))

    if not any(struck(c) for c in page.chars):
        return page
    return page.filter(lambda obj: not struck(obj))


def _open(data: bytes) -> Any:
    refuse_office_binary(data, "")
    if kind_of(data) != "pdf":
        raise SourceError("不是 PDF 文件（文件开头没有 %PDF- 标记），可能已损坏或扩展名有误", DAMAGED)
    pdfplumber = require("pdfplumber", "pdfplumber")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for a broken file
        raise _why(exc) from None
    if len(pages) > MAX_PAGES:
        pdf.close()
        raise SourceError(f"PDF 有 {len(pages)} 页，超过上限 {MAX_PAGES} 页，不像一份年度报告", "too-large")
    return pdf


def _why(exc: BaseException) -> SourceError:
    """What pdfminer's exception means (pdfplumber's own message is empty
    for a password-protected file)."""
    chain = []
    e: BaseException | None = exc
    while e is not None and len(chain) < 5:
        chain.append(e)
        e = e.__cause__ or e.__context__
    names = " ".join(type(x).__name__ for x in chain) + " " + " ".join(str(x) for x in chain)
    if "Password" in names or "Encrypt" in names:
        return SourceError("PDF 文件已加密，需要密码才能打开；请提供未加密的文件", ENCRYPTED)
    detail = next((str(x) for x in chain if str(x)), type(exc).__name__)
    return SourceError(f"PDF 文件已损坏或不完整，无法读取（{detail}）", DAMAGED)


def read_pdf(data: bytes, path: str) -> Source:
    """A PDF's bytes as a :class:`Source` of canonical Markdown."""
    pdf = _open(data)
    try:
        frags: dict[int, list[Fragment]] = {}
        lines: dict[int, list[Line]] = {}
        chars = 0
        for page in pdf.pages:
            page = without_struck_text(page)
            words = page.extract_words(keep_blank_chars=True, use_text_flow=False)
            chars += sum(len(w["text"]) for w in words)
            frags[page.page_number] = page_fragments(page, words)
            lines[page.page_number] = page_lines(page, words, frags[page.page_number])
            page.flush_cache()
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _why(exc) from None
    finally:
        pdf.close()
    if not chars:
        raise SourceError(f"PDF 共 {len(lines)} 页，但没有文本层（可能是扫描件或图片），gialint 不做文字识别（OCR）；请提供由 Word 等导出的 PDF 或原文档", NO_TEXT)
    return to_source(assemble(frags, lines), "pdf", path, data)


def assemble(frags: dict[int, list[Fragment]], lines_by_page: dict[int, list[Line]]) -> list[Block]:
    """Blocks in reading order: furniture dropped, tables joined, lines
    joined into paragraphs, the title first."""
    firsts = Counter(ls[0].text for ls in lines_by_page.values() if ls)
    running = {t for t, n in firsts.items() if n >= max(2, len(lines_by_page) // 2)}
    events: list[tuple[int, float, int, Any]] = []
    tops: dict[int, float] = {}
    bottoms: dict[int, float] = {}
    body_lines: list[Line] = []
    for page, ls in lines_by_page.items():
        if ls and ls[0].text in running:
            ls = ls[1:]
        body = [ln for ln in ls if not FOOTER.match(ln.text)]
        tables = frags[page]
        tops[page] = min([ln.top for ln in body] + [f.bbox[1] for f in tables] or [0])
        bottoms[page] = max([ln.top for ln in body] + [f.bbox[3] for f in tables] or [0])
        events += [(page, ln.top, 1, ln) for ln in body]
        body_lines += body
    ordered = [f for page in sorted(frags) for f in frags[page]]
    for group in group_fragments(ordered, tops, bottoms):
        events.append((group[0].page, group[0].bbox[1], 0, group))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    left = Counter(round(ln.x0) for ln in body_lines).most_common(1)[0][0] if body_lines else 0
    right = Counter(round(ln.x1) for ln in body_lines).most_common(1)[0][0] if body_lines else 0
    size = sorted(ln.size for ln in body_lines)[len(body_lines) // 2] if body_lines else 0
    blocks: list[Block] = []
    counts = {"paragraph": 0, "table": 0}
    title: list[Line] = []
    while events and events[0][2] == 1 and events[0][3].size > 1.2 * size:
        title.append(events.pop(0)[3])
    if title:
        text = "".join(ln.text for ln in title)
        counts["paragraph"] += 1
        blocks.append(Block("title", text, Place(page=title[0].page, paragraph=1, text=text)))
    para: list[Line] = []

    def flush() -> None:
        if para:
            text = "".join(ln.text for ln in para)
            counts["paragraph"] += 1
            blocks.append(Block("paragraph", text, Place(page=para[0].page, paragraph=counts["paragraph"], text=text)))
            para.clear()

    for _, _, kind, payload in events:
        if kind == 0:
            flush()
            counts["table"] += 1
            n = counts["table"]
            grid = build_grid(payload)
            rows, pages = [cells for _, cells in grid], [page for page, _ in grid]
            blocks.append(Block("table", rows=rows, place=Place(page=payload[0].page, table=n), pages=pages))
            continue
        if payload.x0 > left + 10:  # indented or centred: a new paragraph
            flush()
        para.append(payload)
        if payload.x1 < right - 20:  # a short line ends its paragraph
            flush()
    flush()
    return blocks
