"""The cache directory: where it is, whether it may be used, and which of
its entries are gialint's.

The directory is gialint's only if gialint made it: it carries a
``CACHEDIR.TAG`` (the cache directory tag convention, as pytest's and ruff's
caches do) naming gialint.  An existing directory without the tag is used
only if it is empty or holds nothing but gialint's own entries (an older
gialint's cache).  A directory owned by another user or writable by group
or others is refused; gialint then runs without a cache and says so once on
standard error.  ``gialint clean`` removes only entries whose names gialint
writes (:func:`own_entry`) inside a tagged directory."""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path


FORMAT = 2  # bumped when the entries' layout changes


TAG_NAME = "CACHEDIR.TAG"


TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"


TAG_TEXT = (
    f"{TAG_SIGNATURE}\n"
    "# This file is a cache directory tag created by gialint.\n"
    f"# gialint-cache-format: {FORMAT}\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


_HEX = r"[0-9a-f]{24}"


# Every name gialint writes, now or in earlier versions: what `clean` may remove.
_OWN_TOP = re.compile(
    rf"^(?:(?:grammar|yaml|entry-points|expr-trees)-{_HEX}\.json"
    rf"|grammar-{_HEX}\.lark\.cache|(?:yaml|entry-points|expr-trees)-{_HEX}\.pickle"
    r"|\.tmp-[A-Za-z0-9_]+\.(?:part|cache))$"
)


_OWN_RESULT = re.compile(r"^(?:[0-9a-f]{64}\.(?:json|pickle|view\.json|entry\.json)|\.tmp-[A-Za-z0-9_]+\.(?:part|cache))$")


_OWN_SHARD = re.compile(r"^[0-9a-f]{2}$")


def cache_dir() -> Path:
    """``$GIALINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gialint`` or ``~/.cache/gialint``."""
    env = os.environ.get("GIALINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gialint"


def disabled() -> bool:
    """``GIALINT_NO_CACHE=1`` turns the disk cache off (for measuring a cold run)."""
    return os.environ.get("GIALINT_NO_CACHE", "") not in ("", "0")


# Folders of entries sharded by the first two hex digits of their key: each
# file's findings (results/) and each report's cross-year findings (series/).
_SHARDED = ("results", "series")


def own_entry(relative: str, directory: bool = False) -> bool:
    """Whether ``relative`` (a path inside the cache directory, ``/``-separated)
    is a name gialint writes, as a folder (``directory``) or as a file: the
    only names ``clean`` removes."""
    parts = relative.split("/")
    if directory:
        return (len(parts) == 1 and parts[0] in _SHARDED) or (len(parts) == 2 and parts[0] in _SHARDED and bool(_OWN_SHARD.match(parts[1])))
    if len(parts) == 1:
        return bool(_OWN_TOP.match(parts[0])) or parts[0] == TAG_NAME
    if len(parts) == 3:
        return parts[0] in _SHARDED and bool(_OWN_SHARD.match(parts[1])) and bool(_OWN_RESULT.match(parts[2]))
    return False


def is_tagged(directory: Path) -> bool:
    """Whether ``directory`` carries gialint's cache directory tag."""
    try:
        with open(directory / TAG_NAME, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.startswith(TAG_SIGNATURE.encode()) and b"gialint" in head


def _only_own_entries(directory: Path) -> bool:
    """Everything below ``directory`` is named as gialint names its entries
    (an untagged cache of an older gialint); nothing else, no links."""
    for root, dirs, files in os.walk(directory):
        rel_root = os.path.relpath(root, directory).replace(os.sep, "/")
        rel_root = "" if rel_root == "." else rel_root + "/"
        for names, is_dir in ((dirs, True), (files, False)):
            for name in names:
                full = os.path.join(root, name)
                if os.path.islink(full) or not own_entry(rel_root + name, is_dir):
                    return False
    return True


_READY: dict[str, Path | None] = {}


_WARNED: set[str] = set()


def unsafe_reason(st: os.stat_result) -> str | None:
    """Why a directory with this status must not hold gialint's cache."""
    if not stat.S_ISDIR(st.st_mode):
        return "不是目录"
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return f"属于其他用户（uid {st.st_uid}）"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"可被同组或其他用户写入（权限 {stat.S_IMODE(st.st_mode):o}）"
    return None


def _prepare(d: Path) -> tuple[Path | None, str | None]:
    try:
        if not d.exists():
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write_tag(d)
        st = os.stat(d)
    except OSError as exc:
        return None, f"无法创建或读取（{exc.strerror or exc}）"
    reason = unsafe_reason(st)
    if reason is not None:
        return None, reason
    if not is_tagged(d):
        try:
            empty = not any(d.iterdir())
        except OSError as exc:
            return None, f"无法读取（{exc.strerror or exc}）"
        if not (empty or _only_own_entries(d)):
            return None, f"不是 gialint 创建的目录（没有 {TAG_NAME}，且含有其他文件）"
        try:
            _write_tag(d)
        except OSError:
            return None, None  # read-only: run without the cache, silently
    return d, None


def _write_tag(d: Path) -> None:
    tmp = d / f".tmp-tag{os.getpid()}.part"
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write(TAG_TEXT)
    os.replace(tmp, d / TAG_NAME)


def ready_dir() -> Path | None:
    """The cache directory, created and tagged if need be, or ``None`` when
    there is no usable one (disabled, unwritable, unsafe: see the module
    docstring).  Decided once per process and directory."""
    if disabled():
        return None
    d = cache_dir()
    token = str(d)
    if token not in _READY:
        path, reason = _prepare(d)
        _READY[token] = path
        if reason is not None and token not in _WARNED:
            _WARNED.add(token)
            sys.stderr.write(f"gialint: 不使用缓存目录 {d}：{reason}；本次运行不使用缓存\n")
    return _READY[token]


def clean(directory: Path, remove: Callable[[str], None] = os.unlink) -> tuple[int, int, list[str]]:
    """Remove gialint's own entries from a tagged ``directory``:
    ``(files removed, bytes freed, entries kept)``.  Links are never
    followed or removed; folders are removed only when left empty; the tag
    goes last, and only when nothing else is left."""
    removed = freed = 0
    kept: list[str] = []
    for root, dirs, files in os.walk(directory, topdown=False):
        rel_root = os.path.relpath(root, directory).replace(os.sep, "/")
        rel_root = "" if rel_root == "." else rel_root + "/"
        for name in files:
            rel = rel_root + name
            full = os.path.join(root, name)
            if rel == TAG_NAME:
                continue
            st = os.lstat(full)
            if stat.S_ISREG(st.st_mode) and own_entry(rel):
                remove(full)
                removed += 1
                freed += st.st_size
            else:
                kept.append(rel)
        for name in dirs:
            rel = rel_root + name
            full = os.path.join(root, name)
            if os.path.islink(full) or not own_entry(rel, directory=True):
                kept.append(rel + ("" if os.path.islink(full) else "/"))
                continue
            try:
                os.rmdir(full)  # only if empty
            except OSError:
                pass
    if not kept:
        try:
            os.unlink(directory / TAG_NAME)
            os.rmdir(directory)
        except OSError:
            pass
    return removed, freed, sorted(kept)
