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
from gialint.load.htmlpage import bold, centred, clean, decode_page, inline, parse_page, tag_of, text_of
from gialint.model.origin import Place
from gialint.model.source import Source

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_REPORT_TABLE = ("第二十条", "申请人情况", "本年新收", "行政复议")
_FIRST_SECTION = re.compile(r"^\s*(?:[一1][、.．]|第一部分)")
MAX_SPAN = 200  # rowspan/colspan taken at most this far: a hostile colspan=1000000 builds no huge grid


class _Walk:
    """One pass over the article: blocks in document order, with each
    block's element number (``elements`` when collecting them)."""

    def __init__(self, collect: bool = False) -> None:
        self.blocks: list[Block] = []
        self.elements: list[Any] | None = [] if collect else None
        self.count = 0
        self.paragraphs = 0
        self.tables = 0
        self.in_body = False  # past the first section heading: no more title candidates

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
        if not self.in_body:
            if _FIRST_SECTION.match(text) or self.tables:
                self.in_body = True
            elif kind == "paragraph" and (centred(el) or bold(el)):
                block.level = -1  # a title candidate
        self.blocks.append(block)

    def container(self, el: Any) -> None:
        """Children of a block container, runs of inline content between
        blocks and ``<br>`` as paragraphs."""
        run: list[str] = [el.text or ""]
        owner = el
        for child in el:
            tag = child.tag
            if tag == "br":
                self.text_block(owner, "".join(run))
                run, owner = [child.tail or ""], el
            elif inline(child) and (len(child) == 0 or child.find(".//table") is None):
                run.append(text_of(child))
                run.append(child.tail or "")
            else:
                self.text_block(owner, "".join(run))
                self.block(child)
                run, owner = [child.tail or ""], el
        self.text_block(owner, "".join(run))

    def block(self, el: Any) -> None:
        tag = tag_of(el)
        if tag == "table":
            if el.find(".//table") is None:
                self.table(el)
                return
            for cell in el.iter("td", "th"):  # a layout table: its cells are containers
                if _own_table(cell) is el:
                    self.container(cell)
        elif tag in HEADINGS:
            self.text_block(el, text_of(el), "heading", HEADINGS[tag])
        elif tag in ("ul", "ol", "dl", "tr", "tbody", "thead", "tfoot") or _has_blocks(el):
            self.container(el)
        else:
            self.text_block(el, text_of(el))

    def table(self, table: Any) -> None:
        """A leaf table as a grid: ``rowspan``/``colspan`` resolved (a merged
        cell's text in its first slot), blank cells kept, rows of blanks only
        dropped."""
        rows = list(table.iter("tr"))
        n = len(rows)
        covered: dict[int, set[int]] = {}
        order: list[Any] = []
        grid: list[dict[int, tuple[str, int]]] = []
        width = 0
        for r, tr in enumerate(rows):
            cells: dict[int, tuple[str, int]] = {}
            cov = covered.get(r)
            c = 0
            for td in tr:
                tag = td.tag
                if tag != "td" and tag != "th":
                    continue
                if cov:
                    while c in cov:
                        c += 1
                rs, cs = td.get("rowspan"), td.get("colspan")
                rowspan = _span(rs, n - r) if rs else 1
                colspan = _span(cs, MAX_SPAN) if cs else 1
                text = td.text or "" if len(td) == 0 else text_of(td)
                cells[c] = (clean(text), len(order))
                order.append(td)
                if rowspan > 1:
                    for dr in range(1, rowspan):
                        covered.setdefault(r + dr, set()).update(range(c, c + colspan))
                c += colspan
            width = max(width, c, max(cov) + 1 if cov else 0)
            grid.append(cells)
        kept = [r for r in range(n) if any(t for t, _ in grid[r].values())]
        base = self.count
        self.count += len(order)
        if self.elements is not None:
            self.elements.extend(order)
        if not kept:
            return
        if width == 1 and len(kept) <= 3:  # a one-column box: paragraphs, not a table
            for r in kept:
                text, i = grid[r][0]
                self.paragraphs += 1
                self.blocks.append(Block("paragraph", text, Place(paragraph=self.paragraphs, anchor=base + i, text=text)))
            return
        self.tables += 1
        texts, anchors = [], []
        for r in kept:
            cells = grid[r]
            texts.append([cells[c][0] if c in cells else "" for c in range(width)])
            anchors.append([base + cells[c][1] if c in cells else None for c in range(width)])
        self.blocks.append(Block("table", rows=texts, place=Place(table=self.tables), anchors=anchors))


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
    """Whether ``el`` holds more than inline content (a ``<br>`` counts: it
    ends a paragraph)."""
    for child in el:
        if not inline(child) or (len(child) and child.find(".//table") is not None):
            return True
    return False


_SECTION_ONE: Any = None  # compiled on first use


def article_root(root: Any) -> Any:
    """The smallest element holding the first report table and the text
    总体情况 (section 一); the body when there is no report table."""
    body = root.find("body")
    body = body if body is not None else root
    first = None
    for t in body.iter("table"):
        if t.find(".//table") is None:
            text = text_of(t)
            if any(m in text for m in _REPORT_TABLE):
                first = t
                break
    if first is None:
        return body
    global _SECTION_ONE
    if _SECTION_ONE is None:
        from lxml.etree import XPath

        _SECTION_ONE = XPath("(.//text()[contains(., '总体情况')])[1]")
    found = _SECTION_ONE(body)
    if not found or found[0].getparent() is None:
        return body
    holder = found[0].getparent()
    around = [holder, *holder.iterancestors()]  # kept alive: lxml gives a live node the same proxy
    el = first
    while el is not None and el is not body:
        if any(el is a for a in around):
            return el
        el = el.getparent()
    return body


def _title_outside(root: Any, article: Any) -> Any:
    """The page's own heading of the article: an ``<h1>`` (or ``<h2>``)
    outside it and before it."""
    if article is root or tag_of(article) == "body":
        return None
    line = article.sourceline or 0
    for tag in ("h1", "h2"):
        for h in root.iter(tag):
            if (h.sourceline or 0) > line:
                break
            if any(a is article for a in h.iterancestors()):
                continue
            if clean(text_of(h)):
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
    walk.block(article) if tag_of(article) != "body" else walk.container(article)
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
        title = clean(text_of(h))
        walk.blocks = [Block("title", title, Place(anchor=walk._anchor(h), text=title))] + blocks
    return walk


def read_html(data: bytes, path: str) -> Source:
    """A page's bytes as a :class:`Source` of canonical Markdown."""
    from gialint.load.htmlpos import resolver_for

    text, _encoding, notes = decode_page(data)
    root = parse_page(text)
    walk = blocks_of(root, collect=True)
    source = to_source(walk.blocks, "html", path, data, notes)
    assert source.origin is not None
    source.origin.positions = True
    source.origin.resolver = resolver_for(text, root, walk.elements or [])
    return source
