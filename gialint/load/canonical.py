"""Canonical Markdown: what the HTML, Word and PDF readers make of a report.

A reader turns its file into a list of blocks — title, headings, paragraphs
and tables as grids of cells with merged cells resolved (a merged cell's text
in its first slot, the slots it covers empty) — each with its
:class:`~gialint.model.origin.Place`.  :func:`to_source` writes them as
Markdown that the grammar reads like any pipe-table report (``# title``,
``##`` headings, one line per paragraph, GitHub pipe tables with the labels
as written) and records where every piece of that text came from.  The same
text is what ``gialint convert`` writes, so checking the converted file gives
the same findings as checking the original."""

from __future__ import annotations

from dataclasses import dataclass, field

from gialint.model.origin import OriginMap, Place, TableRow
from gialint.model.source import Source


@dataclass(slots=True)
class Block:
    """``kind`` is ``title``, ``heading`` (with ``level`` 1–6), ``paragraph``
    or ``table``: ``rows`` of cell texts (a merged cell's text in its first
    slot), with the table's number in ``place.table``, and for each cell
    the reader's ``anchors`` and for each row its ``pages``, if any."""

    kind: str
    text: str = ""
    place: Place = field(default_factory=Place)
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    anchors: list[list[int | None]] | None = None
    pages: list[int] | None = None


def clean_cell(text: str) -> str:
    """A cell's text on one pipe-table line: no newline, tab or bare ``|``."""
    if "|" not in text and "\n" not in text and "\t" not in text and "  " not in text and text.strip() == text:
        return text
    return " ".join(text.split()).replace("|", "\\|")


def _line_text(text: str) -> str:
    """A paragraph on one line that the grammar cannot mistake for a table
    row, a heading mark or a comment."""
    out = " ".join(text.replace("\t", " ").split())
    if out[:1] in ("|", "#", "<") or out.startswith("**"):
        out = "\\" + out
    return out


def to_markdown(blocks: list[Block], fmt: str) -> tuple[str, OriginMap]:
    """The canonical Markdown of ``blocks`` and its :class:`OriginMap`."""
    out: list[str] = []
    origin = OriginMap(fmt)

    def emit(text: str, place: Place | None, start: int = 0) -> None:
        out.append(text)
        if place is not None:
            origin.add(len(out), start, len(text), place)

    for block in blocks:
        if block.kind == "table":
            if not block.rows:
                continue
            width = max(len(r) for r in block.rows)
            for i, row in enumerate(block.rows):
                cells = [clean_cell(t) for t in row] + [""] * (width - len(row))
                out.append("| " + " | ".join(cells) + " |")
                anchors = block.anchors[i] if block.anchors is not None else None
                page = block.pages[i] if block.pages is not None else None
                origin.rows[len(out)] = TableRow(block.place.table or 0, i + 1, cells, anchors, page)
                if i == 0:
                    out.append("|" + "---|" * width)
            out.append("")
            continue
        text = _line_text(block.text)
        if not text:
            continue
        if block.kind == "title":
            emit("# " + text, block.place, 2)
        elif block.kind == "heading":
            marks = "#" * min(max(block.level, 1), 6) + " "
            emit(marks + text, block.place, len(marks))
        else:
            emit(text, block.place)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n", origin


def to_source(blocks: list[Block], fmt: str, path: str, raw: bytes, notes: list[str] | None = None) -> Source:
    """A :class:`Source` of the canonical text, never fixed in place."""
    text, origin = to_markdown(blocks, fmt)
    return Source(path=path, text=text, raw=raw, notes=list(notes or []), fixable=False, origin=origin)
