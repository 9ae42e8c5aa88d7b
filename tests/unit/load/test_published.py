"""The published-format readers on the committed fixtures
(tests/fixtures/published/MANIFEST.json): every readable page, Word file and
PDF gives exactly the bound cells, title and sections of the text report it
renders; every bad file is refused with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import PUBLISHED, published_linter, published_manifest


def _fixtures(readable: bool) -> list[dict]:  # type: ignore[type-arg]
    return [e for e in published_manifest()["fixtures"] if ("error" not in e["expect"]) == readable]


def _id(entry: dict) -> str:  # type: ignore[type-arg]
    return entry["path"]


def _norm(value: object) -> str | None:
    return None if value is None else str(value)


@pytest.mark.parametrize("entry", _fixtures(True), ids=_id)
def test_reader_recovers_every_cell_title_and_section(entry: dict) -> None:  # type: ignore[type-arg]
    from gialint.bind.read import read_report

    source = published_linter().load(PUBLISHED / entry["path"])
    assert not isinstance(source, list), source
    assert source.fixable is False and source.origin is not None
    expected = json.loads((PUBLISHED / "expected" / f"{entry['base']}.json").read_text(encoding="utf-8"))
    want = dict(expected["cells"], **entry["expect"].get("differs", {}))
    report = read_report(source)
    got = {k: c.value for t in report.tables.values() for k, c in t.cells.items()}
    wrong = {k: (v, got.get(k)) for k, v in want.items() if _norm(got.get(k)) != _norm(v)}
    assert wrong == {}
    assert report.document.title is not None
    assert report.document.title.text.replace(" ", "") == expected["title"].replace(" ", "")
    assert len(report.document.sections) == 6


@pytest.mark.parametrize("entry", _fixtures(False), ids=_id)
def test_bad_file_is_refused_with_its_reason(entry: dict) -> None:  # type: ignore[type-arg]
    from gialint.load.loader import load_source
    from gialint.model.source import SourceError

    path = PUBLISHED / entry["path"]
    with pytest.raises(SourceError) as info:
        load_source(path, published_linter().readers)
    assert info.value.code == entry["expect"]["error"]
    findings = published_linter().lint_path(path)
    assert len(findings) == 1
    f = findings[0]
    assert f.category == "input" and f.rule in ("GIA003", "GIA005")
    assert f.path == str(path) and f.message  # the file (path:1:1 in the text output) and the reason


def test_a_bad_file_does_not_stop_the_run(tmp_path: Path) -> None:
    from gialint.run.collect import Target

    good = PUBLISHED / "docx" / "seed002.styles.docx"
    for name in ("truncated.pdf", "zipbomb_bzip2.docx", "entity_bomb.docx"):
        assert published_linter().lint_path(PUBLISHED / "bad" / name)
    found = published_linter().lint_path(good)
    assert {f.rule for f in found} == {"GIA104", "GIA202", "GIA702", "GIA201"}
    assert Target(str(good), True).explicit


# -- HTML --------------------------------------------------------------------


def _html(markup: str, encoding: str = "utf-8") -> str:
    from gialint.load.html import read_html

    return read_html(markup.encode(encoding), "page.html").text


def test_html_grid_resolves_rowspan_colspan_and_keeps_blank_cells() -> None:
    text = _html(
        "<table><tr><td rowspan=2>甲</td><td colspan=2>乙</td></tr>"
        "<tr><td>&nbsp;</td><td>3</td></tr><tr><td></td><td><o:p>&nbsp;</o:p></td><td></td></tr>"
        "<tr><td>丙</td><td>1</td><td></td></tr></table>"
    )
    # Blank cells are kept as blanks; a row of blanks only (Word's zero-height row) is dropped.
    assert "| 甲 | 乙 |  |\n|---|---|---|\n|  |  | 3 |\n| 丙 | 1 |  |\n" in text


def test_html_label_split_over_p_br_and_span_is_joined() -> None:
    text = _html("<table><tr><td><p>（二）部分公开</p><p>（区分处理的，<br>只计这一情形）</p></td><td><span>本年</span><span>新收</span></td></tr><tr><td>1</td><td>2</td></tr></table>")
    assert "| （二）部分公开（区分处理的，只计这一情形） | 本年新收 |" in text


def test_html_word_wrap_between_cjk_characters_is_not_a_space() -> None:
    assert "信息内容" in _html("<p>信息\n内容</p>")
    assert "2019 年" in _html("<p>2019 年</p>")


def test_html_nested_and_layout_tables() -> None:
    text = _html(
        "<table><tr><td>导航</td><td><table><tr><td>信息内容</td><td>数量</td></tr><tr><td>规章</td><td>0</td></tr></table></td></tr></table>"
    )
    assert "| 信息内容 | 数量 |" in text and "| 导航 |" not in text
    assert "导航" in text  # the layout cell's text is a paragraph


def test_html_hostile_spans_are_bounded() -> None:
    text = _html("<table><tr><td colspan=1000000 rowspan=99999>甲</td><td>乙</td></tr><tr><td>1</td></tr></table>")
    assert max(len(line) for line in text.splitlines()) < 2000


def test_html_charsets(tmp_path: Path) -> None:
    from gialint.load.htmlpage import decode_page

    page = "<html><head><meta charset=gb2312></head><body><p>政府集中釆购 王赟</p></body></html>"
    assert "政府集中釆购 王赟" in decode_page(page.encode("gb18030"))[0]
    wrong = "<meta charset=utf-8><p>政府信息公开</p>".encode("gbk")
    text, encoding, notes = decode_page(wrong)
    assert "政府信息公开" in text and encoding == "gb18030" and "与内容不符" in notes[0]
    assert decode_page("<p>政府信息公开</p>".encode())[1] == "utf-8"
    assert "政府" in _html('<?xml version="1.0" encoding="gb2312"?><html><body><p>政府</p></body></html>')


def test_html_scripts_styles_and_comments_are_not_text() -> None:
    text = _html("<script>var t='<table><tr><td>一、总体情况</td></tr></table>'</script><style>p{}</style><!-- 注释 --><p>正文</p>")
    assert text.strip() == "正文"


def test_empty_page_is_not_a_report(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text("<html><body><nav>首页</nav></body></html>", encoding="utf-8")
    assert published_linter().lint_path(page, explicit=False) == []
    found = published_linter().lint_path(page)
    assert [f.rule for f in found] == ["GIA002"]


# -- DOCX and PDF --------------------------------------------------------------


def _markdown(path: Path) -> str:
    source = published_linter().load(path)
    assert not isinstance(source, list), source
    return source.text


def test_docx_tracked_change_content_control_and_merges() -> None:
    text = _markdown(PUBLISHED / "docx" / "clean2023.styles.docx")
    assert "4.保护第三方合法权益" in text and "第三人" not in text
    assert "六、其他需要报告的事项" in text  # inside a block-level w:sdt
    assert "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  | 申请人情况 |  |  |  |  |  |  |" in text


def test_docx_automatic_numbering_is_the_heading_text() -> None:
    from gialint.load.docxnumbering import chinese

    assert [chinese(n) for n in (1, 10, 12, 20, 21)] == ["一", "十", "十二", "二十", "二十一"]


def test_docx_binary_word_files_are_refused_whatever_their_name(tmp_path: Path) -> None:
    doc = tmp_path / "report.docx"
    doc.write_bytes((PUBLISHED / "bad" / "legacy.doc").read_bytes())
    [f] = published_linter().lint_path(doc)
    assert f.rule == "GIA005" and ".docx" in f.message and "另存为" in f.message


def test_pdf_furniture_dropped_and_table_joined_across_pages() -> None:
    text = _markdown(PUBLISHED / "pdf" / "clean2023.pagebreak.pdf")
    assert "— " not in text
    title = text.splitlines()[0]
    assert title.startswith("# ") and text.count(title[2:]) == 1  # the running header is the title
    rows = [line for line in text.splitlines() if "申请人情况" in line]
    assert len(rows) == 1  # repeated header rows dropped, one table


# -- a 50 MB page ----------------------------------------------------------------


@pytest.mark.slow
def test_a_50_mb_page_is_refused_or_read_in_bounded_time_and_memory(tmp_path: Path) -> None:
    from dataclasses import replace

    from gialint.linting.engine import Linter
    from tests.unit.load.hugepage import make_huge_html

    page = make_huge_html(tmp_path / "huge.html")
    assert page.stat().st_size >= 50 * 1024 * 1024
    [f] = published_linter().lint_path(page)  # the default 5 MB limit
    assert f.rule == "GIA003" and f.path == str(page) and "超过上限" in f.message
    # With the limit raised it is parsed: the report is found among 400 000
    # filler cells outside the article, and read as the clean report it is.
    base = published_linter()
    linter = Linter(base.ruleset, replace(base.config, max_bytes=64 * 1024 * 1024, read_timeout=120.0), readers=base.readers)
    source = linter.load(page)
    assert not isinstance(source, list), source
    assert "网友留言" not in source.text and "| 行政许可 |" in source.text
    assert linter.lint_source(source) == []


@pytest.mark.parametrize(("name", "package"), [("html/seed004.cms.html", "lxml"), ("docx/seed004.styles.docx", "python-docx"), ("pdf/seed004.pdf", "pdfplumber")])
def test_a_missing_library_names_the_extra(name: str, package: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from gialint.load import formats

    real = importlib.import_module

    def no_such_module(module: str, *args: object) -> object:
        if module.split(".")[0] in ("lxml", "docx", "pdfplumber"):
            raise ImportError(f"No module named {module!r}")
        return real(module, *args)

    monkeypatch.setattr(formats.importlib, "import_module", no_such_module)
    [f] = published_linter().lint_path(PUBLISHED / name)
    assert f.rule == "GIA005" and package in f.message and 'pip install "gialint[published]"' in f.message
