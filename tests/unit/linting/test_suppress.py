"""Suppression comments in Markdown: next line, range, whole file; unused and
malformed directives are reported; a comment never becomes a table cell."""

from __future__ import annotations

from pathlib import Path

from gialint.bind.read import read_report
from gialint.load.decode import from_text

from tests.helpers import FIXTURES
from tests.helpers import default_linter

PIPE = (FIXTURES / "shapes" / "002_pipe.md").read_text(encoding="utf-8")


def lint(text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in default_linter().lint_source(from_text(text, "r.md"))]


def insert(text: str, before_line: int, *lines: str) -> str:
    all_lines = text.split("\n")
    all_lines[before_line - 1:before_line - 1] = list(lines)
    return "\n".join(all_lines)


def test_baseline_of_the_pipe_report() -> None:
    assert lint(PIPE) == [("GIA104", 25), ("GIA202", 29), ("GIA702", 49), ("GIA201", 62)]


def test_disable_next_line_by_code_and_by_name() -> None:
    text = insert(PIPE, 25, "<!-- gialint-disable-next-line GIA104 -->")
    assert lint(text) == [("GIA202", 30), ("GIA702", 50), ("GIA201", 63)]
    text = insert(PIPE, 25, "<!-- gialint-disable-next-line section-title -->", "")
    assert [r for r, _ in lint(text)] == ["GIA202", "GIA702", "GIA201"]


def test_disable_range_and_enable() -> None:
    text = insert(PIPE, 27, "<!-- gialint-disable label -->", "")
    text = insert(text, 33, "<!-- gialint-enable -->", "")
    # The column label (line 29 → 31) is silenced; the row label after enable is not.
    assert [r for r, _ in lint(text)] == ["GIA104", "GIA702", "GIA201"]


def test_disable_without_enable_runs_to_the_end() -> None:
    text = insert(PIPE, 40, "<!-- gialint-disable GIA7 GIA201 -->", "")
    assert [r for r, _ in lint(text)] == ["GIA104", "GIA202"]


def test_disable_file() -> None:
    assert lint("<!-- gialint-disable-file -->\n" + PIPE) == []
    assert [r for r, _ in lint("<!-- gialint-disable-file GIA2 -->\n" + PIPE)] == ["GIA104", "GIA702"]


def test_unused_suppression_is_reported() -> None:
    text = insert(PIPE, 27, "<!-- gialint-disable-next-line GIA201 -->")
    found = lint(text)
    assert ("GIA010", 27) in found
    assert ("GIA201", 63) in found
    # Only the unused reference is named.
    text = insert(PIPE, 25, "<!-- gialint-disable-next-line GIA104, GIA301 -->")
    f = next(f for f in default_linter().lint_source(from_text(text, "r.md")) if f.rule == "GIA010")
    assert "GIA301" in f.message and "GIA104" not in f.message


def test_disabled_rule_in_comment_is_not_unused() -> None:
    # GIA704 is a soft rule, off by default: the comment may serve the strict preset.
    text = insert(PIPE, 25, "<!-- gialint-disable-next-line GIA704 -->")
    assert "GIA010" not in [r for r, _ in lint(text)]


def test_malformed_and_unknown_directives() -> None:
    text = insert(PIPE, 25, "<!-- gialint-disable-nextline GIA104 -->", "<!-- gialint-disable-next-line GIA2O1 -->")
    fs = [f for f in default_linter().lint_source(from_text(text, "r.md")) if f.rule == "GIA011"]
    assert len(fs) == 2
    assert "disable-next-line" in fs[0].message and "是否应为" in fs[0].message
    assert "（是否应为“GIA201”？）" in fs[1].message


def test_comment_lines_never_become_cells() -> None:
    plain = read_report(from_text(PIPE, "r.md"))
    text = insert(PIPE, 62, "<!-- gialint-disable-next-line row-label -->")
    text = insert(text, 29, "<!-- a note for reviewers -->")
    commented = read_report(from_text(text, "r.md"))
    for key, table in plain.tables.items():
        a = {k: (c.content, c.value) for k, c in table.cells.items()}
        b = {k: (c.content, c.value) for k, c in commented.tables[key].cells.items()}
        assert a == b, key
    assert not commented.unmatched
    assert [r for r, _ in lint(text)] == ["GIA104", "GIA202", "GIA702"]


def test_comments_in_a_tab_table_keep_binding(tmp_path: Path) -> None:
    from tests.helpers import seed_path

    text = seed_path("000").read_text(encoding="utf-8")
    plain = read_report(from_text(text, "r.txt"))
    commented = read_report(from_text(insert(text, 77, "<!-- gialint-disable-next-line GIA201 -->"), "r.txt"))
    assert {k: t.cells.keys() for k, t in plain.tables.items()} == {k: t.cells.keys() for k, t in commented.tables.items()}
    assert [c.value for c in plain.tables["applications"].cells.values()] == [c.value for c in commented.tables["applications"].cells.values()]


def test_enable_with_rules_ends_only_those() -> None:
    text = insert(PIPE, 27, "<!-- gialint-disable GIA202 GIA201 GIA702 -->", "")
    text = insert(text, 33, "<!-- gialint-enable GIA201 -->", "")
    # GIA202 (line 31) silenced; GIA702 stays disabled; GIA201 after the enable
    # is reported, and its part of the directive silenced nothing (GIA010).
    assert [r for r, _ in lint(text)] == ["GIA104", "GIA010", "GIA201"]
    text = insert(PIPE, 27, "<!-- gialint-disable -->", "")
    text = insert(text, 33, "<!-- gialint-enable GIA702 -->", "")
    assert [r for r, _ in lint(text)] == ["GIA104", "GIA702"]
