"""Page footers and running headers of text extracted from a PDF (issue 13):
lines that are part of the page, not of the table they land in."""

from __future__ import annotations

import re
from typing import Sequence

from gialint.model.source import Source
from gialint.util.normalize import clean


class PageMarks:
    """Page footers and running headers of text extracted from a PDF: a
    line holding only a page number, after a blank line, one of a run of
    such lines numbered 1, 2, 3 … in order — in text where blank lines are
    rare or the next page starts with a form feed (in text with a blank line
    between all cells a bare number is a cell); and a line repeating the
    report's title (its first 8 or more characters, or one of the lines it
    was written on) after the title."""

    def __init__(self, source: Source, title: str, title_end: int, parts: Sequence[str] = ()) -> None:
        self.source = source
        self.title_end = title_end
        self._title = title
        self._parts = parts
        self._heads: tuple[str, frozenset[str]] | None = None
        self._numbers: frozenset[int] | None = None
        self._sparse: bool | None = None

    @property
    def heads(self) -> tuple[str, frozenset[str]]:
        """``(the title, the lines a running header may repeat)``, compared
        as written with white space collapsed: the title's lines, and the
        first lines of the file that name the report (whatever was taken as
        the title).  Found on first use."""
        if self._heads is None:
            title = clean(self._title) if len(self._title) >= 8 else ""
            parts = {clean(p) for p in self._parts if len(p) >= 4}
            head = (clean(x) for x in self.source.text[:2000].split("\n")[:8])
            parts |= {x for x in head if len(x) >= 8 and "报告" in x}
            self._heads = (title, frozenset(parts))
        return self._heads

    @property
    def numbers(self) -> frozenset[int]:
        """The lines holding page numbers (found on first use: a report in
        a shape with delimited cells never asks)."""
        if self._numbers is None:
            text = "\n" + self.source.text  # (the patterns start at a newline)
            # Where blank lines are frequent (one cell per line) only a number
            # before a form feed (a new page) is a page number.
            rx = _FOOTER if self.sparse else _FOOTER_FF
            found: list[tuple[int, int]] = []  # (line, number)
            line, at = 0, 0
            for m in rx.finditer(text):
                line += text.count("\n", at, m.start("n"))
                at = m.start("n")
                found.append((line, int(m.group("n"))))
            numbers: set[int] = set()
            for (l1, n1), (l2, n2) in zip(found, found[1:]):
                if n2 == n1 + 1:
                    numbers.update((l1, l2))
            self._numbers = frozenset(numbers)
        return self._numbers

    @property
    def sparse(self) -> bool:
        """Blank lines are rare (under a fifth of the lines): PDF text, not
        text with a blank line between all its cells."""
        if self._sparse is None:
            text = self.source.text
            self._sparse = text.count("\n\n") < 0.2 * (text.count("\n") + 1)
        return self._sparse

    def is_mark(self, text: str, line: int) -> bool:
        if text.isdigit():
            numbers = self._numbers if self._numbers is not None else self.numbers
            return line in numbers
        if line > self.title_end and len(text) >= 4 and ("报告" in text or "政府信息公开" in text or "政务公开" in text):
            title, parts = self.heads  # a running header names the report
            return (len(text) >= 8 and bool(title) and title.startswith(text)) or text in parts
        return False


_FOOTER = re.compile(r"\n[ \t]*\n[ \t\f]*(?P<n>\d{1,3})[ \t]*(?=\n|$)")
_FOOTER_FF = re.compile(r"\n[ \t]*\n[ \t\f]*(?P<n>\d{1,3})[ \t]*\n\f")
