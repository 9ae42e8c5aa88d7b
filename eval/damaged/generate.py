"""Write the damaged-text corpus of issue 13 and its manifest.

``python eval/damaged/generate.py OUTDIR [--per-shape N] [--seed S]``

The bases are the five real seeds (tests/fixtures/seeds), the clean fixtures
in every table shape (tests/fixtures/shapes) and the example reports
(examples/reports); a file whose bytes equal an earlier base's is not a base
of its own (the examples are copies of seeds and fixtures today), it is listed
as an alias.  The real seeds' tables hold almost nothing but zeros, where a
value read from the wrong cell is still right; so each seed is also written
*renumbered*: the seed's text with every value cell replaced by the clean
fixture's value for the same cell (same format) times a factor, so that the
values are distinct, have up to three digits and still satisfy R1–R4.

Each base is rendered by every generator of ``shapes.py``, ``N`` times (3 by
default) with seeds derived from (``S``, base, shape, k).  The manifest
(``OUTDIR/manifest.json``) lists every file with its base, shape and seed, and
every base with its truth: the kind and value of each cell of each table that
binds exactly on the undamaged base (found, every cell a number, a blank or a
dash; for the clean fixtures also equal to ``*_expected.json``), and the
tables left out with the reason."""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.dont_write_bytecode = True  # keep eval/damaged/__pycache__ out of the work tree

import document  # noqa: E402
from gialint import read_report  # noqa: E402
from shapes import SHAPES  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
EXAMPLES = ROOT / "examples" / "reports"
DONORS = {"v2019": FIXTURES / "clean2020_tsv.txt", "v2021": FIXTURES / "clean2023_tsv.txt"}
FACTORS = (7, 12, 19, 23, 37)
VALUE_KINDS = ("number", "blank", "dash")


def base_paths() -> list[Path]:
    """Every base file: seeds, clean fixtures (all shapes), examples."""
    fixtures = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
    examples = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    return sorted(SEEDS.glob("*.txt")) + fixtures + examples


def base_id(path: Path) -> str:
    """A short name for a base: its group and its file name without suffix."""
    group = {SEEDS: "seed", FIXTURES: "fixture", EXAMPLES: "example"}.get(path.parent, "base")
    return f"{group}-{path.stem}"


def cell_value(value) -> str | None:
    """A cell value as a canonical string (``20``, ``1.25``), None for none."""
    if value is None:
        return None
    return format(Decimal(str(value)).normalize(), "f")


def truth_of(path: Path) -> dict:
    """The format, year and exact tables of the base at ``path``."""
    report = read_report(path)
    tables, excluded = {}, {}
    for key, table in report.tables.items():
        odd = sorted({c.kind for c in table.cells.values() if c.kind not in VALUE_KINDS})
        if not table.found:
            excluded[key] = "not found on the base"
        elif odd:
            excluded[key] = "cells of kind " + ", ".join(odd) + " on the base"
        else:
            tables[key] = {k: [c.kind, cell_value(c.value)] for k, c in table.cells.items()}
    expected = FIXTURES / f"{path.stem.split('_')[0]}_expected.json"
    if path.parent == FIXTURES and expected.exists():
        for key in _differs_from_expected(report, expected):
            excluded[key] = "differs from " + expected.name
            tables.pop(key, None)
    detection = report.detection
    return {"format": detection.version, "year": detection.year, "tables": tables, "excluded": excluded}


def _differs_from_expected(report, expected: Path) -> set[str]:
    """Tables of ``report`` with a cell whose value is not the one
    ``expected`` (a fixture's ``*_expected.json``) gives its labels."""
    data = json.loads(expected.read_text(encoding="utf-8"))
    want = {}
    for c in data["cells"]:
        group = "active" if c["table"] == "active" else c["table"]
        want[(group, c["row"], c["column"])] = cell_value(c["value"])
    bad = set()
    seen = 0
    for key, table in report.tables.items():
        group = key if key in ("applications", "appeals") else "active"
        for cell in table.cells.values():
            label = (group, cell.row_label, cell.column_label)
            if label in want:
                seen += 1
                if want[label] != cell_value(cell.value):
                    bad.add(key)
    if seen != len(want):
        bad |= set(report.tables)
    return bad


def renumber(seed: Path, factor: int, out: Path) -> Path:
    """Write ``seed`` with each value cell replaced by the donor fixture's
    value for the same cell times ``factor``; return the new file."""
    report = read_report(seed)
    donor = read_report(DONORS[report.detection.version])
    lines = seed.read_text(encoding="utf-8").split("\n")
    edits = []
    for key, cell in report.cells.items():
        source = donor.cells.get(key)
        if cell.kind == "number" and cell.span and cell.span.line == cell.span.end_line and source is not None:
            edits.append((cell.span.line - 1, cell.span.column - 1, cell.span.end_column - 1, source.value * factor))
    for line, start, end, value in sorted(edits, reverse=True):
        text = f"{value:.2f}" if value != int(value) else str(int(value))
        lines[line] = lines[line][:start] + text + lines[line][end:]
    target = out / f"{seed.stem}+x{factor}{seed.suffix}"
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def file_seed(master: int, base: str, shape: str, k: int) -> int:
    """The RNG seed of one damaged file, stable across runs and platforms."""
    digest = hashlib.sha256(f"{master}|{base}|{shape}|{k}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def generate(out: Path, per_shape: int = 3, master: int = 1) -> dict:
    """Write the corpus and ``manifest.json`` into ``out``; return the manifest."""
    bases_dir, files_dir = out / "bases", out / "files"
    bases_dir.mkdir(parents=True, exist_ok=True)
    files_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"seed": master, "per_shape": per_shape, "bases": {}, "aliases": {}, "files": []}
    paths: list[tuple[str, Path, str]] = []
    seen: dict[str, str] = {}
    for path in base_paths():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest in seen:
            manifest["aliases"][base_id(path)] = seen[digest]
            continue
        seen[digest] = base_id(path)
        paths.append((base_id(path), path, "original"))
    for k, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        factor = FACTORS[(k + master) % len(FACTORS)]
        paths.append((f"renumbered-{seed.stem}", renumber(seed, factor, bases_dir), f"renumbered x{factor}"))
    for name, path, origin in paths:
        manifest["bases"][name] = {"path": _relative(path, out), "origin": origin, **truth_of(path)}
        doc = document.load(path)
        for shape, damage in SHAPES.items():
            for k in range(per_shape):
                seed = file_seed(master, name, shape, k)
                suffix = ".md" if shape == "ocr_markdown" else ".txt"
                target = files_dir / f"{name}.{shape}.{k}{suffix}"
                target.write_text(damage(doc, random.Random(seed)), encoding="utf-8")
                manifest["files"].append({"file": _relative(target, out), "base": name, "shape": shape, "seed": seed})
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _relative(path: Path, out: Path) -> str:
    """``path`` relative to the corpus directory, else to the repository."""
    for root in (out, ROOT):
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            continue
    return str(path)


def main(argv: list[str] | None = None) -> int:
    """Command line: write the corpus into OUTDIR."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--per-shape", type=int, default=3, help="damaged files per base and shape (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    manifest = generate(args.outdir, args.per_shape, args.seed)
    print(
        f"{len(manifest['files'])} files from {len(manifest['bases'])} bases "
        f"({len(manifest['aliases'])} aliases) in {args.outdir} ({time.perf_counter() - start:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
