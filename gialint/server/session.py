"""The editor session: open documents, their checks and what is published.

Each open report is checked on open, on save and, debounced, after changes
(:data:`DEBOUNCE`): a change restarts the document's timer, so an edit storm
costs one check of the last text.  Checks run on the event loop's thread —
the main thread, where :mod:`gialint.util.budget` can stop a rule that runs
too long — and one document's last check is kept (findings, the source, the
linter) for hovers and code actions, which check the current text first if
it changed since."""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path

from gialint.server.actions import Checked, code_actions
from gialint.server.diagnostics import RuleDocs, config_diagnostic, to_diagnostic, unchecked_diagnostic
from gialint.server.hover import cell_at, cell_hover, contains, finding_hover
from gialint.server.text import UTF16, Document, index_of
from gialint.server.workspace import ConfigProblem, Workspace, is_config_name, is_markdown, is_report_name

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.model.report import Report

log = logging.getLogger("gialint.server")
DEBOUNCE = 0.025  # seconds of quiet after a change before the document is checked


@dataclass
class Result:
    """One check of one version of a document."""

    text: str  # the text checked (the document's own object: compared by identity)
    checked: Checked
    diagnostics: list[types.Diagnostic]
    path: str
    skipped: bool = False  # not a report (or excluded): nothing to say
    problem: ConfigProblem | None = None
    by_finding: dict[int, types.Diagnostic] = field(default_factory=dict)
    report: Any = None  # the bound report, read on the first hover


