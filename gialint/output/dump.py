"""``gialint parse``: the document model as JSON, or as a readable tree."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gialint.model.document import Heading
from gialint.model.report import BoundCell, BoundTable, LabelMatch, Report
from gialint.model.span import Span

NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


def _span(span: Span | None) -> dict[str, int | None]:
    if span is None:
        return {"line": None, "column": None, "end_line": None, "end_column": None}
    return {"line": span.line, "column": span.column, "end_line": span.end_line, "end_column": span.end_column}


def _num(v: int | Decimal | None) -> int | float | None:
    if isinstance(v, Decimal):
        return float(v)
    return v


def _heading(h: Heading) -> dict[str, Any]:
    return {"text": h.text, "numeral": h.numeral, "style": h.style, "level": h.level, **_span(h.span)}


def _label(m: LabelMatch) -> dict[str, Any]:
    return {
        "role": m.role,
        "key": m.key,
        "official": m.official,
        "found": m.found,
        "status": m.status,
        "similarity": round(m.similarity, 3),
        **_span(m.span),
    }


def _cell(c: BoundCell) -> dict[str, Any]:
    return {
        "key": c.key,
        "row": c.row,
        "column": c.column,
        "kind": c.content,  # (the key of the JSON dump is unchanged)
        "value": _num(c.value),
        "raw": c.raw,
        "unit": c.unit,
        **({f"{k}": v for k, v in _span(c.span if c.content != "missing" else None).items()}),
    }


def _table(t: BoundTable) -> dict[str, Any]:
    return {
        "key": t.key,
        "section": t.template.section,
        "caption": t.template.caption,
        "found": t.found,
        "decoded": t.decoded,
        "unreadable": t.unreadable,
        **_span(t.span),
        "labels": [_label(m) for m in t.labels],
        "cells": [_cell(c) for c in t.cells.values()],
    }


def to_json(report: Report) -> dict[str, Any]:
    """The model as a JSON-serializable dict (the ``parse --format json`` output)."""
    doc = report.document
    src = doc.source
    det = report.detection
    found = {s.number for s in doc.sections}
    return {
        "path": src.path,
        "encoding": src.encoding,
        "bom": bool(src.bom),
        "newline": NEWLINE_NAMES.get(src.newline, src.newline),
        # traditional: the texts below are its conversion to simplified characters
        "script": doc.script,
        "format": {
            "version": det.version,
            "name": report.template.name,
            "year": det.year,
            "year_source": det.year_source,
            "reason": det.reason,
            "mixed": det.mixed,
            "markers": {k: [{"text": t, "line": line} for t, line in v] for k, v in det.markers.items()},
        },
        "title": None if doc.title is None else {"text": doc.title.text, **_span(doc.title.span)},
        "sections": [
            {
                "number": s.number,
                "heading": _heading(s.heading),
                "expected": s.expected_title,
                "match": s.match,
                "similarity": round(s.similarity, 3),
                "subheadings": [_heading(h) for h in s.subheadings],
                "paragraphs": len(s.paragraphs),
                **_span(s.span),
            }
            for s in doc.sections
        ],
        "missing_sections": [s.number for s in report.template.sections if s.number not in found],
        "markers": [{"text": m.text, "line": m.line, "column": m.column} for m in doc.markers],
        "tables": [_table(t) for t in report.tables.values()],
        # A table pasted twice: its further copies (applications#2…).
        "copies": [_table(t) for t in report.copies.values()],
        "unmatched": [
            {"section": u.section, "table": u.table, "reason": u.reason, "text": u.cell.text, **_span(u.cell.span)}
            for u in report.unmatched
        ],
        "signature": [{"text": p.text, **_span(p.span)} for p in doc.signature],
    }


def _pos(span: Span | None) -> str:
    return f"{span.line}:{span.column}" if span else "-"


def _fmt_value(c: BoundCell) -> str:
    if c.content == "number":
        return f"{c.value}{c.unit or ''}"
    return {"blank": "□", "missing": "∅", "dash": c.raw or "—"}.get(c.content, repr(c.raw))


def to_tree(report: Report) -> str:
    """A readable outline of the model, one node a line, with positions."""
    doc = report.document
    src = doc.source
    det = report.detection
    out = [f"report {src.path}  ({src.encoding}{', BOM' if src.bom else ''}, {NEWLINE_NAMES.get(src.newline)})"]
    out.append(
        f"format {det.version} {report.template.name}  by {det.reason}"
        + (" (mixed with another format's markers)" if det.mixed else "")
        + f"; year {det.year} from {det.year_source or '-'}"
    )
    out.append(f"title  {_pos(doc.title.span) if doc.title else '-'}  {doc.title.text if doc.title else '(none)'}")
    for m in doc.markers:
        out.append(f"marker {m.line}:{m.column}  {m.text}")
    found = {s.number for s in doc.sections}
    for s in report.template.sections:
        if s.number not in found:
            out.append(f"section {s.numeral}  MISSING  ({s.official})")
    for s in doc.sections:
        note = "" if s.match == "official" else f"  [{s.match} {s.similarity:.2f}; official: {s.expected_title}]"
        out.append(f"section {_pos(s.heading.span)}  {s.heading.text}{note}")
        for h in s.subheadings:
            out.append(f"  heading {_pos(h.span)}  {h.text}")
        for t in (t for t in [*report.tables.values(), *report.copies.values()] if t.template.section == s.number):
            out.extend(_table_tree(t))
    for t in report.tables.values():
        if t.template.section not in found:
            out.extend(_table_tree(t))
    for u in report.unmatched:
        out.append(f"unmatched {_pos(u.cell.span)}  [{u.reason}] {u.cell.text!r}")
    return "\n".join(out) + "\n"


def _table_tree(t) -> list[str]:  # type: ignore[no-untyped-def]
    out = [f"  table {t.key}  {_pos(t.span)}" + ("" if t.found else "  NOT FOUND")]
    if t.decoded:
        out.append(f"    DECODED  {t.decoded}")
    if t.unreadable:
        out.append(f"    UNREADABLE  {t.unreadable}")
    rows: dict[str, list[BoundCell]] = {}
    for c in t.cells.values():
        rows.setdefault(c.row, []).append(c)
    for m in t.labels:
        mark = "" if m.status in ("exact",) else f"  [{m.status}" + (f" ← {m.found!r}" if m.found and m.status != "missing" else "") + "]"
        line = f"    {m.role:<7} {_pos(m.span):>7}  {m.official}{mark}"
        if m.role == "row":
            line += "  = " + " ".join(_fmt_value(c) for c in rows.get(m.key, []))
        out.append(line)
    if t.template.layout == "single_row":
        for r in t.template.rows:
            out.append(f"    row     {'':>7}  {r.label}  = " + " ".join(_fmt_value(c) for c in rows.get(r.key, [])))
    return out
