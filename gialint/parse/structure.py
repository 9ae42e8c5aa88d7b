"""From the grammar's nodes to a :class:`~gialint.model.document.Document`:
where the title is and which headings are the six sections.

A line such as ``一、本年新收政府信息公开申请数量`` looks like a section heading
but is a table row label; only the official titles tell them apart, so section
headings are recognised by similarity to the template's titles."""

from __future__ import annotations

import re
from typing import Sequence

from gialint.model.document import (
    Document,
    Heading,
    Node,
    Paragraph,
    Section,
    Title,
)
from gialint.model.source import Source
from gialint.model.span import Span
from gialint.model.template import SectionTemplate
from gialint.parse import reassemble
from gialint.parse.grammar import parse_nodes
from gialint.parse.nodes import MAX_LABEL_LEN, NUMERALS, heading, is_prose, numeral_value
from gialint.util.normalize import norm, similarity

_BREADCRUMB = re.compile(r"(首页|当前位置|您的位置).*[/>›»]|(\s/\s.*){2,}")
_TITLEISH = re.compile(r"报告|年报|政府信息公开|政务公开")

SECTION_MATCH = 0.75


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


def build_document(source: Source, sections: Sequence[SectionTemplate], labels: frozenset[str] = frozenset()) -> Document:
    """Parse ``source`` and split it into title, preamble and sections.
    ``labels`` (the official tables' labels, normalized) help reassemble
    text written one inline run per line (:mod:`.reassemble`)."""
    joined = reassemble.plan(source.text, labels, [s.official for s in sections])
    if joined is None:
        nodes, markers = parse_nodes(source.text)
    else:
        nodes, markers = parse_nodes(joined.text)
        joined.remap(nodes, markers)
    title, start = _find_title(nodes)
    matcher = _SectionMatcher(sections)
    preamble: list[Node] = list(nodes[:start]) if title is None else []
    if title is not None:
        preamble = [n for n in nodes[:start] if not (isinstance(n, (Paragraph, Heading)) and n.span.line >= title.span.line)]
    found: list[Section] = []
    for node in nodes[start:]:
        hit = None
        if isinstance(node, Heading) or (isinstance(node, Paragraph) and matcher.may_be_heading(node.text)):
            h = node if isinstance(node, Heading) else heading(node.span.line, node.span.column, node.text)
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
    return Document(source, title, preamble, found, markers, signature, joined.soft if joined else frozenset())


__all__ = ["build_document", "is_prose"]
