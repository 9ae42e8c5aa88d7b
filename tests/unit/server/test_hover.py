"""Hovers (gialint.server.hover): a finding's rule explained, a table cell's
key, value and relations with the current values."""

from __future__ import annotations

from lsprotocol import types

from tests.helpers import EXAMPLES, SEED


def hover(harness, doc, line: int, character: int) -> str | None:  # type: ignore[no-untyped-def]
    params = types.HoverParams(types.TextDocumentIdentifier(doc.uri), types.Position(line, character))
    result = harness.session.hover(params)
    return None if result is None else result.contents.value


def test_hover_on_a_finding_explains_its_rule(harness) -> None:  # type: ignore[no-untyped-def]
    doc = harness.open("r.txt", SEED["002"].read_text(encoding="utf-8"))
    diag = next(d for d in harness.check(doc).diagnostics if d.code == "GIA702")
    text = hover(harness, doc, diag.range.start.line, diag.range.start.character + 1)
    assert text is not None
    meta = harness.check(doc).checked.linter.ruleset.find("GIA702")
    assert "**GIA702**" in text and meta.summary in text and meta.explain.split()[0] in text
    assert "可自动修复" in text and "用语" in text and "错误" in text
    assert hover(harness, doc, 0, 0) is None  # the title line: no finding, no cell


def test_hover_on_a_cell_shows_its_key_and_relations(harness) -> None:  # type: ignore[no-untyped-def]
    text = (EXAMPLES / "clean-2023.md").read_text(encoding="utf-8")
    doc = harness.open("r.md", text)
    line = next(i for i in range(doc.line_count) if doc.line(i).startswith("| 一、本年新收"))
    character = doc.line(line).index("| 9 |") + 2
    shown = hover(harness, doc, line, character)
    assert shown is not None
    assert "`applications.natural_person.new`" in shown and "自然人：9" in shown
    assert "GIA301" in shown and "GIA302" in shown and "✓ 成立" in shown
    assert "左边 = 10，右边 = 10" in shown  # 9 new + 1 carried over = 9 total + 1 carried forward


def test_hover_shows_a_broken_relation_with_the_current_values(harness) -> None:  # type: ignore[no-untyped-def]
    text = (EXAMPLES / "clean-2023.md").read_text(encoding="utf-8")
    doc = harness.open("r.md", text)
    line = next(i for i in range(doc.line_count) if doc.line(i).startswith("| 一、本年新收"))
    edited = doc.line(line).replace("| 9 |", "| 8 |", 1)
    doc.apply([((line, 0, line, len(doc.line(line))), edited)], "utf-16")
    shown = hover(harness, doc, line, edited.index("| 8 |") + 2)
    assert shown is not None and "自然人：8" in shown and "✗ 不成立" in shown and "左边 = 9，右边 = 10" in shown
    assert harness.server.published[-1].diagnostics  # checked again before answering: GIA301 is published
