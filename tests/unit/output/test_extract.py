"""``gialint extract``: every bound cell as data (CSV, JSON Lines, xlsx) and a
summary per agency and year, in agency and year order."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from tests.serieskit import BREAKS, agency_series, write


def extract(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["extract", "--no-progress", *args])
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    files = agency_series()
    name, edits, _ = BREAKS["GIA611"]  # 2023 carries over what 2022 did not carry forward
    for old, new in edits.items():
        files[name] = files[name].replace(old, new)
    files["README.md"] = "# 说明\n\n本目录存放年度报告。\n"
    return write(tmp_path / "reports", files)


def test_csv_cells_and_summary(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "data.csv"
    code, _, err = extract("-o", str(out), str(folder))
    assert code == 0 and "5 份报告" in err and "1 个文件不是报告" in err
    with out.open(encoding="utf-8-sig", newline="") as f:
        cells = list(csv.DictReader(f))
    # Every bound cell, with its agency, year, table, row, column, value, file and line.
    row = next(c for c in cells if c["year"] == "2023" and c["key"] == "applications.natural_person.carried_over")
    assert row["value"] == "2" and row["row"] == "二、上年结转政府信息公开申请数量" and row["column"] == "自然人"
    assert row["file"].endswith("2023-区商务局.md") and row["line"] == "54" and row["agency"] == "某某市某某区商务局"
    assert {c["year"] for c in cells} == {"2019", "2020", "2021", "2022", "2023"}
    assert [c["year"] for c in cells] == sorted(c["year"] for c in cells)  # by agency, then year
    with (tmp_path / "data.summary.csv").open(encoding="utf-8-sig", newline="") as f:
        summary = list(csv.DictReader(f))
    assert [s["year"] for s in summary] == ["2019", "2020", "2021", "2022", "2023"]
    assert {s["agency_key"] for s in summary} == {"某某市某某区商务局"}  # the renamed agency joined
    s2023 = summary[-1]
    assert (s2023["new"], s2023["closed"], s2023["carried_forward"], s2023["review"], s2023["litigation"], s2023["fees"]) == ("15", "16", "1", "1", "1", "1.25")
    assert s2023["warnings"] == "2" and s2023["errors"] == "0"  # the two GIA611 findings across years
    assert summary[0]["fees"] == ""  # the 2019 format has no fee amount


def test_jsonl_to_a_file_and_to_stdout(folder: Path, tmp_path: Path) -> None:
    code, out, _ = extract("--format", "jsonl", str(folder))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    fee = next(r for r in lines if r["key"] == "fees.amount.admin_fees" and r["year"] == 2023)
    assert fee["value"] == 1.25 and fee["unit"] in (None, "万元")
    code, _, _ = extract("-o", str(tmp_path / "d.jsonl"), str(folder))
    assert code == 0 and len((tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()) == len(lines)
    summary = [json.loads(x) for x in (tmp_path / "d.summary.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [s["year"] for s in summary] == [2019, 2020, 2021, 2022, 2023]


def test_xlsx_has_a_summary_and_a_cells_sheet(folder: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "data.xlsx"
    code, _, _ = extract("-o", str(out), str(folder))
    assert code == 0
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["汇总", "单元格"]
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0][:3] == ("机关", "机关（归并）", "年度") and [r[2] for r in summary[1:]] == [2019, 2020, 2021, 2022, 2023]
    header, *cells = list(book["单元格"].iter_rows(values_only=True))
    assert header[-1] == "行号" and len(cells) > 900
    key, value = header.index("单元格键"), header.index("数值")
    assert any(r[key] == "fees.amount.admin_fees" and r[value] == 1.25 for r in cells)


def test_never_overwrites_a_report_nor_leaves_half_a_file(folder: Path, tmp_path: Path) -> None:
    report = folder / "2022-区商务局.txt"
    before = report.read_bytes()
    code, _, err = extract("--format", "csv", "-o", str(report), str(folder))
    assert code == 2 and "不会覆盖" in err and report.read_bytes() == before
    code, _, err = extract("-o", str(tmp_path / "data.txt"), str(folder))
    assert code == 2 and "--format" in err
    code, _, err = extract(str(folder))
    assert code == 2
    assert not list(tmp_path.glob(".*.gialint-tmp"))


def test_an_unreadable_named_file_is_reported_not_fatal(folder: Path, tmp_path: Path) -> None:
    code, _, err = extract("-o", str(tmp_path / "d.csv"), str(folder / "2023-区商务局.md"), str(tmp_path / "missing.txt"))
    assert code == 0 and "1 份报告" in err and "1 个文件" in err and "missing.txt" in err