class Session:
    def __init__(self, server: Any, workspace: Workspace, debounce: float = DEBOUNCE) -> None:
        self.server = server
        self.ws = workspace
        self.debounce = debounce
        self.docs: dict[str, Document] = {}
        self.results: dict[str, Result] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.published: set[str] = set()
        self.config_uris: set[str] = set()
        self.encoding = UTF16
        self.rule_docs = RuleDocs()
        self.markdown_hover = True
        self._told: set[str] = set()

    # -- lifecycle ------------------------------------------------------------

    def initialize(self, params: types.InitializeParams) -> None:
        enc = self.server.workspace.position_encoding
        self.encoding = str(getattr(enc, "value", enc) or UTF16)
        opts = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        debounce = opts.get("debounce")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
            self.debounce = debounce / 1000
        if isinstance(opts.get("ruleDocsUrl"), str):
            self.rule_docs = RuleDocs(opts["ruleDocsUrl"])
        roots = [f.uri for f in params.workspace_folders or []] or ([params.root_uri] if params.root_uri else [])
        self.ws.roots = [p for p in (to_fs_path(u) for u in roots) if p] or ([params.root_path] if params.root_path else [])
        hover = params.capabilities.text_document.hover if params.capabilities.text_document else None
        formats = hover.content_format if hover is not None else None
        self.markdown_hover = not formats or types.MarkupKind.Markdown in formats

    def initialized(self, params: types.InitializedParams) -> None:
        caps = self.server.client_capabilities
        watched = caps.workspace.did_change_watched_files if caps.workspace else None
        if watched is not None and watched.dynamic_registration:
            globs = ["**/.gialint.yaml", "**/.gialint.yml", "**/pyproject.toml"]
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=[types.FileSystemWatcher(glob_pattern=g) for g in globs])
            self.server.client_register_capability(types.RegistrationParams(registrations=[
                types.Registration(id="gialint-configuration", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]))

    def close(self) -> None:
        for handle in self.timers.values():
            handle.cancel()
        self.timers.clear()
        self.rule_docs.close()

    # -- documents ------------------------------------------------------------

    def did_open(self, params: types.DidOpenTextDocumentParams) -> None:
        d = params.text_document
        self.docs[d.uri] = Document(d.uri, d.text, d.version, d.language_id or "")
        self.results.pop(d.uri, None)
        self.schedule(d.uri, 0)

    def did_change(self, params: types.DidChangeTextDocumentParams) -> None:
        doc = self.docs.get(params.text_document.uri)
        if doc is None:
            return
        changes = []
        for c in params.content_changes:
            rng = getattr(c, "range", None)
            changes.append(((rng.start.line, rng.start.character, rng.end.line, rng.end.character) if rng else None, c.text))
        doc.apply(changes, self.encoding)
        doc.version = params.text_document.version
        self.schedule(doc.uri, self.debounce)

    def did_save(self, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = to_fs_path(uri)
        if path and (is_config_name(path) or self._governs(path)):
            self.reload([path])
        elif uri in self.docs:
            self.results.pop(uri, None)  # check again: a plugin's rule may read other files
            self.schedule(uri, 0)

    def did_close(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        self.docs.pop(uri, None)
        self.results.pop(uri, None)
        handle = self.timers.pop(uri, None)
        if handle is not None:
            handle.cancel()
        if uri in self.published:
            self.published.discard(uri)
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def did_change_watched_files(self, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [p for p in (to_fs_path(c.uri) for c in params.changes) if p]
        changed = [p for p in paths if is_config_name(p) or self._governs(p)]
        if changed:
            self.reload(changed)

    def _governs(self, path: str) -> bool:
        """A file a configuration was read from, or one a problem was found in."""
        return self.ws.reads(path) or (from_fs_path(os.path.abspath(path)) or path) in self.config_uris

    def reload(self, changed: list[str]) -> None:
        """A configuration changed: read every configuration again, check
        every open document again, and say at once what is wrong with the
        changed configuration files (even with no report open)."""
        log.info("configuration changed: %s", ", ".join(changed))
        self.ws.reload()
        for uri in list(self.config_uris):
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.config_uris.clear()
        for path in changed:
            gov = self.ws.governing(os.path.join(os.path.dirname(os.path.abspath(path)), "untitled.md"))
            if gov.problem is not None:
                self._publish_problem(gov.problem)
        self.results.clear()
        for uri in self.docs:
            self.schedule(uri, 0)

    # -- checking ---------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        old = self.timers.pop(uri, None)
        if old is not None:
            old.cancel()
        self.timers[uri] = asyncio.get_running_loop().call_later(delay, self._due, uri)

    def _due(self, uri: str) -> None:
        self.timers.pop(uri, None)
        if uri in self.docs:
            try:
                self.current(uri)
            except Exception:  # noqa: BLE001 - the session outlives a failed check
                log.exception("checking %s failed", uri)

    def current(self, uri: str) -> Result:
        """The check of the document's current text (checked and published now if needed)."""
        doc = self.docs[uri]
        r = self.results.get(uri)
        if r is None or r.text is not doc.text:
            handle = self.timers.pop(uri, None)
            if handle is not None:
                handle.cancel()
            r = self.results[uri] = self.check(doc)
            self.publish(doc, r)
        return r

    def check(self, doc: Document) -> Result:
        fs_path = to_fs_path(doc.uri) if doc.uri.startswith("file:") else None
        path = self.ws.path_for(fs_path)
        gov = self.ws.governing(path)
        if gov.problem is not None:
            return Result(doc.text, Checked(None, [], None, False), [unchecked_diagnostic(gov.problem)], path, problem=gov.problem)
        if not is_report_name(path, gov.config, doc.language_id, fs_path is not None) or gov.linter is None:
            return Result(doc.text, Checked(None, [], None, False), [], path, skipped=True)
        self._tell_plugin_errors(gov.config)
        from gialint.run.baseline import fingerprint

        linter = gov.linter
        loaded = linter.load_text(doc.text, path)
        source = None if isinstance(loaded, list) else loaded
        findings: list[Finding] = loaded if source is None else linter.lint_source(source, explicit=False)  # type: ignore[assignment]
        if gov.baseline is not None:
            findings = gov.baseline.split(path, fingerprint(findings, source))[0]
        checked = Checked(source, findings, linter, is_markdown(path, doc.language_id))
        result = Result(doc.text, checked, [], path)
        for f in findings:
            diag = to_diagnostic(f, doc, self.encoding, self.rule_docs, linter.ruleset.meta(f.rule))
            result.diagnostics.append(diag)
            result.by_finding[id(f)] = diag
        return result

    def publish(self, doc: Document, r: Result) -> None:
        if (r.skipped or not r.diagnostics) and doc.uri not in self.published:
            return  # nothing to say, and nothing said before to clear
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=r.diagnostics, version=doc.version))
        (self.published.add if r.diagnostics else self.published.discard)(doc.uri)
        if r.problem is not None:
            self._publish_problem(r.problem)

    def _publish_problem(self, problem: ConfigProblem) -> None:
        if not problem.path:
            return
        uri = from_fs_path(problem.path) or problem.path
        self.config_uris.add(uri)
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[config_diagnostic(problem)]))

    def _tell_plugin_errors(self, config: Any) -> None:
        for message in self.ws.plugin_errors(config):
            if message not in self._told:
                self._told.add(message)
                self.server.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"gialint：{message}"))

    # -- requests ---------------------------------------------------------------

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        if uri not in self.docs:
            return None
        r = self.current(uri)
        linter = r.checked.linter
        if linter is None:
            return None
        doc = self.docs[uri]
        line = params.position.line + 1
        column = index_of(doc.line(line - 1), params.position.character, self.encoding) + 1
        parts = []
        here = [f for f in r.checked.findings if contains(f, line, column)]
        if here:
            parts.append(finding_hover(here, linter))
        report = self._report(r)
        cell = cell_at(report, line, column) if report is not None else None
        if cell is not None:
            parts.append(cell_hover(report, cell, linter, r.path))  # type: ignore[arg-type]
        if not parts:
            return None
        kind = types.MarkupKind.Markdown if self.markdown_hover else types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value="\n\n---\n\n".join(parts)))

    def _report(self, r: Result) -> Report | None:
        source, linter = r.checked.source, r.checked.linter
        if r.report is None and source is not None and linter is not None:
            from gialint.bind.read import read_report
            from gialint.linting.engine import over_limits
            from gialint.util.budget import OverBudget, time_limit

            r.report = False
            if source.text.strip() and not over_limits(source, linter.config):
                try:
                    with time_limit(linter.config.read_timeout):
                        r.report = read_report(source, linter.ruleset.templates)
                except (Exception, OverBudget):  # noqa: BLE001 - no hover rather than a failed request
                    log.exception("reading %s for a hover failed", r.path)
        return r.report or None

    def code_action(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        if uri not in self.docs:
            return None
        r = self.current(uri)
        if r.checked.linter is None:
            return None
        only = [str(getattr(k, "value", k)) for k in params.context.only] if params.context.only else None
        return code_actions(self.docs[uri], r.checked, params.range, only, self.encoding, lambda f: r.by_finding[id(f)])
