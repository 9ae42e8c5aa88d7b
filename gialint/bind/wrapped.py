"""Labels that a PDF extractor cut into pieces, put back together.

A table printed to PDF wraps each cell to its column, so a label is cut over
two or three lines (``商业企`` / ``业``, ``2. 其他法律行政`` / ``法规禁止公开``)
and the pieces of cells side by side share a line (``商业企 科研机 社会公``
/ ``业 构 益组织``); a merged cell (``（三）不予公开``) lands on another row's
line.  Read line by line, none of the pieces is a label of the table.

:func:`rejoin` takes the one-cell-per-line cells of a section, splits each
line's text at its spaces, and joins pieces — across a line (``1.`` +
``属于国家秘密``) and down the lines, in the same left-to-right order
(``商业企`` + ``业``) — only where the joined text is an official label or the
beginning of one: the template's labels are the only evidence, so nothing is
joined into something the report could not have written.  A joined label is
one cell spanning its pieces' lines, placed where its first piece is; numbers
keep their places.  It runs only on a section whose text has the mark of PDF
extraction (label lines with spaces inside)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from gialint.model.document import Cell
from gialint.model.source import Source
from gialint.model.span import Span
from gialint.parse.values import is_value_text
from gialint.util.normalize import norm

_PIECE = re.compile(r"\S+")
MIN_SPACED = 2  # label lines with spaces inside, for the section to be PDF text
MAX_OPEN = 24  # unfinished labels carried down at once


@dataclass
class _Piece:
    text: str
    span: Span
    key: str

    def extend(self, other: _Piece) -> _Piece:
        sp = Span(self.span.line, self.span.column, other.span.end_line, other.span.end_column)
        return _Piece(self.text + other.text, sp, self.key + other.key)


def _prefixes(labels: frozenset[str]) -> frozenset[str]:
    hit = _CACHE.get(id(labels))
    if hit is None or hit[0] is not labels:
        hit = _CACHE[id(labels)] = (labels, frozenset(k[:i] for k in labels for i in range(1, len(k))))
    return hit[1]


_CACHE: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def applies(cells: list[Cell]) -> bool:
    """Whether the section looks extracted from a PDF: label lines of
    one-cell-per-line text with spaces between their pieces."""
    spaced = 0
    for c in cells:
        if c.row is None and c.role == "label" and " " in c.text.strip():
            spaced += 1
            if spaced >= MIN_SPACED:
                return True
    return False


def rejoin(cells: list[Cell], labels: frozenset[str], source: Source | None, whole: Callable[[str], bool]) -> list[Cell]:
    """``cells`` with the pieces of wrapped labels joined (see the module);
    a cell for which ``whole`` is true (a label, labels run together, with
    numbers or not) is left as it is."""
    prefixes = _prefixes(labels)
    out: list[Cell] = []
    open_: list[_Piece] = []  # unfinished labels, left to right
    done: list[_Piece] = []

    def close(pieces: list[_Piece]) -> None:
        done.extend(pieces)

    for c in cells:
        if c.row is not None or c.role != "label" or c.span.line != c.span.end_line or whole(c.text):
            if c.role == "label" and c.row is not None:
                close(open_)
                open_ = []
            out.append(c)
            continue
        pieces = []
        for p in _pieces(c, source):
            if is_value_text(p.text):
                out.append(Cell(p.text, p.span, None, "value"))  # a row's numbers on the label's line
            else:
                pieces.append(p)
        pieces = _across(pieces, labels, prefixes)
        matched, rest = _down(open_, pieces, labels, prefixes)
        still = [p for p in matched if p.key in prefixes and p.key not in labels]
        close([p for p in matched if p not in still])
        new_open = []
        for p in rest:
            if p.key in prefixes and p.key not in labels:
                new_open.append(p)
            else:
                done.append(p)
        open_ = sorted(still + new_open, key=lambda p: (p.span.column, p.span.line))[:MAX_OPEN]
    close(open_)
    out.extend(Cell(p.text, p.span, None, "label") for p in done)
    out.sort(key=lambda c: (c.span.line, c.span.column))
    return out


def _pieces(c: Cell, source: Source | None) -> list[_Piece]:
    """The pieces of a one-line label cell, split at its spaces."""
    raw = c.text
    if source is not None:
        written = source.line_text(c.span.line)[c.span.column - 1 : c.span.end_column - 1]
        if written.split() == raw.split():
            raw = written
    out = []
    for m in _PIECE.finditer(raw):
        sp = Span(c.span.line, c.span.column + m.start(), c.span.line, c.span.column + m.end())
        out.append(_Piece(m.group(), sp, norm(m.group())))
    return out


def _across(pieces: list[_Piece], labels: frozenset[str], prefixes: frozenset[str]) -> list[_Piece]:
    """Pieces of one line joined where a label was cut at a space (``1. 属于国家秘密``)."""
    out: list[_Piece] = []
    for p in pieces:
        if out:
            last = out[-1]
            both = last.key + p.key
            if last.key not in labels and (both in labels or both in prefixes) and not is_value_text(p.text):
                out[-1] = last.extend(p)
                continue
        out.append(p)
    return out


def _down(open_: list[_Piece], pieces: list[_Piece], labels: frozenset[str], prefixes: frozenset[str]) -> tuple[list[_Piece], list[_Piece]]:
    """Open labels continued by this line's pieces, in the same order (a
    longest monotone matching); returns ``(the open labels, extended or not,
    the pieces that continue none)``."""
    n, m = len(open_), len(pieces)
    if not n or not m:
        return open_, pieces

    def fits(a: _Piece, b: _Piece) -> bool:
        both = a.key + b.key
        return not is_value_text(b.text) and (both in labels or both in prefixes)

    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], (1 + best[i + 1][j + 1]) if fits(open_[i], pieces[j]) else 0)
    matched: list[_Piece] = []
    used: set[int] = set()
    i = j = 0
    while i < n and j < m:
        if fits(open_[i], pieces[j]) and best[i][j] == 1 + best[i + 1][j + 1]:
            matched.append(open_[i].extend(pieces[j]))
            used.add(j)
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            matched.append(open_[i])
            i += 1
        else:
            j += 1
    matched.extend(open_[i:])
    return matched, [p for k, p in enumerate(pieces) if k not in used]
