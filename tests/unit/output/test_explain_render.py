"""How a rule's explanation is rendered (gialint/output/explain.py): the
pack's wrapped lines joined as a reader expects — no space inside Chinese
text or after Chinese punctuation, a space between English words — and one
order everywhere: Chinese, 依据, examples, English."""

from __future__ import annotations

from gialint.output.explain import markdown, paragraphs, text
from gialint.rules.spec import RuleMeta


def test_wrapped_lines_are_joined_as_a_reader_expects() -> None:
    assert paragraphs("第一项加第二项之和，\n等于第三项加第四项之和。\ngialint 读取 UTF-8。\n") == ["第一项加第二项之和，等于第三项加第四项之和。gialint 读取 UTF-8。"]
    assert paragraphs("for every\ncolumn, 一、本年新收\n+ 二、上年结转") == ["for every column, 一、本年新收 + 二、上年结转"]
    assert paragraphs("甲。\n\n乙。\n- 一项\n- 二项") == ["甲。", "乙。\n- 一项\n- 二项"]


def _meta(**kw) -> RuleMeta:  # type: ignore[no-untyped-def]
    fields = dict(code="ZZ101", name="x", category="wording", severity="warning", summary="摘要", kind="pattern",
                  explain="中文说明，\n第二行。", explain_en="In English.", basis=("国办公开办函〔2021〕30号",),
                  bad="坏\t例", good="好\t例")
    fields.update(kw)
    return RuleMeta(**fields)  # type: ignore[arg-type]


def test_text_and_markdown_show_chinese_basis_examples_then_english() -> None:
    for out in (text(_meta()), markdown(_meta())):
        order = [out.index(s) for s in ("中文说明，第二行。", "依据", "国办公开办函〔2021〕30号", "不符合（bad）", "坏", "符合（good）", "好", "In English.")]
        assert order == sorted(order), out
    assert "坏 ⇥ 例" in text(_meta()) and "坏→例" in markdown(_meta())
    assert "（删除该段）" in text(_meta(bad="")) and "（删除该段）" in markdown(_meta(bad=""))


def test_a_rule_without_english_or_basis_shows_what_it_has() -> None:
    out = text(_meta(explain_en="", basis=()))
    assert "English" not in out and "依据" not in out and out.startswith("中文说明")
