"""One small report per table shape, written for the test, plus the noise that
PDF and OCR text brings (split header cells, numbers glued to labels, page
footers between rows)."""

from __future__ import annotations

from gialint import from_text, read_report

HEAD = "某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n概述。\n\n二、主动公开政府信息情况\n\n"
MIDDLE = "\n三、收到和处理政府信息公开申请情况\n\n（略）\n\n四、政府信息公开行政复议、行政诉讼情况\n\n"
TAIL = "\n五、存在的主要问题及改进情况\n\n问题。\n\n六、其他需要报告的事项\n\n无。\n"

APPEALS = list(range(1, 16))


def report(section2: str, section4: str) -> str:
    return HEAD + section2 + MIDDLE + section4 + TAIL


def check(text: str) -> None:
    r = read_report(from_text(text))
    assert r.detection.version == "v2021"
    assert r.value("documents.issued.normative") == 3
    assert r.value("documents.in_force.normative") == 12
    assert r.value("documents.repealed.rules") == 0
    assert r.value("licensing.decisions.licensing") == 26
    assert r.value("enforcement.decisions.coercion") == 1
    assert str(r.value("fees.amount.admin_fees")) == "1.25"
    appeals = r.tables["appeals"]
    got = [appeals.cells[f"appeals.{c}.{row}"].value for row in ("review", "litigation_direct", "litigation_after_review") for c in ("upheld", "corrected", "other", "pending", "total")]
    assert got == APPEALS
    bad = [(m.role, m.official, m.status) for t in ("documents", "licensing", "enforcement", "fees") for m in r.tables[t].labels if m.status not in ("exact", "normalized")]
    assert bad == []


def tab_cells(rows: list[list[str]]) -> str:
    return "".join("".join(f"\t{c}\n" for c in row) + "\n" for row in rows)


SEC2_ROWS = [
    ["第二十条第（一）项"],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "0", "0", "0"],
    ["行政规范性文件", "3", "1", "12"],
    ["第二十条第（五）项"],
    ["信息内容", "本年处理决定数量"],
    ["行政许可", "26"],
    ["第二十条第（六）项"],
    ["信息内容", "本年处理决定数量"],
    ["行政处罚", "8"],
    ["行政强制", "1"],
    ["第二十条第（八）项"],
    ["信息内容", "本年收费金额（单位：万元）"],
    ["行政事业性收费", "1.25"],
]
SEC4_ROWS = [
    ["行政复议", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
    ["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
    [str(v) for v in APPEALS],
]


def test_shape1_tab_cells_with_continuation_lines() -> None:
    sec2 = tab_cells(SEC2_ROWS).replace("\t本年制发件数\n", "\t本年制发\n件数\n")  # wrapped in Word
    sec4 = tab_cells(SEC4_ROWS).replace("\t结果维持\n", "\t结果 维持\n", 1)
    check(report(sec2, sec4))


def test_shape2_one_cell_per_paragraph_with_wrapped_cells() -> None:
    def cells(rows: list[list[str]]) -> str:
        return "".join(f"{c}\n\n" for row in rows for c in row if c)

    sec2 = cells(SEC2_ROWS).replace("本年废止件数\n", "本年废止\n\n件数\n")
    check(report(sec2, cells(SEC4_ROWS)))


def test_shape3_tab_separated_rows_with_lost_leading_tabs() -> None:
    def tsv(rows: list[list[str]]) -> str:
        return "".join("\t".join(row + [""]) + "\n" for row in rows)

    sec4 = tsv(SEC4_ROWS).replace("\t\t\t\t\t结果维持", "结果维持", 1)  # the merged cells' tabs lost
    check(report(tsv(SEC2_ROWS), sec4))


def test_shape4_pipe_tables_with_empty_merged_cells() -> None:
    def pipe(rows: list[list[str]], width: int) -> str:
        lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
        return lines[0] + "\n|" + "---|" * width + "\n" + "\n".join(lines[1:]) + "\n"

    check(report(pipe(SEC2_ROWS, 4), pipe(SEC4_ROWS, 15)))


def test_pipe_table_with_repeated_group_labels() -> None:
    rows = [
        "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | | | | | | | |",
        "|---|---|---|---|---|---|---|---|---|",
        "| | | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        "| 一、本年新收政府信息公开申请数量 | | 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
        "| 三、本年度办理结果 | （一）予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |",
        "| 三、本年度办理结果 | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    ]
    text = HEAD + "无。\n" + "\n三、收到和处理政府信息公开申请情况\n\n" + "\n".join(rows) + "\n" + TAIL
    r = read_report(from_text(text))
    assert r.value("applications.total.new") == 6
    assert r.value("applications.natural_person.results.disclosed") == 4
    assert r.value("applications.natural_person.results.partial") == 1
    assert r.tables["applications"].label("group", "results").status == "exact"
    assert not [u for u in r.unmatched if u.section == 3 and u.reason == "extra-label"]


def test_pdf_noise_glued_numbers_and_page_footers() -> None:
    def noisy(rows: list[list[str]]) -> str:
        out = []
        for row in rows:
            if row[0] in ("规章", "行政规范性文件", "行政许可"):
                out.append(row[0] + " " + " ".join(row[1:]))  # numbers glued to the label
            else:
                out.extend(c for c in row if c)
            if row[0] == "行政许可":
                out.append("- 3 -")  # a page footer between rows
        return "\n".join(out) + "\n"

    check(report(noisy(SEC2_ROWS), noisy(SEC4_ROWS)))


def test_what_does_not_fit_stays_visible() -> None:
    sec2 = tab_cells(SEC2_ROWS[:4] + [["其他主动公开文件", "2", "0", "2"]] + SEC2_ROWS[4:])
    r = read_report(from_text(report(sec2, tab_cells(SEC4_ROWS))))
    extra = [u for u in r.unmatched if u.reason == "extra-label"]
    assert [u.cell.text for u in extra] == ["其他主动公开文件"]
    assert [u.cell.text for u in r.unmatched if u.reason == "extra-value"] == ["2", "0", "2"]


def test_blank_dash_and_no_value_are_not_zero() -> None:
    rows = [r[:] for r in SEC2_ROWS]
    rows[2] = ["规章", "", "—", "无"]
    r = read_report(from_text(report(tab_cells(rows), tab_cells(SEC4_ROWS))))
    cells = [r.cell(f"documents.{c}.rules") for c in ("issued", "repealed", "in_force")]
    assert [(c.content, c.value, c.raw) for c in cells] == [("blank", None, ""), ("dash", None, "—"), ("dash", None, "无")]


def test_number_forms() -> None:
    rows = [r[:] for r in SEC2_ROWS]
    rows[3] = ["行政规范性文件", "３", "1,001", "12件"]
    r = read_report(from_text(report(tab_cells(rows), tab_cells(SEC4_ROWS))))
    assert [r.value(f"documents.{c}.normative") for c in ("issued", "repealed", "in_force")] == [3, 1001, 12]
    assert r.cell("documents.in_force.normative").unit == "件"
