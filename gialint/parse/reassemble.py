"""Reassembling text a crawler wrote one inline run per line.

A web page exported from Word keeps Word's *runs*: a new ``<span>`` wherever
the language changes (digits and Latin letters are ``lang=EN-US``), after a
list number, around brackets, wherever the text was edited on another day.
A crawler that writes each span on its own line turns a year into ``2023`` /
``年``, a heading into ``一、`` / ``总体情况``, a label into ``一、`` /
``本年新收政府信息公开申请数`` / ``量`` (issue 13, shape 1).

:func:`plan` recognises such text (many lines that are a list number alone
or start with a closing bracket or punctuation mark; a report written by
hand has next to none) and joins its fragments into logical lines:

- with blank lines between the page's nodes, every line of a block is a run
  of one node: the block is one line;
- otherwise by what cannot end or start a node: a list number alone, an
  opening bracket at the end, a closing bracket or punctuation mark at the
  start, a number followed by its unit (``2023`` / ``年``), a label of the
  official tables still incomplete (the template's labels are given), a
  sentence not yet ended (a line with a comma, or a long one, continued by
  one that is not a heading, a label or a number), the site's breadcrumb
  and the title.  Two lines that are both a number are left apart: they may
  be two cells or one number cut in two, which only the table can tell, so
  the break is recorded as *soft* for the binder
  (:attr:`~gialint.model.document.Document.soft_breaks`).

The parser then reads the joined text, and :meth:`Plan.remap` moves every
node's position back to the user's lines: a finding on a joined label points
at the line where the label begins.

This module joins the lines and maps positions back to the user's lines;
recognising the shape is :mod:`.fragments` (it runs on every report, this
module only on damaged text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from gialint.model.document import Heading, Marker, Node, TableBlock
from gialint.model.span import Span
from gialint.parse.fragments import looks_split
from gialint.util.normalize import norm

_ENUM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]{1,2}[）)]?|[一二三四五六七八九十]{1,2}[、．]|\d{1,2}[.．、])\s*$")
_CLOSE = re.compile(r"^\s*[）)》〕」』，。、；：！？%]")
_OPEN_END = re.compile(r"[（(《〔「『“]\s*$")
_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")
_UNIT_START = re.compile(r"^\s*[年月日号件条个项次元万%]")
_DIGIT_END = re.compile(r"\d\s*$")
_UNIT_AFTER = re.compile(r"^\s*\d+[年月日号件条个项次万%〕）]")
_DECIMAL_CUT = re.compile(r"\d\.$")
_NUMBERISH = re.compile(r"^\s*\d+(?:\.\d*)?(?:万元|元)?\s*$")
_ENUM_LABEL = re.compile(r"^\s*\d{1,2}[.．、](?!\d)")
_ENDED = re.compile(r"[。！？；：:!?]\s*$")
_HEADING_START = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]{1,2}[）)]|[一二三四五六七八九十]{1,2}[、．]|#|\*\*)")
_BREADCRUMB = re.compile(r"^\s*(?:首页|当前位置|您的位置|网站首页)")
_CHROME_KEY = re.compile(r"^\s*(?:发布时间|发布日期|浏览次数|访问量|点击数|阅读次数|信息来源|来源|发布机构|字号|作者)\s*[：:]?\s*$")
_CHROME_SEP = re.compile(r"^\s*[>/›»|]\s*$")
_DATE = re.compile(r"^\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")

SENTENCE = 15  # a line this long without a full stop is part of a sentence


@dataclass
class Plan:
    """Joined text and the way back: ``pieces[k]`` lists, for line ``k + 1``
    of :attr:`text`, ``(column in the joined line, user's line, user's
    column, length)`` of each piece."""

    text: str
    pieces: list[list[tuple[int, int, int, int]]]
    soft: frozenset[int] = field(default_factory=frozenset)

    def position(self, line: int, column: int) -> tuple[int, int]:
        """The user's ``(line, column)`` of a position in the joined text."""
        if not 1 <= line <= len(self.pieces) or not self.pieces[line - 1]:
            return line, column
        pieces = self.pieces[line - 1]
        chosen = pieces[0]
        for p in pieces:
            if p[0] <= column:
                chosen = p
            else:
                break
        start, orig_line, orig_col, length = chosen
        return orig_line, orig_col + min(max(column - start, 0), length)

    def span(self, sp: Span) -> Span:
        line, col = self.position(sp.line, sp.column)
        if sp.end_column > 1:
            end_line, end_col = self.position(sp.end_line, sp.end_column - 1)
            end_col += 1
        else:
            end_line, end_col = self.position(sp.end_line, sp.end_column)
        if (end_line, end_col) < (line, col):
            end_line, end_col = line, col
        return Span(line, col, end_line, end_col)

    def remap(self, nodes: Iterable[Node], markers: list[Marker]) -> None:
        """Move the positions of ``nodes`` and ``markers`` to the user's lines."""
        for node in nodes:
            if isinstance(node, TableBlock):
                for c in node.cells:
                    c.span = self.span(c.span)
            elif isinstance(node, Heading) and node.inner is not None:
                node.inner = self.span(node.inner)
            node.span = self.span(node.span)
        for m in markers:
            m.line, m.column = self.position(m.line, m.column)


