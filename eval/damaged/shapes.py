"""One damage generator per shape of issue 13.

Each generator is ``damage(doc, rng) -> str``: it renders the base report
``doc`` (a :class:`document.Document`, the paragraphs and table grids behind
the base file) the way one kind of real tool renders a Word report, drawing
every choice from ``rng`` so that a seed gives the same text on every run.

1. ``span_lines``   a crawler that writes every ``<span>`` of a Word-exported
                    page on its own line;
2. ``merged_dups``  a crawler that writes one text node per line and drops a
                    line equal to the one before;
3. ``run_together`` a page whose table rows were copied as ``textContent``:
                    the cells of a row with no delimiter;
4. ``pdf_text``     ``pdftotext -layout`` or ``pdfplumber`` on the PDF;
5. ``ocr_markdown`` an OCR engine's Markdown of the scanned pages.

No generator changes a digit into another digit: a value that is wrong in the
text cannot be told from a true one, so the truth would not be recoverable.
OCR may turn a digit into a letter (``0``→``O``), which a reader can notice."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterator

from document import Document, Paragraph, aligned, is_number
from pdflayout import Style, table_lines, text_width, wrap

ENUMERATOR = re.compile(r"^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.．、])")
BRACKETS = set("（）《》“”【】")
OCR_CONFUSIONS = {
    "已": "己", "未": "末", "予": "子", "第": "笫", "项": "顶", "申": "甲",
    "人": "入", "日": "曰", "土": "士", "于": "干", "本": "木", "处": "外",
}  # fmt: skip
OCR_DIGITS = {"0": "O", "1": "l"}
BLANK = "\0"  # an empty value cell, until a pipe table writes it as OCR does
PAGE_MARKS = ("— {n} —", "- {n} -", "第 {n} 页 共 {total} 页", "第{n}页", "{n}")


# 1. ------------------------------------------------------------ span_lines


def span_lines(doc: Document, rng: random.Random) -> str:
    """Every inline run on its own line, no blank lines (or a blank line
    between paragraphs), with the page's navigation and footer.

    Word splits a paragraph into runs wherever the language changes (digits
    and Latin letters are ``lang=EN-US``), around a list number, often around
    full-width brackets, and wherever the text was edited on another day (the
    ``rsid`` marks), which may fall inside a number: ``2019`` → ``201`` /
    ``9``.  An empty cell has no run, so it leaves no line."""
    gap = "\n\n" if rng.random() < 0.3 else "\n"
    blocks = [_chrome_top(rng)] if rng.random() < 0.6 else []
    for text in _nodes(doc):
        blocks.append("\n".join(split_runs(text, rng)))
    if rng.random() < 0.6:
        blocks.append("\n".join(["【打印本页】", "【关闭窗口】"]))
    return gap.join(b for b in blocks if b) + "\n"


def split_runs(text: str, rng: random.Random) -> list[str]:
    """The runs Word would write ``text`` in, stripped, empty ones dropped."""
    cuts: set[int] = set()
    m = ENUMERATOR.match(text)
    if m and rng.random() < 0.8:
        cuts.add(m.end())
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if a.isspace() or b.isspace():
            continue
        if a.isascii() != b.isascii():
            if rng.random() < 0.85:
                cuts.add(i)
        elif (a in BRACKETS or b in BRACKETS) and rng.random() < 0.3:
            cuts.add(i)
        elif not a.isascii() and rng.random() < 0.03:
            cuts.add(i)
    for d in re.finditer(r"\d{2,}", text):
        if rng.random() < 0.2:
            cuts.add(rng.randint(d.start() + 1, d.end() - 1))
    bounds = [0, *sorted(cuts), len(text)]
    return [p for p in (text[a:b].strip() for a, b in zip(bounds, bounds[1:])) if p]


def _chrome_top(rng: random.Random) -> str:
    """The site's breadcrumb and the article's meta line, span by span."""
    date = f"{rng.randint(2020, 2025)}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"
    return "\n".join(["首页", ">", "政务公开", ">", "政府信息公开年报", "发布时间：", date, "浏览次数：", str(rng.randint(20, 3000))])


def _nodes(doc: Document) -> Iterator[str]:
    """The page's text nodes in order: paragraphs, and each line of each
    non-empty cell (a line break in a cell is a new ``<p>`` in the export)."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            for row in block.rows:
                for cell in row:
                    yield from (ln.strip() for ln in cell.split("\n") if ln.strip())


