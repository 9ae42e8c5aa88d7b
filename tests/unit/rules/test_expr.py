"""The equation language of rule packs (gialint/expr.py, grammar/expr.lark)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
import pickle
from decimal import Decimal, localcontext

import pytest

from gialint.rules.expr import Env, EvalError, Expr, ExprError, Outcome, compile_expr
from gialint.util.resources import data_dir

Value = int | Decimal | None


class MapEnv(Env):
    """Values from a mapping; groups expand inside sum/min/max.  Records
    every lookup so tests can see what was read."""

    def __init__(self, values: Mapping[str, Value], groups: Mapping[str, Sequence[str]] | None = None) -> None:
        self.values = dict(values)
        self.groups = dict(groups or {})
        self.looked_up: list[str] = []

    def lookup(self, name: str) -> Value:
        self.looked_up.append(name)
        return self.values.get(name)

    def expand(self, name: str) -> list[str]:
        return list(self.groups.get(name, [name]))


class BareEnv:
    """An environment with no ``expand``: every name stands for itself."""

    def __init__(self, values: Mapping[str, Value]) -> None:
        self.values = dict(values)

    def lookup(self, name: str) -> Value:
        return self.values.get(name)


def run(text: str, env: Env | None = None, /, **values: Value) -> Outcome:
    return compile_expr(text).evaluate(env if env is not None else MapEnv(values))


def holds(text: str, **values: Value) -> bool | None:
    return run(text, **values).holds


def syntax_error(text: str) -> ExprError:
    with pytest.raises(ExprError) as info:
        compile_expr(text)
    return info.value


# --- operators and functions ----------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a + b == 10", True),
        ("a + b == 11", False),
        ("a - b == 4", True),
        ("a - b == -4", False),
        ("a * b == 21", True),
        ("a * b == 20", False),
        ("a / b == 7 / 3", True),
        ("b / a == 0.3", False),
        ("-a == 0 - 7", True),
        ("-a == a", False),
        ("--a == a", True),
        ("a == 7", True),
        ("a == 3", False),
        ("a != 3", True),
        ("a != 7", False),
        ("b < a", True),
        ("a < b", False),
        ("a < 7", False),  # boundaries tell < from <= and > from >=
        ("a > 7", False),
        ("a <= 7", True),
        ("a <= 6", False),
        ("a > b", True),
        ("b > a", False),
        ("a >= 7", True),
        ("a >= 8", False),
        ("a == 7 and b == 3", True),
        ("a == 7 and b == 4", False),
        ("a == 0 or b == 3", True),
        ("a == 0 or b == 0", False),
        ("not a == 0", True),
        ("not a == 7", False),
        ("sum(a, b, 1) == 11", True),
        ("sum(a, b) == 11", False),
        ("sum(a) == 7", True),
        ("abs(b - a) == 4", True),
        ("abs(a - b) == -4", False),
        ("abs(-2.5) == 2.5", True),
        ("min(a, b, 5) == 3", True),
        ("min(a, b) == 7", False),
        ("max(a, b, 5) == 7", True),
        ("max(a, b) == 3", False),
        ("max(a * 2, b) / 2 == a", True),
    ],
)
def test_operators_and_functions(text: str, expected: bool) -> None:
    assert holds(text, a=7, b=3) is expected


@pytest.mark.parametrize(
    "text",
    [
        "1 + 2 * 3 == 7",
        "(1 + 2) * 3 == 9",
        "10 - 2 - 3 == 5",  # left-associative
        "12 / 2 / 3 == 2",
        "-2 * 3 == -6",
        "2 * -3 == -6",
        "-(1 + 2) == -3",
        "1 + 2 < 2 * 2",  # comparison binds looser than arithmetic
        "1 == 1 or 1 == 2 and 1 == 2",  # and binds tighter than or
        "not 1 == 2 and 1 == 1",  # not binds tighter than and
        "not (1 == 1 and 1 == 2)",
        "a / b <= 2.5 and not (c != 0)",
    ],
)
def test_precedence(text: str) -> None:
    assert holds(text, a=5, b=2, c=0) is True


def test_not_binds_looser_than_comparison() -> None:
    # "not a == b" is not (a == b), never (not a) == b
    assert holds("not a == b", a=1, b=2) is True
    assert holds("not a == b", a=2, b=2) is False


# --- numbers ----------------------------------------------------------------------


def test_decimals_are_exact() -> None:
    outcome = run("0.1 + 0.2 == 0.3")
    assert outcome.holds is True
    assert outcome.lhs == Decimal("0.3")
    assert isinstance(outcome.lhs, Decimal)


def test_decimal_and_int_compare_exactly() -> None:
    assert holds("a == 3", a=Decimal("3.00")) is True
    assert holds("a == 3", a=Decimal("3.0000000001")) is False
    assert holds("a + 0.5 == b", a=2, b=Decimal("2.5")) is True


def test_big_integers_stay_exact() -> None:
    assert holds("12345678901234567890123 + 1 == 12345678901234567890124") is True
    assert holds("12345678901234567890123 + 1 == 12345678901234567890123") is False


def test_integers_stay_integers() -> None:
    outcome = run("a + b * 2 - 6 / 3 == c", a=1, b=2, c=3)
    assert outcome.holds is True
    assert type(outcome.lhs) is int and outcome.lhs == 3
    assert type(outcome.rhs) is int


def test_division_is_decimal_never_float() -> None:
    outcome = run("a / b == 3.5", a=7, b=2)
    assert outcome.holds is True
    assert isinstance(outcome.lhs, Decimal)
    third = run("1 / 3 == x", x=0).lhs
    assert isinstance(third, Decimal)
    assert third == Decimal("0.3333333333333333333333333333")


def test_division_ignores_callers_decimal_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        lhs = run("1 / 3 == x", x=0).lhs
    assert lhs == Decimal("0.3333333333333333333333333333")


# --- names and expand --------------------------------------------------------------


def test_names_nested_and_in_functions() -> None:
    expr = compile_expr(
        "results.total == results.disclosed + results.partial + sum(results.withheld)"
        " + sum(results.unavailable, x * (y - abs(z))) and not (max(p, q) / min(r) > 2)"
    )
    assert expr.names() == frozenset(
        {
            "results.total",
            "results.disclosed",
            "results.partial",
            "results.withheld",
            "results.unavailable",
            "x",
            "y",
            "z",
            "p",
            "q",
            "r",
        }
    )


def test_names_of_literal_only_equation_is_empty() -> None:
    assert compile_expr("1 + 1 == 2").names() == frozenset()


def test_other_and_total_are_ordinary_names() -> None:
    expr = compile_expr("other + total == x")
    assert expr.names() == frozenset({"other", "total", "x"})
    assert expr.evaluate(MapEnv({"other": 1, "total": 2, "x": 3})).holds is True


def test_keywords_only_reserved_as_whole_words() -> None:
    expr = compile_expr("summary + android + order + nothing + maximum + absent + minor == x.sum")
    assert expr.names() == frozenset(
        {"summary", "android", "order", "nothing", "maximum", "absent", "minor", "x.sum"}
    )


@pytest.mark.parametrize(
    "text", ["sum == 1", "a + and == 1", "a == b + or", "a * not == 1", "not == 1", "max + 1 == 2", "a == abs"]
)
def test_reserved_words_are_not_names(text: str) -> None:
    syntax_error(text)


def test_name_segments_start_with_a_letter() -> None:
    assert syntax_error("w.1 == 1").column == 2


def test_sum_uses_expand() -> None:
    env = MapEnv(
        {"w.1": 1, "w.2": 2, "w.3": 4, "total": 10, "other": 3},
        groups={"results.withheld": ["w.1", "w.2", "w.3"]},
    )
    outcome = run("total == sum(results.withheld) + other", env)
    assert outcome.holds is True
    assert outcome.lhs == 10 and outcome.rhs == 10
    assert env.looked_up == ["total", "w.1", "w.2", "w.3", "other"]


def test_min_max_use_expand() -> None:
    env = MapEnv({"g.a": 5, "g.b": -2, "g.c": 9, "h": 4}, groups={"g": ["g.a", "g.b", "g.c"]})
    assert run("min(g) == -2", env).holds is True
    assert run("max(g, h) == 9", env).holds is True
    assert run("max(g, h) == 4", env).holds is False


def test_expand_only_applies_to_bare_names() -> None:
    env = MapEnv({"g": 100, "g.a": 1, "g.b": 2}, groups={"g": ["g.a", "g.b"]})
    assert run("sum(g) == 3", env).holds is True
    # outside sum(), and inside an argument that is an expression, g is the cell g
    assert run("g == 100", env).holds is True
    assert run("sum(g + 0) == 100", env).holds is True
    assert run("abs(g) == 100", env).holds is True


def test_env_without_expand_uses_names_as_they_are() -> None:
    outcome = compile_expr("sum(a, b) == c").evaluate(BareEnv({"a": 1, "b": 2, "c": 3}))  # type: ignore[arg-type]
    assert outcome.holds is True


def test_empty_expansion() -> None:
    env = MapEnv({"x": 0}, groups={"g": []})
    assert run("sum(g) == x", env).holds is True
    with pytest.raises(EvalError):
        run("min(g) == x", env)


# --- unknown values ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a + 1 == 2",
        "1 - a == 2",
        "a * 0 == 0",
        "0 / a == 0",
        "-a == 1",
        "sum(a, 1) == 1",
        "sum(g) == 1",
        "abs(a) == 1",
        "min(a, 1) == 1",
        "max(1, a) == 1",
        "1 == a",
        "not a == 1",
    ],
)
def test_unknown_propagates(text: str) -> None:
    env = MapEnv({"g.1": 1}, groups={"g": ["g.1", "a"]})
    outcome = run(text, env)
    assert outcome.holds is None
    assert outcome.missing == ("a",)


T, F, U = "1 == 1", "1 == 2", "a == 1"  # true, false, unknown (a has no value)


@pytest.mark.parametrize(
    "left, op, right, expected",
    [
        (T, "and", T, True),
        (T, "and", F, False),
        (F, "and", T, False),
        (F, "and", F, False),
        (F, "and", U, False),
        (U, "and", F, False),
        (T, "and", U, None),
        (U, "and", T, None),
        (U, "and", U, None),
        (T, "or", T, True),
        (T, "or", F, True),
        (F, "or", T, True),
        (F, "or", F, False),
        (T, "or", U, True),
        (U, "or", T, True),
        (F, "or", U, None),
        (U, "or", F, None),
        (U, "or", U, None),
    ],
)
def test_three_valued_logic(left: str, op: str, right: str, expected: bool | None) -> None:
    assert holds(f"{left} {op} {right}") is expected


def test_not_unknown_is_unknown() -> None:
    assert holds(f"not ({U})") is None
    assert holds(f"not ({F})") is True


def test_or_guards_division() -> None:
    # short-circuit: the right side is never evaluated when the left decides
    assert holds("b == 0 or a / b <= 2", a=9, b=0) is True
    assert holds("b != 0 and a / b <= 2", a=9, b=0) is False
    assert holds("b == 0 or a / b <= 2", a=9, b=3) is False


# --- outcome ------------------------------------------------------------------------


def test_lhs_rhs_of_top_level_comparison() -> None:
    outcome = run("new + carried_over == results.total + carried_forward",
                  new=10, carried_over=2, **{"results.total": 9}, carried_forward=1)
    assert outcome.holds is False
    assert (outcome.lhs, outcome.rhs) == (12, 10)
    assert outcome.missing == ()


def test_lhs_rhs_of_parenthesised_comparison() -> None:
    outcome = run("(a * 2 >= b)", a=Decimal("1.5"), b=4)
    assert outcome.holds is False
    assert (outcome.lhs, outcome.rhs) == (Decimal("3.0"), 4)


def test_lhs_rhs_with_unknown_side() -> None:
    outcome = run("a + b == c", a=1, c=5)
    assert outcome.holds is None
    assert outcome.lhs is None
    assert outcome.rhs == 5


def test_lhs_rhs_absent_for_logical_top_level() -> None:
    outcome = run("a == 1 and b == 2", a=1, b=2)
    assert outcome.holds is True
    assert outcome.lhs is None and outcome.rhs is None
    outcome = run("not a == 1", a=1)
    assert outcome.holds is False
    assert outcome.lhs is None and outcome.rhs is None


def test_missing_in_order_of_first_use_without_duplicates() -> None:
    env = MapEnv({"b": 1, "w.b": 1}, groups={"w": ["w.a", "w.b", "w.c"]})
    outcome = run("c + a + b + sum(w) == a * c + d + w.a", env)
    assert outcome.holds is None
    assert outcome.missing == ("c", "a", "w.a", "w.c", "d")


def test_missing_empty_when_all_known() -> None:
    assert run("a == a", a=0).missing == ()


def test_outcome_is_immutable() -> None:
    outcome = run("a == 1", a=1)
    with pytest.raises(AttributeError):
        outcome.holds = False  # type: ignore[misc]


# --- errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, column",
    [
        ("a +", 4),  # end of input: the gap after the "+"
        ("a == == b", 6),
        ("sum(", 5),
        ("a $ b", 3),
        ("a = b", 3),
        ("a == b == c", 8),  # no chained comparisons
        ("A == 1", 1),
        ("a == 1 and", 11),
        ("(a == 1", 8),
        ("a == 1)", 7),
        ("sum(a,) == 1", 7),
        ("2a == 1", 2),
        ("a （ b", 3),
        ("a ==\n   b +\n", 12),  # columns count across folded YAML lines
        ("", 1),
    ],
)
def test_syntax_error_column(text: str, column: int) -> None:
    assert syntax_error(text).column == column


def test_syntax_error_str_has_message_column_and_caret() -> None:
    err = syntax_error("a == == b")
    lines = str(err).splitlines()
    assert err.message in lines[0]
    assert "6" in lines[0]
    assert lines[1] == "  a == == b"
    assert lines[2] == "  " + " " * 5 + "^"


def test_caret_under_wide_characters() -> None:
    lines = str(syntax_error("（a）")).splitlines()
    assert lines[2] == "  ^"
    lines = str(syntax_error("a （ b")).splitlines()
    assert lines[2] == "    ^"


def test_syntax_error_messages() -> None:
    assert "==" in syntax_error("a = b").message
    assert "and" in syntax_error("a == b == c").message
    assert "半角" in syntax_error("a ＋ b == 1").message
    assert syntax_error("   ").message == "表达式为空"
    assert "不完整" in syntax_error("a +").message


@pytest.mark.parametrize("text", ["a + b", "sum(results.withheld)", "1", "a", "-(a * b)"])
def test_non_boolean_top_level_rejected(text: str) -> None:
    err = syntax_error(text)
    assert err.message == "断言必须是比较或逻辑表达式"
    assert err.column == 1


@pytest.mark.parametrize(
    "text, column",
    [
        ("not 5", 5),
        ("a == 1 and b", 12),
        ("(a == b) + 1 == 2", 2),
        ("(a == b) + 1", 2),
        ("-(a < b) == 1", 3),
    ],
)
def test_truth_value_and_number_not_mixed(text: str, column: int) -> None:
    assert syntax_error(text).column == column


def test_abs_takes_one_argument() -> None:
    err = syntax_error("abs(a, b) == 1")
    assert "abs" in err.message


def test_division_by_zero() -> None:
    expr = compile_expr("a / (b - c) == 1")
    with pytest.raises(EvalError) as info:
        expr.evaluate(MapEnv({"a": 1, "b": 2, "c": 2}))
    assert "b - c" in info.value.message
    assert expr.evaluate(MapEnv({"a": 1, "b": 3, "c": 2})).holds is True


def test_division_of_unknown_by_zero_is_unknown() -> None:
    assert holds("a / b == 1", b=0) is None


# --- compiling -------------------------------------------------------------------


def test_compile_cache_returns_identical_object() -> None:
    first = compile_expr("upheld + corrected + other + pending == total")
    assert compile_expr("upheld + corrected + other + pending == total") is first
    assert compile_expr("upheld + corrected + other + pending >= total") is not first


def test_expr_keeps_text_and_equality() -> None:
    expr = compile_expr("amount >= 0")
    assert isinstance(expr, Expr)
    assert expr.text == "amount >= 0"
    assert "amount >= 0" in repr(expr)


def test_expr_pickles_by_text() -> None:
    expr = compile_expr("a * 2 == b")
    copy = pickle.loads(pickle.dumps(expr))
    assert copy.text == expr.text
    assert copy.evaluate(MapEnv({"a": 2, "b": 4})).holds is True


def test_grammar_is_shipped_data() -> None:
    assert data_dir("grammar").joinpath("expr.lark").is_file()


def test_real_rule_from_rule_pack() -> None:
    text = (
        "results.total == results.disclosed + results.partial + sum(results.withheld)"
        " + sum(results.unavailable) + sum(results.not_processed) + sum(results.other)"
    )
    groups = {
        "results.withheld": [f"results.withheld.{i}" for i in range(8)],
        "results.unavailable": [f"results.unavailable.{i}" for i in range(3)],
        "results.not_processed": [f"results.not_processed.{i}" for i in range(5)],
        "results.other": [f"results.other.{i}" for i in range(3)],
    }
    values: dict[str, Value] = {name: 1 for names in groups.values() for name in names}
    values.update({"results.total": 25, "results.disclosed": 3, "results.partial": 3})
    outcome = run(text, MapEnv(values, groups))
    assert (outcome.holds, outcome.lhs, outcome.rhs) == (True, 25, 25)
    values["results.other.1"] = None
    outcome = run(text, MapEnv(values, groups))
    assert outcome.holds is None
    assert outcome.missing == ("results.other.1",)


def test_terms_give_each_side_of_a_comparison_with_its_values_and_names() -> None:
    from gialint.rules.expr import Term

    e = compile_expr("total == a + sum(grp) - 2 * b")
    env = MapEnv({"total": 9, "a": 1, "g1": 2, "g2": 3, "b": 1}, {"grp": ["g1", "g2"]})
    lhs, rhs = e.terms(env)  # type: ignore[misc]
    assert e.comparison == "=="
    assert lhs == (Term("+", "total", 9, ("total",), "total"),)
    assert rhs == (
        Term("+", "a", 1, ("a",), "a"),
        Term("+", "sum(grp)", 5, ("g1", "g2"), "grp", "sum"),
        Term("-", "2 * b", 2, ("b",)),
    )
    assert compile_expr("a > 1 and b < 2").terms(env) is None and compile_expr("a > 1 and b < 2").comparison is None
    unknown = compile_expr("x + a <= 3").terms(env)
    assert unknown is not None and unknown[0][0].value is None and unknown[0][0].names == ("x",)
    # The compiled form still pickles as its text.
    assert pickle.loads(pickle.dumps(e)).terms(env) == (lhs, rhs)
