"""How a cell's text is read (gialint/parse/values.py), each misreading of
issue 14 decided: digits apart, invisible characters, minus signs, ``+8``,
``8.0`` and units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gialint.linting.fix import fix_source
from gialint.model.source import Source
from gialint.parse.values import convert, is_value_text, parse_value
from tests.helpers import ROOT, default_linter


@pytest.mark.parametrize(
    ("raw", "content", "number"),
    [
        ("15", "number", 15),
        (" 0 ", "number", 0),
        ("1,234", "number", 1234),
        ("１５", "number", 15),
        ("1 5", "text", None),  # two numbers, or one broken apart: never 15
        ("12 500", "text", None),
        ("1\u200b5", "number", 15),  # an invisible character is not part of the number
        ("\ufeff7", "number", 7),
        ("−1", "number", -1),  # U+2212 MINUS SIGN
        ("－1", "number", -1),  # U+FF0D
        ("–1", "number", -1),  # U+2013 EN DASH before a digit
        ("–", "dash", None),  # alone: no value
        ("+8", "number", 8),
        ("8.0", "number", Decimal("8.0")),
        ("12500元", "number", 12500),
        ("5 件", "number", 5),
    ],
)
def test_reading(raw: str, content: str, number) -> None:
    v = parse_value(raw)
    assert (v.content, v.number) == (content, number)
    assert is_value_text(raw)  # a value cell, reported if it is not a number


def test_how_it_was_written() -> None:
    assert parse_value("+8").sign == "+" and parse_value("8.0").decimals == 1
    assert parse_value("12500元").unit == "元"


def test_units_convert_between_yuan_and_wan() -> None:
    assert convert(12500, "元", "万元") == Decimal("1.25")
    assert convert(Decimal("1.25"), "万元", "元") == 12500
    assert convert(5, "件", "万元") is None


def _clean2023() -> str:
    return (ROOT / "rules/examples/clean2023.txt").read_text(encoding="utf-8")


def test_yuan_in_the_wan_column_is_read_as_wan() -> None:
    text = _clean2023().replace("行政事业性收费\t1.25\t\t", "行政事业性收费\t12500元\t\t")
    findings = default_linter().lint_source(Source("x.txt", text))
    unit = [f for f in findings if f.rule == "GIA408"]
    assert len(unit) == 1 and "按列的单位为 1.25万元" in unit[0].message
    # Converted, the prose's fee figure agrees with the table.
    text = text.replace("本年度未收取信息处理费", "本年度收取行政事业性收费1.25万元，未收取信息处理费")
    assert not [f for f in default_linter().lint_source(Source("x.txt", text)) if f.rule == "GIA601"]


def test_an_invisible_character_is_shown_escaped_and_deleted_by_fix() -> None:
    text = _clean2023().replace("\t\t4.保护第三方合法权益\t", "\t\t4.保护第三方\u200b合法权益\t")
    findings = default_linter().lint_source(Source("x.txt", text))
    zw = [f for f in findings if f.rule == "GIA707"]
    assert len(zw) == 1 and "[U+200B 零宽空格]" in zw[0].message and "\u200b" not in zw[0].message
    assert zw[0].fix is not None and zw[0].fix.replacement == "" and zw[0].fix.certain
    assert not [f for f in findings if f.rule.startswith(("GIA2", "GIA1"))]  # the label still matches
    outcome = fix_source(default_linter(), Source("x.txt", text, raw=text.encode("utf-8")))
    assert "\u200b" not in outcome.source.text and not [f for f in outcome.findings if f.rule == "GIA707"]


def test_a_plus_sign_in_a_count_is_read_as_the_number() -> None:
    text = _clean2023().replace("行政处罚\t8\t\t", "行政处罚\t+8\t\t")
    findings = default_linter().lint_source(Source("x.txt", text))
    notation = [f for f in findings if f.rule == "GIA409"]
    assert len(notation) == 1 and notation[0].fix is not None and notation[0].fix.replacement == "8"
    assert not notation[0].fix.certain
    assert not [f for f in findings if f.rule == "GIA601"]  # 行政处罚决定8件 agrees with +8


def test_digits_apart_in_a_one_cell_per_paragraph_table() -> None:
    seed = (ROOT / "tests/fixtures/seeds/001_1e18f80993d45f81.txt").read_text(encoding="utf-8").split("\n")
    i = max(n for n, line in enumerate(seed) if line.strip() == "0")  # the last cell of section 四
    seed[i] = "0 0"
    findings = default_linter().lint_source(Source("x.txt", "\n".join(seed)))
    assert [(f.rule, f.line) for f in findings] == [("GIA403", i + 1)]
