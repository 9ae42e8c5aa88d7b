"""Generate a corpus of seed-sized reports in every shape of LAYOUTS.md.

The bases are the five real seeds and the clean fixtures written in all four
table shapes (tests/fixtures); each generated report is a base with its table
numbers varied, so the corpus has both formats, every shape, real defects and
clean reports.  Deterministic for a given seed."""

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


def vary(text: str, rng: random.Random) -> str:
    return _CELL_NUMBER.sub(lambda m: str(rng.randint(0, 30)), text)


def generate(count: int, seed: int = 1) -> list[tuple[str, bytes]]:
    """``count`` reports as ``(name, bytes)``; about one in five unchanged."""
    rng = random.Random(seed)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in BASES]
    out = []
    for i in range(count):
        name, text = texts[i % len(texts)]
        if i % 5:
            text = vary(text, rng)
        suffix = ".md" if name.endswith("pipe") else ".txt"
        out.append((f"{i:05d}_{name}{suffix}", text.encode("utf-8")))
    return out


def write(directory: Path, count: int, seed: int = 1) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in generate(count, seed):
        p = directory / name
        p.write_bytes(data)
        paths.append(p)
    return paths
