"""What the cache knows of a folder of earlier reports, in one entry.

A single-file run (pre-commit) reads the files next to the one it checks,
to find the same agency's earlier years.  Each such file's series identity
is cached by its path, size and modification time
(:func:`gialint.run.check._context_first`, :mod:`gialint.run.context`); reading those entries one by one
costs about 0.1 ms a file, 1.2 s next to 10,000 reports.  This module keeps
one more entry per folder — file name → size, modification time, whether it
is a report and what the run keeps of it — so that an unchanged folder is
one read and one ``stat`` per file.  The per-file entries stay the truth: a
report's series entry is still read from its own entry, and only when it is
paired."""

from __future__ import annotations

import os
import re
from typing import Any

from gialint.linting.series import history_keys
from gialint.run import resultcache
from gialint.run.check import FirstResult
from gialint.run.collect import Target
from gialint.run.context import context_name
from gialint.util import diskcache

NOT_A_REPORT = "不像年度报告的文件"
# The name of a per-file entry (results/ab/<sha256>.json): an index entry
# names no other file.
_REF = re.compile(r"^results/[0-9a-f]{2}/[0-9a-f]{64}\.json$")


class _Folder:
    def __init__(self, linter: Any, folder: str) -> None:
        self.linter = linter
        self.keys = history_keys(linter)
        real = os.path.realpath(folder or ".").encode("utf-8", "surrogatepass")
        self.name = resultcache.entry_name(linter, f"\0folder\0{self.keys}", False, real)
        value = diskcache.load_data(self.name) if self.name is not None else None
        files = value.get("files") if isinstance(value, dict) else None
        self.files: dict[str, Any] = files if isinstance(files, dict) else {}
        self.changed = False


class FolderIndex:
    """The folders of one run's context reports: :meth:`lookup` answers a
    file whose size and modification time are those the index holds,
    :meth:`learn` records what the first pass found, :meth:`save` writes
    the folders that changed."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool
        self._folders: dict[str, _Folder | None] = {}

    def _folder(self, path: str) -> _Folder | None:
        folder = os.path.dirname(path)
        if folder not in self._folders:
            try:
                self._folders[folder] = _Folder(self.pool.for_path(path), folder)
            except Exception:  # a broken configuration: the file's own check says so
                self._folders[folder] = None
        return self._folders[folder]

    def lookup(self, target: Target) -> FirstResult | None:
        f = self._folder(target.path)
        if f is None or f.name is None:
            return None
        row = f.files.get(os.path.basename(target.path))
        try:
            st = os.stat(target.path)
            size, mtime, is_report, described, ref = row  # type: ignore[misc]
        except (OSError, TypeError, ValueError):
            return None
        if size != st.st_size or mtime != st.st_mtime_ns or type(is_report) is not bool:
            return None
        if not is_report:
            return FirstResult(target.path, [], skipped=NOT_A_REPORT)
        if not isinstance(described, dict) or not isinstance(ref, str) or not _REF.match(ref):
            return None
        return FirstResult(target.path, [], True, None, None, described, entry_ref=ref)

    def learn(self, target: Target, first: FirstResult) -> None:
        """Remember a context report the first pass read (or found in its
        per-file entry): only what that entry holds (``first.stamp``)."""
        if first.stamp is None:
            return
        f = self._folder(target.path)
        if f is None or f.name is None:
            return
        size, mtime = first.stamp
        ref = context_name(f.linter, f.keys, target.path, size, mtime) if first.report else None
        f.files[os.path.basename(target.path)] = [size, mtime, first.report, first.described if first.report else None, ref]
        f.changed = True

    def save(self) -> None:
        for folder, f in self._folders.items():
            if f is not None and f.changed and f.name is not None:
                # Files gone since are dropped, so the entry does not grow forever.
                files = {n: row for n, row in f.files.items() if os.path.exists(os.path.join(folder, n))}
                diskcache.store_data(f.name, {"files": files})
                f.changed = False
