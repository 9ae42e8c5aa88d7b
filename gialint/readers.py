"""Readers: input formats.  A reader turns a file's bytes into report text
before parsing; plugins add readers (``gialint_add_readers``) for formats such
as HTML pages or text dumps of Word files.  The built-in reader handles plain
text and Markdown through :mod:`gialint.source` and is registered through the
same hook as a plugin's."""

from __future__ import annotations

import os
from typing import ClassVar

from .source import DEFAULT_MAX_BYTES, Source, from_bytes, from_text, read_bytes


class Reader:
    """Base class of readers."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    #: Set by the plugin manager: the plugin (with its version) that added it.
    plugin: str = ""

    def decode(self, data: bytes, path: str) -> str | Source:
        """The report text of ``data`` (or a ready :class:`Source`)."""
        raise NotImplementedError

    def load(self, path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
        """Read ``path`` and decode it; raises :class:`SourceError` when the
        file cannot be read (anything else a plugin's reader raises is left to
        the linter, which reports it against the plugin)."""
        data = read_bytes(path, max_bytes)  # the same limits and messages as gialint.source.read
        out = self.decode(data, str(path))
        if isinstance(out, Source):
            return out
        if not isinstance(out, str):
            raise TypeError(f"读取器 {self.name} 返回了 {type(out).__name__}，应为 str 或 Source")
        return from_text(out, str(path))


class TextReader(Reader):
    name = "text"
    description = "Plain text and Markdown (UTF-8, GB18030 or UTF-16)."
    suffixes = (".txt", ".md", ".markdown")

    def decode(self, data: bytes, path: str) -> Source:
        return from_bytes(data, path)


def builtin_readers() -> list[type[Reader]]:
    return [TextReader]
