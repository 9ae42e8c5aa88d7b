"""From the grammar's blocks to a :class:`~gialint.document.Document`: which
lines are the six section headings, where the title is, and which lines are
table cells.

A line such as ``一、本年新收政府信息公开申请数量`` looks like a section heading
but is a table row label; only the official titles tell them apart, so section
headings are recognised by similarity to the template's titles."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from gialint.model.document import (
    Block,
    Cell,
    Document,
    Heading,
    Marker,
    Node,
    Paragraph,
    Section,
    TableBlock,
    Title,
)
from gialint.model.source import Source
from gialint.model.span import Span
from gialint.model.template import SectionTemplate
from gialint.parse.cells import split_pipe_row, table_cells
from gialint.parse.grammar import parse_blocks
from gialint.util.normalize import clean, norm, similarity

NUMERALS = "一二三四五六七八九十"
_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]{1,2})\s*[、．.]\s*(.*)$")
_SUBNUMBERED = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,2})\s*[)）]\s*(.*)$")
_BREADCRUMB = re.compile(r"(首页|当前位置|您的位置).*[/>›»]|(\s/\s.*){2,}")
_MD = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_BOLD = re.compile(r"^\s*\*\*(.*)\*\*\s*$")
_TITLEISH = re.compile(r"报告|年报|政府信息公开|政务公开")
# A line that is only an HTML comment (a suppression directive) is invisible
# when Markdown is rendered: it is neither text nor a table cell.
_HTML_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")

# A line longer than this, or one with a full stop, is prose, never a heading
# or a table cell: the longest official label has 38 characters.
MAX_LABEL_LEN = 60
SECTION_MATCH = 0.75


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


def _span_of(line: int, col: int, raw: str) -> Span:
    """Span of ``raw`` without its surrounding white space."""
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    return Span(line, col + lead, line, col + lead + len(body))


def _heading(line: int, col: int, raw: str, btype: str) -> Heading:
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
    return Heading(clean(inner), clean(title), numeral, sub, style, level, _span_of(line, col, raw), raw, inner_span)


class _SectionMatcher:
    def __init__(self, sections: Sequence[SectionTemplate]) -> None:
        self.by_number = {s.number: s for s in sections}
        self.titles: list[tuple[str, SectionTemplate, str]] = []
        for s in sections:
            self.titles.append((norm(s.title), s, "official"))
            for v in s.variants:
                self.titles.append((norm(v), s, "variant"))
        self.exact = {k: (tpl, match) for k, tpl, match in reversed(self.titles)}

    def may_be_heading(self, text: str) -> bool:
        """Cheap test before :meth:`match`: numbered, or an exact title."""
        t = text.lstrip("#* \u3000")
        return bool(t) and len(t) <= MAX_LABEL_LEN and (t[0] in NUMERALS or norm(t.rstrip("* ")) in self.exact)

    def match(self, h: Heading) -> tuple[SectionTemplate, str, float] | None:
        if h.sub:
            return None
        key = norm(h.title)
        if not key or is_prose(h.title):
            return None
        exact = self.exact.get(key)
        if exact is not None:
            return exact[0], exact[1], 1.0
        if h.numeral is None and h.style == "plain":
            return None  # an unnumbered plain line counts only when exact
        number = numeral_value(h.numeral) if h.numeral else None
        best: tuple[SectionTemplate, str, float] | None = None
        for t_key, tpl, _match in self.titles:
            if abs(len(t_key) - len(key)) > len(t_key) // 2:
                continue
            sim = similarity(key, t_key)
            if sim >= SECTION_MATCH and (best is None or sim > best[2]):
                best = (tpl, "fuzzy", sim)
        if best is None:
            return None
        # A similar title must also carry the right number (or none) to count.
        if number is not None and number != best[0].number:
            return None
        if number is None and h.style == "plain":
            return None
        return best


def _find_title(nodes: list[Node]) -> tuple[Title | None, int]:
    """The title among the first nodes: ``(title, index of the first node after it)``."""
    content = [(i, n) for i, n in enumerate(nodes) if isinstance(n, (Paragraph, Heading))][:4]
    for pos, (i, n) in enumerate(content):
        text = n.text
        # A breadcrumb is a short line; searching all of a long first line is
        # quadratic (".*" after every "首页").
        if pos == 0 and _BREADCRUMB.search(text[:200]):
            continue
        if is_prose(text):
            return None, 0  # a sentence is never the title, even one about the report
        parts = [(n.span.line, n.span.column, text)]
        span = n.span
        nxt = content[pos + 1] if pos + 1 < len(content) else None
        if "报告" not in text and nxt is not None:
            j, m = nxt
            if "报告" in m.text and not is_prose(m.text) and m.span.line == n.span.end_line + 1:
                parts.append((m.span.line, m.span.column, m.text))
                span = Span(n.span.line, n.span.column, m.span.end_line, m.span.end_column)
                return Title("".join(p[2] for p in parts), span, parts), j + 1
        if not _TITLEISH.search(text):
            return None, 0
        return Title(text, span, parts), i + 1
    return None, 0


def build_nodes(blocks: Iterable[Block]) -> tuple[list[Node], list[Marker]]:
    """Blocks → headings, paragraphs and table blocks, with shape-1 continuation
    lines (a cell wrapped onto a line without the leading tab) folded back."""
    nodes: list[Node] = []
    markers: list[Marker] = []
    row = 0
    prev_kind = ""
    prev_blank = True
    for b in blocks:
        markers.extend(b.markers)
        btype = b.type
        if btype == "paragraph" and len(b.lines) == 1 and _HTML_COMMENT.match(b.lines[0]):
            prev_blank = prev_blank or b.blank_after > 0
            continue
        if prev_blank and prev_kind:
            row += 1
        if btype == "blank":
            prev_kind, prev_blank = btype, True
            continue
        if btype in ("tab_rows", "tsv_rows", "pipe_rows"):
            tb, row = table_cells(b, row)
            if btype == "tab_rows" and prev_kind == "continuation" and nodes and isinstance(nodes[-1], TableBlock):
                nodes[-1].cells.extend(tb.cells)
                nodes[-1].span = Span(nodes[-1].span.line, 1, tb.span.end_line, tb.span.end_column)
            else:
                nodes.append(tb)
        else:
            raw = b.lines[0]
            text = raw.strip()
            last = nodes[-1] if nodes else None
            if (
                not prev_blank
                and prev_kind in ("tab_rows", "continuation")
                and isinstance(last, TableBlock)
                and last.shape == "tab"
                and last.cells
                and not is_prose(text)
                and btype in ("paragraph", "numbered", "subnumbered")
            ):
                cell = last.cells[-1]
                cell.text = f"{cell.text}{text}" if cell.text else text
                sp = _span_of(b.line, b.column, raw)
                cell.span = Span(cell.span.line, cell.span.column, sp.end_line, sp.end_column)
                last.span = Span(last.span.line, last.span.column, sp.end_line, sp.end_column)
                prev_kind, prev_blank = "continuation", b.blank_after > 0
                continue
            if btype in ("md_heading", "bold_line", "numbered", "subnumbered"):
                nodes.append(_heading(b.line, b.column, raw, btype))
            else:
                sub = _SUBNUMBERED.match(text)
                nodes.append(Paragraph(clean(text), _span_of(b.line, b.column, raw), sub.group(1) if sub else None))
            row += 1
        prev_kind, prev_blank = btype, b.blank_after > 0
    return nodes, markers


def build_document(source: Source, sections: Sequence[SectionTemplate]) -> Document:
    """Parse ``source`` and split it into title, preamble and sections."""
    blocks = parse_blocks(source.text)
    nodes, markers = build_nodes(blocks)
    title, start = _find_title(nodes)
    matcher = _SectionMatcher(sections)
    preamble: list[Node] = list(nodes[:start]) if title is None else []
    if title is not None:
        preamble = [n for n in nodes[:start] if not (isinstance(n, (Paragraph, Heading)) and n.span.line >= title.span.line)]
    found: list[Section] = []
    for node in nodes[start:]:
        hit = None
        if isinstance(node, Heading) or (isinstance(node, Paragraph) and matcher.may_be_heading(node.text)):
            h = node if isinstance(node, Heading) else _heading(node.span.line, node.span.column, node.text, "paragraph")
            hit = matcher.match(h)
            if hit is not None:
                tpl, match, sim = hit
                found.append(Section(tpl.number, h, match, sim, expected_title=tpl.official))
                continue
        if found:
            found[-1].nodes.append(node)
        else:
            preamble.append(node)
    signature: list[Paragraph] = []
    if found:
        # Trailing short lines (agency, date) are the signature, not section text.
        tail = found[-1].nodes
        while tail and isinstance(tail[-1], Paragraph) and len(tail[-1].text) <= 30 and "。" not in tail[-1].text and len(signature) < 3:
            signature.insert(0, tail.pop())
    return Document(source, blocks, title, preamble, found, markers, signature)


__all__ = ["build_document", "build_nodes", "split_pipe_row", "Cell"]
