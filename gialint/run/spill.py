"""Records kept on disk between the two passes of a series run: one record
per report (its findings, its series entry, its text), appended to a
temporary file and read back by number, so the memory of a run stays flat
however many reports it reads.  Only this process's own temporary file is
ever written; it is removed when the run ends."""

from __future__ import annotations

import json
import os
import tempfile
from array import array
from typing import Any


class Spill:
    """An append-only file of JSON records, read back by number."""

    def __init__(self) -> None:
        fd, self.path = tempfile.mkstemp(prefix="gialint-series-", suffix=".jsonl")
        self._fh = os.fdopen(fd, "w+b")
        # Offset and length of each record, as machine integers: a run keeps
        # them for every report (tuples of ints would take ~110 bytes each).
        self._offsets = array("q")
        self._lengths = array("q")

    def add(self, record: Any) -> int:
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        self._fh.seek(0, os.SEEK_END)
        offset = self._fh.tell()
        self._fh.write(data)
        self._offsets.append(offset)
        self._lengths.append(len(data))
        return len(self._offsets) - 1

    def get(self, number: int) -> Any:
        offset, length = self._offsets[number], self._lengths[number]
        self._fh.flush()
        self._fh.seek(offset)
        return json.loads(self._fh.read(length).decode("utf-8", "surrogatepass"))

    def __len__(self) -> int:
        return len(self._offsets)

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()
            try:
                os.unlink(self.path)  # our own temporary file
            except OSError:
                pass

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
