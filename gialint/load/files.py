"""Reading files with limits: only regular files (a FIFO or a device such as
``/dev/zero`` would block or never end), never more than a size limit, with
a Chinese reason for every failure.  Reports, rule packs, templates,
configuration files and baselines are all read through here."""

from __future__ import annotations

import codecs
import os

from gialint.model.source import SourceError

# Files larger than this are refused with an ``input`` finding rather than read:
# a real report is 5–50 KB, and pre-commit must never stall on a stray dump.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


# Chinese reasons for the usual errors; anything else names the system's
# text in quotes (it is English on most systems).
_ERRNO_REASONS = {
    "ENOENT": "文件不存在",
    "EACCES": "没有{action}权限",
    "EPERM": "没有{action}权限",
    "EISDIR": "是目录，不是文件",
    "ELOOP": "符号链接循环（链接最终指向自身）",
    "ENAMETOOLONG": "路径过长",
    "ENOTDIR": "路径中有一段不是目录",
    "EIO": "磁盘读写出错",
    "EMFILE": "同时打开的文件过多",
    "ENFILE": "同时打开的文件过多",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出磁盘配额",
    "EROFS": "文件系统只读",
    "EBUSY": "文件正被其他程序占用",
    "ETXTBSY": "文件正被其他程序占用",
    "EXDEV": "不能跨文件系统替换文件",
}


def os_reason(exc: OSError, action: str = "读取") -> str:
    """Why an OS call failed, in Chinese (``没有读取权限``); an unusual error
    keeps the system's words, quoted."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    known = _ERRNO_REASONS.get(name)
    if known:
        return known.format(action=action)
    return f"系统报告“{exc.strerror or exc}”"


def _os_reason(exc: OSError) -> str:
    return f"无法读取文件：{os_reason(exc)}"


# Rule packs, templates and configuration files: the largest shipped one is
# about 10 KB.  Baselines list findings and grow with an archive.
DATA_MAX_BYTES = 1024 * 1024


BASELINE_MAX_BYTES = 64 * 1024 * 1024


_MAX_BYTES_HINT = "（可用 `--max-bytes` 或配置项 `max-bytes` 调整）"


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
        raise SourceError(f"不是 UTF-8 文本（第 {exc.start} 字节处无法解码）", "undecodable", line) from None


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
    try:
        # fstat before fdopen: some Pythons refuse to wrap a directory's descriptor.
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise SourceError("无法读取文件：是目录，不是文件", "unreadable")
        if not stat.S_ISREG(st.st_mode):
            raise SourceError("无法读取文件：不是普通文件（管道、设备或套接字）", "unreadable")
        if st.st_size > max_bytes:
            raise SourceError(f"文件大小 {st.st_size} 字节，超过上限 {max_bytes} 字节{hint}", "too-large")
    except OSError as exc:
        os.close(fd)
        raise SourceError(_os_reason(exc), "unreadable") from None
    except SourceError:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise SourceError(_os_reason(exc), "unreadable") from None
    if len(data) > max_bytes:
        raise SourceError(f"文件大小超过上限 {max_bytes} 字节{hint}", "too-large")
    return data


def _read_data_file(path: str) -> str:
    """A rule pack or template as text; a missing, unreadable, oversized or
    non-UTF-8 file, or one that is not a regular file (a FIFO, ``/dev/zero``),
    is a :class:`~gialint.yamlfile.YamlError` (exit 2), not a traceback."""
    from gialint.load.files import read_text_file
    from gialint.util.yamlfile import YamlError

    try:
        return read_text_file(path)
    except SourceError as exc:
        raise YamlError(path, exc.line, exc.reason) from None
