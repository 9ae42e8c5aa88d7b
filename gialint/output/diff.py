"""The certain fixes as a unified diff (``gialint check --diff``)."""

from __future__ import annotations

import os

from gialint.model.source import Source


def unified_diff(path: str, before: Source, after: Source) -> str:
    a = before.text.splitlines(keepends=True)
    b = after.text.splitlines(keepends=True)
    rel = not os.path.isabs(path)
    import difflib

    lines = difflib.unified_diff(a, b, fromfile=f"a/{path}" if rel else path, tofile=f"b/{path}" if rel else path)
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
