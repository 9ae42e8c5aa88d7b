"""Failing code is contained: a rule or plugin check that raises, loops or
returns garbage becomes one ``internal`` finding (GIA009) naming it, and the
other rules' findings on the same file are still reported; a reader that
fails or runs past its time budget costs that file only."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from gialint.util import budget
from gialint.bind import read as pipeline
from gialint.config.model import Config
from gialint.model.span import Span
from gialint.linting.engine import Linter
from gialint.rules.ruleset import RuleSet
from gialint.plugins.assemble import load_ruleset
from gialint.model.findings import Finding, Fix, Hit
from gialint.rules.kinds.base import Kind, LoadContext
from gialint.rules.ruleset import Rule
from gialint.rules.spec import RuleMeta
from gialint.load.decode import from_bytes

from tests.helpers import SHAPES, seed_path
from tests.helpers import shared_ruleset

SEED_002 = from_bytes(seed_path("002").read_bytes(), "002.txt")
EXPECTED_002 = {"GIA104", "GIA201", "GIA202", "GIA702"}  # what the shipped rules find in seed 002
FAST = 0.3  # seconds: the rule budget in these tests

needs_timer = pytest.mark.skipif(not budget.available(), reason="SIGALRM timers (POSIX, main thread)")


def _meta(code: str, name: str) -> RuleMeta:
    return RuleMeta(code, name, "value", "error", "test rule", "test", origin="tests/bad-rules.yaml", line=7)


def _rule(kind: type[Kind], code: str = "ZZ901", name: str = "bad-rule") -> Rule:
    meta = _meta(code, name)
    return Rule(meta, kind(meta, LoadContext(shared_ruleset().templates)))


def _linter(*rules: Rule, **config: object) -> Linter:
    ruleset = RuleSet(shared_ruleset().rules + list(rules), shared_ruleset().templates)
    return Linter(ruleset, Config(**{"rule_timeout": FAST, **config}))  # type: ignore[arg-type]


def _crashes(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.category == "internal"]


def _assert_contained(findings: list[Finding], fragment: str, who: str = "ZZ901（bad-rule，来自 `tests/bad-rules.yaml` 第 7 行）") -> None:
    crashed = _crashes(findings)
    assert len(crashed) == 1, crashed
    assert crashed[0].rule == "GIA009" and crashed[0].severity == "error"
    assert who in crashed[0].message and fragment in crashed[0].message, crashed[0].message
    assert EXPECTED_002 <= {f.rule for f in findings}  # the other rules still ran


# --- rules ------------------------------------------------------------------------


class Raises(Kind):
    name = "raises"

    def check(self, report):  # type: ignore[no-untyped-def]
        raise KeyError("boom")


class RaisesHalfway(Kind):
    name = "raises-halfway"

    def check(self, report):  # type: ignore[no-untyped-def]
        yield Hit(None, "first")
        raise ZeroDivisionError("division by zero")


class Loops(Kind):
    name = "loops"

    def check(self, report):  # type: ignore[no-untyped-def]
        n = 0
        while True:
            n += 1


class SwallowsTheFirstAlarm(Kind):
    name = "swallows"

    def check(self, report):  # type: ignore[no-untyped-def]
        try:
            time.sleep(30)
        except BaseException:  # noqa: BLE001 - the misbehaviour under test
            pass
        time.sleep(30)
        return []


class Sleeps(Kind):
    name = "sleeps"

    def check(self, report):  # type: ignore[no-untyped-def]
        time.sleep(30)
        return []


def _garbage(value: object) -> type[Kind]:
    class Garbage(Kind):
        name = "garbage"

        def check(self, report):  # type: ignore[no-untyped-def]
            return value

    return Garbage


GARBAGE = {
    "None": (None, "TypeError"),
    "an int": (42, "TypeError"),
    "strings": (["not a hit"], "不是 `Hit`"),
    "a finding instead of a hit": ([Finding("x", 1, 1, 1, 1, "X1", "x", "value", "error", "m")], "不是 `Hit`"),
    "message not a string": ([Hit(None, 42)], "`message` 不是字符串"),  # type: ignore[arg-type]
    "span a tuple": ([Hit((1, 1, 1, 2), "m")], "位置不是 `Span`"),  # type: ignore[arg-type]
    "span beyond the last line": ([Hit(Span(10**6, 1, 10**6, 2), "m")], "位置超出文件范围"),
    "span at line 0": ([Hit(Span(0, 1, 0, 2), "m")], "位置超出文件范围"),
    "span ending before it starts": ([Hit(Span(3, 5, 3, 2), "m")], "结束早于开始"),
    "span with float": ([Hit(Span(1.5, 1, 2, 1), "m")], "位置不是 `Span`"),  # type: ignore[arg-type]
    "fix not a Fix": ([Hit(Span(1, 1, 1, 2), "m", "replacement")], "`fix` 无效"),  # type: ignore[arg-type]
    "fix outside the file": ([Hit(Span(1, 1, 1, 2), "m", Fix("x", Span(999999, 1, 999999, 2)))], "位置超出文件范围"),
}


def test_rule_that_raises() -> None:
    _assert_contained(_linter(_rule(Raises)).lint_source(SEED_002), "KeyError: 'boom'")


def test_rule_that_raises_after_yielding() -> None:
    findings = _linter(_rule(RaisesHalfway)).lint_source(SEED_002)
    _assert_contained(findings, "ZeroDivisionError")
    assert not [f for f in findings if f.message == "first"]  # a failed rule's partial output is dropped


@pytest.mark.parametrize("value, fragment", GARBAGE.values(), ids=list(GARBAGE))
def test_rule_that_returns_garbage(value: object, fragment: str) -> None:
    _assert_contained(_linter(_rule(_garbage(value))).lint_source(SEED_002), fragment)


@needs_timer
def test_rule_that_loops_is_stopped() -> None:
    started = time.monotonic()
    findings = _linter(_rule(Loops)).lint_source(SEED_002)
    assert time.monotonic() - started < FAST + 2
    _assert_contained(findings, f"超过时限 {FAST:g} 秒")


@needs_timer
def test_rule_that_swallows_the_timeout_is_stopped_again() -> None:
    started = time.monotonic()
    findings = _linter(_rule(SwallowsTheFirstAlarm)).lint_source(SEED_002)
    assert time.monotonic() - started < FAST + budget.REPEAT + 2
    _assert_contained(findings, "超过时限")


@needs_timer
def test_catastrophic_regular_expression_in_a_rule_pack_is_stopped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "redos.yaml"
    pack.write_text(
        "rules:\n  - code: ZZ902\n    name: redos\n    category: wording\n    severity: warning\n"
        "    kind: pattern\n    summary: s\n    patterns:\n      '(a+)+$': null\n",
        encoding="utf-8",
    )
    ruleset = load_ruleset([str(pack)])
    text = seed_path("002").read_bytes() + b"a" * 64 + b"!\n"
    started = time.monotonic()
    findings = Linter(ruleset, Config(rule_timeout=FAST)).lint_source(from_bytes(text, "002.txt"))
    assert time.monotonic() - started < FAST + 2
    _assert_contained(findings, "超过时限", who=f"ZZ902（redos，来自 `{pack}` 第 2 行）")


@needs_timer
def test_each_failing_rule_is_reported_and_the_rest_run() -> None:
    linter = _linter(_rule(Raises, "ZZ901", "one"), _rule(Sleeps, "ZZ902", "two"), _rule(_garbage([1]), "ZZ903", "three"))
    findings = linter.lint_source(SEED_002)
    crashed = sorted(f.message.split("（")[0] for f in _crashes(findings))
    assert crashed == ["规则 ZZ901", "规则 ZZ902", "规则 ZZ903"]
    assert EXPECTED_002 <= {f.rule for f in findings}


def test_no_timeout_when_disabled() -> None:
    class Slowish(Kind):
        name = "slowish"

        def check(self, report):  # type: ignore[no-untyped-def]
            time.sleep(FAST * 2)
            return [Hit(None, "done")]

    findings = _linter(_rule(Slowish), rule_timeout=0).lint_source(SEED_002)
    assert not _crashes(findings)
    assert any(f.message == "done" for f in findings)


# --- plugin checks -----------------------------------------------------------------


def _plugin(check: object) -> Linter:
    return Linter(shared_ruleset(), Config(rule_timeout=FAST), extra_checks=[("my-plugin", check)])


def test_plugin_check_that_raises() -> None:
    def check(report):  # type: ignore[no-untyped-def]
        raise RuntimeError("plugin broke")

    _assert_contained(_plugin(check).lint_source(SEED_002), "`RuntimeError: plugin broke`", who="插件“my-plugin”")


def test_plugin_check_that_returns_garbage() -> None:
    _assert_contained(_plugin(lambda report: ["junk"]).lint_source(SEED_002), "无效的结果", who="插件“my-plugin”")


@needs_timer
def test_plugin_check_that_loops() -> None:
    def check(report):  # type: ignore[no-untyped-def]
        while True:
            pass

    _assert_contained(_plugin(check).lint_source(SEED_002), "超过时限", who="插件“my-plugin”")


# --- the reader ---------------------------------------------------------------------


def test_reader_crash_costs_that_file_only(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    real = pipeline.read_report

    def flaky(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "boom" in source.path:
            raise IndexError("reader bug")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read_report", flaky)
    (tmp_path / "a_boom.txt").write_bytes(seed_path("002").read_bytes())
    (tmp_path / "b_fine.txt").write_bytes(seed_path("002").read_bytes())
    linter = Linter(shared_ruleset(), Config())
    bad = linter.lint_path(tmp_path / "a_boom.txt")
    assert [(f.rule, f.category) for f in bad] == [("GIA009", "internal")]
    assert "IndexError: reader bug" in bad[0].message
    assert EXPECTED_002 <= {f.rule for f in linter.lint_path(tmp_path / "b_fine.txt")}


@needs_timer
def test_reader_past_its_budget_is_an_input_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(30)

    monkeypatch.setattr(pipeline, "read_report", slow)
    started = time.monotonic()
    findings = Linter(shared_ruleset(), Config(read_timeout=FAST)).lint_source(SEED_002)
    assert time.monotonic() - started < FAST + 2
    assert [f.rule for f in findings] == ["GIA003"]
    assert "`read-timeout`" in findings[0].message


def test_limits_are_configurable() -> None:
    text = (SHAPES / "clean2023_tab.txt").read_bytes()
    src = from_bytes(text, "r.txt")
    assert Linter(shared_ruleset(), Config()).lint_source(src) == []
    (f,) = Linter(shared_ruleset(), Config(max_lines=50)).lint_source(src)
    assert f.rule == "GIA003" and "`max-lines`" in f.message
    (f,) = Linter(shared_ruleset(), Config(max_cells=50)).lint_source(src)
    assert f.rule == "GIA003" and "`max-cells`" in f.message
    assert Linter(shared_ruleset(), Config(max_lines=0, max_cells=0)).lint_source(src) == []  # 0: no limit


# --- the time budget itself -----------------------------------------------------------


@needs_timer
def test_time_limit_restores_the_callers_timer_and_handler() -> None:
    fired: list[int] = []

    def outer(signum, frame):  # type: ignore[no-untyped-def]
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with budget.time_limit(5):
            pass
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < remaining <= 30
        assert signal.getsignal(signal.SIGALRM) is outer
        with pytest.raises(budget.OverBudget):
            with budget.time_limit(0.05):
                time.sleep(5)
        assert signal.getsignal(signal.SIGALRM) is outer
        assert 20 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
        assert fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@needs_timer
def test_time_limit_leaves_no_timer_behind() -> None:
    with budget.time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(budget.REPEAT * 2)  # no stray alarm fires later


def test_time_limit_is_a_no_op_off_the_main_thread() -> None:
    out: list[object] = []

    def work() -> None:
        out.append(budget.available())
        with budget.time_limit(0.01):
            time.sleep(0.05)
        out.append("finished")

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert out == [False, "finished"]


def test_over_budget_is_not_an_exception_a_rule_catches_by_accident() -> None:
    assert not issubclass(budget.OverBudget, Exception)

