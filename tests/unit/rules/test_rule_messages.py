"""Every message is plain Chinese with a position the output can point at
(issue 18).  Each rule's bad example is rendered on its base report and every
finding checked: no English words outside rule codes, rule names and quoted
text, no invisible character, a span the text output can underline.  The
engine's own messages (unreadable input, failing rules, suppression
comments, ``--fix`` that cannot write) are checked the same way.

*Quoted text* is what stands inside “”, 「」, ‘’ or backticks: a label, a
title or a cell as the report wrote it, a setting, a directive, program text.
Encoding names (UTF-8, GB18030…), escaped code points (``[U+200B 零宽空格]``)
and the program's name, gialint, are not words either."""

from __future__ import annotations

import re

import pytest

from gialint.load.decode import from_text
from gialint.testing import base_text, example_edits, example_history, substitute
from tests.helpers import all_rules_linter, shipped_metas

QUOTED = re.compile(r"“[^”]*”|「[^」]*」|‘[^’]*’|`[^`]*`")
CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]{1,9}\d{2,4}(?![A-Za-z0-9])")  # as rules/spec.py's CODE
CODEPOINT = re.compile(r"\[U\+[0-9A-F]{4,6}(?: [^\]]*)?\]")
ENCODING = re.compile(r"(?<![A-Za-z])(?:UTF-(?:8|16|32)(?:-[LB]E)?|GB18030|GBK)(?![A-Za-z])")
WORD = re.compile(r"[A-Za-z]+")
INVISIBLE = re.compile(r"[\x00-\x1f\x7f\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060\u3000\ufeff]")

WITH_EXAMPLES = [m for m in shipped_metas() if m.good is not None and m.bad is not None]
NAMES = sorted({m.name for m in shipped_metas()} | {"gialint"}, key=len, reverse=True)  # and the program's own name

# Findings about something absent point at where it belongs: an insertion
# point between two characters, and the message says after or before which
# label (GIA101 does too, but points at the next section's heading).
INSERTION_POINTS = {"GIA111", "GIA112"}


def english_words(message: str) -> list[str]:
    text = QUOTED.sub(" ", message)
    text = CODEPOINT.sub(" ", text)
    text = ENCODING.sub(" ", text)
    text = CODE.sub(" ", text)
    for name in NAMES:
        text = re.sub(rf"(?<![A-Za-z0-9-]){re.escape(name)}(?![A-Za-z0-9-])", " ", text)
    return WORD.findall(text)


def test_the_check_finds_english_outside_codes_names_and_quotes() -> None:
    assert english_words("选项 `max-lines` 的值应为 a positive integer") == ["a", "positive", "integer"]
    assert english_words("规则 GIA301（applications-balance）运行出错：`KeyError: 'x'`") == []
    assert english_words("“(一)予以公开”使用了半角括号") == []
    assert english_words("商业[U+200B 零宽空格]企业，文件以 UTF-16-LE 字节序标记开头") == []
    assert english_words("抑制注释中的规则引用 'GIA2O1' 未知") == ["GIA", "O"]


def bad_findings(meta):  # type: ignore[no-untyped-def]
    text = substitute(base_text(meta.base), example_edits(meta.good, meta.bad), meta.code)
    history = example_history(meta, all_rules_linter())  # the earlier reports of a series rule
    return text, all_rules_linter().lint_source(from_text(text, "example.md"), history=history)


@pytest.mark.parametrize("meta", WITH_EXAMPLES, ids=lambda m: f"{m.code}-{m.name}")
def test_messages_on_the_bad_example_are_plain_chinese(meta) -> None:  # type: ignore[no-untyped-def]
    _, findings = bad_findings(meta)
    assert meta.code in {f.rule for f in findings}
    for f in findings:
        assert english_words(f.message) == [], f"{f.rule}: {f.message}"
        assert not INVISIBLE.search(f.message), f"{f.rule}: {f.message!r}"
        assert re.search(r"[\u4e00-\u9fff]", f.message), f.message


