"""Every rule's bad example triggers it and its good example does not.

Examples are substitutions on a shipped clean report (rules/examples/): the
``good`` snippet occurs in it exactly once and ``bad`` replaces it."""

from __future__ import annotations

import pytest

from gialint.load.decode import from_text
from gialint.testing import base_text, example_edits, substitute
from tests.helpers import all_rules_linter, shared_ruleset, shipped_metas

WITH_EXAMPLES = [m for m in shipped_metas() if m.kind != "engine"]


def codes(text: str) -> list[str]:
    return [f.rule for f in all_rules_linter().lint_source(from_text(text, "example.txt"))]


@pytest.mark.parametrize("base", ["clean2023", "clean2020"])
def test_bases_are_clean_under_every_rule(base: str) -> None:
    assert codes(base_text(base)) == []


@pytest.mark.parametrize("meta", WITH_EXAMPLES, ids=lambda m: f"{m.code}-{m.name}")
def test_bad_triggers_and_good_does_not(meta) -> None:  # type: ignore[no-untyped-def]
    assert meta.good is not None and meta.bad is not None, f"{meta.code} needs good and bad examples"
    base = base_text(meta.base)
    assert meta.code not in codes(base)
    bad = substitute(base, example_edits(meta.good, meta.bad), meta.code)
    assert meta.code in codes(bad)


def test_every_engine_rule_is_input_or_internal() -> None:
    for r in shared_ruleset().rules:
        if r.meta.kind == "engine":
            assert r.meta.category in ("input", "internal", "meta"), r.meta.code
