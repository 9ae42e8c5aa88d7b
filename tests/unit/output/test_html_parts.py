"""The parts of the review page: where each finding is placed, how a line
is marked, short labels in relations, the report view as plain data, and
the relation data that equations attach to their findings."""

from __future__ import annotations

import html5lib
import pytest

from gialint.load.decode import from_text
from gialint.model.findings import Finding, Fix
from gialint.model.span import Span
from gialint.output.html.marks import Marker
from gialint.output.html.place import place
from gialint.output.html.report import report_html
from gialint.output.html.tables import relation_html, short_label
from gialint.output.view import from_plain, report_view, to_plain

from tests.helpers import FIXTURES, default_linter, seed_path


def finding(line: int, column: int, end_line: int, end_column: int, rule: str = "GIA701", severity: str = "warning", **kw) -> Finding:  # type: ignore[no-untyped-def]
    return Finding("r.txt", line, column, end_line, end_column, rule, "x", kw.pop("category", "wording"), severity, kw.pop("message", "msg"), **kw)


def view_of(path):  # type: ignore[no-untyped-def]
    from gialint.load.loader import read

    source = read(path)
    report = default_linter().read(source)
    return source, report, report_view(source, report)


@pytest.mark.parametrize(
    ("label", "parent", "short"),
    [
        ("一、本年新收政府信息公开申请数量", None, "一"),
        ("四、结转下年度继续办理", None, "四"),
        ("（七）总计", None, "（七）总计"),
        ("（三）不予公开", None, "（三）"),
        ("1.属于国家秘密", "（三）不予公开", "（三）1"),
        ("自然人", None, "自然人"),
        ("社会公益组织", None, "社会公益组织"),
        ("行政事业性收费额度很长", None, "行政事业性收费额度很长"),
    ],
)
def test_short_labels(label: str, parent: str | None, short: str) -> None:
    assert short_label(label, parent) == short


def test_a_relation_reads_as_a_reviewer_writes_it() -> None:
    rel = {"op": "==", "where": "自然人", "sides": [
        {"value": "25", "terms": [{"sign": "+", "label": "一、本年新收政府信息公开申请数量", "value": "23", "cells": ["a"]},
                                  {"sign": "+", "label": "二、上年结转政府信息公开申请数量", "value": "2", "cells": ["b"]}]},
        {"value": "24", "terms": [{"sign": "+", "label": "（七）总计", "value": "24", "cells": ["c"]},
                                  {"sign": "-", "label": "四、结转下年度继续办理", "value": "0", "cells": ["d"]}]},
    ]}  # fmt: skip
    out = relation_html(rel, {}, {"a": "0", "c": "2"})
    text = html5lib.parseFragment(out, namespaceHTMLElements=False)
    assert "".join(text.itertext()) == "自然人：一 + 二 = 23 + 2 = 25 ≠ （七）总计 − 四 = 24 − 0 = 24"
    assert 'data-c="0"' in out and 'data-c="2"' in out and 'data-c=""' in out
    assert "？" in relation_html({"op": "<=", "sides": [{"value": None, "terms": [{"sign": "+", "label": "x", "value": None}]}, {"value": "1", "terms": []}]}, {}, {})
    assert relation_html({"op": "==", "sides": []}, {}, {}) == ""


def test_a_line_is_marked_where_findings_point() -> None:
    fs = [finding(3, 2, 3, 5), finding(3, 4, 3, 7, severity="error"), finding(3, 9, 3, 9), finding(2, 1, 4, 1, severity="info")]
    m = Marker(7, fs)
    out = m.line("abcdefghij", 3, [0, 1, 2, 3])
    frag = html5lib.parseFragment(out, namespaceHTMLElements=False)
    assert "".join(frag.itertext()) == "4a1bc2defgh3‸ij"  # each finding's number where its marking starts
    marks = [(e.text, e.get("data-f"), e.get("class")) for e in frag.iter("mark")]
    # "a" lies under the multi-line info finding only; "d" under the two ranges: the more severe colour wins.
    assert ("a", "7-3", "mk s-info") in marks
    assert ("d", "7-0 7-1 7-3", "mk s-error") in marks and ("bc", "7-0 7-3", "mk s-warning") in marks
    assert ("‸", "7-2", "mk s-warning zw") in marks
    ids = [e.get("id") for e in frag.iter("sup") if e.get("class") == "fn"]
    assert sorted(ids) == ["m7-0", "m7-1", "m7-2", "m7-3"]  # each finding anchored once
    assert "m7-0" not in m.line("abcdefghij", 3, [0])  # …and only once
    dim = m.line("## 标题", 1, [], plain=(3, 5))
    assert dim == '<span class="md">## </span>标题'


