"""Rules ready to run: each rule's metadata with an instance of its kind
(:func:`build_rules`), and the :class:`RuleSet` of a run with its templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from gialint.model.template import Template
from gialint.rules.spec import RuleMeta
from gialint.util.suggest import did_you_mean
from gialint.util.yamlfile import YamlError

if TYPE_CHECKING:
    from gialint.rules.kinds.base import Kind, LoadContext


@dataclass
class RuleSet:
    """Every known rule (for ``rules`` and ``explain``) and the templates."""

    rules: list[Rule]
    templates: Mapping[str, Template]
    load_errors: list[str] = field(default_factory=list)
    # Computes the hash of what the rule set was built from
    # (gialint/resultcache.py), only if the result cache asks for it; None
    # for a rule set put together by hand, which then is never cached.
    fingerprint_of: Callable[[], str] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def fingerprint(self) -> str:
        return self.fingerprint_of() if self.fingerprint_of is not None else ""

    @property
    def metas(self) -> list[RuleMeta]:
        return [r.meta for r in self.rules]

    def meta(self, code: str) -> RuleMeta | None:
        return next((r.meta for r in self.rules if r.meta.code == code), None)

    def find(self, ref: str) -> RuleMeta | None:
        return next((r.meta for r in self.rules if ref in (r.meta.code, r.meta.name)), None)


@dataclass
class Rule:
    """A rule ready to run: its metadata and its kind instance."""

    meta: RuleMeta
    check: Kind

    @property
    def code(self) -> str:
        return self.meta.code


def build_rules(metas: Iterable[RuleMeta], kinds: Mapping[str, type[Kind]], ctx: LoadContext) -> list[Rule]:
    """Instantiate each rule's kind (validating its options) and check that
    codes and names are unique."""
    rules: list[Rule] = []
    codes: dict[str, RuleMeta] = {}
    names: dict[str, RuleMeta] = {}
    for meta in metas:
        for key, seen in ((meta.code, codes), (meta.name, names)):
            if key in seen:
                other = seen[key]
                raise YamlError(meta.origin, meta.line, f"规则 {key!r} 重复（已在 {other.origin}:{other.line} 定义）")
            seen[key] = meta
        kind = kinds.get(meta.kind)
        if kind is None:
            raise YamlError(meta.origin, meta.line, f"规则 {meta.code} 使用了未知的 kind {meta.kind!r}{did_you_mean(meta.kind, kinds)}")
        try:
            rules.append(Rule(meta, kind(meta, ctx)))
        except YamlError:
            raise
        except ValueError as exc:
            raise YamlError(meta.origin, meta.line, f"规则 {meta.code}（{meta.name}）：{exc}") from None
    return rules
