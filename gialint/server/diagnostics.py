"""Findings as LSP diagnostics: the same codes, severities, messages and
positions as ``gialint check`` (converted to the client's position
encoding), the code linked to the rule's explanation; and a broken
configuration as a diagnostic on the configuration file."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from gialint.server.text import Document

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.rules.spec import RuleMeta
    from gialint.server.workspace import ConfigProblem

SOURCE = "gialint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def finding_range(f: Finding, doc: Document, encoding: str) -> types.Range:
    start = doc.client_position(f.line, f.column, encoding)
    end = doc.client_position(f.end_line, f.end_column, encoding)
    if end < start:
        end = start
    return types.Range(types.Position(*start), types.Position(*end))


def span_range(line: int, column: int, end_line: int, end_column: int, doc: Document, encoding: str) -> types.Range:
    start = doc.client_position(line, column, encoding)
    end = max(doc.client_position(end_line, end_column, encoding), start)
    return types.Range(types.Position(*start), types.Position(*end))


def to_diagnostic(f: Finding, doc: Document, encoding: str, docs: RuleDocs | None = None, meta: RuleMeta | None = None) -> types.Diagnostic:
    href = docs.href(meta) if docs is not None and meta is not None else None
    return types.Diagnostic(
        range=finding_range(f, doc, encoding),
        message=f.message,
        severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Error),
        code=f.rule,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        data={"name": f.name, "fixable": f.fix is not None},
    )


def config_diagnostic(problem: ConfigProblem) -> types.Diagnostic:
    """The problem, on the configuration file's line it names."""
    line = max(problem.line - 1, 0)
    return types.Diagnostic(
        range=types.Range(types.Position(line, 0), types.Position(line + 1, 0)),
        message=problem.message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def unchecked_diagnostic(problem: ConfigProblem) -> types.Diagnostic:
    """On a report its broken configuration leaves unchecked."""
    related = None
    if problem.path:
        from pygls.uris import from_fs_path

        line = max(problem.line - 1, 0)
        related = [types.DiagnosticRelatedInformation(
            types.Location(from_fs_path(problem.path) or problem.path, types.Range(types.Position(line, 0), types.Position(line, 0))),
            problem.message,
        )]
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=f"配置有误，本文件未检查：{problem.message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
        related_information=related,
    )


class RuleDocs:
    """Where a diagnostic's code links to: ``url`` (a template with
    ``{code}``, ``{name}`` and ``{anchor}``, given by the client as the
    ``ruleDocsUrl`` initialization option), or else a page of the rule's
    explanation written from its metadata (the section ``docs/rules.md`` has
    for it; a plugin's rule gets one too) into a directory the server makes
    and removes when it stops."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url
        self._dir: Path | None = None
        self._written: dict[str, str] = {}

    def href(self, meta: RuleMeta) -> str | None:
        if self.url:
            try:
                return self.url.format(code=meta.code, name=meta.name, anchor=f"{meta.code.lower()}-{meta.name}")
            except (KeyError, IndexError, ValueError):
                return None
        key = f"{meta.code}\0{meta.origin}"
        done = self._written.get(key)
        if done is not None:
            return done or None
        try:
            if self._dir is None:
                self._dir = Path(tempfile.mkdtemp(prefix="gialint-server-rules-"))
            from gialint.output.docs import rule_section

            page = self._dir / f"{meta.code}.md"
            if page.exists():  # the same code from another pack (another configuration's)
                page = self._dir / f"{meta.code}-{len(self._written)}.md"
            page.write_text(f"# {meta.code} {meta.name}\n" + rule_section(meta), encoding="utf-8")
            uri = page.as_uri()
        except OSError:
            uri = ""  # no link, the hover still explains the rule
        self._written[key] = uri
        return uri or None

    def close(self) -> None:
        """Remove the pages written (the directory was made by this server)."""
        if self._dir is not None and os.path.isdir(self._dir):
            shutil.rmtree(self._dir, ignore_errors=True)
        self._dir = None
        self._written.clear()
