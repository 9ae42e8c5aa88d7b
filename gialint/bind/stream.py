"""A section's cells in reading order, whatever their shape: the cells of its
table blocks and its short paragraphs (shape 2, one cell per paragraph), page
markers left out, and a known label with numbers glued on (``规章 0 0 0``,
``行政许可0``: text extracted from a PDF or by OCR) split into its cells.

Text that lost the delimiters of its cells (issue 13) is split where it is
certain: a line of numbers apart (``7    0    0    7``, a PDF table row
without its label) is one value cell per number, and known labels run
together (``三、本年度办理结果（一）予以公开``, ``商业企业科研机构``) are one
label cell each.  Positions come from the line as written (its spaces kept),
so a cell's span is where its text is."""

from __future__ import annotations

import re
from typing import Sequence

from gialint.bind import wrapped
from gialint.bind.pages import PageMarks
from gialint.model.document import Cell, GluedCell, Heading, Paragraph, TableBlock
from gialint.model.source import Source
from gialint.model.span import Span
from gialint.model.template import Template
from gialint.parse.nodes import is_prose
from gialint.parse.values import is_value_text
from gialint.util.normalize import clean, norm


# (``(?:\s*[,，/])?\s*`` rather than ``\s*[,，/]?\s*``: two adjacent ``\s*``
# make a failing match quadratic in the run of spaces.)
_NOISE = re.compile(r"^(?:[-—－]\s*\d+\s*[-—－]|第\s*\d+\s*页(?:(?:\s*[,，/])?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")


# The numbers are separated by white space, so the pattern is unambiguous:
# ``(?:\s*\d+…)+`` could split a run of digits in 2**n ways, and a 40-digit
# cell ending in a letter then took hours to fail.
_GLUED = re.compile(r"^(?P<label>.*?[^\d\s.．])\s*(?P<nums>\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?)*)$")


_NUMBERS_APART = re.compile(r"^[+-]?\d+(?:\.\d+)?(?:\s+[+-]?\d+(?:\.\d+)?)+$")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def section_cells(
    nodes: Sequence[object], label_keys: frozenset[str], source: Source | None = None, page: PageMarks | None = None
) -> list[Cell]:
    """The section's cells in reading order: table blocks' cells, and short
    paragraphs (shape 2, one cell per paragraph).  Prose is left out, and
    so are page footers and running headers (``page``).  ``source`` gives
    the lines as written, for the positions of split cells."""
    out: list[Cell] = []
    spaced = 0  # label lines with spaces inside: the mark of PDF text
    # Page marks only in text where blank lines are rare (PDF text): with a
    # blank line between all cells, a bare number is a cell.
    marks = page if page is not None and page.sparse else None
    for node in nodes:
        if isinstance(node, TableBlock):
            out.extend(node.cells)
        elif isinstance(node, (Paragraph, Heading)):
            text = node.text
            if is_prose(text) or _NOISE.match(text) or (marks is not None and marks.is_mark(text, node.span.line)):
                continue  # prose, a page marker, a page number, a running header
            if " " in text:
                if text[:1].isdigit() and _NUMBERS_APART.match(text) and _row_of_numbers(text, node.span, source, page):
                    out.extend(_numbers(text, node.span, _written(node.span, text, source)))
                    continue
                spaced += 1
            role = "value" if is_value_text(text) else "label"
            out.append(Cell(text, node.span, None, role))
    if spaced >= wrapped.MIN_SPACED and wrapped.applies(out):
        out = wrapped.rejoin(out, label_keys, source, lambda text: _explained(text, label_keys))
    return _split_glued(out, label_keys, source)


def _explained(text: str, label_keys: frozenset[str]) -> bool:
    """A label, or labels run together, with numbers after them or not."""
    m = _GLUED.match(text)
    label = m.group("label") if m else text
    return norm(label) in label_keys or split_labels(label, label_keys) is not None


def _row_of_numbers(text: str, span: Span, source: Source | None, page: PageMarks | None) -> bool:
    """A line of numbers apart is a row's cells (PDF text) when it holds
    three numbers or more, when its numbers are spaced as columns (two
    spaces or more), or in text where blank lines are rare (PDF text); in
    text with a blank line between all its cells, ``1 5`` or ``0 0`` is one
    cell with digits apart, which is text (GIA403), never a guess at two."""
    if text.count(" ") >= 2 or (page is not None and page.sparse):
        return True
    written = _written(span, text, source)
    return "  " in written


