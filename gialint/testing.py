"""The rule authoring kit: run a rule pack's YAML pass/fail cases.

A case file looks like::

    cases:
      - name: misnamed row 6
        base: clean2023            # a shipped example, or a path relative to the case file
        replace: {"\\t\\t6.属于四类过程性信息\\t": "\\t\\t6.属于四类内部事务信息\\t"}
        only: [GIA201]             # optional: compare only these rules' findings
        expect: [{rule: GIA201, line: 60}]

Each ``replace`` key must occur in the base exactly once (so a case cannot
silently stop testing anything when the base changes).  The core packs are
tested with this same kit (tests/test_rule_cases.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from gialint.config.model import Config
from gialint.linting.engine import Linter
from gialint.load.decode import from_text
from gialint.model.findings import Finding
from gialint.plugins.assemble import load_ruleset
from gialint.rules.ruleset import RuleSet
from gialint.util.yamlfile import YamlError, line_of
from gialint.util.yamlfile import load as load_yaml

SHIPPED_BASES = ("clean2023", "clean2020", "clean2022", "clean2019")


def base_text(name: str, relative_to: Path | None = None) -> str:
    """The text of a shipped example report, or of a file next to the case file."""
    if name in SHIPPED_BASES:
        from gialint.util.resources import data_dir

        return data_dir("rules").joinpath("examples", f"{name}.txt").read_text(encoding="utf-8")
    path = Path(name) if relative_to is None else relative_to / name
    return path.read_text(encoding="utf-8")


def substitute(text: str, replace: dict[str, str], where: str = "") -> str:
    """Apply ``old → new`` edits simultaneously, each ``old`` occurring
    exactly once (so two headings can be swapped)."""
    marks = {}
    for i, (old, new) in enumerate(replace.items()):
        n = text.count(old)
        if n != 1:
            raise ValueError(f"{where}: {old!r} 在基准报告中出现 {n} 次（应恰好 1 次）")
        mark = f"\x00{i}\x00"
        text = text.replace(old, mark)
        marks[mark] = new
    for mark, new in marks.items():
        text = text.replace(mark, new)
    return text


def example_edits(good: str | list[str], bad: str | list[str]) -> dict[str, str]:
    """A rule's good → bad example as edits (each may be a list of snippets)."""
    goods = good if isinstance(good, list) else [good]
    bads = bad if isinstance(bad, list) else [bad]
    if len(goods) != len(bads):
        raise ValueError("good 与 bad 的片段数不同")
    return dict(zip(goods, bads))


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def shift_years(text: str, year: int) -> str:
    """A report moved to ``year``: its data year (the title's) and the year
    after it (the publication date's) moved by the same amount, everywhere."""
    m = _YEAR.search(text)
    if m is None:
        return text
    delta = year - int(m.group(1))
    base = int(m.group(1))
    return _YEAR.sub(lambda x: str(int(x.group(1)) + delta) if int(x.group(1)) in (base, base + 1) else x.group(1), text)


def history_texts(items: Iterable[Any], relative_to: Path | None = None) -> list[tuple[str, str]]:
    """``(name, text)`` of each earlier report: an example base by name, or
    ``{base: NAME, year: YEAR}`` for that base moved to another year."""
    out = []
    for item in items:
        if isinstance(item, dict):
            name = str(item["base"])
            text = base_text(name, relative_to)
            if "year" in item:
                text = shift_years(text, int(item["year"]))
                name = f"{name}@{item['year']}"
        else:
            name = str(item)
            text = base_text(name, relative_to)
        out.append((name, text))
    return out


def build_history(linter: Linter, items: Iterable[Any], relative_to: Path | None = None) -> History | None:
    """The :class:`~gialint.model.series.History` of the given earlier
    reports (``None`` when there are none), each read as ``<NAME>.txt``."""
    from gialint.model.series import History

    entries = []
    for name, text in history_texts(items, relative_to):
        checked = linter.check_source(from_text(text, f"<{name}>.txt"), want_entry=True)
        if checked.entry is not None:
            entries.append(checked.entry)
    if not entries:
        return None
    entries.sort(key=lambda e: e.year or 0)
    return History(tuple(entries))


@dataclass
class Case:
    name: str
    text: str
    expect: list[tuple[str, int | None]]
    only: list[str] | None
    origin: str
    line: int | None = None
    history: tuple[Any, ...] = ()
    folder: Path | None = None


@dataclass
class CaseResult:
    case: Case
    ok: bool
    got: list[tuple[str, int]]
    findings: list[Finding] = field(default_factory=list)

    def describe(self) -> str:
        want = ", ".join(f"{r}@{ln}" if ln else r for r, ln in self.case.expect) or "无"
        got = ", ".join(f"{r}@{ln}" for r, ln in self.got) or "无"
        return f"{self.case.origin}:{self.case.line} {self.case.name}: 期望 [{want}]，实际 [{got}]"


