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

from gialint.model.origin import OriginMap, Place
from gialint.model.source import Source


@dataclass(slots=True)
class Block:
    """``kind`` is ``title``, ``heading`` (with ``level`` 1–6), ``paragraph``
    or ``table`` (``rows`` of ``(text, place)``)."""

    kind: str
    text: str = ""
    place: Place = field(default_factory=Place)
    level: int = 0
    rows: list[list[tuple[str, Place]]] = field(default_factory=list)


def clean_cell(text: str) -> str:
    """A cell's text on one pipe-table line: no newline, tab or bare ``|``."""
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
            rows = [r for r in block.rows if r]
            if not rows:
                continue
            width = max(len(r) for r in rows)
            for i, row in enumerate(rows):
                line = "|"
                segs = []
                for text, place in row + [("", Place())] * (width - len(row)):
                    cell = clean_cell(text)
                    line += " "
                    segs.append((len(line), len(line) + len(cell), place))
                    line += cell + " |"
                out.append(line)
                for start, end, place in segs:
                    origin.add(len(out), start, end, place)
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
