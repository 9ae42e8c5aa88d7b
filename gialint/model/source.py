"""A decoded report file: its text with ``\n`` newlines, and what is needed to
write it back byte for byte (encoding, BOM, newline style) and to turn an
offset into the ``line:column`` the user sees in their editor."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gialint.model.origin import OriginMap


class SourceError(Exception):
    """The file cannot be read as a report; ``reason`` is a Chinese message."""

    def __init__(self, reason: str, code: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.line = line  # where decoding failed, when known


@dataclass
class Source:
    """A decoded report.

    ``text`` always uses ``\\n`` newlines (what the grammar sees); ``newline`` and
    ``encoding``/``bom`` say how to write it back.  Line and column numbers are
    1-based; a column counts characters (code points), as editors do.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"
    raw: bytes = b""
    notes: list[str] = field(default_factory=list)
    # Whether --fix may write fixes back into the file: only for the file's
    # own text (the built-in text reader), never for what a reader made of
    # an HTML page, a Word file or a PDF.
    fixable: bool = True
    # For a page, a Word file or a PDF: where each piece of ``text`` (the
    # canonical Markdown its reader made) is in the user's file.
    origin: OriginMap | None = None
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self._line_starts:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def line_count(self) -> int:
        n = len(self._line_starts)
        return n - 1 if self.text.endswith("\n") else n

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its newline."""
        starts = self._line_starts
        if line < 1 or line > len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end]

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of a character offset in ``text``."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based ``line``/``column``."""
        return self._line_starts[line - 1] + column - 1

    def encode(self, text: str | None = None) -> bytes:
        """Bytes of ``text`` (default: the current text) in the file's own
        encoding, BOM and newline style."""
        body = self.text if text is None else text
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        return self.bom + body.encode(self.encoding)
