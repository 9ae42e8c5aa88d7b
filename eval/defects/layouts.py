"""The bases of the corpus and every layout each base is written in.

A *base* is one real or example report (a seed, a clean fixture, an
example).  It is read once with ``gialint parse --format json`` for its
bound cells, label positions, section headings and signature; everything
else here is independent of gialint.

A *layout* is a base written one way: ``orig`` is the file as it is;
``tab``/``cells``/``tsv``/``pipe`` keep the base's prose and headings and
re-write its three tables from the bound cell values (render.py); a ``0``
suffix is the "zeros left blank" variant (every 0 cell empty).  A layout
knows where each cell and label is, so defects can be planted by position.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from render import Span, render_table
from template import cell_keys

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BaseSpec:
    """A report the corpus is built from.  ``shape`` is the table layout of
    the file as it is; ``agency`` names the organ for a signature to be
    appended to when the file has none (late-date defects)."""

    name: str
    path: str
    shape: str
    agency: str | None = None
    # Real defects a reviewer finds in the file (LAYOUTS.md "Known defects
    # in the seeds"): (rule, text on the flagged line).  Errors matching
    # these on a clean copy are expected, not false alarms.
    known: tuple[tuple[str, str], ...] = ()


BASES = (
    BaseSpec("000", "tests/fixtures/seeds/000_d01d6110a0d52b3f.txt", "tab", known=(("GIA201", "釆"),)),
    BaseSpec("001", "tests/fixtures/seeds/001_1e18f80993d45f81.txt", "cells"),
    BaseSpec("002", "tests/fixtures/seeds/002_c5ec5838828042f2.txt", "tsv", agency="固原市经济技术合作局",
             known=(("GIA104", "主动公开政府信息的情况"), ("GIA202", "本年度制作数量"), ("GIA702", "钩稽"),
                    ("GIA201", "四类内部事务信息"))),
    BaseSpec("003", "tests/fixtures/seeds/003_14eeafda3dabec40.txt", "tsv", agency="文昌湖区招商局",
             known=(("GIA802", "2020年度政府信息公开工作报告"), ("GIA804", "2020年度政府信息公开工作报告"))),
    BaseSpec("004", "tests/fixtures/seeds/004_133a86a936eb75e3.txt", "tab", agency="铜官区招商服务中心"),
    BaseSpec("clean2023", "tests/fixtures/shapes/clean2023_pipe.md", "pipe"),
    BaseSpec("clean2020", "tests/fixtures/shapes/clean2020_tab.txt", "tab"),
    BaseSpec("ex-clean-2023", "examples/reports/clean-2023.md", "pipe"),
    BaseSpec("ex-guyuan-2019", "examples/reports/guyuan-2019.txt", "tsv", agency="固原市经济技术合作局",
             known=(("GIA104", "主动公开政府信息的情况"), ("GIA202", "本年度制作数量"), ("GIA702", "钩稽"),
                    ("GIA201", "四类内部事务信息"))),
    BaseSpec("ex-tongguan-2023", "examples/reports/tongguan-2023.txt", "tab", agency="铜官区招商服务中心"),
)

# Table groups re-written by a layout, with the gialint tables they cover.
TABLE_GROUPS = {
    "active": ("documents", "licensing", "enforcement", "fees", "procurement"),
    "applications": ("applications",),
    "appeals": ("appeals",),
}


@dataclass
class Base:
    spec: BaseSpec
    lines: list[str]
    fmt: str
    year: int
    values: dict[str, str | None]
    cells: dict[str, Span]
    labels: dict[str, Span]
    label_text: dict[str, str]
    label_status: dict[str, str]
    regions: list[tuple[str, int, int]]  # (table group, first line, last line)
    headings: dict[int, str]  # section number -> the heading's whole line
    title: str | None
    signature: list[str]  # whole lines of the signature block (agency, date)
    date_line: str | None
    problems: list[str] = field(default_factory=list)
    title_lines: tuple[int, int] | None = None  # (first, last) line of the title, 1-based

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def faithful(self) -> bool:
        return not self.problems


@dataclass
class Layout:
    """One base written one way, with the place of every cell and label."""

    base: Base
    name: str
    ext: str
    lines: list[str]
    values: dict[str, str | None]
    cells: dict[str, Span]
    labels: dict[str, Span]
    label_text: dict[str, str]
    shows_blanks: bool
    rendered: bool
    fmt: str
    # Cell edits every copy of this layout carries (the zero-blanking of orig0).
    base_edits: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.base.name}__{self.name}"


def _span(item: dict) -> Span:
    return Span(item["line"], item["column"], item["end_line"], item["end_column"])


def _text_at(lines: list[str], span: Span) -> str:
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1 :]]
    parts += lines[span.line : span.end_line - 1]
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "\n".join(parts)


def parse_bases(specs: tuple[BaseSpec, ...] = BASES) -> tuple[list[Base], list[dict]]:
    """Read every distinct base with one ``gialint parse`` run.

    Returns the bases and a note for every spec left out because its bytes
    are those of an earlier one (the examples copy seeds and fixtures)."""
    seen: dict[str, str] = {}
    distinct, notes = [], []
    for spec in specs:
        digest = hashlib.sha256((ROOT / spec.path).read_bytes()).hexdigest()
        if digest in seen:
            notes.append({"base": spec.name, "path": spec.path, "skipped": f"same bytes as base {seen[digest]}"})
            continue
        seen[digest] = spec.name
        distinct.append(spec)
    command = [sys.executable, "-m", "gialint", "parse", "--format", "json", *(str(ROOT / s.path) for s in distinct)]
    # Not from the repository: "python -m" would import the checkout's
    # gialint, not the one installed (a measurement of another version).
    with tempfile.TemporaryDirectory() as neutral:
        dumps = json.loads(subprocess.run(command, cwd=neutral, check=True, capture_output=True, text=True).stdout)
    return [_base(spec, dump) for spec, dump in zip(distinct, dumps)], notes


def _base(spec: BaseSpec, dump: dict) -> Base:
    lines = (ROOT / spec.path).read_text(encoding="utf-8").split("\n")
    fmt = dump["format"]["version"]
    values, cells, labels, label_text, label_status, regions, problems = {}, {}, {}, {}, {}, [], []
    for table in dump["tables"]:
        if not table["found"]:
            problems.append(f"table {table['key']} not found")
            continue
        for cell in table["cells"]:
            raw = cell["raw"]
            values[cell["key"]] = raw if raw and raw.strip() else None
            span = _span(cell)
            # Only a cell whose text is where gialint says can be edited.
            if _text_at(lines, span).strip() == (raw or "").strip():
                cells[cell["key"]] = span
        for label in table["labels"]:
            if label.get("line") is None:
                continue
            key = f"{table['key']}.{label['role']}.{label['key']}"
            span = _span(label)
            text = _text_at(lines, span)  # a wrapped label keeps its line break here
            if text.replace("\n", "") == label["found"]:
                labels[key], label_text[key] = span, text
                label_status[key] = label["status"]
    for group, tables in TABLE_GROUPS.items():
        spans = [(t["line"], t["end_line"]) for t in dump["tables"] if t["key"] in tables and t["found"]]
        if spans:
            regions.append((group, min(s for s, _ in spans), max(e for _, e in spans)))
    missing = [k for k in cell_keys(fmt) if k not in values]
    if missing:
        problems.append(f"{len(missing)} template cells not bound (e.g. {missing[0]})")
    if dump["unmatched"]:
        problems.append(f"{len(dump['unmatched'])} table items not matched to the template")
    if dump["format"].get("mixed"):
        problems.append("tables mix the two formats")
    headings = {s["number"]: lines[s["heading"]["line"] - 1] for s in dump["sections"] if s.get("heading")}
    if sorted(headings) != [1, 2, 3, 4, 5, 6]:
        problems.append(f"sections found: {sorted(headings)}")
    title = lines[dump["title"]["line"] - 1] if dump.get("title") else None
    signature = [lines[s["line"] - 1] for s in dump["signature"]]
    dates = [lines[s["line"] - 1] for s in dump["signature"] if any(ch.isdigit() for ch in s["text"])]
    title_lines = (dump["title"]["line"], dump["title"]["end_line"]) if dump.get("title") else None
    return Base(spec, lines, fmt, dump["format"]["year"], values, cells, labels, label_text, label_status,
                sorted(regions, key=lambda r: r[1]), headings, title, signature, dates[-1] if dates else None,
                problems, title_lines)


# ---------------------------------------------------------------------------
# Layouts
# ---------------------------------------------------------------------------


def zero_blank(values: dict[str, str | None]) -> dict[str, str | None]:
    """``values`` with every cell that holds 0 left empty."""
    return {k: (None if _is_zero(v) else v) for k, v in values.items()}


def _is_zero(raw: str | None) -> bool:
    if raw is None:
        return False
    text = raw.strip().removesuffix("万元").removesuffix("元")
    try:
        return float(text) == 0
    except ValueError:
        return False


def orig_layouts(base: Base) -> list[Layout]:
    """The file as it is, and (when its shape shows empty cells) the same
    file with its 0 cells emptied in place."""
    ext = Path(base.spec.path).suffix
    shows_blanks = base.spec.shape != "cells"
    common = dict(base=base, ext=ext, lines=base.lines, cells=base.cells, labels=base.labels,
                  label_text=base.label_text, shows_blanks=shows_blanks, rendered=False, fmt=base.fmt)
    out = [Layout(name="orig", values=dict(base.values), **common)]
    if shows_blanks:
        blanked = zero_blank(base.values)
        edits = {k: "" for k, v in blanked.items() if v is None and base.values[k] is not None and k in base.cells}
        out.append(Layout(name="orig0", values=blanked, base_edits=edits, **common))
    return out


def rendered_layout(base: Base, layout: str, *, zeros_blank: bool = False, fmt: str | None = None,
                    values: dict[str, str | None] | None = None) -> Layout:
    """``base`` with its tables re-written in ``layout`` (tab, cells, tsv,
    pipe) from ``values`` (the base's bound cells unless given) in format
    ``fmt`` (the base's unless given); prose and headings are kept."""
    fmt = fmt or base.fmt
    values = dict(base.values if values is None else values)
    if zeros_blank:
        values = zero_blank(values)
    lines: list[str] = []
    cells: dict[str, Span] = {}
    labels: dict[str, Span] = {}
    label_text: dict[str, str] = {}
    position = 1  # next base line to copy (1-based)
    for group, first, last in base.regions:
        lines.extend(base.lines[position - 1 : first - 1])
        if lines and lines[-1].strip():
            lines.append("")
        block = render_table(group, fmt, values, layout)
        offset = len(lines)
        lines.extend(block.lines)
        cells.update((key, span.shifted(offset)) for key, span in block.cells.items())
        for key, span in block.labels.items():
            labels[key] = span.shifted(offset)
            label_text[key] = _text_at(lines, labels[key])
        position = last + 1
        if position <= len(base.lines) and base.lines[position - 1].strip():
            lines.append("")
    lines.extend(base.lines[position - 1 :])
    name = layout + ("0" if zeros_blank else "")
    ext = ".md" if layout == "pipe" else ".txt"
    return Layout(base, name, ext, lines, values, cells, labels, label_text,
                  shows_blanks=layout != "cells", rendered=True, fmt=fmt)


def all_layouts(base: Base) -> tuple[list[Layout], list[dict]]:
    """Every layout of ``base``, and a note for every one left out."""
    layouts, notes = orig_layouts(base), []
    if base.spec.shape == "cells":
        notes.append({"base": base.name, "layout": "orig0",
                      "skipped": "one-cell-per-paragraph file: an emptied cell would vanish, not show as blank"})
    if not base.faithful:
        notes.append({"base": base.name, "layout": "re-rendered",
                      "skipped": "tables do not bind cleanly: " + "; ".join(base.problems)})
        return layouts, notes
    has_blanks = any(v is None for v in base.values.values())
    for layout in ("tab", "cells", "tsv", "pipe"):
        if layout == "cells" and has_blanks:
            notes.append({"base": base.name, "layout": "cells",
                          "skipped": "the base has blank cells, which one-cell-per-paragraph text cannot show"})
        else:
            layouts.append(rendered_layout(base, layout))
        if layout != "cells":
            layouts.append(rendered_layout(base, layout, zeros_blank=True))
    return layouts, notes
