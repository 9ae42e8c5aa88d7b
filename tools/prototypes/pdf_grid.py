#!/usr/bin/env python3
"""Prototype: text PDF -> Markdown with pipe tables (not product code).

    python tools/prototypes/pdf_grid.py REPORT.pdf

With pdfplumber (pdfminer.six):

1. per page, words with positions; drop the running header (a line repeated
   at the top of most pages) and the ``— N —`` footer;
2. tables from ruling lines (``page.find_tables()``, lines strategy); a table
   that starts at the top of a page and has the same left/right edges as the
   table that ended the previous page continues it;
3. one grid per logical table from the union of all vertical edges of its
   fragments (the 3x3 note cell has no inner lines, so each fragment alone has
   a different column count); each cell rectangle -> (row, col, rowspan,
   colspan); merged slots stay empty;
4. a row broken by the page break (a header cell whose text goes on at the
   top of the next page) is joined back; header rows repeated on the next
   page are dropped;
5. cell text = its words in reading order joined without spaces between CJK
   characters (the PDF has one line per wrapped line of the cell).

Paragraph text outside tables is grouped into lines; lines are joined into
paragraphs when a line reaches the right margin (a wrapped paragraph).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

FOOTER = re.compile(r"^[—\-－–]\s*\d+\s*[—\-－–]$")
_CJK = "\u3000-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+|\\s+(?=[{_CJK}])")
TOL = 2.0  # points
EDGE_TOL = 4.0  # column edges of one table differ by up to ~2.5 pt between pages and merged cells


def join_text(text: str) -> str:
    return " ".join(_CJK_GAP.sub("", text).split())


@dataclass
class Fragment:
    page: int
    bbox: tuple[float, float, float, float]
    cells: list[tuple[float, float, float, float]]  # x0, top, x1, bottom (page coordinates)
    texts: dict[tuple[float, float, float, float], str] = field(default_factory=dict)


@dataclass
class Line:
    page: int
    top: float
    x0: float
    x1: float
    text: str
    size: float = 0.0


# ---------------------------------------------------------------------------
# page furniture
# ---------------------------------------------------------------------------


def page_lines(page, exclude) -> list[Line]:
    words = [w for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
             if not any(_inside(w, box) for box in exclude)]
    rows: list[list] = []
    for w in sorted(words, key=lambda w: w["top"]):
        if rows and w["top"] - rows[-1][0]["top"] <= 3:  # same line (fonts differ in their tops)
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for row in rows:
        ws = sorted(row, key=lambda w: w["x0"])
        out.append(Line(page.page_number, ws[0]["top"], ws[0]["x0"], ws[-1]["x1"],
                        join_text(" ".join(w["text"] for w in ws)), max(w["bottom"] - w["top"] for w in ws)))
    return out


def furniture(all_lines: list[list[Line]]) -> set[str]:
    """Texts of running headers: the first line of most pages, repeated."""
    firsts = Counter(lines[0].text for lines in all_lines if lines)
    return {text for text, n in firsts.items() if n >= max(2, len(all_lines) // 2)}


def _inside(word, box) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] - TOL <= cx <= box[2] + TOL and box[1] - TOL <= cy <= box[3] + TOL


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------


def page_fragments(page) -> list[Fragment]:
    frags = []
    words = page.extract_words()
    for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        frag = Fragment(page.page_number, table.bbox, [tuple(c) for c in table.cells])
        for cell in frag.cells:
            inside = sorted((w for w in words if _inside(w, cell)), key=lambda w: (round(w["top"]), w["x0"]))
            frag.texts[cell] = join_text(" ".join(w["text"] for w in inside))
        frags.append(frag)
    return frags


def x_edges(frag: Fragment) -> list[float]:
    return _edges([v for c in frag.cells for v in (c[0], c[2])])


def continues(group: list[Fragment], frag: Fragment, first_on_page: bool, last_on_page: bool) -> bool:
    """Same table going on: last thing on one page, first on the next, same outline and columns."""
    prev = group[-1]
    if not (frag.page == prev.page + 1 and first_on_page and last_on_page):
        return False
    if abs(prev.bbox[0] - frag.bbox[0]) > TOL or abs(prev.bbox[2] - frag.bbox[2]) > TOL:
        return False
    known = [x for f in group for x in x_edges(f)]
    edges = x_edges(frag)
    shared = sum(any(abs(x - k) <= EDGE_TOL for k in known) for x in edges)
    return shared >= 0.8 * len(edges)


def group_fragments(frags: list[Fragment], text_tops, text_bottoms) -> list[list[Fragment]]:
    groups: list[list[Fragment]] = []
    for frag in frags:
        first_on_page = frag.bbox[1] <= text_tops.get(frag.page, frag.bbox[1]) + TOL
        prev = groups[-1][-1] if groups else None
        last_on_page = prev is not None and prev.bbox[3] + TOL >= text_bottoms.get(prev.page, 0)
        if groups and continues(groups[-1], frag, first_on_page, last_on_page):
            groups[-1].append(frag)
        else:
            groups.append([frag])
    return groups


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > EDGE_TOL:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def fragment_rows(frag: Fragment, xs: list[float]):
    """Cells of one fragment as (row, col, rowspan, colspan, text), rows local to the fragment."""
    ys = _edges([c[1] for c in frag.cells] + [c[3] for c in frag.cells])
    out = []
    for cell in frag.cells:
        r0, r1 = _index(ys, cell[1]), _index(ys, cell[3])
        c0, c1 = _index(xs, cell[0]), _index(xs, cell[2])
        out.append((r0, c0, r1 - r0, c1 - c0, frag.texts[cell]))
    return out, len(ys) - 1


def build_grid(group: list[Fragment]) -> list[list[str]]:
    xs = _edges([v for f in group for c in f.cells for v in (c[0], c[2])])
    n_cols = len(xs) - 1
    rows: list[list[str]] = []
    header: list[list[str]] = []
    for k, frag in enumerate(group):
        cells, n_rows = fragment_rows(frag, xs)
        local = [[""] * n_cols for _ in range(n_rows)]
        for r, c, _, _, text in cells:
            local[r][c] = text
        if k == 0:
            header = local[:3]
        else:
            local = drop_repeated_header(local, header)
            if local and rows and is_broken_row(rows[-1], local[0]):
                rows[-1] = [a + b for a, b in zip(rows[-1], local[0], strict=True)]
                local = local[1:]
        rows += local
    return [r for r in rows if any(r)]


def drop_repeated_header(local: list[list[str]], header: list[list[str]]) -> list[list[str]]:
    n = 0
    while n < len(header) and n < len(local) and local[n] == header[n]:
        n += 1
    return local[n:]


NUMBER = re.compile(r"^[-\d.,]+\S{0,2}$")
NEW_ITEM = re.compile(r"^(第二十条|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")


def is_broken_row(last: list[str], first: list[str]) -> bool:
    """A row cut by the page break: its second part has no numbers and goes on in columns the first part used.

    Ambiguous by nature: a new row holding only a label looks the same.
    """
    if any(NUMBER.match(t) or NEW_ITEM.match(t) for t in first if t):
        return False
    cols = [i for i, t in enumerate(first) if t]
    return bool(cols) and all(last[i] for i in cols)


# ---------------------------------------------------------------------------
# document
# ---------------------------------------------------------------------------


def to_pipe(grid: list[list[str]]) -> list[str]:
    if not grid:
        return []
    return ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * len(grid[0])] + [
        "| " + " | ".join(r) + " |" for r in grid[1:]]


def pdf_to_markdown(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        frags_by_page = {p.page_number: page_fragments(p) for p in pdf.pages}
        lines_by_page = {p.page_number: page_lines(p, [f.bbox for f in frags_by_page[p.page_number]])
                         for p in pdf.pages}
    all_lines = [ln for lines in lines_by_page.values() for ln in lines]
    left_margin = Counter(round(ln.x0) for ln in all_lines).most_common(1)[0][0] if all_lines else 0
    right_margin = Counter(round(ln.x1) for ln in all_lines).most_common(1)[0][0] if all_lines else 0
    header_texts = furniture(list(lines_by_page.values()))
    events = []  # (page, top, kind, payload)
    text_tops, text_bottoms = {}, {}
    for page, lines in lines_by_page.items():
        if lines and lines[0].text in header_texts:  # only the first line: the title may equal the header
            lines = lines[1:]
        body = [ln for ln in lines if not FOOTER.match(ln.text)]
        tables = frags_by_page[page]
        text_tops[page] = min([ln.top for ln in body] + [f.bbox[1] for f in tables] or [0])
        text_bottoms[page] = max([ln.top for ln in body] + [f.bbox[3] for f in tables] or [0])
        events += [(page, ln.top, "line", ln) for ln in body]
    frags = [f for page in sorted(frags_by_page) for f in frags_by_page[page]]
    for group in group_fragments(frags, text_tops, text_bottoms):
        events.append((group[0].page, group[0].bbox[1], "table", build_grid(group)))
    out: list[str] = []
    paragraph = ""
    events.sort(key=lambda e: (e[0], e[1]))
    title = []
    body_size = sorted(ln.size for ln in all_lines)[len(all_lines) // 2] if all_lines else 0
    while events and events[0][2] == "line" and events[0][3].size > 1.2 * body_size:  # big leading lines
        title.append(events.pop(0)[3].text)
    if title:
        out += ["# " + "".join(title), ""]
    for _, _, kind, payload in events:
        starts_new = kind == "table" or payload.x0 > left_margin + 10  # indented or centred line
        if starts_new and paragraph:
            out += [paragraph, ""]
            paragraph = ""
        if kind == "table":
            out += to_pipe(payload) + [""]
            continue
        paragraph += payload.text
        if payload.x1 < right_margin - 20:  # short line: the paragraph ends here
            out += [paragraph, ""]
            paragraph = ""
    if paragraph:
        out.append(paragraph)
    return "\n".join(out)


def main() -> int:
    print(pdf_to_markdown(Path(sys.argv[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
