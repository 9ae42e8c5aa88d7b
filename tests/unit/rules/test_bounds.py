"""Equations over blank cells (gialint/rules/expr/bounds.py): a blank is an
unknown non-negative number, and an equation is *broken* exactly when no
non-negative value of its blanks makes it hold.

The verdicts are checked against a brute-force search of completions: for
sums equal sums (the form of R1–R4) the verdict must be exact; for any other
expression, sound (``False`` and ``True`` never wrong)."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gialint.rules.expr import ANY, NON_NEGATIVE, Interval, compile_expr, describe
from gialint.rules.expr.bounds import compare

NAMES = [f"c{i}" for i in range(8)]


class BlankEnv:
    """Known values from a mapping; every other name is a blank (``[0, ∞)``)."""

    def __init__(self, values: dict[str, int | None], groups: dict[str, list[str]] | None = None) -> None:
        self.values = values
        self.groups = groups or {}

    def lookup(self, name: str) -> int | None:
        return self.values.get(name)

    def unknown(self, name: str) -> Interval:
        return NON_NEGATIVE

    def expand(self, name: str) -> list[str]:
        return self.groups.get(name, [name])


def completions(blanks: list[str], limit: int):
    for combo in itertools.product(range(limit + 1), repeat=len(blanks)):
        yield dict(zip(blanks, combo))


def holds_for(text: str, values: dict[str, int | None], completion: dict[str, int]) -> bool:
    filled = {k: (completion[k] if v is None else v) for k, v in values.items()}
    out = compile_expr(text).evaluate(BlankEnv(filled))
    assert out.holds is not None
    return out.holds


# --- sums equal sums: exact -------------------------------------------------------

cell_value = st.one_of(st.none(), st.integers(min_value=0, max_value=4), st.integers(min_value=-2, max_value=4))


@st.composite
def sum_relation(draw):
    names = draw(st.permutations(NAMES))
    n_left = draw(st.integers(1, 3))
    n_right = draw(st.integers(1, 4))
    left, right = names[:n_left], names[n_left : n_left + n_right]
    op = draw(st.sampled_from(["==", "<=", ">=", "<", ">"]))
    values = {n: draw(cell_value) for n in left + right}
    if sum(v is None for v in values.values()) > 3:  # keep the search small
        for n in list(values)[:2]:
            values[n] = values[n] if values[n] is not None else 0
    return f"{' + '.join(left)} {op} {' + '.join(right)}", values


@settings(max_examples=300, deadline=None)
@given(sum_relation())
def test_sums_broken_exactly_when_no_completion_holds(relation) -> None:
    text, values = relation
    blanks = [n for n, v in values.items() if v is None]
    # If some completion holds, one with every blank at most the total of the
    # known values' sizes (plus one, for a strict comparison) does.
    limit = sum(abs(v) for v in values.values() if v is not None) + 1
    verdict = compile_expr(text).bounds(BlankEnv(values))
    outcomes = {holds_for(text, values, c) for c in completions(blanks, limit)}
    if not blanks:
        assert verdict.holds == outcomes.pop()
        return
    possible = True in outcomes
    assert (verdict.holds is False) == (not possible), (text, values, verdict)
    assert verdict.holds is not True or outcomes == {True}


# --- any expression: sound ----------------------------------------------------------

leaf = st.one_of(st.sampled_from(NAMES[:4]), st.integers(0, 3).map(str))


def _expr(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*"]), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        children.map(lambda c: f"-{c}"),
        st.tuples(st.sampled_from(["min", "max", "abs"]), children, children).map(
            lambda t: f"abs({t[1]})" if t[0] == "abs" else f"{t[0]}({t[1]}, {t[2]})"
        ),
    )


numeric = st.recursive(leaf, _expr, max_leaves=5)


@st.composite
def any_relation(draw):
    lhs, rhs = draw(numeric), draw(numeric)
    op = draw(st.sampled_from(["==", "!=", "<=", ">=", "<", ">"]))
    text = f"{lhs} {op} {rhs}"
    if draw(st.booleans()):
        text = f"{text} {draw(st.sampled_from(['and', 'or']))} {draw(numeric)} {draw(st.sampled_from(['<=', '==']))} {draw(numeric)}"
    if draw(st.booleans()):
        text = f"not ({text})"
    values = {n: draw(st.one_of(st.none(), st.integers(0, 3))) for n in NAMES[:4]}
    return text, values


@settings(max_examples=120, deadline=None)
@given(any_relation())
def test_any_expression_verdict_is_sound(relation) -> None:
    text, values = relation
    used = sorted(compile_expr(text).names())
    values = {n: values[n] for n in used}
    blanks = [n for n, v in values.items() if v is None]
    verdict = compile_expr(text).bounds(BlankEnv(values))
    outcomes = {holds_for(text, values, c) for c in completions(blanks, 3)}
    if verdict.holds is False:
        assert outcomes == {False}, (text, values)
    if verdict.holds is True:
        assert outcomes == {True}, (text, values)


# --- the cases by hand ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        # R2: a part larger than the total, a blank among the parts.
        ("total == a + b + c", {"total": 0, "a": None, "b": 3, "c": 0}, False),
        ("total == a + b + c", {"total": 3, "a": None, "b": 3, "c": 0}, None),
        ("total == a + b + c", {"total": 5, "a": None, "b": 3, "c": 0}, None),
        # A total larger than parts with no blank, the blank on the total's side.
        ("total + x == a + b", {"total": 5, "x": None, "a": 1, "b": 2}, False),
        ("total + x == a + b", {"total": 2, "x": None, "a": 1, "b": 2}, None),
        # Blanks on both sides: anything can balance.
        ("a + x == b + y", {"a": 9, "x": None, "b": 0, "y": None}, None),
        # The total itself blank: parts >= 0 always fit.
        ("total == a + b", {"total": None, "a": 4, "b": 1}, None),
        # A negative known part lets the blank side shrink below zero: still infeasible?
        ("total == a + b", {"total": None, "a": -4, "b": 1}, False),
    ],
)
def test_verdicts(text: str, values: dict[str, int | None], expected: bool | None) -> None:
    assert compile_expr(text).bounds(BlankEnv(values)).holds is expected


def test_groups_expand_inside_sum() -> None:
    env = BlankEnv({"t": 1, "g1": 2, "g2": None}, {"g": ["g1", "g2"]})
    verdict = compile_expr("t == sum(g)").bounds(env)
    assert verdict.holds is False
    assert verdict.unknown == ("g2",)
    assert (verdict.lhs, verdict.rhs) == (Interval(1, 1), Interval(2, None))


def test_unknown_without_a_range_is_never_broken() -> None:
    class TextEnv(BlankEnv):
        def unknown(self, name: str) -> Interval:
            return ANY

    assert compile_expr("t == a + b").bounds(TextEnv({"t": 0, "a": None, "b": 5})).holds is None


def test_division_by_a_range_with_zero_is_unknown() -> None:
    assert compile_expr("a / b == 1").bounds(BlankEnv({"a": 3, "b": None})).holds is None
    assert compile_expr("a / 2 == 1").bounds(BlankEnv({"a": None})).holds is None
    assert compile_expr("a / b > 5").bounds(BlankEnv({"a": 3, "b": None})).holds is None


def test_decimals_and_phrases() -> None:
    verdict = compile_expr("t == a + b").bounds(BlankEnv({"t": Decimal("1.5"), "a": Decimal("2.25"), "b": None}))
    assert verdict.holds is False
    assert describe(verdict.lhs) == "为 1.5" and describe(verdict.rhs) == "至少为 2.25"
    assert describe(Interval(None, 3)) == "至多为 3" and describe(Interval(1, 3)) == "在 1 与 3 之间"
    assert describe(ANY) == "不定"


@pytest.mark.parametrize(
    ("op", "a", "b", "expected"),
    [
        ("==", Interval(1, 1), Interval(1, 1), True),
        ("!=", Interval(1, 1), Interval(2, None), True),
        ("!=", Interval(1, 1), Interval(0, None), None),
        ("<", Interval(0, 2), Interval(2, None), None),
        ("<", Interval(0, 1), Interval(2, None), True),
        ("<=", Interval(3, None), Interval(0, 2), False),
        (">", Interval(3, None), Interval(0, 2), True),
        (">=", Interval(None, 1), Interval(2, 2), False),
    ],
)
def test_compare(op: str, a: Interval, b: Interval, expected: bool | None) -> None:
    assert compare(op, a, b) is expected