def test_each_finding_is_placed_once() -> None:
    source, report, view = view_of(seed_path("002"))
    lines = len(view.lines)
    fs = [
        finding(1, 1, 1, 1, rule="GIA801", category="meta"),  # no span: the whole file
        finding(63, 1, 63, 14, rule="GIA201", category="label"),  # a row label
        finding(54, 19, 54, 20, rule="GIA401", category="value"),  # a cell
        finding(11, 3, 11, 6),  # prose
        finding(2, 1, 2, 1),  # a blank line before the title: shown on its own
        finding(lines + 5, 1, lines + 5, 2),  # past the end: the whole file
        finding(1, 1, 1, 5, category="input"),
    ]
    p = place(view, fs)
    assert p.whole_file == [0, 5, 6]
    assert p.elements == {("l", "applications", "row", "results.withheld.process_info"): [1], ("c", "applications", 0, "new"): [2]}
    assert p.lines == {2: [4]}
    text_block = next(i for i, b in enumerate(view.blocks) if b.line <= 11 <= b.end_line)
    assert p.blocks[text_block] == [3]
    placed = p.whole_file + [i for ids in p.elements.values() for i in ids] + [i for ids in p.lines.values() for i in ids] + p.blocks[text_block]
    assert sorted(placed) == list(range(len(fs)))
    assert place(None, fs).whole_file == list(range(len(fs)))
    out = report_html(4, str(seed_path("002")), view, fs, {})
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(out)
    assert out.count('class="fn" id="m4-') == len(fs)
    assert '<span class="ln">第 2 行</span>' in out


def test_the_view_keeps_every_block_and_table_and_round_trips_as_plain_data() -> None:
    import json

    for path in (seed_path("000"), seed_path("001"), FIXTURES / "shapes" / "clean2023_pipe.md"):
        source, report, view = view_of(path)
        kinds = {b.kind for b in view.blocks}
        assert {"title", "heading", "tables"} <= kinds
        tables = {t.key for b in view.blocks for t in b.tables}
        assert tables == {k for k, t in report.tables.items() if t.found}
        lines = [(b.line, b.end_line) for b in view.blocks]
        assert lines == sorted(lines) and all(a[1] < b[0] for a, b in zip(lines, lines[1:])), "blocks do not overlap"
        plain = json.loads(json.dumps(to_plain(view)))
        assert from_plain(plain, source) == view
    src = from_text("x", "r.txt")
    for bad in (None, [], [[], "t", "a", "2020", "v", "n"], [[["title", 1]], None, "", None, "v", "n"], [[], None, 3, None, "v", "n"]):
        with pytest.raises((ValueError, TypeError)):
            from_plain(bad, src)


def test_failed_equations_carry_their_relation_and_other_findings_their_cells() -> None:
    fs = default_linter().lint_path(FIXTURES / "html" / "arithmetic2023.txt")
    rel = next(f for f in fs if f.rule == "GIA301" and "自然人" in f.message).extra["relation"]
    assert rel["op"] == "==" and rel["where"] == "自然人"
    lhs, rhs = rel["sides"]
    assert (lhs["value"], rhs["value"]) == ("25", "24")
    assert [(t["label"], t["value"], t["cells"]) for t in lhs["terms"]] == [
        ("一、本年新收政府信息公开申请数量", "23", ["applications.natural_person.new"]),
        ("二、上年结转政府信息公开申请数量", "2", ["applications.natural_person.carried_over"]),
    ]
    assert [t["label"] for t in rhs["terms"]] == ["（七）总计", "四、结转下年度继续办理"]
    total = next(f for f in fs if f.rule == "GIA303" and "自然人" in f.message).extra["relation"]
    withheld = next(t for t in total["sides"][1]["terms"] if t["text"] == "sum(results.withheld)")
    assert withheld["label"] == "（三）不予公开" and len(withheld["cells"]) == 8
    blank = next(f for f in default_linter().lint_path(seed_path("000")) if f.rule == "GIA401" and "6 个单元格" in f.message)
    assert len(blank.extra["cells"]) == 6


def test_a_hit_with_extra_data_that_is_not_a_mapping_is_refused() -> None:
    from gialint.linting.hits import invalid_hit
    from gialint.model.findings import Hit

    assert invalid_hit(Hit(Span(1, 1, 1, 2), "m", extra={"a": [1]}), 10) is None
    assert invalid_hit(Hit(Span(1, 1, 1, 2), "m", extra=[1, 2]), 10) == "`extra` 不是以字符串为键的映射"  # type: ignore[arg-type]
    assert invalid_hit(Hit(Span(1, 1, 1, 2), "m", extra={1: 2}), 10) == "`extra` 不是以字符串为键的映射"  # type: ignore[dict-item]
    assert invalid_hit(Hit(Span(1, 1, 1, 2), "m", Fix("a", Span(1, 1, 1, 2))), 10) is None


def test_a_view_that_cannot_be_drawn_still_lists_the_findings() -> None:
    from gialint.output.formatters.html import HtmlFormatter
    from gialint.output.formatters.base import Summary

    source, report, view = view_of(seed_path("002"))
    view.blocks[0].line = "x"  # type: ignore[assignment]  # as a damaged view would be
    fmt = HtmlFormatter(default_linter().ruleset)
    fmt.start()
    fs = [finding(63, 1, 63, 14, rule="GIA201", category="label")]
    assert fmt.file("r.txt", fs, view=view) == ""
    page = "".join(fmt.end(Summary(files=1)))
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert '<div class="whole">' in page and 'data-rule="GIA201"' in page