# 2. ----------------------------------------------------------- merged_dups


def merged_dups(doc: Document, rng: random.Random) -> str:
    """One text node per line (a blank line between nodes or not), and a
    node equal to the one before dropped, as a crawler that removes repeated
    lines does: a row ``38 0 0 0 0 0 38`` becomes ``38`` / ``0`` / ``38``."""
    gap = "\n\n" if rng.random() < 0.5 else "\n"
    out: list[str] = []
    for node in _nodes(doc):
        if not out or node != out[-1]:
            out.append(node)
    return gap.join(out) + "\n"


# 3. ---------------------------------------------------------- run_together


def run_together(doc: Document, rng: random.Random) -> str:
    """Each table row on one line with its cells run together, as a row's
    ``textContent`` gives them; a cell's padding (a space or ``&nbsp;``) is
    kept now and then: ``17 0 0 0 0 0 17`` → ``170 000017``."""
    gap = "\n\n" if rng.random() < 0.5 else "\n"
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
            continue
        for row in block.rows:
            line = "".join(_padded(cell.replace("\n", ""), rng) for cell in row).rstrip()
            if line.strip():
                lines.append(line.lstrip() if rng.random() < 0.5 else line)
    return gap.join(lines) + "\n"


def _padded(cell: str, rng: random.Random) -> str:
    """A cell's text with the padding a page sometimes keeps around it."""
    r = rng.random()
    if r < 0.06:
        return " " + cell
    if r < 0.12:
        return cell + " "
    return cell


# 4. -------------------------------------------------------------- pdf_text


def pdf_text(doc: Document, rng: random.Random) -> str:
    """The text ``pdftotext -layout`` (cells padded to their columns, a form
    feed between pages) or ``pdfplumber`` (cells joined by one space) gives
    for the report printed to PDF: prose wrapped at 28 characters a line (the
    公文 page), tables drawn as :mod:`pdflayout` draws them — wrapped labels
    apart from their numbers, merged labels in the middle of the rows they
    span — and a page footer (``— 12 —``, a bare ``12`` …), sometimes a
    running header and the table's repeated header rows, between any two
    lines, inside tables too."""
    style = Style(
        mode=rng.choice(["layout", "plain"]),
        valign="center" if rng.random() < 0.7 else "top",
        width=rng.randint(76, 92),
        label_shift=0.04,
    )
    lines: list[tuple[str, float, list[str]]] = []  # text, weight, header lines to repeat
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            lines += [(ln, 1.0, []) for ln in _pdf_paragraph(block, style)]
        else:
            body, head = table_lines(block, style, rng)
            repeat = head if rng.random() < 0.3 else []
            lines += [(ln, 0.7, repeat) for ln in body]
    return _paginate_pdf(lines, doc.title, style, rng)


def _pdf_paragraph(p: Paragraph, style: Style) -> list[str]:
    """A paragraph's visual lines: headings on one line, body text wrapped
    at 56 display columns with a two-character first-line indent."""
    if p.heading:
        return [p.text]
    lines = wrap("\u3000\u3000" + p.text, 56)
    lines[0] = lines[0].replace("\u3000\u3000", "    " if style.mode == "layout" else "", 1)
    return lines


