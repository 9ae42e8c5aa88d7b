"""Findings on a published document pointed at the place the user can find.

A page, a Word file or a PDF is checked as the canonical Markdown its reader
made (:mod:`gialint.load.canonical`); the rules' positions are in that text.
Here each finding gets a ``location`` (``extra["location"]``: the format,
page, paragraph, table, row and column, a label such as ``表 3 第 5 行第 2
列`` and the quoted text), and on an HTML page its line and column (and its
fix's) are moved to the page's source.  On a Word file or a PDF ``line`` and
``column`` stay those of the canonical Markdown, which ``gialint convert``
writes: checking the converted file gives the same positions.  Every fix
becomes a suggestion (``certain`` false): ``--fix`` never writes these files."""

from __future__ import annotations

from dataclasses import replace

from gialint.model.findings import Finding, Fix
from gialint.model.origin import OriginMap
from gialint.model.source import Source
from gialint.model.span import Span


def _move(origin: OriginMap, span: Span) -> Span | None:
    """``span`` in the original file's lines and columns, or ``None``."""
    start = origin.position(span.line, span.column)
    if start is None:
        return None
    end = None
    if (span.end_line, span.end_column) > (span.line, span.column):
        last = origin.position(span.end_line, max(span.end_column - 1, 1))
        if last is not None and last >= start:
            end = (last[0], last[1] + 1)
    if end is None:
        end = (start[0], start[1] + 1)
    return Span(start[0], start[1], end[0], end[1])


def relocate(source: Source, findings: list[Finding]) -> list[Finding]:
    """``findings`` with their locations in the user's file (unchanged for a
    text or Markdown file)."""
    origin = source.origin
    if origin is None:
        return findings
    out = []
    moved_any = False
    for f in findings:
        if "location" in f.extra:  # located already (relocating is idempotent)
            out.append(f)
            continue
        location = origin.location(f.line, f.column) if f.category not in ("input", "internal") else None
        if location is None:
            out.append(f)
            continue
        moved = f
        fix = f.fix
        if origin.positions:
            span = _move(origin, Span(f.line, f.column, f.end_line, f.end_column))
            if span is not None:
                moved = f.moved(span)
                moved_any = True
                location["line"], location["column"] = span.line, span.column
            if fix is not None:
                fix = Fix(fix.replacement, _move(origin, fix.span) or fix.span, fix.certain)
        if fix is not None:
            # --fix never writes a page, a Word file or a PDF: a fix is a suggestion there.
            moved = replace(moved, fix=Fix(fix.replacement, fix.span, False))
        out.append(moved.with_extra(location=location))
    if moved_any:
        out.sort(key=Finding.sort_key)  # in the page's order
    return out