def plan(text: str, labels: frozenset[str] = frozenset(), headings: Iterable[str] = ()) -> Plan | None:
    """The joined text of ``text`` when it was written one run per line
    (:func:`~gialint.parse.fragments.looks_split`), else ``None``.  ``labels`` are the normalized
    labels of the official tables, ``headings`` the six sections' titles."""
    if not looks_split(text):
        return None
    lines = text.split("\n")
    labels = labels | frozenset(norm(h) for h in headings)
    blank = sum(1 for x in lines if not x.strip())
    groups = _blocks(lines) if blank > 0.2 * (len(lines) - blank) else _joins(lines, _prefixes(labels))
    out: list[str] = []
    pieces: list[list[tuple[int, int, int, int]]] = []
    soft: set[int] = set()
    for group in groups:
        if not group:
            out.append("")
            pieces.append([])
            continue
        buf = ""
        row = []
        for n in group:
            raw = lines[n]
            body = raw.strip()
            lead = len(raw) - len(raw.lstrip())
            row.append((len(buf) + 1, n + 1, lead + 1, len(body)))
            buf += body
        out.append(buf)
        pieces.append(row)
    # Two number lines in a row, left apart: one number cut in two, or two cells.
    for k in range(len(out) - 1):
        if pieces[k] and pieces[k + 1] and _NUMBER.match(out[k]) and _NUMBERISH.match(out[k + 1]):
            soft.add(pieces[k][-1][1])
    return Plan("\n".join(out), pieces, frozenset(soft))


def _blocks(lines: list[str]) -> list[list[int]]:
    """Lines grouped by the blank lines between them (a blank line stays)."""
    groups: list[list[int]] = []
    current: list[int] = []
    for n, line in enumerate(lines):
        if line.strip():
            current.append(n)
            continue
        if current:
            groups.append(current)
            current = []
        groups.append([])
    if current:
        groups.append(current)
    return groups


