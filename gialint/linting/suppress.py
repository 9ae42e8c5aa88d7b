"""Suppression comments in Markdown reports.

HTML comments are invisible when a Markdown report is rendered, so they can
carry directives::

    <!-- gialint-disable-next-line GIA201 row-label -->
    <!-- gialint-disable GIA7 -->  …  <!-- gialint-enable -->
    <!-- gialint-disable-file -->

Each directive names rules by code, name, prefix, group or category (the same
references as the configuration); none means every rule.  A directive must be
alone on its line.  ``disable-next-line`` applies to the next non-blank line;
``disable`` runs to the matching ``enable`` (or the end of the file).

A directive that silences nothing is reported (GIA010), as is one that is
malformed or names an unknown rule (GIA011).  Plain-text reports have no
comment syntax: use ``per-file-ignores`` or a baseline instead."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from gialint.config.select import resolve
from gialint.model.findings import BAD_SUPPRESSION_CODE, UNUSED_SUPPRESSION_CODE
from gialint.model.span import Span
from gialint.util.normalize import visible
from gialint.util.suggest import closest

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.model.source import Source

UNUSED = UNUSED_SUPPRESSION_CODE
BAD = BAD_SUPPRESSION_CODE
ACTIONS = ("disable-next-line", "disable-file", "disable", "enable")
_COMMENT = re.compile(r"^(\s*)<!--\s*(gialint-[\w-]*)(.*?)-->\s*$")


@dataclass
class Directive:
    action: str
    refs: list[str]
    codes: set[str] | None  # None: every rule
    span: Span
    start: int = 0  # first line it covers
    end: int = 0  # last line it covers
    ends: dict[str, int] = field(default_factory=dict)  # codes an `enable CODE` ended earlier
    used: set[str] = field(default_factory=set)

    def covers(self, rule: str, line: int) -> bool:
        return (self.codes is None or rule in self.codes) and self.start <= line <= self.ends.get(rule, self.end)


def _parse(source: Source, known: dict[str, set[str]], metas: list, bad: list[tuple[Span, str]]) -> list[Directive]:  # type: ignore[type-arg]
    out: list[Directive] = []
    lines = source.text.split("\n")
    words = [w for m in metas for w in (m.code, m.name)]
    for i, line in enumerate(lines, 1):
        if "gialint-" not in line:
            continue
        m = _COMMENT.match(line)
        if m is None:
            continue
        span = Span(i, len(m.group(1)) + 1, i, len(line.rstrip()) + 1)
        action = m.group(2)[len("gialint-"):]
        if action not in ACTIONS:
            best = closest(action, ACTIONS)
            hint = f"（是否应为“gialint-{best}”？）" if best else ""
            bad.append((span, f"未知的抑制指令“gialint-{visible(action)}”{hint}；可用的指令：{'、'.join(f'“gialint-{a}”' for a in ACTIONS)}"))
            continue
        refs = [r for r in re.split(r"[\s,，]+", m.group(3).strip()) if r]
        codes: set[str] | None = None
        if refs:
            codes = set()
            for ref in refs:
                hit = known.get(ref)
                if hit is None:
                    hit = known[ref] = {x.code for x in resolve(ref, metas)}
                if not hit:
                    best = closest(ref, words)
                    hint = f"（是否应为“{best}”？）" if best else ""
                    bad.append((span, f"抑制注释引用了未知的规则“{visible(ref)}”{hint}"))
                codes |= hit
        d = Directive(action, refs, codes, span)
        if action == "disable-next-line":
            d.start = d.end = next((j for j in range(i + 1, len(lines) + 1) if lines[j - 1].strip()), i + 1)
        elif action == "disable-file":
            d.start, d.end = 1, len(lines)
        elif action == "disable":
            d.start, d.end = i, len(lines)
        out.append(d)
    _close_ranges(out)
    return [d for d in out if d.action != "enable"]


def _close_ranges(directives: list[Directive]) -> None:
    """``enable`` ends the open ``disable`` ranges (without rules: all of
    them; with rules: those rules only, the others stay disabled)."""
    open_: list[Directive] = []
    for d in directives:
        if d.action == "disable":
            open_.append(d)
        elif d.action == "enable":
            line = d.span.line
            for o in list(open_):
                if d.codes is None:
                    o.end = line
                    open_.remove(o)
                    continue
                for code in d.codes if o.codes is None else d.codes & o.codes:
                    o.ends.setdefault(code, line)
                if o.codes is not None and o.codes <= set(o.ends):
                    open_.remove(o)


class _Linter(Protocol):
    """What suppression needs of the linter (:class:`~gialint.linting.engine.Linter`)."""

    ruleset: Any

    def codes_for(self, path: str) -> set[str]: ...

    def finding(self, code: str, path: str, span: Span | None, message: str) -> Finding: ...


def apply(linter: _Linter, source: Source, findings: list[Finding]) -> list[Finding]:
    """Drop the findings the file's directives silence; report the directives
    that silence nothing or cannot be understood."""
    if "gialint-" not in source.text:
        return findings
    metas = linter.ruleset.metas
    bad: list[tuple[Span, str]] = []
    directives = _parse(source, {}, metas, bad)
    kept: list[Finding] = []
    for f in findings:
        hit = None
        if f.rule not in (UNUSED, BAD):
            hit = next((d for d in directives if d.covers(f.rule, f.line)), None)
        if hit is None:
            kept.append(f)
        else:
            hit.used.add(f.rule)
    path = source.path
    enabled = linter.codes_for(path)
    if BAD in enabled:
        kept.extend(linter.finding(BAD, path, span, msg) for span, msg in bad)
    if UNUSED in enabled:
        for d in directives:
            if d.used:
                if d.codes is None:
                    continue
                idle = [r for r in d.refs if not (set(x.code for x in resolve(r, metas)) & d.used) and set(x.code for x in resolve(r, metas)) & enabled]
            else:
                idle = [r for r in d.refs if {x.code for x in resolve(r, metas)} & enabled] if d.refs else [""]
            if idle:
                named = "、".join(f"“{visible(r)}”" for r in idle if r)  # "": a directive for every rule
                if d.used:  # some of its rules silenced something
                    message = f"抑制注释“gialint-{d.action}”中的{named}没有屏蔽任何问题，可从注释中删除"
                else:
                    message = f"抑制注释“gialint-{d.action}”没有屏蔽任何问题{f'（{named}）' if named else ''}，可删除"
                kept.append(linter.finding(UNUSED, path, d.span, message))
    kept.sort(key=lambda f: f.sort_key())
    return kept
