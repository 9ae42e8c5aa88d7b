"""The nodes of the document model made from single lines: headings (their
numbering, markup and title), paragraphs, and what makes a line prose rather
than a label or a cell."""

from __future__ import annotations

import re

from gialint.model.document import Heading, Paragraph
from gialint.model.span import Span
from gialint.util.normalize import clean


NUMERALS = "一二三四五六七八九十"


_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]{1,2})\s*[、．.]\s*(.*)$")


_SUBNUMBERED = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,2})\s*[)）]\s*(.*)$")


_MD = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")


_BOLD = re.compile(r"^\s*\*\*(.*)\*\*\s*$")


# A line longer than this, or one with a full stop, is prose, never a heading
# or a table cell: the longest official label has 38 characters.
MAX_LABEL_LEN = 60


def numeral_value(numeral: str) -> int:
    if len(numeral) == 1:
        return NUMERALS.index(numeral) + 1
    if numeral[0] == "十":
        return 10 + NUMERALS.index(numeral[1]) + 1
    return 0


def is_prose(text: str) -> bool:
    """Prose, not a label or cell: long, a full stop, or a lead-in ending in a colon."""
    return len(text) > MAX_LABEL_LEN or "。" in text or text.endswith(("：", ":"))


def _strip_markup(text: str) -> tuple[str, str, int]:
    """``(inner text, style, md level)`` for a heading-like line."""
    m = _MD.match(text)
    if m:
        inner = m.group(2)
        b = _BOLD.match(inner)
        return (b.group(1) if b else inner).strip(), "md", len(m.group(1))
    b = _BOLD.match(text)
    if b:
        return b.group(1).strip(), "bold", 0
    return text.strip(), "plain", 0


def span_of(line: int, col: int, raw: str) -> Span:
    """Span of ``raw`` without its surrounding white space."""
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    return Span(line, col + lead, line, col + lead + len(body))


def heading(line: int, col: int, raw: str) -> Heading:
    """A heading line (Markdown, bold, numbered or sub-numbered), ``raw``
    without its newline."""
    inner, style, level = _strip_markup(raw)
    numeral = None
    sub = False
    title = inner
    m = _NUMBERED.match(inner)
    if m:
        numeral, title = m.group(1), m.group(2)
    else:
        s = _SUBNUMBERED.match(inner)
        if s:
            numeral, title, sub = s.group(1), s.group(2), True
    at = raw.find(inner) if inner else -1
    inner_span = Span(line, col + at, line, col + at + len(inner)) if at >= 0 else None
    return Heading(clean(inner), clean(title), numeral, sub, style, level, span_of(line, col, raw), raw, inner_span)


def paragraph(line: int, col: int, raw: str) -> Paragraph:
    """A paragraph line (``raw`` without its newline)."""
    text = raw.strip()
    sub = _SUBNUMBERED.match(text)
    return Paragraph(clean(text), span_of(line, col, raw), sub.group(1) if sub else None)
