"""From the grammar's nodes to a :class:`~gialint.model.document.Document`:
where the title is and which headings are the six sections.

A line such as ``一、本年新收政府信息公开申请数量`` looks like a section heading
but is a table row label; only the official titles tell them apart, so section
headings are recognised by similarity to the template's titles."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from gialint.model.document import (
    Document,
    Heading,
    Node,
    Paragraph,
    Section,
    TableBlock,
    Title,
)
from gialint.model.source import Source
from gialint.model.span import Span
from gialint.model.template import SectionTemplate
from gialint.parse.fragments import looks_split
from gialint.parse.grammar import parse_nodes
from gialint.parse.nodes import MAX_LABEL_LEN, NUMERALS, heading, is_prose, numeral_value
from gialint.parse.script import is_traditional, to_simplified
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


# A title split over lines: at most this many parts, with at most this many
# blank lines between two of them (web copies put one after every paragraph).
_TITLE_PARTS = 3
_TITLE_GAP = 2
_TITLE_PART_LEN = 40


def _title_lines(nodes: list[Node]) -> list[tuple[int, Span, str]]:
    """The first lines that may hold the title: ``(node index, span, text)``.
    A line led by a tab (centred in a Word export) is read as a table cell by
    the grammar; before any section it can only be part of the title."""
    out: list[tuple[int, Span, str]] = []
    for i, n in enumerate(nodes[:8]):
        if isinstance(n, (Paragraph, Heading)):
            out.append((i, n.span, n.text))
        elif isinstance(n, TableBlock) and len(n.cells) <= _TITLE_PARTS and all(c.role == "label" for c in n.cells):
            out.extend((i, c.span, c.text) for c in n.cells if c.text)
        else:
            break
        if len(out) >= 4:
            break
    return out[:4]


def _find_title(nodes: list[Node]) -> tuple[Title | None, int]:
    """The title among the first nodes: ``(title, index of the first node after it)``.

    The title may be split over up to three short lines, blank lines between
    them allowed (``某某局2023年`` / ``政府信息公开工作年度报告``): the lines are
    joined until they name the report."""
    content = _title_lines(nodes)
    for pos, (i, span, text) in enumerate(content):
        # A breadcrumb is a short line; searching all of a long first line is
        # quadratic (".*" after every "首页").
        if pos == 0 and _BREADCRUMB.search(text[:200]):
            continue
        if is_prose(text):
            return None, 0  # a sentence is never the title, even one about the report
        parts = [(span.line, span.column, text)]
        last_i, last = i, span
        if "报告" not in text and "年报" not in text:
            for j, nxt_span, nxt in content[pos + 1 : pos + _TITLE_PARTS]:
                if is_prose(nxt) or len(nxt) > _TITLE_PART_LEN or nxt_span.line - last.end_line > _TITLE_GAP + 1:
                    break
                parts.append((nxt_span.line, nxt_span.column, nxt))
                last_i, last = j, nxt_span
                if "报告" in nxt or "年报" in nxt:
                    joined = "".join(p[2] for p in parts)
                    return Title(joined, Span(span.line, span.column, last.end_line, last.end_column), parts), last_i + 1
            parts, last_i, last = parts[:1], i, span
        if not _TITLEISH.search(text):
            return None, 0
        return Title(text, span, parts), i + 1
    return None, 0


_FRONT_MATTER_KEY = re.compile(r"^\s*(?:[\w\-\u4e00-\u9fff]+\s*[:：]|-\s|#)")


def front_matter(text: str) -> tuple[int, dict[str, str]]:
    """A Markdown file's YAML front matter (``---`` … ``---`` or ``...`` at
    the top): ``(its last line, its simple ``key: value`` pairs)``, or
    ``(0, {})``.  It is metadata, not the report: never the title."""
    if not text.startswith("---"):
        return 0, {}
    lines = text.split("\n", 60)[:60]
    if lines[0].strip() != "---":
        return 0, {}
    pairs: dict[str, str] = {}
    for n, line in enumerate(lines[1:], 2):
        if line.strip() in ("---", "..."):
            return (n, pairs) if n > 2 else (0, {})
        if line.strip() and not _FRONT_MATTER_KEY.match(line):
            return 0, {}  # not YAML keys: a thematic break, then text
        key, sep, value = line.partition(":")
        if sep and not line.startswith((" ", "\t", "-")):
            pairs[key.strip()] = value.strip().strip("'\"")
    return 0, {}


def build_document(source: Source, sections: Sequence[SectionTemplate], labels: frozenset[str] = frozenset()) -> Document:
    """Parse ``source`` and split it into title, preamble and sections.  A
    report in traditional characters is parsed in its conversion to
    simplified characters (:mod:`gialint.parse.script`); text written one
    inline run per line is reassembled first (:mod:`.reassemble`; ``labels``,
    the official tables' labels normalized, help it)."""
    original = None
    if is_traditional(source.text):
        original = source
        source = replace(source, text=to_simplified(source.text), _line_starts=[])
    joined = None
    if looks_split(source.text):
        from gialint.parse import reassemble  # damaged text only

        joined = reassemble.plan(source.text, labels, (s.official for s in sections))
    if joined is None:
        nodes, markers = parse_nodes(source.text)
    else:
        nodes, markers = parse_nodes(joined.text)
        joined.remap(nodes, markers)
    fm_end, fm = front_matter(source.text)
    if fm_end:
        nodes = [n for n in nodes if n.span.line > fm_end]
    title, start = _find_title(nodes)
    matcher = _SectionMatcher(sections)
    preamble: list[Node] = list(nodes[:start]) if title is None else []
    if title is not None:
        preamble = [n for n in nodes[:start] if n.span.line < title.span.line]
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
    return Document(source, title, preamble, found, markers, signature, front_matter=fm,
                    script="traditional" if original is not None else "simplified", original=original,
                    soft_breaks=joined.soft if joined else frozenset())


__all__ = ["build_document", "is_prose"]