def _paginate_pdf(lines: list[tuple[str, float, list[str]]], title: str, style: Style, rng: random.Random) -> str:
    """``lines`` cut into pages with a footer, a running header and the
    table header rows repeated where Word repeats them."""
    per_page = rng.choice([22, 22, 26, 30])
    mark = rng.choice(PAGE_MARKS)
    running = title[:30] if rng.random() < 0.5 else ""
    pages: list[list[str]] = [[]]
    used = 0.0
    for k, (text, weight, repeat) in enumerate(lines):
        if used + weight > per_page:
            pages.append([running] if running else [])
            inside = k > 0 and repeat and lines[k - 1][2] is repeat
            pages[-1] += repeat if inside else []
            used = len(pages[-1]) * 0.7
        pages[-1].append(text)
        used += weight
    out = []
    for n, page in enumerate(pages, 1):
        footer = mark.format(n=n, total=len(pages))
        if style.mode == "layout":
            footer = " " * (44 - text_width(footer) // 2) + footer
        out.append("\n".join(page + ["", footer]) + "\n")
    return ("\f" if style.mode == "layout" else "").join(out)


# 5. ---------------------------------------------------------- ocr_markdown


def ocr_markdown(doc: Document, rng: random.Random) -> str:
    """An OCR engine's Markdown of the scanned report: headings at random
    levels (or bold), paragraphs cut where a page ends, every table cut into
    one pipe table per page — the later ones under a placeholder header (the
    first row, empty cells, ``0 1 2 …`` or ``列1 列2 …``) — ``-`` (or
    nothing) in empty cells, sometimes the empty columns of a page's part
    dropped or a wrapped label read as a row of its own, and look-alike
    characters misread in labels and names (己 for 已, 笫 for 第, 子 for 予)."""
    cfg = {
        "blank": "-" if rng.random() < 0.6 else "",
        "br": rng.choice(["", "<br>", " "]),
        "header": rng.choice(["first_row", "empty", "numbered", "named"]),
        "drop_empty": rng.random() < 0.3,
        "ascii": rng.random() < 0.5,
    }
    per_page = rng.randint(28, 40)
    marks = rng.random() < 0.5
    units = list(_ocr_units(doc, cfg, rng))
    pages = _paginate_units(units, per_page, rng)
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        out += _ocr_page(page, cfg, rng)
        if marks:
            out.append(f"- {n} -")
    return "\n\n".join(out) + "\n"


def _ocr_units(doc: Document, cfg: dict, rng: random.Random) -> Iterator[tuple]:
    """The report as units to lay on pages: ``("h", text)``, ``("p", text)``
    and ``("row", table_index, cells, row_index)``, the text already misread
    and each empty cell of a data row's value columns set to ``BLANK`` (the
    label area's empty cells are the places of merged cells, not cells)."""
    for t, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            yield ("h" if block.heading else "p", ocr_misread(block.text, cfg, rng))
            continue
        grid = aligned(block)
        rows = []
        for row, mask in zip(grid.cells, grid.values):
            data = any(mask)
            cells = [
                BLANK if data and j >= grid.labels and not c else ocr_misread(c.replace("\n", cfg["br"]), cfg, rng)
                for j, c in enumerate(row)
            ]
            rows += _ocr_split_row(cells, rng)
        yield from (("row", t, cells, i) for i, cells in enumerate(rows))


def _ocr_split_row(cells: list[str], rng: random.Random) -> list[list[str]]:
    """The row, or now and then (a long label wrapped in its cell) the row and
    a second row holding only the label's last line."""
    long = [j for j, c in enumerate(cells) if len(c) > 12 and not is_number(c)]
    if long and any(is_number(c) or c == BLANK for c in cells) and rng.random() < 0.08:
        j = long[-1]
        cut = rng.randint(len(cells[j]) // 2, len(cells[j]) - 2)
        first = cells[:j] + [cells[j][:cut]] + cells[j + 1 :]
        rest = [BLANK if c == BLANK or is_number(c) else "" for c in cells[j + 1 :]]
        return [first, [""] * j + [cells[j][cut:]] + rest]
    return [cells]


def ocr_misread(text: str, cfg: dict, rng: random.Random) -> str:
    """``text`` with look-alike characters misread now and then, half-width
    brackets for full-width ones in some files, and, in a number, ``0`` read
    as ``O`` or ``1`` as ``l`` once in a while."""
    out = []
    for ch in text:
        if ch in OCR_CONFUSIONS and rng.random() < 0.05:
            ch = OCR_CONFUSIONS[ch]
        elif ch in OCR_DIGITS and rng.random() < 0.005:
            ch = OCR_DIGITS[ch]
        elif cfg["ascii"] and ch in "（）":
            ch = "()"["（）".index(ch)]
        out.append(ch)
    return "".join(out)


def _paginate_units(units: list[tuple], per_page: int, rng: random.Random) -> list[list[tuple]]:
    """Units laid on pages of ``per_page`` lines; a paragraph that does not
    fit is cut in two, mid-sentence, across the page break."""
    pages: list[list[tuple]] = [[]]
    used = 0.0
    for unit in units:
        weight = math.ceil(text_width(unit[1]) / 56) if unit[0] in "hp" else 1.0
        if used + weight > per_page:
            if unit[0] == "p" and len(unit[1]) > 20:
                cut = _line_break(unit[1], rng.randint(5, len(unit[1]) - 5))
                pages[-1].append(("p", unit[1][:cut]))
                unit = ("p", unit[1][cut:])
            pages.append([])
            used = 0.0
        pages[-1].append(unit)
        used += weight
    return pages


def _line_break(text: str, cut: int) -> int:
    """``cut`` moved past any ASCII word or number it would split (a line
    never breaks inside ``2023``)."""
    while 0 < cut < len(text) and text[cut - 1].isascii() and text[cut].isascii() and text[cut].isalnum():
        cut += 1
    return cut


def _ocr_page(page: list[tuple], cfg: dict, rng: random.Random) -> list[str]:
    """The Markdown blocks of one page: a table's rows on this page form one
    pipe table; a part that does not start the table gets a placeholder
    header."""
    out: list[str] = []
    k = 0
    while k < len(page):
        unit = page[k]
        if unit[0] == "row":
            rows = []
            while k < len(page) and page[k][0] == "row" and page[k][1] == unit[1]:
                rows.append(page[k][2])
                k += 1
            out.append(_pipe_table(rows, unit[3] == 0, cfg))
            continue
        out.append(_ocr_heading(unit[1], rng) if unit[0] == "h" else unit[1])
        k += 1
    return out


def _ocr_heading(text: str, rng: random.Random) -> str:
    """A heading as OCR Markdown writes it: a random level, or bold."""
    mark = rng.choice(["# ", "## ", "### ", "**", ""])
    return f"**{text}**" if mark == "**" else mark + text


def _pipe_table(rows: list[list[str]], starts: bool, cfg: dict) -> str:
    """One page's part of a table as a pipe table."""
    n = max(len(r) for r in rows)
    grid = [r + [""] * (n - len(r)) for r in rows]
    if cfg["drop_empty"]:
        keep = [j for j in range(n) if any(r[j] not in ("", BLANK) for r in grid)]
        grid = [[r[j] for j in keep] for r in grid] if keep else grid
        n = len(grid[0])
    grid = [[cfg["blank"] if c == BLANK else c for c in r] for r in grid]
    if starts or cfg["header"] == "first_row":
        head, body = grid[0], grid[1:]
    elif cfg["header"] == "empty":
        head, body = [""] * n, grid
    elif cfg["header"] == "numbered":
        head, body = [str(j) for j in range(n)], grid
    else:
        head, body = [f"列{j + 1}" for j in range(n)], grid
    lines = [_pipe_row(head), "|" + "---|" * n] + [_pipe_row(r) for r in body]
    return "\n".join(lines)


def _pipe_row(cells: list[str]) -> str:
    """``| a | b |``."""
    return "| " + " | ".join(cells) + " |"


SHAPES: dict[str, Callable[[Document, random.Random], str]] = {
    "span_lines": span_lines,
    "merged_dups": merged_dups,
    "run_together": run_together,
    "pdf_text": pdf_text,
    "ocr_markdown": ocr_markdown,
}
