"""The core packs' YAML pass/fail cases (tests/rules/*.yaml), run through the
same kit rule authors use (gialint.testing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gialint.testing import load_cases, run_case
from tests.helpers import TESTS as _TESTS
from tests.helpers import all_rules_linter, shared_ruleset

CASE_DIR = _TESTS / "rules"
CASES = [c for p in sorted(CASE_DIR.glob("*.yaml")) for c in load_cases(p)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{Path(c.origin).stem}:{c.line}:{c.name}")
def test_case(case) -> None:  # type: ignore[no-untyped-def]
    result = run_case(case, all_rules_linter())
    assert result.ok, result.describe()


def test_every_rule_has_a_failing_case() -> None:
    covered = {rule for c in CASES for rule, _ in c.expect}
    missing = [r.meta.code for r in shared_ruleset().rules if r.meta.kind != "engine" and r.meta.code not in covered]
    assert missing == []


def test_every_rule_has_a_passing_case() -> None:
    clean = {rule for c in CASES if not c.expect for rule in (c.only or [])}
    missing = [r.meta.code for r in shared_ruleset().rules if r.meta.kind != "engine" and r.meta.code not in clean]
    assert missing == []
