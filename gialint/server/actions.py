"""Code actions on a checked document.

- A finding's fix that ``gialint check --fix`` would apply (certain, on one
  line, numbers untouched: :func:`gialint.linting.fix.splice` decides) is a
  preferred quick fix; any other fix is offered as a suggestion, titled
  “建议（需人工确认）”, never preferred.
- “Fix all” applies what ``--fix`` applies to the whole file (the fixed point
  of :func:`gialint.linting.fix.fix_source`), as a quick fix and as the
  ``source.fixAll.gialint`` action editors run on save; nothing when the fixes
  would not settle or would change a number.
- In Markdown, a finding can be silenced with
  ``<!-- gialint-disable-next-line CODE -->`` above its line; inside a pipe
  table, where a comment line would split the table when rendered, the table
  is wrapped in ``<!-- gialint-disable CODE -->`` … ``<!-- gialint-enable CODE -->``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types

from gialint.model.findings import BAD_SUPPRESSION_CODE, UNUSED_SUPPRESSION_CODE
from gialint.server.diagnostics import finding_range, span_range
from gialint.server.text import Document, split_lines, units

if TYPE_CHECKING:
    from gialint.linting.engine import Linter
    from gialint.model.findings import Finding
    from gialint.model.source import Source

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.gialint"
QUICKFIX = types.CodeActionKind.QuickFix.value
KINDS = [types.CodeActionKind.QuickFix, FIX_ALL]
_PIPE_ROW = re.compile(r"^\s*\|")
_UNSUPPRESSIBLE = {UNUSED_SUPPRESSION_CODE, BAD_SUPPRESSION_CODE}


@dataclass
class Checked:
    """One version of a document as checked: what the actions start from."""

    source: Source | None
    findings: list[Finding]
    linter: Linter | None
    markdown: bool


def wanted(kind: str, only: list[str] | None) -> bool:
    """Whether the client asked for actions of ``kind`` (``context.only``)."""
    return not only or any(kind == o or kind.startswith(o + ".") for o in only)


def overlaps(rng: types.Range, other: types.Range) -> bool:
    a0, a1 = (rng.start.line, rng.start.character), (rng.end.line, rng.end.character)
    b0, b1 = (other.start.line, other.start.character), (other.end.line, other.end.character)
    return a0 <= b1 and b0 <= a1


def code_actions(doc: Document, checked: Checked, rng: types.Range, only: list[str] | None, encoding: str,
                 diagnostic_of) -> list[types.CodeAction]:  # type: ignore[no-untyped-def]
    """The actions for the findings under ``rng``, and fix-all."""
    out: list[types.CodeAction] = []
    here = [f for f in checked.findings if overlaps(rng, finding_range(f, doc, encoding))]
    any_certain = False
    for f in here:
        diag = diagnostic_of(f)
        if f.fix is not None and wanted(QUICKFIX, only):
            certain = is_certain(checked.source, f)
            any_certain |= certain
            out.append(_fix_action(doc, f, certain, diag, encoding, checked.source))
        if checked.markdown and wanted(QUICKFIX, only) and f.category not in ("input", "internal") and f.rule not in _UNSUPPRESSIBLE:
            out.append(suppress_action(doc, f, diag, encoding))
    if checked.source is not None and checked.linter is not None and (wanted(FIX_ALL, only) or (any_certain and wanted(QUICKFIX, only))):
        edits, count = fix_all_edits(doc, checked.linter, checked.source, encoding)
        if edits:
            title = f"修复本文件中所有可自动修复的问题（gialint --fix，共 {count} 处）"
            change = types.WorkspaceEdit(document_changes=[_doc_edit(doc, edits)])
            if any_certain and wanted(QUICKFIX, only):
                out.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, edit=change))
            if wanted(FIX_ALL, only):
                out.append(types.CodeAction(title=title, kind=FIX_ALL, edit=change))
    return out


def is_certain(source: Source | None, f: Finding) -> bool:
    """Whether ``--fix`` would apply this finding's fix."""
    if source is None or f.fix is None or not f.fix.certain:
        return False
    from gialint.linting.fix import splice

    return splice(source, [f]) is not None


def _doc_edit(doc: Document, edits: list[types.TextEdit]) -> types.TextDocumentEdit:
    return types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version),
        edits=edits,  # type: ignore[arg-type]
    )


