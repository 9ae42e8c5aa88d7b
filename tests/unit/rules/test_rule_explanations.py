"""Every rule is explained for the people who write and review reports
(issue 18): in Chinese first, then English, resting on documents a reader
can look up — an article of the 条例, the 2019 or 2021 format notice, the
table's own wording or gialint's own docs — never on gialint's background
notes, with a bad and a good example.  ``gialint explain``, the SARIF rule
descriptions and docs/rules.md all show it in that order."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from tests.helpers import ROOT, shipped_metas

METAS = shipped_metas()

# What a civil servant can look up.  gialint's own docs count for the rules
# about gialint itself (unreadable input, suppression comments).
LOOKUP = (
    re.compile(r"《中华人民共和国政府信息公开条例》.*第[一二三四五六七八九十]+条"),
    re.compile(r"国办公开办函〔2019〕60号"),
    re.compile(r"国办公开办函〔2021〕30号"),
    re.compile(r"国办函〔2020〕109号"),
)
GIALINT_DOC = re.compile(r"\b(README\.md|docs/[\w-]+\.md)\b")
# gialint's background notes: no reader has them.
PRIVATE = re.compile(r"FORMAT\.md|LAYOUTS\.md|DESIGN\.md|STYLE\.md|§")
CJK = re.compile(r"[\u4e00-\u9fff]")

# Rules checking a relation the format implies but does not state (the sums
# besides the table's own 勾稽 note, text against table, the fee row, the
# soft requirements, heading style, the relations across years, the
# year-on-year outliers): their explanation says so.
IMPLIED = {"GIA106", "GIA302", "GIA303", "GIA304", "GIA310", "GIA601", "GIA602", "GIA703", "GIA705",
           "GIA611", "GIA612", "GIA613", "GIA616"}
STATED = re.compile(r"(?<!没有)(?<!未)写明")  # "the table states": allowed only as 没有写明


def cited(entry: str) -> bool:
    if any(rx.search(entry) for rx in LOOKUP):
        return True
    doc = GIALINT_DOC.search(entry)
    return doc is not None and (ROOT / doc.group(1)).is_file()


def test_the_citation_check_tells_a_document_from_a_background_note() -> None:
    assert cited("《中华人民共和国政府信息公开条例》（国务院令第711号修订）第四十九条")
    assert cited("国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》")
    assert cited("gialint 文档 docs/robustness.md（Limits 一节）")
    assert not cited("FORMAT.md §5 R1")
    assert not cited("gialint 文档 docs/no-such-page.md")
    assert not cited("《中华人民共和国政府信息公开条例》")  # which article?


@pytest.mark.parametrize("meta", METAS, ids=lambda m: f"{m.code}-{m.name}")
def test_explained_in_chinese_first_then_english(meta) -> None:  # type: ignore[no-untyped-def]
    assert meta.explain, f"{meta.code}: explain（中文说明）为空"
    first = meta.explain.lstrip()[:20]
    assert CJK.search(first), f"{meta.code}: explain should open in Chinese: {first!r}"
    prose = re.sub(r"`[^`]*`", "", meta.explain)  # code and option names are English
    assert len(CJK.findall(prose)) > len(re.findall(r"[A-Za-z]", prose)), f"{meta.code}: explain is not mostly Chinese"
    assert meta.explain_en, f"{meta.code}: explain_en（英文说明）为空"
    assert len(re.findall(r"[A-Za-z]", meta.explain_en)) > len(CJK.findall(meta.explain_en)), f"{meta.code}: explain_en is not English"


@pytest.mark.parametrize("meta", METAS, ids=lambda m: f"{m.code}-{m.name}")
def test_rests_on_documents_a_reader_can_look_up(meta) -> None:  # type: ignore[no-untyped-def]
    assert meta.basis, f"{meta.code}: basis（依据）为空"
    for entry in meta.basis:
        assert cited(entry), f"{meta.code}: 依据“{entry}”不是可以查阅的文件（条例条款、国办公开办函或 gialint 文档）"
    for text in (meta.explain, meta.explain_en, *meta.basis):
        assert not PRIVATE.search(text), f"{meta.code} cites a background note: {PRIVATE.search(text).group(0)!r}"  # type: ignore[union-attr]


@pytest.mark.parametrize("meta", [m for m in METAS if m.code in IMPLIED], ids=lambda m: m.code)
def test_implied_relations_are_not_presented_as_stated(meta) -> None:  # type: ignore[no-untyped-def]
    assert re.search(r"常见做法|惯例|推出", meta.explain), f"{meta.code}: say it is 常见做法/惯例 (or 推出), not stated by the format"
    assert not STATED.search(meta.explain), f"{meta.code}: the format does not state this relation"


def test_the_implied_set_is_complete() -> None:
    # R1 is the only sum the table states (its 勾稽 note); the other sums are implied.
    sums = {m.code for m in METAS if m.kind in ("equation", "series-equation")}
    assert sums - {"GIA301"} <= IMPLIED
    assert STATED.search(next(m for m in METAS if m.code == "GIA301").explain)


@pytest.mark.parametrize("meta", METAS, ids=lambda m: f"{m.code}-{m.name}")
def test_has_a_bad_and_a_good_example(meta) -> None:  # type: ignore[no-untyped-def]
    if meta.good is not None or meta.bad is not None or meta.category not in ("input", "internal"):
        # Snippets applied to a base report (tests/unit/rules/test_rule_examples.py runs them).
        assert meta.good is not None and meta.bad is not None, f"{meta.code}: needs good and bad"
    else:
        # Unreadable input and failing rules have no report to edit: the
        # explanation describes a bad and a good case in words.
        assert "例如" in meta.explain and "不符合" in meta.explain and "符合）" in meta.explain, meta.code


# -- how it is shown --------------------------------------------------------


def _explain(*args: str) -> str:
    from gialint.cli import main

    res = CliRunner().invoke(main, ["explain", "--no-plugins", "--isolated", *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_explain_prints_chinese_then_basis_examples_then_english() -> None:
    out = _explain("GIA301")
    zh = out.index("本列数据的勾稽关系为")
    basis = out.index("依据：")
    bad = out.index("不符合（bad）：")
    good = out.index("符合（good）：")
    english = out.index("English:")
    assert zh < basis < bad < good < english
    assert "国办公开办函〔2021〕30号" in out[basis:bad]
    assert "FORMAT.md" not in out
    # Wrapped Chinese lines of the pack are joined without a space.
    assert "等于第三项加第四项之和" in out


def test_explain_json_keeps_its_keys_and_adds_english_and_basis() -> None:
    data = json.loads(_explain("GIA706", "--format", "json"))
    assert {"code", "name", "summary", "category", "severity", "enabled", "kind", "groups", "origin", "plugin",
            "explain", "bad", "good", "base"} <= set(data)
    assert CJK.search(data["explain"][:10]) and data["explain_en"].startswith("Official labels")
    assert data["basis"] and all(cited(b) for b in data["basis"])


def test_sarif_rules_carry_chinese_then_english_with_basis_and_examples(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gialint.cli import main

    report = tmp_path / "r.txt"
    report.write_text("某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--no-plugins", "--isolated", "--format", "sarif", str(report)])
    rules = {r["id"]: r for r in json.loads(res.output)["runs"][0]["tool"]["driver"]["rules"]}
    gia301 = rules["GIA301"]
    full = gia301["fullDescription"]["text"]
    assert full.index("本列数据的勾稽关系为") < full.index("The table's own header")
    assert "依据" in gia301["help"]["text"] and "依据" in gia301["help"]["markdown"]
    assert "```text" in gia301["help"]["markdown"] and "不符合（bad）" in gia301["help"]["markdown"]
    assert all("FORMAT.md" not in json.dumps(r, ensure_ascii=False) for r in rules.values())


def test_docs_rules_md_shows_basis_and_english_after_chinese() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    section = text[text.index("### GIA806 late-publication"):]
    assert section.index("条例第四十九条") < section.index("依据：") < section.index("*English.*")
    assert "FORMAT.md" not in text
