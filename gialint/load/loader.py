"""The one load path: how a report file becomes a
:class:`~gialint.model.source.Source`.  ``gialint check`` (with and without
``--fix``), ``gialint parse``, the result cache and
:func:`gialint.read_report` all read files through :func:`load_source`, so a
plugin's reader for a suffix is used everywhere or nowhere."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from gialint.load.decode import from_bytes
from gialint.load.files import DEFAULT_MAX_BYTES, read_bytes
from gialint.model.source import Source, SourceError
from gialint.util.budget import OverBudget, time_limit

if TYPE_CHECKING:
    from gialint.load.readers import Reader


class ReaderFailed(Exception):
    """A plugin's reader raised something other than :class:`SourceError`."""

    def __init__(self, reader: Reader, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.reader = reader
        self.error = error


def read(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and decode a text or Markdown file; raises :class:`SourceError`
    with a Chinese reason."""
    return from_bytes(read_bytes(path, max_bytes), str(path))


def reader_for(path: str, readers: Mapping[str, Reader] | None) -> Reader | None:
    """The reader registered for ``path``'s suffix, if any."""
    if not readers:
        return None
    return readers.get(os.path.splitext(path)[1].lower())


def load_source(
    path: str | os.PathLike[str],
    readers: Mapping[str, Reader] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = None,
) -> Source:
    """``path`` read by the reader registered for its suffix (plugins' first;
    a file with no reader of its own is read as text).

    Raises :class:`SourceError` when the file cannot be read,
    :class:`~gialint.util.budget.OverBudget` when a reader runs past
    ``timeout`` seconds, and :class:`ReaderFailed` when a plugin's reader
    fails otherwise."""
    p = str(path)
    reader = reader_for(p, readers)
    if reader is None or reader.builtin_text:
        return read(p, max_bytes)
    try:
        with time_limit(timeout):  # a plugin's reader may hang
            return reader.load(p, max_bytes)
    except (SourceError, OverBudget):
        raise
    except Exception as exc:  # noqa: BLE001 - reported against the plugin by the caller
        raise ReaderFailed(reader, exc) from exc
