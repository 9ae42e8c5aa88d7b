"""Tables of a PDF rebuilt from their ruling lines, across page breaks.

pdfplumber finds each page's table fragments (cells as rectangles between
the ruling lines); what a report needs on top (docs/readers.md, pitfalls
11–13):

* a table that goes on at the top of the next page (the last thing on one
  page, the first on the next, the same outline, most column edges shared)
  is one table;
* one grid for the whole table from the union of its fragments' column
  edges (the first page's fragment lacks the edges inside the 3×3 note cell,
  and edges move by up to 2.5 pt between pages); a merged cell's text in its
  first slot, the slots it covers empty;
* header rows repeated on the next page are dropped, and a row cut by the
  page break (its second half has no numbers and fills only columns the
  first half used) is joined back;
* a cell's lines joined without spaces next to CJK characters (narrow
  columns wrap ``商业企业`` one character per line); the text layer's own
  space characters kept (``6. 属于…`` as written)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

TOL = 2.0  # points
EDGE_TOL = 4.0  # column edges of one table differ by up to ~2.5 pt between pages
NUMBER = re.compile(r"^[-\d.,]+\S{0,2}$")
NEW_ITEM = re.compile(r"^(第二十条|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def _cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def in_lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into lines (tops within 3 pt: fonts differ in their
    tops), each line left to right, lines top to bottom."""
    rows: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: w["top"]):
        if rows and w["top"] - rows[-1][0]["top"] <= 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w["x0"]) for r in rows]


def join_words(words: list[dict[str, Any]]) -> str:
    """Words as text: a space between two words only when neither side is
    CJK (Chinese has no spaces; a wrapped cell's lines join without one),
    space characters inside a word (the text layer's own) kept."""
    out = ""
    for w in words:
        t = " ".join(w["text"].split())
        if not t:
            continue
        if out and not (_cjk(out[-1]) or _cjk(t[0])):
            out += " "
        out += t
    return out


def inside(word: dict[str, Any], box: Box) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] - TOL <= cx <= box[2] + TOL and box[1] - TOL <= cy <= box[3] + TOL


@dataclass
class Fragment:
    """The part of a table on one page."""

    page: int
    bbox: Box
    cells: list[Box]
    texts: dict[Box, str] = field(default_factory=dict)


def page_fragments(page: Any, words: list[dict[str, Any]]) -> list[Fragment]:
    frags = []
    for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        frag = Fragment(page.page_number, tuple(table.bbox), [tuple(c) for c in table.cells])
        for cell in frag.cells:
            frag.texts[cell] = join_words([w for line in in_lines([w for w in words if inside(w, cell)]) for w in line])
        frags.append(frag)
    return frags


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > EDGE_TOL:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def x_edges(frag: Fragment) -> list[float]:
    return _edges([v for c in frag.cells for v in (c[0], c[2])])


def continues(group: list[Fragment], frag: Fragment, first_on_page: bool, last_on_page: bool) -> bool:
    """Whether ``frag`` goes on with the table ``group``."""
    prev = group[-1]
    if not (frag.page == prev.page + 1 and first_on_page and last_on_page):
        return False
    if abs(prev.bbox[0] - frag.bbox[0]) > TOL or abs(prev.bbox[2] - frag.bbox[2]) > TOL:
        return False
    known = [x for f in group for x in x_edges(f)]
    edges = x_edges(frag)
    shared = sum(any(abs(x - k) <= EDGE_TOL for k in known) for x in edges)
    return shared >= 0.8 * len(edges)


def group_fragments(frags: list[Fragment], tops: dict[int, float], bottoms: dict[int, float]) -> list[list[Fragment]]:
    """Fragments in page order grouped into tables."""
    groups: list[list[Fragment]] = []
    for frag in frags:
        first_on_page = frag.bbox[1] <= tops.get(frag.page, frag.bbox[1]) + TOL
        prev = groups[-1][-1] if groups else None
        last_on_page = prev is not None and prev.bbox[3] + TOL >= bottoms.get(prev.page, 0)
        if groups and continues(groups[-1], frag, first_on_page, last_on_page):
            groups[-1].append(frag)
        else:
            groups.append([frag])
    return groups


def build_grid(group: list[Fragment]) -> list[tuple[int, list[str]]]:
    """``(page, cells)`` of each row of one table, merged slots empty."""
    xs = _edges([v for f in group for c in f.cells for v in (c[0], c[2])])
    n_cols = max(len(xs) - 1, 1)
    rows: list[tuple[int, list[str]]] = []
    header: list[list[str]] = []
    for k, frag in enumerate(group):
        ys = _edges([c[1] for c in frag.cells] + [c[3] for c in frag.cells])
        local = [[""] * n_cols for _ in range(max(len(ys) - 1, 0))]
        for cell in frag.cells:
            r, c = _index(ys, cell[1]), _index(xs, cell[0])
            if r < len(local) and c < n_cols:
                local[r][c] = frag.texts[cell]
        if k == 0:
            header = local[:3]
        else:
            n = 0
            while n < len(header) and n < len(local) and local[n] == header[n]:
                n += 1
            local = local[n:]
            if local and rows and join_broken_row([r for _, r in rows[-3:]], local[0]):
                local = local[1:]
        rows += [(frag.page, r) for r in local]
    return [(page, r) for page, r in rows if any(r)]


def join_broken_row(above: list[list[str]], first: list[str]) -> bool:
    """Join ``first``, the first row of a fragment, to the rows ``above``
    it (the last rows before the page break, changed in place) when it is
    the rest of a row cut by the break: no numbers, no new numbered label,
    and every cell it fills goes on a cell above in the same column (the cut
    row's own, or a merged cell's such as 自然人 over two header rows).
    Ambiguous by nature (a new row holding only a label looks the same); the
    template's labels decide later."""
    if not above or any(NUMBER.match(t) or NEW_ITEM.match(t) for t in first if t):
        return False
    targets = {}
    for col, text in enumerate(first):
        if not text:
            continue
        row = next((r for r in reversed(above) if col < len(r) and r[col]), None)
        if row is None:
            return False
        targets[col] = row
    if not targets:
        return False
    for col, row in targets.items():
        row[col] += first[col]
    return True
