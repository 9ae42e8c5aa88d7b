"""The report grammar (grammar/report.lark) says what a report is: headings,
paragraphs, tables as runs of table lines, comments, markers and blank lines.
It is permissive — any text parses — and every line of the text ends up in
exactly one node (or is a blank line, a comment or a marker)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gialint.load.loader import read
from gialint.model.document import Heading, Paragraph, TableBlock
from gialint.parse.grammar import get_parser, parse_nodes, parse_nodes_lalr
from tests.helpers import FIXTURES, ROOT

FILES = sorted(
    [*FIXTURES.glob("seeds/*.txt"), *FIXTURES.glob("shapes/*.txt"), *FIXTURES.glob("shapes/*.md"), *ROOT.glob("examples/reports/*"), *ROOT.glob("rules/examples/*.txt")]
)


def _covered(nodes: list, text: str) -> set[int]:
    lines: set[int] = set()
    for n in nodes:
        lines.update(range(n.span.line, n.span.end_line + 1))
    return lines


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_fixture_parses_into_nodes(path: Path) -> None:
    text = read(str(path)).text
    nodes, _ = parse_nodes(text)
    assert any(isinstance(n, (Heading, Paragraph)) for n in nodes)
    assert any(isinstance(n, TableBlock) for n in nodes) == ("\t" in text or "|" in text)
    covered = _covered(nodes, text)
    for number, line in enumerate(text.split("\n"), 1):
        content = line.strip(" \u3000\u00a0\u200b\t")
        if content and not content.startswith("<!--") and not content.startswith("[bookmark"):
            assert number in covered, f"{path.name}:{number} is in no node: {line!r}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_lexer_path_gives_the_nodes_of_the_lalr_parse(path: Path) -> None:
    text = read(str(path)).text
    assert parse_nodes(text) == parse_nodes_lalr(text)


def test_the_only_conflicts_are_the_runs_of_table_lines(caplog: pytest.LogCaptureFixture) -> None:
    """A table is a *run* of table lines: after one, another one of the same
    shape either continues the run or starts a new table.  LALR resolves that
    shift/reduce conflict by shifting — the longest run — which is the
    meaning; there must be no other conflict (Lark raises on reduce/reduce)."""
    import logging

    from lark import Lark, logger

    from gialint.util.resources import grammar_text

    logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG, logger="lark"):
            Lark(grammar_text(), parser="lalr", lexer="contextual", debug=True)
    finally:
        logger.setLevel(logging.WARNING)
    conflicts = [r.getMessage() for r in caplog.records if "conflict" in r.getMessage().lower()]
    assert conflicts, "expected the table-run conflicts to be logged"
    for message in conflicts:
        assert "Shift/Reduce" in message and any(t in message for t in ("TAB_ROWS", "TSV_ROWS", "PIPE_ROWS")), message


def test_structure_of_a_small_report() -> None:
    text = (
        "某局2023年政府信息公开工作年度报告\n\n"
        "# 一、总体情况\n\n概述。\n\n"
        "<!-- gialint-disable-next-line GIA201 -->\n"
        "[bookmark: _GoBack]二、主动公开政府信息情况\n\n"
        "\t第二十条第（一）项\n\n\t信息内容\n\t本年制发件数\n\n\t规章\n\t0\n\n"
        "a\tb\tc\n1\t2\t3\n\n"
        "| x | 1 |\n|---|---|\n| y | 2 |\n"
    )
    nodes, markers = parse_nodes(text)
    kinds = [type(n).__name__ for n in nodes]
    assert kinds == ["Paragraph", "Heading", "Paragraph", "Heading", "TableBlock", "TableBlock", "TableBlock"]
    tab, tsv, pipe = nodes[4:]
    assert (tab.shape, len(tab.cells)) == ("tab", 5)  # one block for the whole run of shape-1 rows
    assert [c.row for c in tab.cells] == [tab.cells[0].row, tab.cells[0].row + 1, tab.cells[0].row + 1, tab.cells[0].row + 2, tab.cells[0].row + 2]
    assert (tsv.shape, [c.text for c in tsv.cells]) == ("tsv", ["a", "b", "c", "1", "2", "3"])
    assert (pipe.shape, [c.text for c in pipe.cells]) == ("pipe", ["x", "1", "y", "2"])
    assert [m.text for m in markers] == ["[bookmark: _GoBack]"] and nodes[3].span.column == 20


def test_a_wrapped_shape1_cell_is_joined() -> None:
    nodes, _ = parse_nodes("\t本年新\n制作数量\n\t0\n\n正文。\n")
    table = nodes[0]
    assert [c.text for c in table.cells] == ["本年新制作数量", "0"]
    assert table.cells[0].span.end_line == 2 and isinstance(nodes[1], Paragraph)


LINES = st.sampled_from(
    ["一、总体情况", "## 二、主动公开", "**三、收到**", "（一）主动", "(二) x", "\t", "\t12", "a\tb\t3", "| a | 1 |", "|---|---|", "", "   ",
     "正文。", "[bookmark: _GoBack]三、x", "#", "**", "<!-- gialint-disable -->", "本年新", "\t\t", "|", "\u3000", "x\t"]
)  # fmt: skip


@given(st.lists(LINES, max_size=40))
@settings(max_examples=200, deadline=None)
def test_any_sequence_of_lines_parses(lines: list[str]) -> None:
    text = "\n".join(lines)
    nodes, markers = parse_nodes(text)
    assert (nodes, markers) == parse_nodes_lalr(text)  # the fast path is the grammar's parse
    total = text.count("\n") + 1
    for n in nodes:
        assert 1 <= n.span.line <= n.span.end_line <= total
    assert get_parser() is get_parser()
