"""Opening a ``.docx`` safely: the zip is checked before anything in it is
inflated, and every XML part is checked for a DOCTYPE (an entity bomb)
before python-docx, which inflates and parses every part when it opens a
package, sees it.

Limits (docs/robustness.md): only the compression methods Word writes
(stored, deflate: Python's zipfile would also inflate bzip2 and LZMA without
asking), at most :data:`MAX_ENTRIES` entries, :data:`MAX_PART` bytes per part
and :data:`MAX_TOTAL` in all as declared *and* as inflated (headers can lie),
and a compression ratio of at most :data:`MAX_RATIO` per part."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from gialint.load.formats import DAMAGED, UNSAFE, kind_of, refuse_office_binary, require
from gialint.model.source import SourceError

MAX_ENTRIES = 2000
MAX_PART = 64 * 1024 * 1024
MAX_TOTAL = 256 * 1024 * 1024
MAX_RATIO = 200


def _damaged(detail: str) -> SourceError:
    return SourceError(f"不是完整的 .docx 文件（{detail}），文件可能已损坏或未下载完整", DAMAGED)


def check_zip(zf: zipfile.ZipFile) -> None:
    """Refuse a package that would inflate past the limits."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise SourceError(f".docx 压缩包有 {len(infos)} 个条目，超过上限 {MAX_ENTRIES} 个，不像 Word 文档", "too-large")
    total = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SourceError(
                f".docx 中的 {info.filename} 使用了 Word 不会使用的压缩方式（{info.compress_type}），可能是压缩炸弹，已拒绝读取", "too-large"
            )
        if info.file_size > MAX_PART:
            raise SourceError(f".docx 中的 {info.filename} 解压后 {info.file_size} 字节，超过上限 {MAX_PART} 字节（可能是压缩炸弹）", "too-large")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise SourceError(
                f".docx 中的 {info.filename} 压缩比为 {info.file_size / info.compress_size:.0f}，超过上限 {MAX_RATIO}（可能是压缩炸弹）", "too-large"
            )
        total += info.file_size
    if total > MAX_TOTAL:
        raise SourceError(f".docx 解压后共 {total} 字节，超过上限 {MAX_TOTAL} 字节（可能是压缩炸弹）", "too-large")


def read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """One part inflated, never more than :data:`MAX_PART` bytes whatever its
    header says."""
    try:
        with zf.open(name) as fh:
            data = fh.read(MAX_PART + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise _damaged(f"{name}：{exc}") from None
    if len(data) > MAX_PART:
        raise SourceError(f".docx 中的 {name} 解压后超过上限 {MAX_PART} 字节（压缩包头部声明的大小不实，可能是压缩炸弹）", "too-large")
    return data


def check_xml(name: str, data: bytes) -> None:
    """Word never writes a DOCTYPE; one is how an entity bomb begins."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head or b"<!doctype" in head:
        raise SourceError(f".docx 中的 {name} 含有 DTD 声明（Word 从不写入），可能是 XML 实体炸弹，已拒绝读取", UNSAFE)


def open_docx(data: bytes) -> Any:
    """A python-docx ``Document`` of ``data`` after the checks above."""
    refuse_office_binary(data, "")
    if kind_of(data) != "zip":
        raise _damaged("不是 ZIP 压缩包")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise _damaged("ZIP 目录缺失或损坏") from None
    total = 0
    with zf:
        check_zip(zf)
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels")):
                part = read_part(zf, info.filename)
                total += len(part)
                if total > MAX_TOTAL:
                    raise SourceError(f".docx 解压后超过上限 {MAX_TOTAL} 字节（可能是压缩炸弹）", "too-large")
                check_xml(info.filename, part)
        if "word/document.xml" not in zf.namelist() and "[Content_Types].xml" not in zf.namelist():
            raise _damaged("没有 Word 文档的正文部分")
    docx = require("docx", "python-docx")
    from lxml import etree

    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise SourceError(f".docx 中的 XML 无法解析（{exc}）", UNSAFE if "amplification" in str(exc) else DAMAGED) from None
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a broken package
        raise _damaged(f"{type(exc).__name__}: {exc}") from None
