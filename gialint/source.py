"""Load a report's bytes into a :class:`Source`: decoded text plus what is needed
to write it back byte-for-byte (encoding, BOM, newline style) and to turn an
offset into the ``line:column`` the user sees in their editor."""

from __future__ import annotations

import bisect
import codecs
import os
from dataclasses import dataclass, field

# Files larger than this are refused with an ``input`` finding rather than read:
# a real report is 5–50 KB, and pre-commit must never stall on a stray dump.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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


def _detect_newline(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if crlf >= max(cr, lf) and crlf:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" not in sample:
        return False
    # UTF-16/32 text has NULs too; those come with a BOM or are caught below.
    return True


def _plausible(text: str) -> bool:
    """Decoded text that is mostly controls or unassigned code points is a
    wrong guess (or binary data), not a report."""
    import unicodedata

    sample = text[:4096]
    if not sample:
        return True
    odd = sum(1 for ch in sample if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"))
    return odd <= len(sample) // 100


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM: every other byte of ASCII text is NUL."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # Newlines, digits and ASCII put NULs in one byte position only; Chinese
    # text has few of them, so a small but one-sided share is the sign.
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > half * 0.03 and other <= zeros // 10:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            return (text, enc) if _plausible(text) else None
        # Chinese text with no ASCII but its newlines has NULs in under 3% of
        # the code units, and ideographs such as U+5E00 put a NUL on the
        # other side too: then the text must read as Chinese.
        if zeros > other:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text) and _mostly_chinese(text):
                return text, enc
    return None


def _mostly_chinese(text: str) -> bool:
    """Nine in ten characters are CJK ideographs, CJK or full-width
    punctuation, or printable ASCII: text, not bytes read two by two."""
    sample = text[:4096]
    ok = sum(
        1
        for ch in sample
        if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or " " <= ch <= "~" or ch in "\t\n\r"
    )
    return ok >= len(sample) * 0.9


def _mixed_utf8_line(data: bytes) -> int | None:
    """The first line that is not UTF-8 in a file where other lines are
    UTF-8 Chinese text (two files pasted together, one saved as GB18030):
    decoding it whole as either codec would garble half of it.  ``None`` when
    no line is UTF-8 Chinese (real GB18030 lines essentially never are)."""
    first_bad = None
    utf8_cjk = False
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            s = line.decode("utf-8")
        except UnicodeDecodeError:
            if first_bad is None:
                first_bad = number
            continue
        if not utf8_cjk:
            wide = [c for c in s if ord(c) > 127]
            cjk = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff")
            utf8_cjk = cjk >= 2 and cjk * 2 >= len(wide)
        if utf8_cjk and first_bad is not None:
            return first_bad
    return first_bad if utf8_cjk else None


def decode(data: bytes) -> tuple[str, str, bytes, list[str]]:
    """Decode report bytes: ``(text, encoding, bom, notes)``.

    Order: a BOM decides; then strict UTF-8; then GB18030 (what Chinese offices'
    Word saves as "ANSI"); then charset-normalizer for anything else.  Raises
    :class:`SourceError` for binary data or text no codec explains.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc, bom, []
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"文件以 {enc} 字节序标记开头，但第 {exc.start + len(bom)} 字节处无法按 {enc} 解码",
                    "undecodable",
                ) from None
    try:
        return data.decode("utf-8"), "utf-8", b"", []
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8_line(data) if b"\x00" not in data[:4096] else None
    if mixed is not None:
        raise SourceError(f"文件混用了多种编码：部分行是 UTF-8，第 {mixed} 行不是 UTF-8（可能是 GB18030），请统一保存为 UTF-8", "undecodable")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16[0], utf16[1], b"", ["文件为无字节序标记的 UTF-16 编码"]
    if _looks_binary(data):
        raise SourceError("文件含有 NUL 字节，是二进制文件而非文本报告", "binary")
    try:
        text = data.decode("gb18030")
        if _plausible(text):
            return text, "gb18030", b"", []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare odd file

    best = from_bytes(data).best()
    if best is not None and best.encoding and _plausible(str(best)):
        enc = best.encoding
        return str(best), enc, b"", [f"文件编码推测为 {enc}"]
    raise SourceError("无法识别文件编码（既不是 UTF-8，也不是 GB18030 或 UTF-16）", "undecodable")


def from_bytes(data: bytes, path: str = "<bytes>") -> Source:
    """Build a :class:`Source` from raw bytes (see :func:`decode`)."""
    text, encoding, bom, notes = decode(data)
    if "\x00" in text:
        raise SourceError("文件含有 NUL 字符，是二进制文件而非文本报告", "binary")
    newline = _detect_newline(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(path=path, text=text, encoding=encoding, bom=bom, newline=newline, raw=data, notes=notes)


def from_text(text: str, path: str = "<text>") -> Source:
    """Build a :class:`Source` from a string (tests, plugins, editors)."""
    return from_bytes(text.encode("utf-8"), path)


# Chinese reasons for the usual errors; anything else keeps the system's text.
_ERRNO_REASONS = {
    "ENOENT": "文件不存在",
    "EACCES": "没有读取权限",
    "EPERM": "没有读取权限",
    "EISDIR": "是目录，不是文件",
    "ELOOP": "符号链接循环（链接最终指向自身）",
    "ENAMETOOLONG": "路径过长",
    "ENOTDIR": "路径中有一段不是目录",
}


def _os_reason(exc: OSError) -> str:
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return f"无法读取文件：{_ERRNO_REASONS.get(name) or exc.strerror or exc}"


def read(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and decode a file; raises :class:`SourceError` with a Chinese reason."""
    return from_bytes(read_bytes(path, max_bytes), str(path))


# Rule packs, templates and configuration files: the largest shipped one is
# about 10 KB.  Baselines list findings and grow with an archive.
DATA_MAX_BYTES = 1024 * 1024
BASELINE_MAX_BYTES = 64 * 1024 * 1024
_MAX_BYTES_HINT = "（可用 --max-bytes 调整）"


def read_text_file(path: str | os.PathLike[str], max_bytes: int = DATA_MAX_BYTES) -> str:
    """A UTF-8 data file (rule pack, template, configuration, baseline) as
    text, with the limits of a report: a regular file only, at most
    ``max_bytes``; raises :class:`SourceError` with a Chinese reason."""
    data = read_bytes(path, max_bytes, hint="")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(f"不是 UTF-8 文本（第 {exc.start} 字节）", "undecodable", line) from None


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, hint: str = _MAX_BYTES_HINT) -> bytes:
    """A file's bytes; raises :class:`SourceError` with a Chinese reason.

    Only regular files are read (a FIFO or a device such as ``/dev/zero``
    would block or never end), and never more than ``max_bytes`` + 1 bytes,
    even if the file grows after it was measured."""
    import stat

    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is
        # refused just below.  No effect on regular files.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise SourceError(_os_reason(exc), "unreadable") from None
    with os.fdopen(fd, "rb") as fh:
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise SourceError("无法读取文件：是目录，不是文件", "unreadable")
            if not stat.S_ISREG(st.st_mode):
                raise SourceError("无法读取文件：不是普通文件（管道、设备或套接字）", "unreadable")
            if st.st_size > max_bytes:
                raise SourceError(f"文件大小 {st.st_size} 字节，超过上限 {max_bytes} 字节{hint}", "too-large")
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise SourceError(_os_reason(exc), "unreadable") from None
    if len(data) > max_bytes:
        raise SourceError(f"文件大小超过上限 {max_bytes} 字节{hint}", "too-large")
    return data
