"""An HTML page's bytes as text, the page's tree with the site's chrome
removed, and the text of its elements as a reader sees it: the steps of
reading a page that do not depend on what a report is
(:mod:`gialint.load.html` does that part).

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
    parser = etree.HTMLParser(no_network=True, remove_pis=True, remove_comments=True, default_doctype=False, collect_ids=False)
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


# -- the text of elements ---------------------------------------------------

INLINE = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i img ins kbd label mark nobr q rp rt ruby s samp small span "
    "strike strong sub sup time tt u var wbr".split()
)
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_WRAP = re.compile(f"(?<=[{_CJK}])[ \\t\\r]*\\n[ \\t\\r\\n]*|[ \\t\\r]*\\n[ \\t\\r\\n]*(?=[{_CJK}])")
_SPACE = re.compile(r"\s")
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \\t\\r\\n]+(?=[{_CJK}])")


def clean(text: str) -> str:
    """Text as a reader sees it, on one line."""
    text = text.strip()  # also &nbsp; and U+3000 at the ends
    if not _SPACE.search(text):
        return text  # most cells: "0", a label without spaces
    if "\n" in text or "\r" in text:
        text = _WRAP.sub("", text)
    return " ".join(_CJK_GAP.sub("", text.replace("\xa0", " ").replace("\u3000", " ")).split())


def text_of(el: Any) -> str:
    """All the text inside ``el`` (not its tail), joined in C."""
    if len(el) == 0:
        return el.text or ""
    return _tostring(el, method="text", encoding="unicode", with_tail=False)


def _tostring(*args: Any, **kwargs: Any) -> str:
    global _tostring
    from lxml.etree import tostring

    _tostring = tostring  # bound on first use: lxml is imported only when a page is read
    return tostring(*args, **kwargs)


def tag_of(el: Any) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def inline(el: Any) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return True
    return tag in INLINE or ":" in tag  # Word's <o:p>, <st1:chsdate> (libxml2's HTML parser gives lower-case names)


def centred(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (el.get("align") or "").lower() == "center" or "text-align:center" in style


def bold(el: Any) -> bool:
    """A paragraph whose text is all inside ``<b>``/``<strong>``."""
    text = text_of(el).strip()
    if not text:
        return False
    strong = "".join(text_of(b) for b in el.iter("b", "strong")).strip()
    return len(strong) >= len(text) * 0.9