def _written(span: Span, text: str, source: Source | None) -> str:
    """The text of a one-line node as written (spaces kept), or ``text``."""
    if source is None or span.line != span.end_line or span.end_column - span.column == len(text):
        return text
    raw = source.line_text(span.line)[span.column - 1 : span.end_column - 1]
    return raw if clean(raw) == text else text


def _numbers(text: str, span: Span, raw: str) -> list[Cell]:
    """One value cell per number of a line of numbers apart."""
    out = []
    for m in _NUMBER.finditer(raw):
        if span.line == span.end_line:
            sp = Span(span.line, span.column + m.start(), span.line, span.column + m.end())
        else:
            sp = span
        out.append(Cell(m.group(), sp, None, "value"))
    return out


_VOCAB: dict[int, tuple[frozenset[str], frozenset[str], frozenset[str], list[int]]] = {}


def _vocab(label_keys: frozenset[str]) -> tuple[frozenset[str], frozenset[str], list[int]]:
    """First two and last two characters of the labels, and their lengths (cached)."""
    hit = _VOCAB.get(id(label_keys))
    if hit is None or hit[0] is not label_keys:
        keys = [k for k in label_keys if len(k) >= 2]
        hit = (label_keys, frozenset(k[:2] for k in keys), frozenset(k[-2:] for k in keys), sorted({len(k) for k in keys}, reverse=True))
        _VOCAB[id(label_keys)] = hit
    return hit[1], hit[2], hit[3]


_SPLIT: dict[int, tuple[frozenset[str], dict[str, list[tuple[int, int]] | None]]] = {}
_UNSEEN = object()


def _split_cache(label_keys: frozenset[str]) -> dict[str, list[tuple[int, int]] | None]:
    """The remembered results of :func:`split_labels` for one vocabulary
    (a report's label cells are mostly the official labels)."""
    hit = _SPLIT.get(id(label_keys))
    if hit is None or hit[0] is not label_keys:
        hit = _SPLIT[id(label_keys)] = (label_keys, {})
    if len(hit[1]) > 50_000:
        hit[1].clear()
    return hit[1]


_PLAIN: dict[int, tuple[frozenset[str], set[str]]] = {}


def _plain_cache(label_keys: frozenset[str]) -> set[str]:
    """The label texts seen to need no splitting, for one vocabulary."""
    hit = _PLAIN.get(id(label_keys))
    if hit is None or hit[0] is not label_keys:
        hit = _PLAIN[id(label_keys)] = (label_keys, set())
    return hit[1]


def split_labels(text: str, label_keys: frozenset[str]) -> list[tuple[int, int]] | None:
    """``[(start, end)]`` offsets in ``text`` of two or more known labels
    that make up all of it (spaces between them allowed), or ``None``."""
    cache = _split_cache(label_keys)
    found = cache.get(text, _UNSEEN)
    if found is _UNSEEN:
        found = cache[text] = _split_labels(text, label_keys)
    return found  # type: ignore[return-value]


def _split_labels(text: str, label_keys: frozenset[str]) -> list[tuple[int, int]] | None:
    whole = norm(text)
    n = len(whole)
    if n < 4 or n > 400 or whole in label_keys:
        return None
    heads, tails, lengths = _vocab(label_keys)
    if whole[:2] not in heads or whole[-2:] not in tails:
        return None  # cheap: most text is not labels run together
    keys: list[str] = []
    at: list[int] = []
    for i, ch in enumerate(text):
        for k in norm(ch):
            keys.append(k)
            at.append(i)
    key = "".join(keys)
    n = len(key)
    # reach[k]: the end of the longest label at normalized offset k that leads to the end.
    reach: dict[int, int] = {n: n}
    for k in range(n - 1, -1, -1):
        for ln in lengths:
            if k + ln in reach and key[k : k + ln] in label_keys:
                reach[k] = k + ln
                break
    if 0 not in reach or reach[0] == n:
        return None
    out = []
    k = 0
    while k < n:
        end = reach[k]
        out.append((at[k], at[end - 1] + 1))
        k = end
    return out


