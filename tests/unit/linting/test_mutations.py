"""Break a report on purpose: one changed number is an arithmetic finding at
that cell; a removed section heading is a structure finding; a report
written clean in any shape has no finding."""

from __future__ import annotations

import pytest

from gialint.bind.read import read_report
from gialint.model.source import Source
from gialint.load.decode import from_text
from gialint.load.loader import read

from tests.helpers import SEED, SHAPES
from tests.helpers import default_linter



def change_cell(src: Source, key: str, delta: int = 7) -> tuple[str, int, int]:
    """The text with cell ``key`` increased by ``delta``; its line and column."""
    cell = read_report(src).cell(key)
    assert cell is not None and cell.content == "number" and cell.span is not None, key
    lines = src.text.split("\n")
    sp = cell.span
    line = lines[sp.line - 1]
    lines[sp.line - 1] = line[: sp.column - 1] + str(int(cell.value) + delta) + line[sp.end_column - 1 :]
    return "\n".join(lines), sp.line, sp.column


# Seed 000 left most of section 三 blank; its first column holds numbers.
APPLICATIONS_CELL = {p: "applications.natural_person.results.withheld.state_secret" for p in SEED} | {
    "000": "applications.natural_person.results.total"
}


@pytest.mark.parametrize("prefix", sorted(SEED))
@pytest.mark.parametrize("table", ["applications", "appeals"])
def test_changed_number_is_an_arithmetic_finding_at_that_cell(prefix: str, table: str) -> None:
    src = read(SEED[prefix])
    key = APPLICATIONS_CELL[prefix] if table == "applications" else "appeals.total.review"
    text, line, column = change_cell(src, key)
    findings = default_linter().lint_source(from_text(text, src.path))
    hits = [f for f in findings if f.category == "arithmetic"]
    assert hits, f"no arithmetic finding after changing {key}"
    assert (line, column) in {(f.line, f.column) for f in hits}


@pytest.mark.parametrize("shape", ["tab.txt", "cells.txt", "tsv.txt", "pipe.md"])
def test_any_changed_cell_of_a_clean_report_is_located(shape: str) -> None:
    src = read(SHAPES / f"clean2023_{shape}")
    report = read_report(src)
    keys = [k for k in report.tables["applications"].cells][::9]
    for key in keys:
        text, line, column = change_cell(src, key)
        hits = [f for f in default_linter().lint_source(from_text(text, src.path)) if f.category == "arithmetic"]
        assert (line, column) in {(f.line, f.column) for f in hits}, key
    for key in report.tables["appeals"].cells:
        text, line, _ = change_cell(src, key)
        hits = [f for f in default_linter().lint_source(from_text(text, src.path)) if f.category == "arithmetic"]
        assert hits and all(f.rule == "GIA304" for f in hits), key


@pytest.mark.parametrize("prefix", sorted(SEED))
@pytest.mark.parametrize("number", range(1, 7))
def test_removed_section_is_a_structure_finding(prefix: str, number: int) -> None:
    src = read(SEED[prefix])
    heading = read_report(src).document.section(number).heading
    lines = src.text.split("\n")
    del lines[heading.span.line - 1]
    findings = default_linter().lint_source(from_text("\n".join(lines), src.path))
    missing = [f for f in findings if f.rule == "GIA101"]
    assert missing and missing[0].category == "structure"
    assert "一二三四五六"[number - 1] + "、" in missing[0].message


@pytest.mark.parametrize("name", ["clean2023", "clean2020"])
@pytest.mark.parametrize("shape", ["tab.txt", "cells.txt", "tsv.txt", "pipe.md"])
def test_clean_report_in_every_shape_has_no_finding(name: str, shape: str) -> None:
    assert default_linter().lint_path(SHAPES / f"{name}_{shape}") == []
