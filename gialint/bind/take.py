"""Which cells of a section's reading order are a row's values.

In shapes with rows (tab-cell, TSV, pipe) a row's values are the cells of
its physical row after its label (:func:`take_values`).  In text with one
cell per line they are the values between its label and the next label
(:func:`segment`); how many there are decides whether the row is read as
written or decoded (:mod:`.recover`), and values found before a table's
first row label mean that labels and numbers slipped apart
(:func:`orphans`)."""

from __future__ import annotations

from gialint.bind.stream import _NOISE
from gialint.model.document import Cell
from gialint.model.source import Source
from gialint.parse.cells import _PIPE_SEP, split_pipe_row
from gialint.parse.values import parse_value


def take_values(stream: list[Cell], start: int, ncols: int, free: set[int]) -> tuple[list[Cell], list[int]]:
    """Value cells for a row whose label is ``stream[start]``.

    The run of value cells after the label (unmatched text cells count too:
    they are values that are not numbers).  In shapes with rows, the label's
    own row comes first: excess empty cells there are merged-cell padding
    (leading) or trailing tabs; short rows continue onto the next physical
    rows with non-empty values only.  Returns the cells and the stream
    indexes consumed."""
    label = stream[start]
    run: list[int] = []
    i = start + 1
    while i < len(stream) and (stream[i].role == "value" or i in free):
        run.append(i)
        i += 1
    if label.row is None:
        take = run[:ncols]
        return [stream[j] for j in take], take
    own = [j for j in run if stream[j].row == label.row]
    rest = [j for j in run if stream[j].row != label.row]
    # Count the leading padding, then slice once: popping from the front one
    # cell at a time is quadratic on a line of a million empty cells.
    lead = 0
    while len(own) - lead > ncols and not stream[own[lead]].text:
        lead += 1
    own = own[lead:]
    while len(own) > ncols and _padding(stream[own[-1]].text):
        own.pop()
    if len(own) < ncols:
        for j in rest:
            if len(own) >= ncols or not stream[j].text:
                break
            own.append(j)
    take = own[:ncols]
    # Cells beyond the row's width stay unconsumed: non-empty ones are
    # reported as extra values, empty ones are padding.
    return [stream[j] for j in take], take


def _padding(text: str) -> bool:
    """An empty cell, or a dash where an OCR engine filled an empty one."""
    return not text or parse_value(text).content == "dash"


def segment(stream: list[Cell], first: int, own: set[int], free: set[int], wrapped: set[int], groups: set[int] = frozenset()) -> list[int]:  # type: ignore[assignment]
    """The stream indexes of a row's values in one-cell-per-line text: the
    value cells (and unmatched labels, which are values that are not
    numbers) after the first cell of its label, up to the next label; the
    label's own further cells (a label wrapped around its numbers in PDF
    text) and the group labels of merged cells (``groups``) are stepped over."""
    out: list[int] = []
    for j in range(first + 1, len(stream)):
        if j in own or j in wrapped or j in groups:
            continue  # a group label (merged cell) has no values: PDF text may draw it on a row's line
        c = stream[j]
        if c.role == "value":
            if c.text:
                out.append(j)
        elif j in free:
            if not _NOISE.match(c.text):
                out.append(j)
        else:
            break
    return out


def orphans(stream: list[Cell], first_row: int, consumed: set[int], free: set[int]) -> list[int]:
    """Values of one-cell-per-line text right before a table's first row
    label, after its headers: a row's numbers drawn above its label (PDF
    text), so that every row would take the next row's numbers."""
    j = first_row - 1
    seen: list[int] = []
    while j >= 0 and (stream[j].role == "value" or j in free):
        c = stream[j]
        if c.role == "value" and c.text and c.row is None and j not in consumed:
            seen.append(j)
        j -= 1
    return seen[::-1]


def columns_dropped(source: Source, line: int) -> bool:
    """Whether the pipe-table row at ``line`` is as wide as its table (so
    none of its cells is left out at the end, as Markdown allows): then a
    row with fewer values than the template's columns lost whole columns
    (an OCR engine drops the columns that are empty on a page), and which
    ones cannot be told."""
    row = source.line_text(line).strip()
    if not row.startswith("|"):
        return False
    k = line - 1
    while k >= 1:
        text = source.line_text(k).strip()
        if not text.startswith("|"):
            return False
        if _PIPE_SEP.match(text):
            return len(split_pipe_row(row)) >= len(split_pipe_row(text))
        k -= 1
    return False


def inside_row(stream: list[Cell], j: int, free: set[int]) -> bool:
    """An unmatched text cell between two values of one physical row (an
    OCR'd ``O`` for ``0``): a cell of that row that is not a number, not a
    label to step over."""
    if j not in free or not 0 < j < len(stream) - 1:
        return False
    row = stream[j].row
    before, after = stream[j - 1], stream[j + 1]
    return row is not None and before.role == "value" and after.role == "value" and before.row == row == after.row


def wrapped_row(stream: list[Cell], idxs: list[int], ncols: int, free: set[int], vals: list[Cell], took: list[int]) -> tuple[list[Cell], list[int]]:
    """The values of a row whose label was wrapped onto a second physical
    row (OCR reads a long label's last line as a row of its own, with dashes
    or nothing under the numbers): the physical row of the label that holds
    numbers when the other holds none.  Returns the values and every stream
    index consumed (the empty row's cells too)."""
    numbers = sum(parse_value(c.text).is_number for c in vals)
    if numbers:
        return vals, took
    for i in sorted(idxs)[:-1]:
        other, other_took = take_values(stream, i, ncols, free)
        if any(parse_value(c.text).is_number for c in other):
            return other, other_took + took
    return vals, took


def dash_padding(stream: list[Cell], i: int, consumed: set[int]) -> bool:
    """A dash after the values of its physical row: an empty padding cell
    that an OCR engine wrote ``-`` (``| 行政许可 | 26 | - | - |``)."""
    c = stream[i]
    if parse_value(c.text).content != "dash":
        return False
    j = i - 1
    while j >= 0 and stream[j].row == c.row and j not in consumed:
        if stream[j].text and parse_value(stream[j].text).content != "dash":
            return False
        j -= 1
    return j >= 0 and stream[j].row == c.row and j in consumed
