"""The series rules' loop: a report's :class:`~gialint.model.series.Entry`
and its agency's :class:`~gialint.model.series.History` in, findings out.
Pure, like the single-report loop: which reports form a history is decided
by the caller (``gialint.run.series``).  A rule that raises or loops becomes
an ``internal`` finding naming it, and the others still run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gialint.linting.hits import code_text, error_text, invalid_hit, ref
from gialint.util.budget import Budgets, OverBudget

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.model.series import Entry, History

# (``linter`` below is a gialint.linting.engine.Linter, which imports this
# module: typed Any so the two modules stay free of a cycle.)
Linter = Any


def series_rules(linter: Linter) -> list:  # type: ignore[type-arg]
    """The rules of ``linter``'s rule set whose kind compares years."""
    return [r for r in linter.ruleset.rules if getattr(r.check, "series", False)]


def lint_series(linter: Linter, entry: Entry, history: History) -> list[Finding]:
    """The findings of the enabled series rules for ``entry`` (unsorted,
    before suppression comments)."""
    if not history:
        return []
    path = entry.path
    codes = linter.codes_for(path)
    out: list[Finding] = []
    with Budgets() as budgets:
        for rule in series_rules(linter):
            if rule.meta.code not in codes:
                continue
            try:
                with budgets.limit(linter.config.rule_timeout):
                    hits = list(rule.check.check_series(entry, history))
            except OverBudget as exc:
                out.append(linter._crash(path, f"规则 {ref(rule.meta)}运行{exc}，已中止"))
                continue
            except Exception as exc:  # noqa: BLE001 - contained, reported, run goes on
                out.append(linter._crash(path, f"规则 {ref(rule.meta)}运行出错：{error_text(exc)}"))
                continue
            for hit in hits:
                problem = invalid_hit(hit, entry.lines)
                if problem:
                    out.append(linter._crash(path, f"规则 {ref(rule.meta)}返回了无效的结果（{problem}）：{code_text(repr(hit))}"))
                    break
                out.append(linter.finding(rule.meta.code, path, hit.span, hit.message, hit.fix))
    return out


def history_keys(linter: Any) -> list[str]:
    """The cells older years must give, for the series rules of ``linter``
    (sorted; worked out once per linter: a run asks for every file)."""
    keys = getattr(linter, "_history_keys", None)
    if keys is None:
        keys = linter._history_keys = sorted(set().union(*(r.check.history_keys() for r in series_rules(linter))))
    return keys
