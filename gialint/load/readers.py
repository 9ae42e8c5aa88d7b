"""Readers: input formats.  A reader turns a file's bytes into report text
before parsing; plugins add readers (``gialint_add_readers``) for formats of
their own.  The built-in readers — plain text and Markdown
(:mod:`gialint.load.decode`), HTML pages (:mod:`gialint.load.html`), Word
files (:mod:`gialint.load.docx`) and PDF (:mod:`gialint.load.pdf`) — are
registered through the same hook as a plugin's.  The published formats are
read into canonical Markdown with an origin map
(:mod:`gialint.load.canonical`).

Only text read by the built-in text reader can be fixed in place: what other
readers return is not the file's own text, so ``--fix`` must never write it
back (:attr:`Source.fixable`)."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import ClassVar

from gialint.load.decode import from_bytes, from_text
from gialint.load.files import DEFAULT_MAX_BYTES, read_bytes
from gialint.model.source import Source


class Reader:
    """Base class of readers."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    #: Set by the plugin manager: the plugin (with its version) that added it.
    plugin: str = ""
    #: The built-in text reader (its sources are the file's own text).
    builtin_text: ClassVar[bool] = False
    #: gialint's own readers: their suffixes are walked in directories only
    #: through the ``include`` setting (a plugin's are always walked).
    builtin: ClassVar[bool] = False

    def decode(self, data: bytes, path: str) -> str | Source:
        """The report text of ``data`` (or a ready :class:`Source`)."""
        raise NotImplementedError

    def load(self, path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
        """Read ``path`` and decode it; raises :class:`SourceError` when the
        file cannot be read (anything else a plugin's reader raises is left to
        the linter, which reports it against the plugin)."""
        data = read_bytes(path, max_bytes)  # the same limits and messages as any file
        out = self.decode(data, str(path))
        if isinstance(out, str):
            out = from_text(out, str(path))
        elif not isinstance(out, Source):
            raise TypeError(f"读取器 {self.name} 返回了 {type(out).__name__}，应为 str 或 Source")
        if self.builtin_text:
            return out
        # The file's own bytes (the result cache keys on them), and never fixed in place.
        return replace(out, raw=data, fixable=False)


class TextReader(Reader):
    builtin = True
    name = "text"
    description = "Plain text and Markdown (UTF-8, GB18030 or UTF-16)."
    suffixes = (".txt", ".md", ".markdown")
    builtin_text = True

    def decode(self, data: bytes, path: str) -> Source:
        return from_bytes(data, path)


class HtmlReader(Reader):
    builtin = True
    name = "html"
    description = "Web pages (.html, .htm): a saved page or the article alone; tables from their markup; line:column in the page."
    suffixes = (".html", ".htm", ".xhtml")

    def decode(self, data: bytes, path: str) -> Source:
        from gialint.load.html import read_html

        return read_html(data, path)


class DocxReader(Reader):
    builtin = True
    name = "docx"
    description = "Word documents (.docx): headings, paragraphs, tables with merged cells, tracked changes accepted. .doc/.wps are refused."
    suffixes = (".docx", ".docm", ".doc", ".wps")

    def decode(self, data: bytes, path: str) -> Source:
        from gialint.load.docx import read_docx
        from gialint.load.formats import UNSUPPORTED, refuse_office_binary
        from gialint.model.source import SourceError

        refuse_office_binary(data, "")
        if path.lower().endswith((".doc", ".wps")):
            raise SourceError("是 .doc 或 .wps 文件，gialint 不读取这种格式；请在 Word 或 WPS 中“另存为” .docx（或 PDF）后再检查", UNSUPPORTED)
        return read_docx(data, path)


class PdfReader(Reader):
    builtin = True
    name = "pdf"
    description = "PDF exported from Word or WPS (text layer needed): tables from their ruling lines, joined across pages."
    suffixes = (".pdf",)

    def decode(self, data: bytes, path: str) -> Source:
        from gialint.load.pdf import read_pdf

        return read_pdf(data, path)


def builtin_readers() -> list[type[Reader]]:
    return [TextReader, HtmlReader, DocxReader, PdfReader]
