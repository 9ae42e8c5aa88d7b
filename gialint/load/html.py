"""The HTML reader: a saved page, or an article body alone, from its markup.

Steps (docs/readers.md has the measurements and the pitfalls behind each):

1. decode and parse (:mod:`gialint.load.htmlpage`: the page's charset, lxml,
   scripts, styles and comments removed);
2. find the article among the site's chrome without per-site rules: the
   smallest element that holds the first report table (a leaf table naming
   第二十条 or 申请) and the section 总体情况; else the body;
3. walk it in document order: ``<h1>``–``<h6>`` are headings; ``<p>``,
   ``<li>``, ``<div>`` with inline content only and runs of text between
   ``<br>`` are paragraphs; a table with a table inside is layout and its
   cells are walked as containers; a leaf table is a grid with
   ``rowspan``/``colspan`` resolved, empty cells kept, all-empty rows (Word's
   ``supportMisalignedColumns`` row) dropped;
4. the title: the page's ``<h1>`` (or ``<h2>``) before the article (a CMS
   puts it above the body, whose leading bold lines are then a byline),
   else the article's leading centred, bold or ``<h1>`` paragraphs before
   the first section (Word's "Save as Web Page").

Text: a cell's or paragraph's pieces (``<span>`` runs, ``<p>``, ``<br>``)
joined without separators; white space from a source line wrap next to a
CJK character dropped (Word wraps its HTML source between two characters);
``&nbsp;`` a space; then runs of spaces collapsed.

Every block keeps the number of its element in walk order (``anchor``); the
page's line and column are found from it only when a finding needs them
(:mod:`gialint.load.htmlpos`)."""

from __future__ import annotations

import re
from typing import Any

from gialint.load.canonical import Block, to_source
from gialint.load.htmlpage import decode_page, parse_page
from gialint.model.origin import Place
from gialint.model.source import Source

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
INLINE = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i img ins kbd label mark nobr q rp rt ruby s samp small span "
    "strike strong sub sup time tt u var wbr".split()
)
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_WRAP = re.compile(f"(?<=[{_CJK}])[ \\t\\r]*\\n[ \\t\\r\\n]*|[ \\t\\r]*\\n[ \\t\\r\\n]*(?=[{_CJK}])")
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \\t\\r\\n]+(?=[{_CJK}])")
_REPORT_TABLE = ("第二十条", "申请人情况", "本年新收", "行政复议")
_FIRST_SECTION = re.compile(r"^\s*(?:[一1][、.．]|第一部分)")
MAX_SPAN = 200  # rowspan/colspan taken at most this far: a hostile colspan=1000000 builds no huge grid


def clean(text: str) -> str:
    """Text as a reader sees it, on one line."""
    text = _WRAP.sub("", text)
    text = text.replace("\xa0", " ").replace("\u3000", " ") if "\xa0" in text or "\u3000" in text else text
    text = _CJK_GAP.sub("", text)
    return " ".join(text.split())


def _text(el: Any) -> str:
    """All the text inside ``el`` (not its tail), joined in C."""
    from lxml import etree

    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def _tag(el: Any) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _inline(el: Any) -> bool:
    tag = _tag(el)
    return tag in INLINE or ":" in tag  # Word's <o:p>, <st1:chsdate>