_PREFIXES: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _prefixes(labels: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """``(labels, every proper prefix of a label)`` (cached)."""
    hit = _PREFIXES.get(id(labels))
    if hit is None or hit[0] is not labels:
        hit = _PREFIXES[id(labels)] = (labels, frozenset(k[:i] for k in labels for i in range(1, len(k))))
    return hit


def _joins(lines: list[str], vocab: tuple[frozenset[str], frozenset[str]]) -> list[list[int]]:
    """Lines grouped into logical lines by what cannot end or start one."""
    groups: list[list[int]] = []
    title_done = False
    started = False
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            groups.append([])
            i += 1
            continue
        chrome = not started and bool(_BREADCRUMB.match(line))
        started = True
        if not title_done and not chrome and i < 40 and not _HEADING_START.match(line):
            end = _title_end(lines, i)
            if end is not None:
                groups.append(list(range(i, end + 1)))
                title_done = True
                i = end + 1
                continue
        group, joined = [i], line.strip()
        i += 1
        while i < n and lines[i].strip() and _continues(joined, lines[i], lines[i + 1] if i + 1 < n else "", vocab, chrome):
            group.append(i)
            joined += lines[i].strip()
            i += 1
        title_done = title_done or _is_title(joined)
        groups.append(group)
    return groups


def _title_end(lines: list[str], i: int) -> int | None:
    """The last line of a title starting at line ``i`` (its lines end in
    …报告, blank lines between them allowed), or ``None``."""
    text = ""
    seen = 0
    for j in range(i, min(i + 12, len(lines))):
        body = lines[j].strip()
        if not body:
            continue
        if j > i and (_HEADING_START.match(body) or _ENDED.search(text)):
            return None
        text += body
        seen += 1
        if _is_title(text):
            return j
        if len(text) > 60 or seen > 8:
            return None
    return None


def _is_title(text: str) -> bool:
    return text.endswith("报告") and ("政府信息公开" in text or "政务公开" in text) and len(text) <= 80


def _unbalanced(text: str) -> bool:
    """An opening bracket or quote not yet closed: the sentence goes on."""
    return any(text.count(a) > text.count(b) for a, b in ("《》", "（）", "()", "“”", "〔〕", "〈〉", "【】"))


def _continues(joined: str, line: str, after: str, vocab: tuple[frozenset[str], frozenset[str]], chrome: bool) -> bool:
    """Whether ``line`` continues the logical line ``joined``; ``after`` is
    the line after ``line``."""
    labels, prefixes = vocab
    text = line.strip()
    if chrome:
        return bool(_CHROME_SEP.match(line) or _CHROME_KEY.match(line) or _DATE.match(line) or _NUMBER.match(line)) or joined.endswith((">", "/", "›", "»", "：", ":"))
    if _ENUM.match(joined):
        return True  # a list number alone: its text follows
    if _CLOSE.match(line) or _OPEN_END.search(joined):
        return True
    key = norm(joined)
    both = norm(joined + text)
    if key in prefixes and (both in labels or both in prefixes):
        return True  # an official label still incomplete
    if key in labels:
        return False
    digit_end = _DIGIT_END.search(joined) is not None
    line_number = _NUMBER.match(text) is not None
    joined_number = _NUMBER.match(joined) is not None
    if joined_number and line_number:
        # A year cut in two before its unit (``20`` / ``23`` / ``年``); else two
        # cells, or a number cut in two, which only the table can tell (soft).
        return bool(_UNIT_START.match(after))
    if _DECIMAL_CUT.search(joined) and text[:1].isdigit():
        return True  # ``237.`` / ``50``
    if digit_end and text[:1].isdigit() and not _ENUM_LABEL.match(text) and (not joined_number or _UNIT_AFTER.match(text)):
        return True  # a number cut inside a sentence (``〔20`` / ``20〕``, ``20`` / ``23年``)
    if digit_end and _UNIT_START.match(line):
        return True  # ``2023`` / ``年``
    if _HEADING_START.match(joined) and "，" not in joined:
        # A heading ends where its run ends, unless its title was cut short.
        title = _HEADING_START.sub("", joined)
        t = norm(text)
        return len(title) < 4 and len(text) <= 12 and not any(ch.isdigit() for ch in text) and t not in labels and t not in prefixes
    if line_number:
        # A number in a sentence (followed by its unit, or inside brackets): join; else a cell.
        return not digit_end and not joined_number and (bool(_UNIT_START.match(after)) or _unbalanced(joined))
    if joined_number or _ENDED.search(joined) or _HEADING_START.match(line) or _ENUM.match(line):
        return False
    t = norm(text)
    if t in labels or (t in prefixes and len(t) >= 2):
        return False  # a label of the tables starts
    if _unbalanced(joined) or text[:1] in "《“":
        return True
    return "，" in joined or "、" in joined or len(joined) >= SENTENCE
