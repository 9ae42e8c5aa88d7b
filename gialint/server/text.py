"""Open documents as the editor has them, and positions in both currencies.

LSP counts lines as separated by ``\\r\\n``, ``\\r`` or ``\\n`` and, by
default, columns in UTF-16 code units; gialint counts the same lines
(:class:`~gialint.model.source.Source` normalises the same three newlines)
and columns in code points.  The position encoding is negotiated at
initialisation (UTF-32, i.e. code points, when the client offers it; else
UTF-16, which every client supports); a character outside the Basic
Multilingual Plane (𠀀, an emoji) is then one code point but two UTF-16 units.

pygls has a document store of its own, but it splits lines with
:meth:`str.splitlines`, which also breaks at form feeds, ``\\x1c``–``\\x1e``,
U+0085, U+2028 and U+2029: text converted from Word or PDF has form feeds,
and every position after one would be off by a line.  Hence this small store,
with the protocol's line breaks only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    return len(text.encode("utf-8", "surrogatepass"))


def index_of(line: str, character: int, encoding: str) -> int:
    """The code point index in ``line`` of a position ``character`` code
    units in; clamped to the line, and never inside a character."""
    if character <= 0:
        return 0
    if encoding == UTF32 or line.isascii():
        return min(character, len(line))
    count = 0
    for i, ch in enumerate(line):
        count += 1 if encoding == UTF16 and ord(ch) <= 0xFFFF else (2 if encoding == UTF16 else len(ch.encode("utf-8", "surrogatepass")))
        if count > character:
            return i
        if count == character:
            return i + 1
    return len(line)


@dataclass
class Document:
    """An open document: its URI, text, version and language."""

    uri: str
    text: str
    version: int | None = None
    language_id: str = ""
    _starts: list[int] | None = field(default=None, repr=False)

    @property
    def starts(self) -> list[int]:
        """Offsets where each line starts (line 0 at 0)."""
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _BREAK.finditer(self.text)]
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line(self, n: int) -> str:
        """Line ``n`` (0-based) without its line break; ``""`` past the end."""
        starts = self.starts
        if n < 0 or n >= len(starts):
            return ""
        end = starts[n + 1] if n + 1 < len(starts) else len(self.text)
        return self.text[starts[n]:end].rstrip("\r\n")

    def offset(self, line: int, character: int, encoding: str) -> int:
        """The code point offset in the text of a client position (clamped)."""
        starts = self.starts
        if line < 0:
            return 0
        if line >= len(starts):
            return len(self.text)
        return starts[line] + index_of(self.line(line), character, encoding)

    def client_position(self, line: int, column: int, encoding: str) -> tuple[int, int]:
        """``(line, character)`` for the client, 0-based, of gialint's 1-based
        ``line`` and code point ``column`` (clamped into the document)."""
        last = self.line_count - 1
        if line - 1 > last:
            return last, units(self.line(last), encoding)
        text = self.line(line - 1)
        return line - 1, units(text[: max(column - 1, 0)], encoding)

    def apply(self, changes: list[tuple[tuple[int, int, int, int] | None, str]], encoding: str) -> None:
        """Apply content changes in order: ``(range, text)``, where ``range``
        is ``(start line, start character, end line, end character)`` in
        client units, or ``None`` for the whole text."""
        for rng, new in changes:
            if rng is None:
                self.text = new
            else:
                start = self.offset(rng[0], rng[1], encoding)
                end = max(self.offset(rng[2], rng[3], encoding), start)
                self.text = self.text[:start] + new + self.text[end:]
            self._starts = None


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` with their line breaks (the protocol's three)."""
    out = []
    pos = 0
    for m in _BREAK.finditer(text):
        out.append(text[pos:m.end()])
        pos = m.end()
    out.append(text[pos:])
    return out
