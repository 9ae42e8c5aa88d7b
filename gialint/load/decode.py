"""Load a report's bytes into a :class:`Source`: decoded text plus what is needed
to write it back byte-for-byte (encoding, BOM, newline style) and to turn an
offset into the ``line:column`` the user sees in their editor."""

from __future__ import annotations

import codecs

from gialint.model.source import Source, SourceError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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
                    f"文件以 {enc.upper()} 字节序标记开头，但第 {exc.start + len(bom)} 字节处无法按 {enc.upper()} 解码",
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
        raise SourceError("文件含有空字节（0x00），是二进制文件而非文本报告", "binary")
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
        raise SourceError("文件含有空字符，是二进制文件而非文本报告", "binary")
    newline = _detect_newline(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(path=path, text=text, encoding=encoding, bom=bom, newline=newline, raw=data, notes=notes)


def from_text(text: str, path: str = "<text>") -> Source:
    """Build a :class:`Source` from a string (tests, plugins, editors)."""
    return from_bytes(text.encode("utf-8"), path)

