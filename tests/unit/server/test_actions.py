"""Code actions (gialint.server.actions): the certain fixes as quick fixes,
fix-all as ``--fix`` does it, suggestions marked as such, and suppression
comments that silence the finding without breaking a Markdown table."""

from __future__ import annotations

from dataclasses import replace

from lsprotocol import types

from gialint.linting.fix import fix_source
from gialint.model.findings import Fix
from gialint.server.actions import FIX_ALL, code_actions
from gialint.server.text import Document
from tests.helpers import EXAMPLES, SEED


def apply(doc: Document, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """``edits`` applied as a client does: all against the original text."""
    text = doc.text
    spans = [(doc.offset(e.range.start.line, e.range.start.character, encoding), doc.offset(e.range.end.line, e.range.end.character, encoding), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes
    return list(action.edit.document_changes[0].edits)  # type: ignore[union-attr]


def actions_at(harness, doc: Document, code: str, only: list[str] | None = None):  # type: ignore[no-untyped-def]
    r = harness.check(doc)
    diag = next(d for d in r.diagnostics if d.code == code)
    return diag, code_actions(doc, r.checked, diag.range, only, harness.session.encoding, lambda f: r.by_finding[id(f)])


def test_a_certain_fix_is_a_preferred_quick_fix_and_removes_the_finding(harness) -> None:  # type: ignore[no-untyped-def]
    doc = harness.open("r.txt", SEED["002"].read_text(encoding="utf-8"))
    diag, actions = actions_at(harness, doc, "GIA702")
    fix = next(a for a in actions if a.is_preferred)
    assert fix.kind == types.CodeActionKind.QuickFix and fix.diagnostics == [diag] and "勾" in fix.title
    doc2 = harness.open("r2.txt", apply(doc, edits_of(fix)))
    codes = [d.code for d in harness.check(doc2).diagnostics]
    assert "GIA702" not in codes and codes == [d.code for d in harness.check(doc).diagnostics if d.code != "GIA702"]
    # No suppression comment in plain text.
    assert not any("gialint-disable" in a.title for a in actions)


def test_fix_all_is_what_fix_writes(harness, linter) -> None:  # type: ignore[no-untyped-def]
    text = SEED["002"].read_text(encoding="utf-8").replace("\n", "\r\n")
    doc = harness.open("r.txt", text)
    _, actions = actions_at(harness, doc, "GIA702", only=[types.CodeActionKind.SourceFixAll.value])
    (fix_all,) = actions
    assert fix_all.kind == FIX_ALL and "4 处" in fix_all.title
    fixed = apply(doc, edits_of(fix_all))
    r = harness.check(doc)
    outcome = fix_source(r.checked.linter, r.checked.source, explicit=False)
    assert fixed.encode("utf-8") == outcome.source.raw and "\r\n" in fixed
    assert all(len(e.new_text) <= 8 for e in edits_of(fix_all))  # the changed parts, not whole lines


def test_suggestions_are_offered_but_marked_and_not_preferred(harness) -> None:  # type: ignore[no-untyped-def]
    doc = harness.open("r.txt", SEED["002"].read_text(encoding="utf-8"))
    r = harness.check(doc)
    f = next(f for f in r.checked.findings if f.rule == "GIA702")
    suggestion = replace(f, fix=Fix(f.fix.replacement, f.fix.span, certain=False))
    r.checked.findings[r.checked.findings.index(f)] = suggestion
    r.by_finding[id(suggestion)] = r.by_finding[id(f)]
    actions = code_actions(doc, r.checked, r.by_finding[id(f)].range, None, harness.session.encoding, lambda x: r.by_finding[id(x)])
    (s,) = [a for a in actions if "勾" in a.title and "修复本文件" not in a.title]
    assert s.title.startswith("建议") and not s.is_preferred


def test_suppression_above_a_line_in_markdown(harness) -> None:  # type: ignore[no-untyped-def]
    text = (EXAMPLES / "clean-2023.md").read_text(encoding="utf-8").replace("持续推进政府信息公开", "持续推进政府信息公开（钩稽）", 1)
    doc = harness.open("r.md", text)
    diag, actions = actions_at(harness, doc, "GIA702")
    (sup,) = [a for a in actions if "gialint-disable" in a.title]
    (edit,) = edits_of(sup)
    assert edit.new_text == "<!-- gialint-disable-next-line GIA702 -->\n" and edit.range.start.line == diag.range.start.line
    after = harness.check(harness.open("r2.md", apply(doc, [edit])))
    assert [d.code for d in after.diagnostics] == []


def test_suppression_in_a_pipe_table_wraps_the_table(harness) -> None:  # type: ignore[no-untyped-def]
    text = (EXAMPLES / "clean-2023.md").read_text(encoding="utf-8").replace("| 行政规范性文件 | 3 |", "| 行政规范性文件 | |", 1)
    doc = harness.open("r.md", text)
    diag, actions = actions_at(harness, doc, "GIA401")
    (sup,) = [a for a in actions if "gialint-disable" in a.title]
    first, last = edits_of(sup)
    assert first.new_text == "<!-- gialint-disable GIA401 -->\n" and first.range.start.line < diag.range.start.line
    assert last.new_text == "<!-- gialint-enable GIA401 -->\n" and last.range.start.line > diag.range.start.line
    assert doc.line(first.range.start.line).startswith("|") and not doc.line(first.range.start.line - 1).startswith("|")
    assert doc.line(last.range.start.line - 1).startswith("|") and not doc.line(last.range.start.line).startswith("|")
    after = harness.check(harness.open("r2.md", apply(doc, [first, last])))
    assert [d.code for d in after.diagnostics] == []  # silenced, and no table was split (no other finding)
