"""Reports in traditional characters (gialint/parse/script.py,
gialint/linting/script.py): read after conversion to simplified characters,
positions unchanged, messages and fixes in the report's own script."""

from __future__ import annotations

import opencc
import pytest

from gialint.bind.read import read_report
from gialint.bind.templates import default_templates
from gialint.linting.fix import fix_source
from gialint.model.source import Source
from gialint.parse.script import SYNONYMS, exact_traditional, is_traditional, to_simplified, to_traditional, variant
from tests.helpers import ROOT, SEEDS, default_linter

CLEAN = ["rules/examples/clean2023.txt", "rules/examples/clean2020.txt"]


def _read(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def _official_labels() -> set[str]:
    labels = {"政府信息公开工作年度报告"}
    for t in default_templates().values():
        for s in t.sections:
            labels |= {s.title, *s.variants}
        for table in t.tables:
            labels |= {table.caption or "", *table.headers, *(r.label for r in table.rows), *(c.label for c in table.columns)}
        labels |= set(t.markers)
    return labels - {""}


def test_detection() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        assert not is_traditional(text)
        assert is_traditional(opencc.OpenCC("s2t").convert(text))
    # A stray traditional character (a look-alike typed by mistake) is not a script.
    assert not is_traditional(_read(CLEAN[0]).replace("行政强制", "行政強制"))
    assert not is_traditional("")


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk", "s2twp"])
def test_every_official_label_comes_back(config: str) -> None:
    converter = opencc.OpenCC(config)
    for label in _official_labels():
        assert to_simplified(converter.convert(label)) == label, label


def test_synonyms_keep_lengths() -> None:
    assert all(len(a) == len(b) for a, b in SYNONYMS.items())


def test_lines_keep_their_lengths() -> None:
    for path in CLEAN:
        text = opencc.OpenCC("s2twp").convert(_read(path))
        simple = to_simplified(text)
        assert [len(x) for x in simple.split("\n")] == [len(x) for x in text.split("\n")]


@pytest.mark.parametrize("config", ["s2hk", "s2twp"])
@pytest.mark.parametrize("path", CLEAN + ["tests/fixtures/seeds/000_d01d6110a0d52b3f.txt", "tests/fixtures/seeds/002_c5ec5838828042f2.txt"])
def test_a_traditional_copy_has_the_same_findings(path: str, config: str) -> None:
    text = _read(path)
    trad = opencc.OpenCC(config).convert(text)
    simple = default_linter().lint_source(Source("x.txt", text))
    found = default_linter().lint_source(Source("x.txt", trad))
    assert [(f.rule, f.line, f.column, f.end_column) for f in found] == [(f.rule, f.line, f.column, f.end_column) for f in simple]


def test_messages_and_fixes_in_the_reports_script() -> None:
    trad = opencc.OpenCC("s2tw").convert(_read("tests/fixtures/seeds/002_c5ec5838828042f2.txt"))
    findings = {f.rule: f for f in default_linter().lint_source(Source("x.txt", trad))}
    row6 = findings["GIA201"]
    assert row6.fix is not None and row6.fix.certain and row6.fix.replacement == "6.屬於四類過程性資訊".replace("資訊", "信息")
    assert "應為" in row6.message and "属于" not in row6.message
    line = trad.split("\n")[row6.line - 1]
    assert line[row6.column - 1 : row6.end_column - 1] == "6. 屬於四類內部事務信息"
    homoglyph = next(f for f in default_linter().lint_source(Source("x.txt", opencc.OpenCC("s2t").convert(_read(
        "tests/fixtures/seeds/000_d01d6110a0d52b3f.txt")))) if f.rule == "GIA201")
    assert "“採”（U+63A1）" in homoglyph.message and homoglyph.fix.replacement == "政府集中採購"


def test_a_misnamed_label_is_fixed_in_traditional_characters() -> None:
    trad = opencc.OpenCC("s2t").convert(_read(CLEAN[0])).replace("行政許可\t26", "行政許诺\t26")
    outcome = fix_source(default_linter(), Source("x.txt", trad, raw=trad.encode("utf-8")))
    assert "行政許可\t26" in outcome.source.text and outcome.findings == []


def test_fix_certain_only_when_the_conversion_is_exact() -> None:
    assert exact_traditional("政府集中采购") == ("政府集中採購", True)
    assert exact_traditional("乾") == ("乾", False)  # 乾 converts back to 干


def test_variant_and_code_points() -> None:
    text = _read(CLEAN[0])
    for config in ("s2t", "s2tw", "s2hk"):
        trad = opencc.OpenCC(config).convert(text)
        assert opencc.OpenCC(variant(trad, to_simplified(trad))).convert(text) == trad
    assert to_traditional("“采”（U+91C7）应为“采”") == "“採”（U+63A1）應爲“採”"


def test_the_model_keeps_both_texts() -> None:
    trad = opencc.OpenCC("s2t").convert(_read(CLEAN[0]))
    report = read_report(Source("x.txt", trad))
    assert report.document.script == "traditional" and report.document.original.text == trad
    assert report.document.source.text == to_simplified(trad)
    assert read_report(Source("x.txt", _read(CLEAN[0]))).document.script == "simplified"
