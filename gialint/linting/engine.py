"""The linter core: a report and a set of rules in, findings out.

:func:`lint_source` is a pure function of its inputs; the CLI, the pre-commit
hook and the test kit all call it.  A rule that raises, or yields something
that is not a hit, becomes an ``internal`` finding naming it, and the other
rules' findings on the same file are still reported."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Mapping

from gialint.config.model import Config
from gialint.config.select import enabled_codes, severities
from gialint.load.loader import ReaderFailed, load_source
from gialint.linting.hits import code_text as _code, error_text as _error, extra_of, invalid_hit as _invalid_hit, localize, ref as _ref
from gialint.linting.relocate import relocate
from gialint.linting.script import in_report_script
from gialint.model.findings import CRASH_CODE, INPUT_CODES, Finding
from gialint.model.report import Report
from gialint.model.source import Source, SourceError
from gialint.model.span import Span
from gialint.rules.ruleset import RuleSet
from gialint.util.budget import Budgets, OverBudget, time_limit
from gialint.util.normalize import visible

if TYPE_CHECKING:
    from gialint.load.readers import Reader
    from gialint.model.series import Entry, History


@dataclass(frozen=True)
class Checked:
    """What :meth:`Linter.check_source` found: the findings before
    suppression; the report as a series entry, when asked for; ``report``
    false for a file that is not a report (its findings are final)."""

    findings: list[Finding]
    entry: Entry | None = None
    report: bool = False
    skipped: str | None = None  # why a file found in a directory is passed over (not a report, empty)
    bound: Report | None = field(default=None, compare=False)  # the bound report, when asked for (never cached)


@dataclass
class Linter:
    """A rule set prepared for one configuration."""

    ruleset: RuleSet
    config: Config = field(default_factory=Config)
    extra_checks: list[tuple[str, object]] = field(default_factory=list)  # (plugin name, whole-report check)
    readers: Mapping[str, Reader] = field(default_factory=dict)  # suffix → reader (plugins' input formats)

    def __post_init__(self) -> None:
        metas = self.ruleset.metas
        self.enabled = enabled_codes(self.config, metas)
        self.severity = severities(self.config, metas)
        self._metas = {m.code: m for m in metas}

    def codes_for(self, path: str) -> set[str]:
        if not self.config.per_file_ignores:
            return self.enabled
        return enabled_codes(self.config, self.ruleset.metas, path)

    def finding(self, code: str, path: str, span: Span | None, message: str, fix=None, extra=None) -> Finding:  # type: ignore[no-untyped-def]
        meta = self._metas.get(code)
        span = span or Span(1, 1, 1, 1)
        return Finding(
            path,
            span.line,
            span.column,
            span.end_line,
            span.end_column,
            code,
            meta.name if meta else code.lower(),
            meta.category if meta else "internal",
            self.severity.get(code, meta.severity if meta else "error"),
            message,
            fix,
            extra or {},
        )

    # -- entry points -------------------------------------------------------

    def load(self, path: str | os.PathLike[str], explicit: bool = True) -> Source | list[Finding]:
        """Read one file through the one load path
        (:func:`~gialint.load.loader.load_source`, with the plugins'
        readers): its :class:`Source`, or the ``input`` findings that say why
        it cannot be read."""
        p = str(path)
        try:
            return load_source(p, self.readers, self.config.max_bytes, self.config.read_timeout)
        except SourceError as exc:
            found = self._input(p, exc.code, exc.reason)
            if not found and explicit and exc.code == "unreadable":
                # A path named on the command line that cannot be read (missing,
                # a FIFO…) is never passed over in silence, even when --select
                # leaves GIA004 out: only ignoring it explicitly does.
                code = INPUT_CODES["unreadable"]
                if code in enabled_codes(replace(self.config, select=["all"], extend_select=[]), self.ruleset.metas, p):
                    found = [self.finding(code, p, None, exc.reason)]
            return found
        except OverBudget as exc:
            return self._input(p, "too-slow", f"读取文件{exc}（配置项 `read-timeout`）")
        except ReaderFailed as exc:
            r = exc.reader
            return [self._crash(p, f"插件“{visible(r.plugin)}”的读取器“{visible(r.name)}”读取文件时出错：{_error(exc)}")]

    def load_text(self, text: str, path: str) -> Source | list[Finding]:
        """An editor's buffer as :meth:`load` reads a file: a :class:`Source`, or
        the ``input`` findings (over ``max_bytes``, NUL characters, unpaired surrogates)."""
        from gialint.load.decode import from_bytes

        try:
            data = text.encode("utf-8")
            if self.config.max_bytes and len(data) > self.config.max_bytes:
                return self._input(path, "too-large", f"文件大小 {len(data)} 字节，超过上限 {self.config.max_bytes} 字节（可用 `--max-bytes` 或配置项 `max-bytes` 调整）")
            return from_bytes(data, path)
        except UnicodeEncodeError as exc:
            return self._input(path, "undecodable", f"文本含有无法编码的字符（第 {exc.start + 1} 个字符[U+{ord(text[exc.start]):04X}]）")
        except SourceError as exc:
            return self._input(path, exc.code, exc.reason)

    def lint_path(self, path: str | os.PathLike[str], explicit: bool = True, history: History | None = None) -> list[Finding]:
        """Read and lint one file; unreadable input becomes an ``input`` finding."""
        loaded = self.load(path, explicit)
        return loaded if isinstance(loaded, list) else self.lint_source(loaded, explicit, history)

    def lint_source(self, source: Source, explicit: bool = True, history: History | None = None, *, skipped: list[str] | None = None) -> list[Finding]:
        """The findings of one report: every rule on the report, the series
        rules against ``history`` (the earlier reports of its agency, when
        the caller found any), then the suppression comments.  A file found
        by walking a directory (not ``explicit``) that is empty or not a
        report is passed over: no finding, and the reason appended to
        ``skipped`` if given."""
        checked = self.check_source(source, explicit, want_entry=bool(history))
        if checked.skipped is not None and skipped is not None:
            skipped.append(checked.skipped)
        found = checked.findings
        if history and checked.entry is not None:
            found = found + relocate(source, self.lint_series(checked.entry, history))
        return self.finish(source, checked, found)

    def check_source(self, source: Source, explicit: bool = True, want_entry: bool = False, want_report: bool = False) -> Checked:
        """The single-report findings of ``source`` before suppression
        comments are applied (:meth:`finish`); with ``want_entry`` the report
        as a series :class:`~gialint.model.series.Entry`, with ``want_report``
        the bound :class:`Report` (for a formatter's view)."""
        if isinstance(report := self._bind(source, explicit), Checked):
            return report
        entry = None
        if want_entry:
            from gialint.bind.entry import digest_of, entry_of

            entry = entry_of(report, digest_of(source.raw or source.text))
        found = relocate(source, self.lint_report(report))  # located before cached or spilled
        return Checked(found, entry, True, bound=report if want_report else None)

    def read(self, source: Source, explicit: bool = True) -> Report | None:
        """``source`` bound as :meth:`check_source` does, not checked; ``None`` if it is no report."""
        return None if isinstance(report := self._bind(source, explicit), Checked) else report

    def _bind(self, source: Source, explicit: bool) -> Report | Checked:
        """The bound report, or what :meth:`check_source` says of a file that is none."""
        from gialint.bind.read import is_report, read_report

        path = source.path
        if not source.text.strip():
            # In a walked directory an empty file is skipped, like any non-report.
            if explicit:
                return Checked(self._input(path, "empty", "文件为空"))
            return Checked([], skipped="空文件")
        too_big = self._over_limits(source)
        if too_big:
            return Checked(self._input(path, "too-large", too_big))
        try:
            with time_limit(self.config.read_timeout):
                report = read_report(source, self.ruleset.templates)
        except OverBudget as exc:
            return Checked(self._input(path, "too-slow", f"读取和解析{exc}（配置项 `read-timeout`），文件过大或结构异常"))
        except Exception as exc:  # noqa: BLE001 - the reader must never take the run down
            return Checked([self.finding(CRASH_CODE, path, None, f"解析报告时出错：{_error(exc)}")])
        if not is_report(report):
            if explicit:
                return Checked(self._input(path, "not-a-report", "未找到年度报告的六个部分或任何官方表格，文件不像政府信息公开工作年度报告"))
            return Checked([], skipped="不像年度报告的文件")
        return report

    def lint_series(self, entry: Entry, history: History) -> list[Finding]:
        """The series rules' findings for ``entry`` against its agency's
        earlier reports (:mod:`gialint.linting.series`)."""
        from gialint.linting.series import lint_series

        return lint_series(self, entry, history)

    def finish(self, source: Source, checked: Checked, findings: list[Finding] | None = None) -> list[Finding]:
        """``findings`` (default: ``checked``'s) with the file's suppression
        comments applied, sorted; input findings are final as they are."""
        found = checked.findings if findings is None else findings
        if not checked.report:
            return found
        from gialint.linting.suppress import apply as apply_suppressions

        out = apply_suppressions(self, source, found)
        if out is found and len(found) != len(checked.findings):
            out = sorted(found, key=Finding.sort_key)
        return out

    def lint_report(self, report: Report) -> list[Finding]:
        path = report.path
        codes = self.codes_for(path)
        out: list[Finding] = []
        arithmetic: list[tuple[Finding, tuple[str, ...]]] = []
        with Budgets() as budgets:
            for rule in self.ruleset.rules:
                if rule.meta.code not in codes or getattr(rule.check, "series", False):
                    continue  # (series rules run in lint_series)
                try:
                    # A rule that loops is stopped (gialint/budget.py) and
                    # reported like one that raises.
                    with budgets.limit(self.config.rule_timeout):
                        hits = list(rule.check.check(report))
                except OverBudget as exc:
                    out.append(self._crash(path, f"规则 {_ref(rule.meta)}运行{exc}，已中止"))
                    continue
                except Exception as exc:  # noqa: BLE001 - contained, reported, run goes on
                    out.append(self._crash(path, f"规则 {_ref(rule.meta)}运行出错：{_error(exc)}"))
                    continue
                self._collect(rule, path, report, hits, out, arithmetic)
        for name, check in self.extra_checks:
            for f in self._plugin_check(name, check, report):
                # A plugin's finding under a declared code obeys selection and severity overrides.
                if f.rule in self._metas and f.rule != CRASH_CODE and f.rule not in codes:
                    continue
                severity = self.severity.get(f.rule, f.severity)
                out.append(f if severity == f.severity else f.with_severity(severity))
        out = in_report_script(report, localize(report, out, arithmetic))  # (traditional: in its own script)
        out.sort(key=Finding.sort_key)
        return out

    # -- helpers ------------------------------------------------------------

    def _collect(self, rule, path: str, report: Report, hits: list, out: list[Finding], arithmetic: list) -> None:  # type: ignore[no-untyped-def]
        for hit in hits:
            problem = _invalid_hit(hit, report.document.source.line_count)
            if problem:
                out.append(self._crash(path, f"规则 {_ref(rule.meta)}返回了无效的结果（{problem}）：{_code(repr(hit))}"))
                break
            f = self.finding(rule.meta.code, path, hit.span, hit.message, hit.fix, extra_of(hit))
            out.append(f)
            if hit.cells:
                arithmetic.append((f, hit.cells))

    def _input(self, path: str, reason_code: str, reason: str) -> list[Finding]:
        code = INPUT_CODES.get(reason_code, "GIA001")
        if code not in self.codes_for(path):
            return []
        return [self.finding(code, path, None, reason)]

    def _crash(self, path: str, message: str) -> Finding:
        return self.finding(CRASH_CODE, path, None, message)

    def _over_limits(self, source: Source) -> str | None:
        return over_limits(source, self.config)

    def _plugin_check(self, name: str, check, report: Report) -> list[Finding]:  # type: ignore[no-untyped-def]
        try:
            with time_limit(self.config.rule_timeout):
                results = list(check(report) or ())
        except OverBudget as exc:
            return [self._crash(report.path, f"插件“{visible(name)}”的检查运行{exc}，已中止")]
        except Exception as exc:  # noqa: BLE001
            return [self._crash(report.path, f"插件“{visible(name)}”的检查运行出错：{_error(exc)}")]
        out = []
        for item in results:
            if isinstance(item, Finding):
                out.append(item)
            else:
                out.append(self._crash(report.path, f"插件“{visible(name)}”返回了无效的结果：{_code(repr(item))}"))
                break
        return out


def over_limits(source: Source, config: Config) -> str | None:
    """Why ``source`` is too big to parse in bounded time and memory
    (parsing costs per line and per table cell), or ``None``."""
    lines, max_lines = source.line_count, config.max_lines
    if max_lines and lines > max_lines:
        return f"文件有 {lines} 行，超过上限 {max_lines} 行（配置项 `max-lines`），不像一份年度报告"
    max_cells = config.max_cells
    if max_cells:
        cells = source.text.count("\t") + source.text.count("|")
        if cells > max_cells:
            return f"文件有 {cells} 个制表符和竖线（表格单元格分隔符），超过上限 {max_cells} 个（配置项 `max-cells`），不像一份年度报告"
    return None
