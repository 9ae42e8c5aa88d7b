"""Generate a corpus of seed-sized reports in every shape of LAYOUTS.md.

The bases are the five real seeds and the clean fixtures written in all four
table shapes (tests/fixtures); each generated report is a base with its table
numbers varied, so the corpus has both formats, every shape, real defects and
clean reports.  With ``pdf_noise=True`` one report in three also gets the
noise of text extracted from a PDF or by OCR (page footers between table rows,
a number glued to its label).  Deterministic for a given seed."""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASES = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")) + sorted(
    p for p in (ROOT / "tests" / "fixtures" / "shapes").iterdir() if p.suffix in (".txt", ".md")
)

# A whole cell that is a small number: tab-cell line, TSV/pipe field, or a line alone.
_CELL_NUMBER = re.compile(r"(?m)(?<=[\t|])[ ]?\d{1,3}[ ]?(?=[\t|\n])|^\d{1,3}$")


def vary(text: str, rng: random.Random, defects: int = 0) -> str:
    """Every table number times one factor (2–9): sums, totals and balances
    are linear, so a report that balanced still does, with other numbers.
    ``defects`` numbers are then replaced at random (unbalancing their sums);
    the prose's figures are left alone, so some narrative claims disagree."""
    factor = rng.randint(2, 9)
    matches = list(_CELL_NUMBER.finditer(text))
    wrong = set(rng.sample(range(len(matches)), min(defects, len(matches))))
    out, last = [], 0
    for k, m in enumerate(matches):
        value = rng.randint(0, 30) if k in wrong else int(m.group().strip()) * factor
        out.append(text[last : m.start()])
        out.append(str(value))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


# A row label (ends in a CJK character) followed by its first number, as a TSV
# or pipe field, the next tab-cell line, or the next cell-per-line paragraph.
_LABEL_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])(\t| ?\| ?|\n\t|\n\n\t?)(?=\d{1,3}[\t\n |])")
# A line that is part of a table: a tab-cell, TSV or pipe row, or a number alone.
_TABLE_LINE = re.compile(r"^(\t.*|.*\t.*|\|.*|\d{1,3})$")
_PAGE_MARKS = ("— {page} —", "第 {page} 页 共 {pages} 页", "- {page} -", "第{page}页")


def add_pdf_noise(text: str, rng: random.Random) -> str:
    """``text`` as a PDF or OCR extraction leaves it: two or three page
    header/footer lines between table rows and one number glued to its label."""
    glue = list(_LABEL_NUMBER.finditer(text))
    if glue:
        m = glue[rng.randrange(len(glue))]
        text = text[: m.start()] + text[m.end() :]
    lines = text.split("\n")
    # Break after a table line that another table line or a blank follows,
    # i.e. between rows (or between a row and its values), never mid-paragraph.
    spots = [i for i in range(len(lines) - 1) if _TABLE_LINE.match(lines[i]) and (not lines[i + 1] or _TABLE_LINE.match(lines[i + 1]))]
    if not spots:
        return text
    pages = rng.randint(3, 6)
    mark = rng.choice(_PAGE_MARKS)
    chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(2, 3))))
    for k, i in enumerate(reversed(chosen)):
        page = len(chosen) - k + 1
        lines.insert(i + 1, mark.format(page=page, pages=pages))
    return "\n".join(lines)


def generate(count: int, seed: int = 1, *, pdf_noise: bool = False) -> list[tuple[str, bytes]]:
    """``count`` reports as ``(name, bytes)``; one in five unchanged, the
    others with their table numbers scaled (still balanced) and one in five
    of all with one wrong number.

    ``pdf_noise`` adds the PDF/OCR variant (names ending ``_pdf``) to one
    report in three; without it the output is what it always was.  A shorter
    corpus is a prefix of a longer one with the same seed."""
    rng = random.Random(seed)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in BASES]
    out = []
    for i in range(count):
        name, text = texts[i % len(texts)]
        if i % 5:
            # Varied numbers; one report in four of those with a wrong number.
            text = vary(text, rng, defects=1 if i % 4 == 0 else 0)
        suffix = ".md" if name.endswith("pipe") else ".txt"
        # Every third report (3 and 14 bases are coprime, so every base gets
        # noisy copies); its own generator leaves the varied numbers unchanged.
        if pdf_noise and i % 3 == 2:
            text = add_pdf_noise(text, random.Random(f"{seed}-{i}"))
            name += "_pdf"
        out.append((f"{i:05d}_{name}{suffix}", text.encode("utf-8")))
    return out


def write(directory: Path, count: int, seed: int = 1, *, pdf_noise: bool = False) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in generate(count, seed, pdf_noise=pdf_noise):
        p = directory / name
        p.write_bytes(data)
        paths.append(p)
    return paths
