"""Writing a fixed report back: atomically (a temporary file in the same
directory, then a rename), keeping the file's permissions, and only if the
file still holds the bytes that were checked — compared under a lock, so two
gialint runs cannot both write."""

from __future__ import annotations

import os
import stat

from gialint.load.files import os_reason

LOCK_TIMEOUT = 30.0  # seconds to wait for another gialint writing the same file


class FixError(Exception):
    """A file could not be fixed (changed meanwhile, not writable…)."""


def atomic_write(path: str, data: bytes, expected: bytes) -> None:
    """Replace ``path``'s content with ``data`` — unless it no longer holds
    ``expected`` — through a temporary file in the same directory, keeping
    the file's permissions.

    Compare and replace happen under an exclusive lock on the file (POSIX
    ``flock``), so two gialint runs fixing one file cannot both pass the
    comparison: the second waits, sees the first one's bytes and raises
    :class:`FixError` instead of overwriting them."""
    real = os.path.realpath(path)
    folder, name = os.path.split(real)
    with _locked(real) as current:
        if current != expected:
            raise FixError("文件在检查期间被修改（可能另一个 gialint 或编辑器写入了它）")
        st = os.stat(real)
        import tempfile  # (local, like difflib below: a check without --fix skips both)

        fd, tmp = tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=".gialint-tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            os.replace(tmp, real)
        except BaseException:
            try:
                os.unlink(tmp)  # our own temporary file
            except OSError:
                pass
            raise


class _locked:
    """Open ``path``, lock it exclusively and read it; the lock is held until
    the block ends.  The lock is on the file's inode, which a replace swaps:
    after waiting, the path is opened again if it names another file now."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.fd = -1

    def __enter__(self) -> bytes:
        import time

        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            except OSError as exc:
                raise FixError(f"无法读取文件：{os_reason(exc)}") from None
            try:
                if not _lock(fd, deadline):
                    raise FixError(f"另一个进程正在修改此文件，等待 {LOCK_TIMEOUT:.0f} 秒后放弃")
                same = _same_file(fd, self.path)
            except BaseException:
                os.close(fd)
                raise
            if same:
                self.fd = fd
                return _read_all(fd)
            os.close(fd)  # replaced while we waited: lock the new file

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # releases the lock


def _lock(fd: int, deadline: float) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the comparison still guards
        return True
    import time

    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        except OSError:
            return True  # a file system without locks (some network mounts)


def _same_file(fd: int, path: str) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError as exc:
        raise FixError(f"无法读取文件：{os_reason(exc)}") from None
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
