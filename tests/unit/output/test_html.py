"""``--format html``: the review page is well-formed (html5lib, strict), self-
contained (no external reference, a CSP that forbids fetching), holds every
finding as a marker and a note, draws the tables with the template's labels,
writes failed relations out with both sides' values, and leaves the other
formats as they were.  The page in a real browser: tests/integration/test_html_browser.py."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from gialint.cli import main

from tests.helpers import FIXTURES, SEEDS

html5lib = pytest.importorskip("html5lib")

ARITHMETIC = FIXTURES / "html" / "arithmetic2023.txt"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def check(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["check", "--no-progress", *args])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    return res.exit_code, res.stdout


def page(tmp_path: Path, *paths: Path | str, extra: tuple[str, ...] = ()) -> str:
    out = tmp_path / "review.html"
    code, _ = check("--format", "html", "-o", str(out), *extra, *map(str, paths))
    assert code in (0, 1)
    return out.read_text(encoding="utf-8")


def parse(text: str) -> Any:
    """The page as an element tree; raises on any parse error (strict)."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def text_of(el: Any) -> str:
    """An element's text without the findings' numbers (``<sup class="fn">``)."""
    out = [el.text or ""] if not (el.tag == "sup" and el.get("class") == "fn") else []
    for child in el:
        out.append(text_of(child))
        out.append(child.tail or "")
    return "".join(out)


def findings(*paths: Path | str) -> list[dict[str, Any]]:
    return json.loads(check("--format", "json", *map(str, paths))[1])


