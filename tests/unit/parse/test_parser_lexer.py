"""The fast path of the parser (the grammar's lexer alone) must give exactly
the blocks of the full LALR parse, on every shape and on arbitrary text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gialint.parse.grammar import parse_blocks, parse_blocks_lalr
from gialint.load.loader import read

from tests.helpers import FIXTURES
from tests.helpers import ROOT as _ROOT

ROOT = _ROOT
FILES = sorted(
    [*FIXTURES.glob("seeds/*.txt"), *FIXTURES.glob("shapes/*.txt"), *FIXTURES.glob("shapes/*.md"), *ROOT.glob("examples/reports/*"), *ROOT.glob("rules/examples/*.txt")]
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_lexer_path_equals_full_parse(path: Path) -> None:
    text = read(str(path)).text
    blocks = parse_blocks(text)
    assert blocks, path
    assert blocks == parse_blocks_lalr(text)


LINES = st.sampled_from(
    ["一、总体情况", "## 二、主动公开", "**三、收到**", "（一）主动", "(二) x", "\t", "\t12", "a\tb\t3", "| a | 1 |", "|---|---|", "", "   ", "正文。", "[bookmark: _GoBack]三、x", "#", "**"]
)


@given(st.lists(LINES, max_size=40))
@settings(max_examples=200, deadline=None)
def test_lexer_path_equals_full_parse_on_mixed_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert parse_blocks(text) == parse_blocks_lalr(text)