def _centred(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (el.get("align") or "").lower() == "center" or "text-align:center" in style


def _bold(el: Any) -> bool:
    """A paragraph whose text is all inside ``<b>``/``<strong>``."""
    text = _text(el).strip()
    if not text:
        return False
    bold = "".join(_text(b) for b in el.iter("b", "strong")).strip()
    return len(bold) >= len(text) * 0.9


class _Walk:
    """One pass over the article: blocks in document order, with each
    block's element number (``elements`` when collecting them)."""

    def __init__(self, collect: bool = False) -> None:
        self.blocks: list[Block] = []
        self.elements: list[Any] | None = [] if collect else None
        self.count = 0
        self.paragraphs = 0
        self.tables = 0

    def _anchor(self, el: Any) -> int:
        n = self.count
        self.count += 1
        if self.elements is not None:
            self.elements.append(el)
        return n

    def text_block(self, el: Any, text: str, kind: str = "paragraph", level: int = 0) -> None:
        text = clean(text)
        if not text:
            return
        self.paragraphs += 1
        place = Place(paragraph=self.paragraphs, anchor=self._anchor(el), text=text)
        block = Block(kind, text, place, level)
        if kind == "paragraph" and (_centred(el) or _bold(el) or _tag(el) == "h1"):
            block.level = -1  # a title candidate
        self.blocks.append(block)

    def container(self, el: Any) -> None:
        """Children of a block container, runs of inline content between
        blocks and ``<br>`` as paragraphs."""
        run: list[str] = [el.text or ""]
        owner = el
        for child in el:
            tag = _tag(child)
            if tag == "br":
                self.text_block(owner, "".join(run))
                run, owner = [child.tail or ""], el
            elif _inline(child) and child.find(".//table") is None:
                run.append(_text(child))
                run.append(child.tail or "")
            else:
                self.text_block(owner, "".join(run))
                self.block(child)
                run, owner = [child.tail or ""], el
        self.text_block(owner, "".join(run))

    def block(self, el: Any) -> None:
        tag = _tag(el)
        if tag == "table":
            if el.find(".//table") is None:
                self.table(el)
                return
            for cell in el.iter("td", "th"):  # a layout table: its cells are containers
                if _own_table(cell) is el:
                    self.container(cell)
        elif tag in HEADINGS:
            self.text_block(el, _text(el), "heading", HEADINGS[tag])
        elif tag in ("ul", "ol", "dl", "tr", "tbody", "thead", "tfoot") or _has_blocks(el):
            self.container(el)
        else:
            self.text_block(el, _text(el))

    def table(self, table: Any) -> None:
        rows = [tr for tr in table.iter("tr") if _own_table(tr) is table]
        grid: dict[tuple[int, int], tuple[str, Any]] = {}
        taken: set[tuple[int, int]] = set()
        for r, tr in enumerate(rows):
            c = 0
            for td in tr:
                if _tag(td) not in ("td", "th"):
                    continue
                while (r, c) in taken:
                    c += 1
                rowspan = _span(td.get("rowspan"), len(rows) - r)
                colspan = _span(td.get("colspan"), MAX_SPAN)
                grid[(r, c)] = (clean(_text(td)), td)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, c + dc))
                c += colspan
        width = 1 + max((c for _, c in taken), default=-1)
        kept = [r for r in range(len(rows)) if any(grid.get((r, c), ("",))[0] for c in range(width))]
        if not kept:
            return
        if width == 1 and len(kept) <= 3:  # a one-column box: paragraphs, not a table
            for r in kept:
                self.text_block(grid[(r, 0)][1], grid[(r, 0)][0])
            return
        self.tables += 1
        out: list[list[tuple[str, Place]]] = []
        for i, r in enumerate(kept, 1):
            row = []
            for c in range(width):
                text, td = grid.get((r, c), ("", None))
                anchor = self._anchor(td) if td is not None else None
                row.append((text, Place(table=self.tables, row=i, column=c + 1, anchor=anchor, text=text)))
            out.append(row)
        self.blocks.append(Block("table", rows=out, place=Place(table=self.tables)))


def _span(value: str | None, limit: int) -> int:
    try:
        n = int((value or "1").strip() or 1)
    except ValueError:
        return 1
    return min(max(n, 1), max(limit, 1), MAX_SPAN)


def _own_table(el: Any) -> Any:
    for a in el.iterancestors("table"):
        return a
    return None


def _has_blocks(el: Any) -> bool:
    for child in el:
        if not _inline(child) or child.find(".//table") is not None:
            return True
    return False


def article_root(root: Any) -> Any:
    """The smallest element holding the first report table and 总体情况."""
    body = root.find("body")
    body = body if body is not None else root
    test = " or ".join(f"contains(., '{m}')" for m in _REPORT_TABLE)
    found = body.xpath(f"(.//table[not(.//table)][{test}])[1]")
    if not found:
        return body
    el = found[0]
    while el is not body and el.getparent() is not None:
        if el.xpath("contains(., '总体情况')"):
            return el
        el = el.getparent()
    return body


def _title_outside(root: Any, article: Any) -> Any:
    """The page's own heading of the article: an ``<h1>`` (or ``<h2>``)
    outside it and before it."""
    if article is root or _tag(article) == "body":
        return None
    inside = set(article.iter())
    for tag in ("h1", "h2"):
        for h in root.iter(tag):
            if h in inside or (h.sourceline or 0) > (article.sourceline or 0):
                continue
            if clean(_text(h)):
                return h
    return None


def _join(lines: list[str]) -> str:
    out = ""
    for text in lines:
        out += (" " if out[-1:].isascii() and text[:1].isascii() and out else "") + text
    return out


def blocks_of(root: Any, collect: bool = False) -> _Walk:
    """The report's blocks, the title first, from a parsed page."""
    article = article_root(root)
    walk = _Walk(collect)
    walk.block(article) if _tag(article) != "body" else walk.container(article)
    blocks = walk.blocks
    lead = []
    for b in blocks:  # the title: the leading centred, bold or <h1> lines
        if b.kind == "table" or _FIRST_SECTION.match(b.text) or not (b.level == -1 or (b.kind == "heading" and b.level == 1)):
            break
        lead.append(b)
    for b in blocks:
        if b.level == -1:
            b.level = 0
    h = _title_outside(root, article)
    if lead and h is None:
        title = _join([b.text for b in lead])
        walk.blocks = [Block("title", title, Place(paragraph=lead[0].place.paragraph, anchor=lead[0].place.anchor, text=title))]
        walk.blocks += blocks[len(lead):]
        return walk
    if h is not None:
        title = clean(_text(h))
        walk.blocks = [Block("title", title, Place(anchor=walk._anchor(h), text=title))] + blocks
    return walk


def read_html(data: bytes, path: str) -> Source:
    """A page's bytes as a :class:`Source` of canonical Markdown."""
    from gialint.load.htmlpos import resolver_for

    text, _encoding, notes = decode_page(data)
    root = parse_page(text)
    walk = blocks_of(root)
    source = to_source(walk.blocks, "html", path, data, notes)
    assert source.origin is not None
    source.origin.positions = True
    source.origin.resolver = resolver_for(text, lambda root: blocks_of(root, collect=True).elements or [])
    return source
