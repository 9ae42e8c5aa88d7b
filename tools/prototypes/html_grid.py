#!/usr/bin/env python3
"""Prototype: published HTML page -> Markdown with pipe tables (not product code).

    python tools/prototypes/html_grid.py PAGE.html [--tables-only]

Steps a real reader needs, each a small function below:

1. decode: BOM, then the <meta> charset (gb2312/gbk read as GB18030), strict;
   if the declared charset fails or none is declared, try utf-8 then GB18030
   (charset-normalizer would be the general fallback);
2. parse with lxml.html from *text* (lxml given bytes without a meta charset
   falls back to latin-1);
3. drop script/style/noscript/comments, find the article root (the smallest
   element holding the first report table and the text 总体情况);
4. leaf tables (no nested table) -> grid, rowspan/colspan resolved, rows
   that are all empty (Word's zero-height row) dropped;
5. text of a cell: <br> and <p> joined without a separator, whitespace
   between CJK characters removed (Word wraps its source there), nbsp = space.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import lxml.html

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"}


def decode_page(data: bytes) -> tuple[str, str]:
    """Return (text, how) for the page bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "bom"
    match = META_CHARSET.search(data[:4096])
    candidates = []
    if match:
        declared = match.group(1).decode("ascii").lower()
        candidates.append("gb18030" if declared in GB_FAMILY else declared)
    candidates += ["utf-8", "gb18030"]
    for codec in candidates:
        try:
            return data.decode(codec), codec if match and codec == candidates[0] else f"guessed {codec}"
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace"), "utf-8 with replacement"


_CJK = "\u3000-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_WRAP_GAP = re.compile(f"(?<=[{_CJK}])[ \\t]*\\n\\s*|[ \\t]*\\n\\s*(?=[{_CJK}])")


def clean_text(text: str) -> str:
    """Whitespace from source line wraps next to CJK is dropped, nbsp is a space."""
    text = _WRAP_GAP.sub("", text)
    text = text.replace("\xa0", " ")
    text = _CJK_GAP.sub("", text)
    return " ".join(text.split())


def element_text(el) -> str:
    """Text of an element; <br> and block boundaries add nothing (CJK labels)."""
    return clean_text("".join(el.itertext()))


def strip_noise(root) -> None:
    for bad in root.xpath("//script|//style|//noscript|//comment()"):
        bad.drop_tree() if hasattr(bad, "drop_tree") else bad.getparent().remove(bad)


def leaf_tables(root) -> list:
    return [t for t in root.iter("table") if not t.xpath(".//table")]


def table_grid(table) -> list[list[str]]:
    """Rows of cell texts with rowspan/colspan resolved (merged slots empty)."""
    grid: dict[tuple[int, int], str] = {}
    taken: set[tuple[int, int]] = set()
    n_rows = 0
    for r, tr in enumerate(table.xpath("./tr|./tbody/tr|./thead/tr|./tfoot/tr")):
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in taken:
                c += 1
            rowspan = max(1, int(td.get("rowspan", "1") or 1))
            colspan = max(1, int(td.get("colspan", "1") or 1))
            grid[(r, c)] = element_text(td)
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
        n_rows = r + 1
    n_cols = 1 + max((c for _, c in taken), default=-1)
    rows = [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]
    return [row for row in rows if any(row)]


def article_root(root):
    tables = leaf_tables(root)
    report_tables = [t for t in tables if "第二十条" in "".join(t.itertext())]
    el = (report_tables or tables or [root])[0]
    while el.getparent() is not None and "总体情况" not in "".join(el.itertext()):
        el = el.getparent()
    return el


BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div"}


def blocks(root):
    """Yield ('table', grid) and ('text', str) in document order.

    A text block is a p/h*/li/div outside any table with no block inside it.
    """
    block_xpath = "|".join(f".//{t}" for t in sorted(BLOCK_TAGS)) + "|.//table"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "table" and not el.xpath(".//table"):
            yield "table", table_grid(el)
        elif el.tag in BLOCK_TAGS and not el.xpath("ancestor::td[not(.//table)]|ancestor::th[not(.//table)]") and not el.xpath(block_xpath):
            text = element_text(el)
            if text:
                yield "text", text


def to_pipe(grid: list[list[str]]) -> list[str]:
    if not grid:
        return []
    lines = ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * len(grid[0])]
    lines += ["| " + " | ".join(row) + " |" for row in grid[1:]]
    return lines


def page_title(doc) -> str | None:
    """The article's <h1>, else Word's leading centred paragraphs joined."""
    h1 = doc.xpath("//h1")
    if h1:
        return element_text(h1[0])
    lines = []
    for p in doc.xpath("//body//p"):
        if "center" not in (p.get("align", "") + p.get("style", "")):
            break
        if element_text(p):
            lines.append(element_text(p))
    return "".join(lines) or None


def html_to_markdown(data: bytes) -> str:
    text, _ = decode_page(data)
    doc = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True))
    strip_noise(doc)
    title = page_title(doc)
    out = [f"# {title}", ""] if title else []
    for kind, value in blocks(article_root(doc)):
        if kind == "table":
            out += to_pipe(value) + [""]
        elif not (title and value in title):
            out += [value, ""]
    return "\n".join(out)


def main() -> int:
    data = Path(sys.argv[1]).read_bytes()
    if "--tables-only" in sys.argv:
        text, how = decode_page(data)
        doc = lxml.html.document_fromstring(text)
        strip_noise(doc)
        print(f"<!-- decoded as {how} -->")
        for t in leaf_tables(article_root(doc)):
            print("\n".join(to_pipe(table_grid(t))) + "\n")
    else:
        print(html_to_markdown(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
