"""Where the text of a published report came from.

A page, a Word file or a PDF is read into canonical Markdown (what
``gialint convert`` writes) and parsed like any text report; every finding's
position is then a line and column of that Markdown.  An :class:`OriginMap`
says, for each piece of that text, where it is in the file the user has: a
:class:`Place` (``第 12 段``, ``表 3 第 5 行第 2 列``, ``第 3 页``), and for an
HTML page the line and column in the page's source (found on demand by a
``resolver`` the HTML reader supplies, so reading a page costs nothing for
places that no finding needs)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Place:
    """A place in a published document, as its reader can name it.

    ``paragraph`` counts the document's paragraphs outside tables (1-based;
    the title's lines included); ``table``, ``row`` and ``column`` count
    tables in the document and rows and columns of the table's grid (merged
    cells resolved, 1-based); ``page`` is the PDF page; ``anchor`` is the
    reader's own handle (an HTML element's number) for :attr:`OriginMap.resolver`."""

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None
    anchor: int | None = None
    text: str = ""

    def label(self) -> str:
        """``第 3 页，表 3 第 5 行第 2 列`` / ``第 12 段``."""
        parts = []
        if self.page is not None:
            parts.append(f"第 {self.page} 页")
        if self.table is not None:
            where = f"表 {self.table}"
            if self.row is not None:
                where += f" 第 {self.row} 行"
            if self.column is not None:
                where += f"第 {self.column} 列"
            parts.append(where)
        elif self.paragraph is not None:
            parts.append(f"第 {self.paragraph} 段")
        return "，".join(parts)


@dataclass(frozen=True, slots=True)
class Segment:
    """Characters ``start``..``end`` (0-based, end exclusive) of one line of
    the canonical text, and the place they come from."""

    start: int
    end: int
    place: Place


@dataclass(slots=True)
class TableRow:
    """One row of a table as written on one line of the canonical text
    (``| a | b |``): its places are made only when a finding needs one."""

    table: int
    row: int  # 1-based
    cells: list[str]  # as written on the line
    anchors: list[int | None] | None = None
    page: int | None = None

    def segments(self) -> list[Segment]:
        out, start = [], 2
        for c, text in enumerate(self.cells):
            anchor = self.anchors[c] if self.anchors is not None and c < len(self.anchors) else None
            place = Place(table=self.table, row=self.row, column=c + 1, page=self.page, anchor=anchor, text=text)
            out.append(Segment(start, start + len(text), place))
            start += len(text) + 3
        return out


#: ``resolver(place, offset)`` → ``(line, column)`` in the original file of
#: the character ``offset`` characters into ``place.text``, or ``None``.
Resolver = Callable[[Place, int], "tuple[int, int] | None"]


@dataclass
class OriginMap:
    """The places of a canonical text, line by line.

    ``format`` is the reader's (``html``, ``docx``, ``pdf``); when
    ``positions`` is true the original file has lines and columns of its own
    (an HTML page) and :meth:`position` finds them through ``resolver``;
    otherwise findings keep the canonical text's positions."""

    format: str
    lines: dict[int, list[Segment]] = field(default_factory=dict)
    rows: dict[int, TableRow] = field(default_factory=dict)
    resolver: Resolver | None = field(default=None, repr=False)
    positions: bool = False
    _starts: dict[int, list[int]] = field(default_factory=dict, repr=False)

    def add(self, line: int, start: int, end: int, place: Place) -> None:
        self.lines.setdefault(line, []).append(Segment(start, end, place))

    def segment(self, line: int, column: int) -> Segment | None:
        """The segment holding 1-based ``line``/``column`` (else the nearest
        one on that line)."""
        segs = self.lines.get(line)
        if segs is None and line in self.rows:
            segs = self.lines[line] = self.rows[line].segments()
        if not segs:
            return None
        starts = self._starts.get(line)
        if starts is None:
            starts = self._starts[line] = [s.start for s in segs]
        i = max(0, bisect.bisect_right(starts, column - 1) - 1)
        return segs[i]

    def place(self, line: int, column: int) -> Place | None:
        seg = self.segment(line, column)
        return seg.place if seg is not None else None

    def position(self, line: int, column: int) -> tuple[int, int] | None:
        """``(line, column)`` in the original file, when it has them."""
        if not self.positions or self.resolver is None:
            return None
        seg = self.segment(line, column)
        if seg is None:
            return None
        offset = min(max(column - 1 - seg.start, 0), max(len(seg.place.text), 0))
        return self.resolver(seg.place, offset)

    def location(self, line: int, column: int) -> dict[str, Any] | None:
        """The ``location`` object of a finding at ``line``/``column``
        (JSON output): the format, the place's numbers, a label to show and
        the quoted text."""
        place = self.place(line, column)
        if place is None:
            return None
        out: dict[str, Any] = {"format": self.format}
        for key in ("page", "paragraph", "table", "row", "column"):
            value = getattr(place, key)
            if value is not None:
                out[key] = value
        out["label"] = place.label()
        out["text"] = place.text
        return out