def _split_glued(cells: list[Cell], label_keys: frozenset[str], source: Source | None = None) -> list[Cell]:
    """``规章 0 0 0`` or ``行政许可0`` (OCR, PDF): a known label with numbers
    glued on becomes the label and its value cells; known labels run
    together become one label cell each."""
    out: list[Cell] = []
    split = _split_cache(label_keys)
    plain = _plain_cache(label_keys)
    for c in cells:
        if c.role == "label" and c.text not in plain:
            _split_one(c, out, label_keys, split, plain, source)
        else:
            out.append(c)  # a value, or a label known to need nothing
    return out


def _split_one(c: Cell, out: list[Cell], label_keys: frozenset[str], split: dict, plain: set[str], source: Source | None) -> None:  # type: ignore[type-arg]
    """The cells of the label cell ``c`` (see :func:`_split_glued`), appended to ``out``."""
    sp = c.span
    text = c.text if sp.end_column - sp.column == len(c.text) else _written(sp, c.text, source)
    m = _GLUED.match(text)
    if m is None:
        # Known labels run together (remembered per text: most label cells
        # are the official labels themselves).
        labels = split.get(text, _UNSEEN) if sp.line == sp.end_line else None
        if labels is _UNSEEN:
            labels = split_labels(text, label_keys)
        if labels:
            out.extend(_label_cells(text, labels, sp, c.row))
        else:
            out.append(c)
            if len(plain) < 50_000:
                plain.add(c.text)  # no numbers glued on, not labels run together
        return
    label = m.group("label")
    labels = split_labels(label, label_keys) if norm(label) not in label_keys and len(label) < 400 else None
    if not labels and norm(label) not in label_keys:
        out.append(c)
        return
    nums = [(len(label) + n.start(), n.group()) for n in re.finditer(r"\d+(?:\.\d+)?", text[len(label):])]
    if sp.line == sp.end_line:
        label_span = Span(sp.line, sp.column, sp.line, sp.column + len(label))
        num_spans = [Span(sp.line, sp.column + k, sp.line, sp.column + k + len(t)) for k, t in nums]
    else:
        # A cell continued on the next line (shape 1) holds the lines
        # joined: count columns back from its end, on its last line, where
        # the numbers are.  (Counting from the start put them past the end
        # of the first line.)
        back = len(c.text)
        num_spans = [Span(sp.end_line, sp.end_column - back + k, sp.end_line, sp.end_column - back + k + len(t)) for k, t in nums]
        if num_spans[0].column < 1:
            out.append(c)  # the numbers themselves are wrapped: leave the cell whole
            return
        label_span = Span(sp.line, sp.column, sp.end_line, max(sp.end_column - back + len(label), 1))
    if labels and sp.line == sp.end_line:
        out.extend(_label_cells(label, labels, sp, c.row))
    else:
        out.append(Cell(clean(label), label_span, c.row, "label"))
    for (_, t), span in zip(nums, num_spans):
        out.append(GluedCell(t, span, c.row, "value"))


def _label_cells(text: str, parts: list[tuple[int, int]], span: Span, row: int | None) -> list[Cell]:
    """The label cells of known labels run together at ``span``."""
    return [Cell(clean(text[a:b]), Span(span.line, span.column + a, span.line, span.column + b), row, "label") for a, b in parts]


_TEMPLATE_LABELS: dict[int, tuple[Template, frozenset[str]]] = {}


def template_labels(template: Template) -> frozenset[str]:
    """The normalized row labels, headers and column labels of ``template`` (cached)."""
    hit = _TEMPLATE_LABELS.get(id(template))
    if hit is None or hit[0] is not template:
        keys = frozenset(norm(x.label) for t in template.tables for x in t.rows)
        keys |= frozenset(norm(h) for t in template.tables for h in t.headers)
        keys |= frozenset(norm(c.label) for t in template.tables for c in t.columns)
        keys |= frozenset(norm(t.caption) for t in template.tables if t.caption)
        hit = _TEMPLATE_LABELS[id(template)] = (template, keys)
    return hit[1]
