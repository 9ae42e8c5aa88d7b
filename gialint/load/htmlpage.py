"""An HTML page's bytes as text, and the page's tree with the site's chrome
removed: the two steps of reading a page that do not depend on what a report
is (:mod:`gialint.load.html` does that part).

Charset: no parser gets all the pages governments publish right
(docs/readers.md, "Charset"), so the bytes are decoded here: a BOM; else the
charset the page declares (``<meta charset>`` or ``http-equiv``; ``gb2312``
and ``gbk`` read as GB18030, as browsers do), decoded strictly; else UTF-8;
else GB18030; else charset-normalizer.  A declared charset the bytes do not
fit (a page that says UTF-8 and is GBK) is noted, not trusted."""

from __future__ import annotations

import codecs
import re
from typing import Any

from gialint.load.formats import DAMAGED, require
from gialint.model.source import SourceError

_META = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "csgb2312", "chinese", "euc-cn"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 8 KB, as a Python codec name."""
    head = data[:8192]
    at = head.find(b"charset")
    if at < 0:
        at = head.lower().find(b"charset")
        if at < 0:
            return None
    m = _META.search(head, max(0, head.rfind(b"<", 0, at)))
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(data: bytes) -> tuple[str, str, list[str]]:
    """``(text, encoding, notes)`` of a page's bytes; raises
    :class:`SourceError` when no encoding explains them."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc, []
            except UnicodeDecodeError:
                break
    declared = declared_charset(data)
    notes: list[str] = []
    if declared:
        try:
            return data.decode(declared), declared, []
        except (UnicodeDecodeError, LookupError):
            notes.append(f"网页声明的编码 {declared} 与内容不符，已按实际编码读取")
    for enc in ("utf-8", "gb18030"):
        if enc == declared:
            continue
        try:
            return data.decode(enc), enc, notes
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding, notes + [f"网页编码推测为 {best.encoding}"]
        except (UnicodeDecodeError, LookupError):
            pass
    raise SourceError("无法识别网页的编码（既不是声明的编码，也不是 UTF-8 或 GB18030）", "undecodable")


# Chrome: never the report, wherever it is on the page.
_NOISE = ("script", "style", "noscript", "template", "iframe", "object", "svg", "math", "select", "button", "textarea", "head")


def parse_page(text: str) -> Any:
    """The page's tree (libxml2's HTML parser through lxml.etree: plain
    elements, no Python class lookup per node as lxml.html does) without
    scripts, styles, comments and other things a reader never shows as text."""
    etree = require("lxml.etree", "lxml")
    text = _XML_DECL.sub("", text, count=1)  # lxml refuses str with an encoding declaration
    if "\x00" in text:
        text = text.replace("\x00", "")
    parser = etree.HTMLParser(no_network=True, remove_pis=True, remove_comments=True, default_doctype=False)
    try:
        root = etree.fromstring(text, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise SourceError(f"无法解析网页：{exc}", DAMAGED) from None
    if root is None:
        raise SourceError("网页没有内容", "empty")
    strip_noise(root, etree)
    return root


def strip_noise(root: Any, etree: Any) -> None:
    """Remove comments, processing instructions and chrome elements, keeping
    their tails (the text that follows them is the page's)."""
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction, *_NOISE)):
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        if tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
