"""The certain fixes as a unified diff (``gialint check --diff``).

A certain fix never adds or removes a line (``gialint.linting.fix``), so line
*n* of the fixed text is line *n* of the original: the diff pairs lines by
their number and shows exactly the lines a fix changed.  (A general diff
algorithm may pair an unchanged ``0`` with another ``0`` a few lines away and
show both as removed and added, as if a number had been edited.)"""

from __future__ import annotations

import os

from gialint.model.source import Source

CONTEXT = 3


def unified_diff(path: str, before: Source, after: Source) -> str:
    """The lines the fixes changed, with three lines of context, as a unified diff."""
    a = before.text.splitlines(keepends=True)
    b = after.text.splitlines(keepends=True)
    if len(a) != len(b):  # (never from gialint's own fixes) fall back on a general diff
        return _general(path, a, b)
    changed = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if not changed:
        return ""
    rel = not os.path.isabs(path)
    out = [f"--- {'a/' + path if rel else path}\n", f"+++ {'b/' + path if rel else path}\n"]
    for start, end in _hunks(changed, len(a)):
        out.append(f"@@ -{_range(start, end)} +{_range(start, end)} @@\n")
        out.extend(_hunk(a, b, start, end))
    return "".join(out)


def _hunks(changed: list[int], count: int) -> list[tuple[int, int]]:
    """``[start, end)`` line ranges covering the changed lines with context,
    merged where their contexts touch."""
    hunks: list[tuple[int, int]] = []
    for i in changed:
        lo, hi = max(0, i - CONTEXT), min(count, i + CONTEXT + 1)
        if hunks and lo <= hunks[-1][1]:
            hunks[-1] = (hunks[-1][0], hi)
        else:
            hunks.append((lo, hi))
    return hunks


def _hunk(a: list[str], b: list[str], start: int, end: int) -> list[str]:
    """The hunk's lines: context as it is, each run of changed lines as its
    removed lines then its added lines."""
    out: list[str] = []
    i = start
    while i < end:
        if a[i] == b[i]:
            out.append(_line(" ", a[i]))
            i += 1
            continue
        j = i
        while j < end and a[j] != b[j]:
            j += 1
        out.extend(_line("-", x) for x in a[i:j])
        out.extend(_line("+", y) for y in b[i:j])
        i = j
    return out


def _range(start: int, end: int) -> str:
    length = end - start
    return f"{start + 1},{length}" if length != 1 else f"{start + 1}"


def _line(mark: str, text: str) -> str:
    return mark + text if text.endswith("\n") else f"{mark}{text}\n\\ No newline at end of file\n"


def _general(path: str, a: list[str], b: list[str]) -> str:
    import difflib

    rel = not os.path.isabs(path)
    lines = difflib.unified_diff(a, b, fromfile=f"a/{path}" if rel else path, tofile=f"b/{path}" if rel else path)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