class Balance(HTMLParser):
    """Every element that is not void is closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}> at {self.getpos()}")
        else:
            self.stack.pop()


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    return page(tmp_path_factory.mktemp("html"), SEEDS, ARITHMETIC)


def test_the_page_is_well_formed_and_its_ids_unique(seeds_page: str) -> None:
    parse(seeds_page)  # strict: any parse error raises
    balance = Balance()
    balance.feed(seeds_page)
    balance.close()
    assert balance.errors == [] and balance.stack == []
    ids = re.findall(r'\sid="([^"]+)"', seeds_page)
    dupes = [k for k, n in Counter(ids).items() if n > 1]
    assert dupes == []
    # Every in-page link leads somewhere (the last report's "next" is hidden by the head's style).
    targets = set(ids)
    last = max(int(m) for m in re.findall(r'<section class="report" id="r(\d+)"', seeds_page))
    broken = {h for h in re.findall(r'href="#([^"]+)"', seeds_page) if h not in targets} - {f"r{last + 1}"}
    assert broken == set()
    assert f"#r{last} .next{{display:none}}" in seeds_page


def test_the_page_is_self_contained(seeds_page: str) -> None:
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in seeds_page
    tree = parse(seeds_page)
    for el in tree.iter():
        for name, value in el.attrib.items():
            if name in ("src", "href", "action", "poster", "data", "srcset", "formaction"):
                assert value.startswith("#"), (el.tag, name, value)  # only in-page links
            if not name.endswith("xmlns"):
                assert "://" not in value, (el.tag, name, value)
    assert [e.tag for e in tree.iter() if e.tag in ("link", "img", "iframe", "object", "embed", "base", "video", "audio")] == []
    assert seeds_page.count("<style>") == 1 and seeds_page.count("<script>") == 1
    style = seeds_page[seeds_page.index("<style>") : seeds_page.index("</style>")]
    script = seeds_page[seeds_page.index("<script>") : seeds_page.index("</script>")]
    for code in (style, script):
        assert not re.search(r"url\(|@import|://|fetch\(|XMLHttpRequest|import\(|WebSocket|sendBeacon", code)
    assert seeds_page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")


def test_every_finding_has_a_note_and_a_marker(seeds_page: str) -> None:
    expected = findings(SEEDS, ARITHMETIC)
    tree = parse(seeds_page)
    sections = tree.findall(".//section[@class='report']")
    paths = [s.find(".//p[@class='path']/code").text for s in sections]
    assert sorted(paths) == sorted({f["path"] for f in expected} | {str(p) for p in sorted(SEEDS.glob("*.txt"))} | {str(ARITHMETIC)})
    for section, path in zip(sections, paths):
        want = sorted((f["rule"], f["line"]) for f in expected if f["path"] == path)
        notes = section.findall(".//aside")
        assert sorted((n.get("data-rule"), int(n.get("data-line"))) for n in notes) == want, path
        markers = [e for e in section.iter() if "mk" in (e.get("class") or "").split()]
        marked = {fid for e in markers for fid in e.get("data-f", "").split()}
        assert {n.get("data-f") for n in notes} <= marked, path
        anchors = {e.get("id") for e in section.iter() if e.get("id", "").startswith("m")}
        assert {"m" + n.get("data-f") for n in notes} <= anchors, path


def test_a_failed_relation_is_written_out_with_both_sides(seeds_page: str) -> None:
    tree = parse(seeds_page)
    rels = ["".join(p.itertext()) for p in tree.iter("p") if p.get("class") == "rel"]
    assert "自然人：一 + 二 = 23 + 2 = 25 ≠ （七）总计 + 四 = 24 + 0 = 24" in rels
    # A sum over a group of rows is named by the group (（三） = its 8 rows).
    assert "自然人：（七）总计 = 24 ≠ （一） + （二） + （三） + （四） + （五） + （六） = 3 + 1 + 2 + 2 + 1 + 0 = 9" in rels
    # The cells a relation involves are coloured and the terms point at them.
    section = next(s for s in tree.findall(".//section[@class='report']") if s.find(".//p[@class='path']/code").text == str(ARITHMETIC))
    involved = {td.get("data-k") for td in section.iter("td") if "inv" in (td.get("class") or "").split()}
    terms = [t for t in section.iter("span") if t.get("class") == "term"]
    assert terms and all(set(t.get("data-c").split()) <= involved for t in terms)
    assert {t.get("title") for t in terms} >= {"一、本年新收政府信息公开申请数量", "四、结转下年度继续办理", "（七）总计"}


def test_tables_are_redrawn_with_the_templates_labels_and_what_was_written(seeds_page: str) -> None:
    tree = parse(seeds_page)
    section = next(s for s in tree.findall(".//section[@class='report']") if "002_" in s.find(".//p[@class='path']/code").text)
    row = next(th for th in section.iter("th") if text_of(th).startswith("6.属于四类过程性信息"))
    assert text_of(row) == "6.属于四类过程性信息原文：6. 属于四类内部事务信息"
    assert "mk" in row.get("class", "").split() and row.get("data-f")
    heads = [text_of(th) for th in section.iter("th") if th.get("scope") == "col"]
    assert "本年新制作数量原文：本年度制作数量" in heads and "自然人" in heads and "结果维持" in heads
    # A blank-cell finding colours every blank cell it names, not only the first.
    s000 = next(s for s in tree.findall(".//section[@class='report']") if "000_" in s.find(".//p[@class='path']/code").text)
    blank = [td for td in s000.iter("td") if "b" in (td.get("class") or "").split()]
    assert blank and all("inv" in td.get("class").split() or "mk" in td.get("class").split() for td in blank)


def test_notes_cite_the_rule_the_fix_and_the_official_wording(seeds_page: str) -> None:
    tree = parse(seeds_page)
    note = next(a for a in tree.iter("aside") if a.get("data-rule") == "GIA201" and "6. 属于四类内部事务信息" in "".join(a.itertext()))
    text = "".join(note.itertext())
    assert "错误" in text and "GIA201" in text and "row-label" in text and "行列名称" in text
    assert "应为“6.属于四类过程性信息”" in text and "确定的修复" in text
    assert note.find(".//span[@lang='en']").text == "row-label"


def test_the_overview_orders_files_by_attention_and_counts_by_agency(seeds_page: str) -> None:
    tree = parse(seeds_page)
    rows = tree.findall(".//table[@id='files']/tbody/tr")
    errors = [int(r.findall("td")[5].text) for r in rows]
    warnings = [int(r.findall("td")[6].text) for r in rows]
    assert list(zip(errors, warnings)) == sorted(zip(errors, warnings), key=lambda t: (-t[0], -t[1]))
    assert rows[0].find(".//a").get("href") == "#r" + rows[0].get("data-r")
    text = "".join(tree.find(".//section[@id='overview']").itertext())
    assert "铜川市王益区对外经济合作中心" in text and "固原市经济技术合作局" in text and "某某市某某区商务局" in text
    charts = tree.findall(".//figure[@class='chart']/{http://www.w3.org/2000/svg}svg")
    assert len(charts) == 4 and all(c.get("role") == "img" and c.get("aria-label") for c in charts)
    tally = rows[0].get("data-fs")
    assert re.fullmatch(r"(GIA\d{3}:[ewi]:\d+ ?)+", tally)


def test_other_formats_are_unchanged_by_the_relation_data(tmp_path: Path) -> None:
    data = findings(ARITHMETIC)
    assert {"GIA301", "GIA303", "GIA601"} <= {f["rule"] for f in data}
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity", "message", "fix"}
    assert all(set(f) == keys for f in data)
    sarif = json.loads(check("--format", "sarif", str(ARITHMETIC))[1])
    assert "relation" not in json.dumps(sarif) and "applications.natural_person" not in json.dumps(sarif)


def test_a_file_that_is_not_a_report_and_odd_paths_are_shown_safely(tmp_path: Path) -> None:
    bad = tmp_path / "<img src=x onerror=alert(1)>.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    text = page(tmp_path, bad, SEEDS / "001_1e18f80993d45f81.txt")
    parse(text)
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;.txt" in text
    tree = parse(text)
    section = next(s for s in tree.findall(".//section[@class='report']") if "alert" in s.find(".//p[@class='path']/code").text)
    whole = section.find(".//div[@class='whole']")
    assert whole is not None and whole.find(".//aside").get("data-rule") == "GIA001"
    assert "mk" in whole.find(".//aside").get("class").split()
    clean = next(s for s in tree.findall(".//section[@class='report']") if "001_" in s.find(".//p[@class='path']/code").text)
    assert clean.find(".//p[@class='clean']") is not None


def test_an_empty_batch_is_a_valid_page(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.md").write_text("# 说明\n\n不是报告。\n", encoding="utf-8")  # found in a folder: skipped
    text = page(tmp_path, folder, extra=("--isolated",))
    parse(text)
    assert "检查的文件" in text and "<section class=\"report\"" not in text
    assert '<span class="num">1</span><span class="lbl">不是年度报告，已跳过</span>' in text


@pytest.mark.result_cache
def test_the_page_is_the_same_whatever_the_number_of_jobs_and_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GIALINT_NO_CACHE", raising=False)
    one = page(tmp_path, SEEDS, ARITHMETIC, extra=("--no-cache",))
    two = page(tmp_path, SEEDS, ARITHMETIC, extra=("--jobs", "2", "--no-cache"))
    cold = page(tmp_path, SEEDS, ARITHMETIC)
    warm = page(tmp_path, SEEDS, ARITHMETIC)
    assert one == two == cold == warm
    stored = list((tmp_path / "cache").rglob("*.view.json"))
    assert stored, "views are kept beside the findings"
    # A damaged view in the cache is read again from the file, never an error.
    import json as _json

    for entry in stored:
        data = _json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(_json.dumps({**data, "value": [[], "x", 3, None, "v", "n"]} if isinstance(data, dict) else [1]), encoding="utf-8")
    assert page(tmp_path, SEEDS, ARITHMETIC) == one
    assert page(tmp_path, SEEDS, ARITHMETIC, extra=("--jobs", "2")) == one


def test_report_bodies_are_inert_text_for_a_browser_with_scripting(seeds_page: str) -> None:
    bodies = re.findall(r"<noscript>(.*?)</noscript>", seeds_page, flags=re.S)
    assert len(bodies) == seeds_page.count('<section class="report"')
    for body in bodies:
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(body)
        assert "<noscript" not in body


def test_the_review_sheet_has_a_print_style(seeds_page: str) -> None:
    css = seeds_page[seeds_page.index("<style>") : seeds_page.index("</style>")]
    media = css[css.index("@media print") :]
    assert ".signoff { display: flex" in media and ".bar" in media and "break-inside: avoid" in media
    assert "审阅人：" in seeds_page
