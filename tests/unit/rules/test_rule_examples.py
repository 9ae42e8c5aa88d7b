"""Every rule's bad example triggers it and its good example does not.

Examples are substitutions on a shipped clean report (rules/examples/): the
``good`` snippet occurs in it exactly once and ``bad`` replaces it."""

from __future__ import annotations

import pytest

from gialint.load.decode import from_text
from gialint.testing import SHIPPED_BASES, base_text, example_edits, example_history, substitute
from tests.helpers import all_rules_linter, shared_ruleset, shipped_metas

WITH_EXAMPLES = [m for m in shipped_metas() if m.kind != "engine"]


def codes(text: str, history=None) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rule for f in all_rules_linter().lint_source(from_text(text, "example.txt"), history=history)]


@pytest.mark.parametrize("base", SHIPPED_BASES)
def test_bases_are_clean_under_every_rule(base: str) -> None:
    assert codes(base_text(base)) == []


def test_consecutive_bases_are_clean_across_years() -> None:
    # The examples of the series rules compare clean2023 with clean2022 and
    # clean2020 with clean2019: the pairs themselves break no rule.
    from gialint.testing import build_history

    for later, earlier in (("clean2023", "clean2022"), ("clean2020", "clean2019")):
        history = build_history(all_rules_linter(), [earlier])
        assert history is not None and history.previous(int(later[-4:])) is not None
        assert codes(base_text(later), history) == []


@pytest.mark.parametrize("meta", WITH_EXAMPLES, ids=lambda m: f"{m.code}-{m.name}")
def test_bad_triggers_and_good_does_not(meta) -> None:  # type: ignore[no-untyped-def]
    assert meta.good is not None and meta.bad is not None, f"{meta.code} needs good and bad examples"
    base = base_text(meta.base)
    history = shared_history(meta)  # the earlier reports of a series rule
    assert meta.code not in codes(base, history)
    bad = substitute(base, example_edits(meta.good, meta.bad), meta.code)
    assert meta.code in codes(bad, history)


def shared_history(meta):  # type: ignore[no-untyped-def]
    history = example_history(meta, all_rules_linter())
    if meta.kind.startswith("series-"):
        assert history is not None, f"{meta.code}: a series rule's examples need history: (the earlier reports)"
    return history


def test_every_engine_rule_is_input_or_internal() -> None:
    for r in shared_ruleset().rules:
        if r.meta.kind == "engine":
            assert r.meta.category in ("input", "internal", "meta"), r.meta.code
