"""A section's cells in reading order, whatever their shape: the cells of its
table blocks and its short paragraphs (shape 2, one cell per paragraph), page
markers left out, and a known label with numbers glued on (``规章 0 0 0``,
``行政许可0``: text extracted from a PDF or by OCR) split into its cells."""

from __future__ import annotations

import re
from typing import Sequence

from gialint.model.document import Cell, Heading, Paragraph, TableBlock
from gialint.model.span import Span
from gialint.parse.nodes import is_prose
from gialint.parse.values import parse_value
from gialint.util.normalize import norm


# (``(?:\s*[,，/])?\s*`` rather than ``\s*[,，/]?\s*``: two adjacent ``\s*``
# make a failing match quadratic in the run of spaces.)
_NOISE = re.compile(r"^(?:[-—－]\s*\d+\s*[-—－]|第\s*\d+\s*页(?:(?:\s*[,，/])?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")


# The numbers are separated by white space, so the pattern is unambiguous:
# ``(?:\s*\d+…)+`` could split a run of digits in 2**n ways, and a 40-digit
# cell ending in a letter then took hours to fail.
_GLUED = re.compile(r"^(?P<label>.*?[^\d\s.．])\s*(?P<nums>\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?)*)$")


def section_cells(nodes: Sequence[object], label_keys: frozenset[str]) -> list[Cell]:
    """The section's cells in reading order: table blocks' cells, and short
    paragraphs (shape 2, one cell per paragraph).  Prose is left out."""
    out: list[Cell] = []
    for node in nodes:
        if isinstance(node, TableBlock):
            out.extend(node.cells)
        elif isinstance(node, (Paragraph, Heading)):
            text = node.text
            if is_prose(text) or _NOISE.match(text):
                continue
            role = "value" if parse_value(text).content != "text" else "label"
            out.append(Cell(text, node.span, None, role))
    return _split_glued(out, label_keys)


def _split_glued(cells: list[Cell], label_keys: frozenset[str]) -> list[Cell]:
    """``规章 0 0 0`` or ``行政许可0`` (OCR, PDF): a known label with numbers
    glued on becomes the label and its value cells."""
    out: list[Cell] = []
    for c in cells:
        if c.role == "label":
            m = _GLUED.match(c.text)
            if m and norm(m.group("label")) in label_keys:
                label = m.group("label")
                sp = c.span
                nums = [(len(label) + n.start(), n.group()) for n in re.finditer(r"\d+(?:\.\d+)?", c.text[len(label):])]
                if sp.line == sp.end_line:
                    label_span = Span(sp.line, sp.column, sp.line, sp.column + len(label))
                    num_spans = [Span(sp.line, sp.column + k, sp.line, sp.column + k + len(t)) for k, t in nums]
                else:
                    # A cell continued on the next line (shape 1) holds the
                    # lines joined: count columns back from its end, on its
                    # last line, where the numbers are.  (Counting from the
                    # start put them past the end of the first line.)
                    back = len(c.text)
                    num_spans = [Span(sp.end_line, sp.end_column - back + k, sp.end_line, sp.end_column - back + k + len(t)) for k, t in nums]
                    if num_spans[0].column < 1:
                        out.append(c)  # the numbers themselves are wrapped: leave the cell whole
                        continue
                    label_span = Span(sp.line, sp.column, sp.end_line, max(sp.end_column - back + len(label), 1))
                out.append(Cell(label, label_span, c.row, "label"))
                for (_, t), span in zip(nums, num_spans):
                    out.append(Cell(t, span, c.row, "value"))
                continue
        out.append(c)
    return out