def _fix_action(doc: Document, f: Finding, certain: bool, diag: types.Diagnostic, encoding: str, source: Source | None) -> types.CodeAction:
    fix = f.fix
    assert fix is not None
    sp = fix.span
    newline = source.newline if source is not None else "\n"
    edit = types.TextEdit(span_range(sp.line, sp.column, sp.end_line, sp.end_column, doc, encoding), fix.replacement.replace("\n", newline))
    what = f"改为“{fix.replacement}”" if fix.replacement else "删除"
    if certain:
        title = f"修复 {f.rule}：{what}"
    else:
        title = f"建议（需人工确认，gialint --fix 不会自动修改）：{what}（{f.rule}）"
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        is_preferred=certain,
        edit=types.WorkspaceEdit(document_changes=[_doc_edit(doc, [edit])]),
    )


def suppress_action(doc: Document, f: Finding, diag: types.Diagnostic, encoding: str) -> types.CodeAction:
    """Silence ``f`` with a suppression comment (Markdown)."""
    line = f.line - 1
    text = doc.line(line)
    indent = text[: len(text) - len(text.lstrip())]
    nl = _newline(doc)
    if _PIPE_ROW.match(text) and line > 0 and _PIPE_ROW.match(doc.line(line - 1)):
        first = line
        while first > 0 and _PIPE_ROW.match(doc.line(first - 1)):
            first -= 1
        last = line
        while last + 1 < doc.line_count and _PIPE_ROW.match(doc.line(last + 1)):
            last += 1
        end = units(doc.line(last), encoding)
        edits = [
            types.TextEdit(types.Range(types.Position(first, 0), types.Position(first, 0)), f"{indent}<!-- gialint-disable {f.rule} -->{nl}"),
            _append_line(doc, last, f"{indent}<!-- gialint-enable {f.rule} -->", nl, end),
        ]
        title = f"在这张表格中忽略 {f.rule}（gialint-disable … gialint-enable；表格中插入注释行会拆断表格）"
    else:
        edits = [types.TextEdit(types.Range(types.Position(line, 0), types.Position(line, 0)), f"{indent}<!-- gialint-disable-next-line {f.rule} -->{nl}")]
        title = f"忽略此处的 {f.rule}（插入 <!-- gialint-disable-next-line {f.rule} -->）"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                            edit=types.WorkspaceEdit(document_changes=[_doc_edit(doc, edits)]))


def _append_line(doc: Document, line: int, text: str, nl: str, end_units: int) -> types.TextEdit:
    """Insert ``text`` as a new line after ``line``."""
    if line + 1 < doc.line_count:
        pos = types.Position(line + 1, 0)
        return types.TextEdit(types.Range(pos, pos), text + nl)
    pos = types.Position(line, end_units)
    return types.TextEdit(types.Range(pos, pos), nl + text)


def _newline(doc: Document) -> str:
    for nl in ("\r\n", "\n", "\r"):
        if nl in doc.text:
            return nl
    return "\n"


def fix_all_edits(doc: Document, linter: Linter, source: Source, encoding: str) -> tuple[list[types.TextEdit], int]:
    """The edits ``gialint check --fix`` would make, one per changed line
    (only the changed middle of it), and the number of fixes."""
    from gialint.linting.fix import fix_source

    outcome = fix_source(linter, source, explicit=False)
    if outcome.unstable or not outcome.changed:
        return [], 0
    try:
        new_text = outcome.source.raw.decode("utf-8")
    except UnicodeDecodeError:
        return [], 0
    old_lines, new_lines = split_lines(doc.text), split_lines(new_text)
    if len(old_lines) != len(new_lines):  # fixes never join or split lines; be safe anyway
        last = len(old_lines) - 1
        rng = types.Range(types.Position(0, 0), types.Position(last, units(old_lines[last], encoding)))
        return [types.TextEdit(rng, new_text)], outcome.fixed
    edits = []
    for i, (old, new) in enumerate(zip(old_lines, new_lines)):
        if old == new:
            continue
        p = 0
        while p < min(len(old), len(new)) and old[p] == new[p]:
            p += 1
        s = 0
        while s < min(len(old), len(new)) - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
            s += 1
        start = types.Position(i, units(old[:p], encoding))
        end = types.Position(i, units(old[: len(old) - s], encoding))
        edits.append(types.TextEdit(types.Range(start, end), new[p: len(new) - s]))
    return edits, outcome.fixed