@pytest.mark.parametrize("meta", WITH_EXAMPLES, ids=lambda m: f"{m.code}-{m.name}")
def test_positions_on_the_bad_example_point_at_text(meta) -> None:  # type: ignore[no-untyped-def]
    text, findings = bad_findings(meta)
    lines = text.split("\n")
    for f in findings:
        line = lines[f.line - 1]
        assert 1 <= f.column <= len(line) + 1, f"{f.rule} at {f.line}:{f.column} on a line of {len(line)}"
        if f.end_line == f.line:
            assert f.end_column <= len(line) + 1, f"{f.rule}: span runs past the line"
            if f.rule not in INSERTION_POINTS:
                assert f.end_column > f.column, f"{f.rule} at {f.line}:{f.column}: an empty span shows no caret"
                assert line[f.column - 1:f.end_column - 1].strip("\t ") or f.rule == "GIA401", f"{f.rule}: span on white space only"
        if f.rule in INSERTION_POINTS:
            assert re.search(r"（应在“[^”]+”之[前后]）", f.message), f.message


# -- particular messages ----------------------------------------------------


def findings_for(edits: dict[str, str], base: str = "clean2023"):  # type: ignore[no-untyped-def]
    text = substitute(base_text(base), edits)
    return all_rules_linter().lint_source(from_text(text, "example.md"))


def test_a_blank_cell_finding_underlines_the_blank_cells() -> None:
    old = "\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0"
    text = substitute(base_text("clean2023"), {old: "\t\t3.要求提供公开出版物\t0\t\t0\t0\t0\t0\t0"})
    (f,) = [f for f in all_rules_linter().lint_source(from_text(text, "x.md")) if f.rule == "GIA401"]
    line = text.split("\n")[f.line - 1]
    # line and column are the blank cell's own: right after the tab that opens it
    assert line[f.column - 2] == "\t" and line[:f.column - 1].endswith("0\t")
    assert f.end_column == f.column + 1 and line[f.column - 1] == "\t"  # the tab that closes it
    assert "商业企业" in f.message and "（商业企业）" in f.message


def test_a_blank_cell_at_the_end_of_a_line_underlines_the_tab_before_it() -> None:
    old = "\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0"
    text = substitute(base_text("clean2023"), {old: "\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t"})
    (f,) = [f for f in all_rules_linter().lint_source(from_text(text, "x.md")) if f.rule == "GIA401"]
    line = text.split("\n")[f.line - 1]
    assert f.end_column == len(line) + 1 and f.column == len(line) and line[-1] == "\t"


def test_half_width_labels_say_what_is_wrong() -> None:
    (space,) = [f for f in findings_for({"\t\t\t\t商业企业\t": "\t\t\t\t商业 企业\t"}) if f.rule == "GIA706"]
    assert space.message == "“商业 企业”含有多余的空格，官方表述为“商业企业”"
    (paren,) = [f for f in findings_for({"（一）予以公开": "(一)予以公开"}) if f.rule == "GIA706"]
    assert paren.message == "“(一)予以公开”使用了半角括号，官方表述为“（一）予以公开”"


def test_invisible_characters_are_shown_escaped() -> None:
    (f,) = [f for f in findings_for({"行政处罚\t8\t": "行政处罚\t八\u200b件\t"}) if f.rule == "GIA403"]
    assert "“八[U+200B 零宽空格]件”" in f.message and "\u200b" not in f.message


def test_missing_rows_and_columns_say_where_they_belong() -> None:
    (row,) = [f for f in findings_for({"\t\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0\n": ""}) if f.rule == "GIA111"]
    assert row.message == "缺少行名“7.属于行政执法案卷”（应在“6.属于四类过程性信息”之后）"
    (col,) = [f for f in findings_for({"\t\t\t\t商业企业\t科研机构": "\t\t\t\t\t科研机构"}) if f.rule == "GIA112"]
    assert col.message == "缺少列名“商业企业”（应在“科研机构”之前）"


def test_a_missing_row_is_reported_once_not_also_as_missing_cells() -> None:
    rules = [f.rule for f in findings_for({"\t\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0\n": ""})]
    assert "GIA111" in rules and "GIA404" not in rules


@pytest.mark.parametrize("meta", [m for m in WITH_EXAMPLES if m.kind == "engine"], ids=lambda m: f"{m.code}-{m.name}")
def test_the_examples_of_engine_rules_apply_too(meta) -> None:  # type: ignore[no-untyped-def]
    # `gialint test-rules --core` checks them: GIA010 and GIA011 once had
    # examples that occur nowhere in the base report.
    from gialint.testing import check_example

    result = check_example(meta, all_rules_linter())
    assert result.ok, result.describe()
