"""What a published file really is, before a reader opens it: its magic
bytes (a ``.docx`` that is a binary ``.doc``, a ``.wps``, a PDF saved as
``.html``), and the libraries the readers need.

Every refusal is a :class:`~gialint.model.source.SourceError` with a Chinese
reason and one of the codes below (the engine turns it into an ``input``
finding naming the file; :data:`gialint.model.findings.INPUT_CODES`)."""

from __future__ import annotations

import importlib
from types import ModuleType

from gialint.model.source import SourceError

#: The extra that installs the readers' libraries (also plain dependencies:
#: the extra is for environments installed without them).
EXTRA = "published"

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .xls, and encrypted .docx
ZIP = b"PK\x03\x04"
PDF = b"%PDF-"

# SourceError codes of the published formats (besides too-large, empty…).
DAMAGED = "damaged"  # truncated or not the format its name says
ENCRYPTED = "encrypted"  # needs a password to open
NO_TEXT = "no-text-layer"  # a scanned PDF: pages, no text
UNSUPPORTED = "unsupported-format"  # .doc, .wps
UNSAFE = "unsafe-xml"  # an XML part with a DOCTYPE (entity bombs)
MISSING = "missing-dependency"


def kind_of(data: bytes) -> str | None:
    """``ole2``, ``zip``, ``pdf`` or ``None`` from the first bytes."""
    if data.startswith(OLE2):
        return "ole2"
    if data.startswith(ZIP) or data.startswith(b"PK\x05\x06"):
        return "zip"
    if PDF in data[:1024]:
        return "pdf"
    return None


def refuse_office_binary(data: bytes, what: str) -> None:
    """A binary Word (``.doc``) or WPS file, whatever its name says."""
    if data.startswith(OLE2):
        raise SourceError(
            f"是 Word 97-2003（.doc）或 WPS（.wps）二进制文档，gialint 不读取这种格式{what}；"
            "请在 Word 或 WPS 中“另存为” .docx（或 PDF）后再检查",
            UNSUPPORTED,
        )


def require(module: str, package: str) -> ModuleType:
    """Import ``module`` or refuse the file naming the package and the extra
    to install (never a traceback)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise SourceError(
            f"读取这种文件需要 Python 包 {package}，当前环境没有安装；请运行 pip install \"gialint[{EXTRA}]\"",
            MISSING,
        ) from None
