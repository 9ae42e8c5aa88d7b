"""``--format text`` (default): ``path:line:col: CODE [severity] message``,
the offending line with a caret, and a summary line; colour on a terminal."""

from __future__ import annotations

import unicodedata

from gialint.linting.fix import applicable
from gialint.output.formatters.base import Formatter, Summary

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
RESET, BOLD, DIM = "\033[0m", "\033[1m", "\033[2m"


def width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# A line longer than this is shown as an excerpt around the finding: a report
# pasted as one line (or a 4 MB line) must not flood the terminal.
MAX_SHOWN = 160
CONTEXT = 40  # characters shown before the finding in an excerpt


def excerpt(src: str, start: int, end: int) -> tuple[str, str, str]:
    """``(shown line, text before the mark, marked text)`` for the 0-based
    character range ``start:end`` of ``src``; tabs shown as spaces."""
    lo, hi = 0, len(src)
    if hi > MAX_SHOWN:
        lo = max(0, min(start - CONTEXT, hi - MAX_SHOWN))
        hi = min(hi, lo + MAX_SHOWN)
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(src) else ""
    start = min(max(start, lo), hi)
    end = min(max(end, start), hi)
    shown = (head + src[lo:hi] + tail).replace("\t", " ")
    return shown, (head + src[lo:start]).replace("\t", " "), src[start:end]


def display_path(path: str) -> str:
    """A path as one line of ``path:line:col``: control characters (a newline
    in a file name) escaped as ``\\n``, ``\\t``, ``\\x1b``."""
    if path.isprintable():
        return path
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in path)


def _quote(text: str) -> str:
    """The quoted text of a place, at most :data:`MAX_SHOWN` characters."""
    text = display_path(text)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


class TextFormatter(Formatter):
    name = "text"
    description = "Human-readable: location, code, message, the line with a caret, and a summary."

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._lines: dict[str, list[str]] = {}

    def _line(self, path: str, line: int) -> str | None:
        if path not in self._lines:
            try:
                from gialint.load.loader import read

                self._lines[path] = read(path).text.split("\n")
            except Exception:  # noqa: BLE001 - the line is a courtesy
                self._lines[path] = []
        lines = self._lines[path]
        return lines[line - 1] if 0 < line <= len(lines) else None

    def file(self, path, findings) -> str:  # type: ignore[no-untyped-def]
        if self.statistics:
            return ""  # the table alone, as ruff prints it
        out = []
        c = self.color
        for f in findings:
            sev = f"{COLORS[f.severity]}{f.severity}{RESET}" if c else f.severity
            where = f"{display_path(f.path)}:{f.line}:{f.column}"
            loc = f"{BOLD}{where}{RESET}" if c else where
            mark = " [*]" if f.fix is not None and applicable(f) else ""
            out.append(f"{loc}: {f.rule} [{sev}] {f.message} ({f.name}){mark}\n")
            location = f.extra.get("location")
            if location and location.get("format") != "html":
                # A Word file or a PDF has no lines to show: the place and the text.
                out.append(f"    {location.get('label', '')}：“{_quote(str(location.get('text', '')))}”\n")
                src = None
            else:
                src = self._line(f.path, f.line) if f.category != "input" else None
                if location and location.get("label"):
                    out.append(f"    {location['label']}：“{_quote(str(location.get('text', '')))}”\n")
            if src is not None and src.strip():
                end_col = f.end_column if f.end_line == f.line else len(src) + 1
                shown, before, marked = excerpt(src, f.column - 1, end_col - 1)
                out.append(f"    {shown}\n    {' ' * width(before)}{'^' * max(1, width(marked))}\n")
            if f.fix is not None and not applicable(f):
                # Not certain enough to apply: a suggestion for the author.
                out.append(f"    建议：{'改为“' + f.fix.replacement + '”' if f.fix.replacement else '删除'}\n")
        self._lines.pop(path, None)
        return "".join(out)

    def end(self, summary: Summary) -> str:
        out = []
        if self.statistics and summary.by_rule:
            for code, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                meta = self.ruleset.meta(code) if self.ruleset else None
                out.append(f"{n:6d}  {code}  {meta.name if meta else ''}\n")
        total = sum(summary.counts.values())
        skipped = sum(summary.skipped.values())
        checked = summary.files - skipped
        if skipped:
            why = "，".join(f"{n} 个{reason}" for reason, n in sorted(summary.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
            out.append(f"跳过了 {skipped} 个不是年度报告的文件（{why}）。\n")
        if summary.files and not checked:
            out.append(f"没有检查任何年度报告：找到的 {summary.files} 个文件都不是年度报告。\n")
        elif total == 0:
            out.append(f"未发现问题（检查了 {checked} 个文件）。\n")
        else:
            parts = "，".join(f"{summary.counts[s]} 个{ {'error': '错误', 'warning': '警告', 'info': '提示'}[s]}" for s in ("error", "warning", "info") if summary.counts.get(s))
            out.append(f"发现 {total} 个问题（{parts}），涉及 {summary.files_with_findings}/{checked} 个文件。\n")
        if summary.fixable:
            out.append(f"其中 {summary.fixable} 个（标有 [*]）可用 --fix 自动修复。\n")
        if summary.fixed:
            out.append(f"已自动修复 {summary.fixed} 处。\n")
        return "".join(out)