def load_cases(path: str | Path) -> list[Case]:
    path = Path(path)
    doc = load_yaml(path.read_text(encoding="utf-8"), str(path))
    items: Any = doc.get("cases") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise YamlError(str(path), line_of(doc), "用例文件应含 cases: 列表")
    cases = []
    for item in items:
        where = f"{path}:{line_of(item)}"
        if not isinstance(item, dict) or "expect" not in item:
            raise YamlError(str(path), line_of(item), "每个用例需要 expect:（可为空列表）")
        text = base_text(str(item.get("base", "clean2023")), path.parent)
        text = substitute(text, {str(k): str(v) for k, v in (item.get("replace") or {}).items()}, where)
        expect = [(str(e["rule"]), e.get("line")) for e in item["expect"]]
        only = [str(x) for x in item["only"]] if item.get("only") else None
        history = tuple(item.get("history") or ())
        cases.append(Case(str(item.get("name", where)), text, expect, only, str(path), line_of(item), history, path.parent))
    return cases


def run_case(case: Case, linter: Linter) -> CaseResult:
    history = build_history(linter, case.history, case.folder) if case.history else None
    findings = linter.lint_source(from_text(case.text, f"<{case.name}>"), history=history)
    rules = set(case.only) if case.only else None
    got = sorted((f.rule, f.line) for f in findings if rules is None or f.rule in rules)
    want_rules = sorted(r for r, _ in case.expect)
    ok = sorted(r for r, _ in got) == want_rules and all(
        ln is None or (rule, ln) in got for rule, ln in case.expect
    )
    return CaseResult(case, ok, got, findings)


def run_cases(paths: Iterable[str | Path], ruleset: RuleSet | None = None, config: Config | None = None) -> list[CaseResult]:
    """Run every case of the given files with every rule enabled (soft ones too)."""
    ruleset = ruleset or load_ruleset()
    linter = Linter(ruleset, config or Config(select=["all"]))
    return [run_case(c, linter) for p in paths for c in load_cases(p)]


# -- examples of any pack, plugins' included (``gialint test-rules``) ---------

from typing import TYPE_CHECKING  # noqa: E402 - this section's own needs

if TYPE_CHECKING:
    from gialint.model.series import History
    from gialint.rules.spec import RuleMeta


def example_base(meta: RuleMeta) -> str:
    """The report a rule's examples apply to: a shipped one (``clean2023``,
    ``clean2020``) or a file relative to the rule's pack file."""
    if meta.base in SHIPPED_BASES:
        return base_text(meta.base)
    origin = Path(meta.origin)
    return base_text(meta.base, origin.parent if origin.is_file() else None)


@dataclass
class ExampleResult:
    meta: RuleMeta
    ok: bool
    problem: str = ""

    def describe(self) -> str:
        where = f"{self.meta.origin}:{self.meta.line}" if self.meta.line else self.meta.origin
        state = "示例正确" if self.ok else self.problem
        return f"{where} {self.meta.code}（{self.meta.name}）：{state}"


def check_example(meta: RuleMeta, linter: Linter) -> ExampleResult:
    """The rule's bad example triggers it and its good example does not: the
    base report (which holds the good snippet once) is clean of the rule, and
    with the good snippet replaced by the bad one it fires.  ``linter`` must
    run every rule (``Config(select=["all"])``) and the plugins' checks."""
    if meta.good is None or meta.bad is None:
        return ExampleResult(meta, False, "缺少 good 或 bad 示例")
    try:
        base = example_base(meta)
        bad = substitute(base, example_edits(meta.good, meta.bad), meta.code)
    except (OSError, ValueError) as exc:
        return ExampleResult(meta, False, f"示例无法应用：{exc}")
    try:
        history = example_history(meta, linter)
    except (OSError, ValueError) as exc:
        return ExampleResult(meta, False, f"history 无法读取：{exc}")
    if meta.code in _codes(linter, base, "good", history):
        return ExampleResult(meta, False, f"good 示例（基准报告 {meta.base}）触发了该规则")
    if meta.code not in _codes(linter, bad, "bad", history):
        return ExampleResult(meta, False, "bad 示例没有触发该规则")
    return ExampleResult(meta, True)


def example_history(meta: RuleMeta, linter: Linter) -> History | None:
    """The earlier reports a series rule's examples are compared with."""
    if not meta.history:
        return None
    origin = Path(meta.origin)
    return build_history(linter, meta.history, origin.parent if origin.is_file() else None)


def _codes(linter: Linter, text: str, name: str, history: History | None = None) -> set[str]:
    return {f.rule for f in linter.lint_source(from_text(text, f"<{name}>"), history=history)}


def run_case_files(paths: Iterable[str | Path], linter: Linter) -> list[CaseResult]:
    """Run the cases of the given files (or of every ``*.yaml`` under a
    directory) with ``linter`` — one prepared with the plugins' checks."""
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.rglob("*.yaml")) if p.is_dir() else [p])
    return [run_case(c, linter) for f in files for c in load_cases(f)]
