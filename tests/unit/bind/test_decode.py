"""The readings of a damaged row and table (gialint/bind/decode.py): digit
runs, merged duplicates, numbers cut over lines; the relations R1–R4 and the
budget."""

from __future__ import annotations

import time

import pytest

from gialint.bind.decode import (
    ColumnSum,
    OverBudget,
    RowSum,
    Token,
    relations,
    row_readings,
    solve,
)
from gialint.bind.templates import default_templates
from gialint.model.span import Span

R2 = [RowSum(6, (0, 1, 2, 3, 4, 5))]
R4 = [RowSum(r * 5 + 4, (r * 5, r * 5 + 1, r * 5 + 2, r * 5 + 3)) for r in range(3)]


def tok(text: str, line: int = 1, col: int = 1, **kw: bool) -> Token:
    return Token(text, Span(line, col, line, col + len(text)), **kw)


def texts(readings) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[p.text for p in r] for r in readings]


def test_a_digit_run_has_every_cut_into_the_columns() -> None:
    got = texts(row_readings([tok("21784", split=True)], 3))
    assert got == [["2", "1", "784"], ["2", "17", "84"], ["2", "178", "4"], ["21", "7", "84"], ["21", "78", "4"], ["217", "8", "4"]]


def test_leading_zeros_are_never_read() -> None:
    got = texts(row_readings([tok("1000", split=True)], 2))
    assert got == [["100", "0"]]  # 1|000 and 10|00 write a count with a leading zero


def test_r2_keeps_the_readings_whose_total_is_the_sum() -> None:
    got = texts(row_readings([tok("63210777105", split=True)], 7, R2))
    assert ["63", "21", "0", "7", "7", "7", "105"] in got
    assert all(int(r[6]) == sum(int(x) for x in r[:6]) for r in got)
    assert len(got) == 3  # the column relations must choose


def test_a_space_is_a_certain_cut() -> None:
    got = texts(row_readings([tok("770000", split=True), tok("14", col=8, split=True)], 7, R2))
    assert got == [["7", "7", "0", "0", "0", "0", "14"]]


def test_merged_duplicates_expand_to_runs() -> None:
    toks = [tok(t, repeat=True) for t in ("19", "0", "19")]
    assert len(row_readings(toks, 7)) == 15  # C(6, 2) ways to place two cuts
    assert texts(row_readings(toks, 7, R2)) == [["19", "0", "0", "0", "0", "0", "19"]]


def test_a_number_cut_over_lines_may_be_joined() -> None:
    toks = [tok("2"), tok("0", line=2, soft=True), tok("2", line=3, soft=True), tok("6", line=4, soft=True)]
    assert sorted(texts(row_readings(toks, 3))) == [["2", "0", "26"], ["20", "2", "6"]]
    joined = row_readings(toks, 3)[1]
    assert joined[0].span == Span(1, 1, 2, 2)  # the joined cell spans both lines


def test_a_decimal_cut_after_its_point_is_joined_with_its_digits() -> None:
    toks = [tok("92"), tok("287.5", line=2, soft=True), tok("0", line=3, soft=True)]
    assert sorted(texts(row_readings(toks, 2))) == [["92", "287.50"], ["92287.5", "0"]]


def test_the_appeals_row_by_r4() -> None:
    got = texts(row_readings([tok("700070007700000", split=True)], 15, R4))
    assert got == [["7", "0", "0", "0", "7", "0", "0", "0", "7", "7", "0", "0", "0", "0", "0"]]


def test_relations_come_from_the_template_keys() -> None:
    t = default_templates()["v2021"]
    row_sums, col_sums = relations(t.table("applications"))
    assert row_sums == [RowSum(6, (0, 1, 2, 3, 4, 5))]
    assert {c.family for c in col_sums} == {"R1", "R3"}
    r3 = next(c for c in col_sums if c.family == "R3")
    assert r3.lhs == ("results.total",) and "results.other.unpaid_fee" in r3.rhs and "results.total" not in r3.rhs
    assert relations(t.table("appeals"))[0] == R4
    assert relations(t.table("documents")) == ([], [])  # section 二 has no relation to decode with


def test_solve_finds_the_one_reading_that_balances() -> None:
    x = row_readings([tok("12", split=True)], 2)  # 1|2
    y = row_readings([tok("123", split=True)], 2)  # 1|23 or 12|3
    z = row_readings([tok("225", split=True)], 2)  # 2|25 or 22|5
    sol = solve({"x": x, "y": y, "z": z}, [ColumnSum(("x", "y"), ("z",), "R1")], 2)
    assert sol.count == 1 and sol.broken is None
    assert texts([sol.reading["y"], sol.reading["z"]]) == [["1", "23"], ["2", "25"]]


def test_solve_counts_several_readings_and_never_picks_one() -> None:
    many = row_readings([tok("111", split=True)], 2)  # 1|11, 11|1
    sol = solve({"x": many}, [], 2)
    assert sol.count == 2 and sol.reading is None


def test_solve_reads_a_table_that_breaks_r3_when_only_r3_fails() -> None:
    x = row_readings([tok("11", split=True)], 2)  # 1|1
    y = row_readings([tok("123", split=True)], 2)  # 1|23 or 12|3
    t = row_readings([tok("224", split=True)], 2)  # 2|24 or 22|4
    rels = [ColumnSum(("x", "y"), ("t",), "R1"), ColumnSum(("t",), ("x",), "R3")]
    sol = solve({"x": x, "y": y, "t": t}, rels, 2)
    assert sol.broken == "R3" and sol.count == 1
    assert texts([sol.reading["y"], sol.reading["t"]]) == [["1", "23"], ["2", "24"]]
    # With R1 alone the same reading is the only one, and nothing is broken.
    assert solve({"x": x, "y": y, "t": t}, rels[:1], 2).broken is None


def test_the_budget_bounds_a_pathological_row() -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget):
        row_readings([tok("1" * 120, split=True)], 7)
    assert time.monotonic() - started < 5


def test_the_rows_of_a_table_share_one_budget() -> None:
    shared = [70_000]
    with pytest.raises(OverBudget):
        row_readings([tok("1" * 120, split=True)], 7, shared=shared)
    assert shared[0] == 20_000  # the row's own bound (50,000 steps) was spent
    with pytest.raises(OverBudget):
        row_readings([tok("1" * 120, split=True)], 7, shared=shared)
    assert shared[0] <= 0


def test_a_table_of_pathological_rows_is_unreadable_in_bounded_time() -> None:
    from gialint import from_text, read_report
    from gialint.testing import base_text

    text = base_text("clean2023")
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "1.属于国家秘密", "2.重复申请"):
        start = text.index(label)
        end = text.index("\n", start)
        text = text[:start] + label + "1" * 60 + text[end:]
    started = time.monotonic()
    table = read_report(from_text(text, "x.txt")).tables["applications"]
    assert time.monotonic() - started < 10
    assert "读法过多" in table.unreadable
