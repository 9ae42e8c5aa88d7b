"""Reports read only to be compared with (an earlier year next to the file a
single-file run checks, or under ``history:``): what the cache keeps of each,
keyed by its path, size and modification time, as ruff keys its cache.  The
described data (year, names, the cells older years need) is one entry; the
series entry, larger, another, read only if the report is paired."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from gialint.run import resultcache
from gialint.run.resultcache import pack_entry, unpack_entry
from gialint.util import diskcache

if TYPE_CHECKING:
    from gialint.linting.engine import Linter


def context_name(linter: Linter, keys: list[str], path: str, size: int, mtime_ns: int) -> str | None:
    """The entry of a report read only to be compared with, keyed by its
    path, size and modification time."""
    stamp = f"{os.path.realpath(path)}\0{size}\0{mtime_ns}".encode("utf-8", "surrogatepass")
    return resultcache.entry_name(linter, f"\0context\0{keys}", False, stamp)


def load_context(name: str) -> tuple[bool, Any] | None:
    """A report read for comparison only: ``(is a report, described)``, or
    ``None`` for a miss.  Its entry, larger, is read only if it is paired
    (:func:`load_context_entry`)."""
    value = diskcache.load_data(name)
    if isinstance(value, dict) and value.get("context") is True and isinstance(value.get("report"), bool) and "described" in value:
        return value["report"], value["described"]
    return None


def load_context_entry(name: str) -> Any | None:
    value = diskcache.load_data(_entry_name(name))
    try:
        return unpack_entry(value) if value is not None else None
    except ValueError:
        return None


def store_context(name: str, entry: Any, described: Any) -> bool:
    """Store a context report's described data and, apart, its entry;
    ``False`` when the entry could not be stored (no usable cache)."""
    stored = entry is None or diskcache.store_data(_entry_name(name), pack_entry(entry))
    if stored:
        diskcache.store_data(name, {"context": True, "report": entry is not None, "described": described})
    return stored and diskcache.ready_dir() is not None


def _entry_name(name: str) -> str:
    return name[: -len(".json")] + ".entry.json"
