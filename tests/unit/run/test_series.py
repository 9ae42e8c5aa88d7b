"""The series view (issue 15): one agency's reports over five years in mixed
layouts, one planted break per rule across years; the agency renamed and
joined by configuration; a directory of several agencies where nothing is
paired wrongly; a single file finding its earlier reports next to it, in
``history:`` and with ``--history``; the same output with ``--jobs``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from tests.serieskit import ALIASES_YAML, BREAK_TARGET, BREAKS, agency_series, renamed, write

SERIES_RULES = ("GIA611", "GIA612", "GIA613", "GIA614", "GIA615", "GIA616")


def check(*args: str) -> list[dict]:  # type: ignore[type-arg]
    r = CliRunner().invoke(main, ["check", "--no-progress", "--format", "json", *args])
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)


def across(findings: list[dict]) -> list[tuple[str, str, int]]:  # type: ignore[type-arg]
    return sorted((Path(f["path"]).name, f["rule"], f["line"]) for f in findings if f["rule"] in SERIES_RULES)


def test_a_consistent_series_has_no_finding_across_years(tmp_path: Path) -> None:
    folder = write(tmp_path / "reports", agency_series())
    assert across(check(str(folder))) == []


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_each_planted_break_is_found_on_the_later_report(tmp_path: Path, rule: str) -> None:
    name, edits, line = BREAKS[rule]
    files = agency_series()
    for old, new in edits.items():
        assert files[name].count(old) == 1, old
        files[name] = files[name].replace(old, new)
    folder = write(tmp_path / "reports", files)
    found = [f for f in check(str(folder)) if f["rule"] in SERIES_RULES]
    target = BREAK_TARGET.get(rule, name)
    assert {f["rule"] for f in found} == {rule}, found
    mine = [f for f in found if Path(f["path"]).name == target]
    assert mine, found
    if line:
        assert {f["line"] for f in mine} == {line}
    # The message names last year's file and a line in it.
    years = sorted(files)
    earlier = years[years.index(target) - 1]
    assert all(re.search(rf"“[^”]*{re.escape(earlier)}”第 \d+ 行", f["message"]) for f in mine), mine


def test_the_renamed_agency_is_one_series_only_with_its_alias(tmp_path: Path) -> None:
    # A carry-over break between 2020 (某某县某某局) and 2021 (某某市某某区商务局).
    files = agency_series()
    files["2020-某某县某某局.txt"] = files["2020-某某县某某局.txt"].replace(
        "四、结转下年度继续办理\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0", "四、结转下年度继续办理\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1", 1)
    assert files["2020-某某县某某局.txt"] != agency_series()["2020-某某县某某局.txt"]
    joined = write(tmp_path / "joined", files)
    apart = write(tmp_path / "apart", files, config="")
    with_alias = [f for f in check(str(joined)) if f["rule"] == "GIA611"]
    # The 自然人 and 总计 columns, on 2021, naming 2020's file.
    assert [Path(f["path"]).name for f in with_alias] == ["2021-区商务局.txt"] * 2
    assert all("2020-某某县某某局.txt”第 " in f["message"] for f in with_alias)
    assert [f for f in check(str(apart)) if f["rule"] == "GIA611"] == []


def test_several_agencies_are_never_paired_wrongly(tmp_path: Path) -> None:
    from gialint.testing import base_text

    c22, c23 = base_text("clean2022"), base_text("clean2023")
    a = "某某市某某区商务局"
    # B: the city's own bureau, another agency with the same kind of name;
    # its 2023 carries over what its 2022 carried forward, so any finding on
    # it means it was compared with someone else's report.
    files = {
        "b-2022.txt": renamed(c22, a, "某某市商务局"),
        "b-2023.txt": renamed(c23, a, "某某市商务局"),
        # Two cities with a 鼓楼区: never one agency, and the bare district name is no one's.
        "nanjing-2022.txt": renamed(c22, a, "南京市鼓楼区商务局"),
        "fuzhou-2023.txt": renamed(c23, a, "福州市鼓楼区商务局"),
        "gulou-2022.txt": renamed(c22, a, "鼓楼区商务局"),
        # 人民政府 written 政府: one agency.
        "gov-2022.txt": renamed(c22, a, "某某市人民政府办公室"),
        "gov-2023.txt": renamed(c23, a, "某某市政府办公室"),
        # A short name that leaves out the city: one agency when no other city has it.
        "jinan-2022.txt": renamed(c22, a, "济南市历下区商务局"),
        "lixia-2023.txt": renamed(c23, a, "历下区商务局").replace("\t\t\t1\t1\t0\t0\t0\t0\t2", "\t\t\t1\t0\t0\t0\t0\t0\t1", 1)
                          .replace("一、本年新收政府信息公开申请数量\t\t\t9\t3\t0\t1\t1\t1\t15", "一、本年新收政府信息公开申请数量\t\t\t9\t4\t0\t1\t1\t1\t16"),
        # Two different 2022 reports of one agency: which is last year's is unknown.
        "dup-2022a.txt": renamed(c22, a, "某某县文旅局"),
        "dup-2022b.txt": renamed(c22, a, "某某县文旅局").replace("行政许可\t31", "行政许可\t30"),
        "dup-2023.txt": renamed(c23, a, "某某县文旅局").replace("\t\t\t1\t1\t0\t0\t0\t0\t2", "\t\t\t5\t1\t0\t0\t0\t0\t6", 1),
        # No agency at all: the title and the publisher line name none.
        "anon-2023.txt": c23.replace(f"{a}2023年", "2023年").replace(f"\n{a}\n", "\n"),
    }
    folder = write(tmp_path / "province", files, config=None)
    found = across(check(str(folder)))
    # Only the one real break: 历下区 2023 carried over 1 where 济南市历下区 2022
    # carried forward 2 (its 商业企业 and 总计 columns).
    assert found == [("lixia-2023.txt", "GIA611", 52)] * 2, found
    # And the pairs themselves, as extract records them.
    r = CliRunner().invoke(main, ["extract", "--no-progress", "-o", str(tmp_path / "out.csv"), str(folder)])
    assert r.exit_code == 0, r.output
    rows = (tmp_path / "out.summary.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    keys = {line.split(",")[4].rsplit("/", 1)[-1]: line.split(",")[1] for line in rows}
    assert keys["gov-2022.txt"] == keys["gov-2023.txt"] == "某某市政府办公室"
    assert keys["jinan-2022.txt"] == keys["lixia-2023.txt"] == "济南市历下区商务局"
    assert keys["b-2022.txt"] == keys["b-2023.txt"] == "某某市商务局"
    assert len({keys["nanjing-2022.txt"], keys["fuzhou-2023.txt"]}) == 2 and keys["gulou-2022.txt"] == ""
    assert keys["anon-2023.txt"] == ""


def test_a_single_file_finds_its_earlier_reports(tmp_path: Path) -> None:
    name, edits, _ = BREAKS["GIA611"]
    files = agency_series()
    for old, new in edits.items():
        files[name] = files[name].replace(old, new)
    folder = write(tmp_path / "reports", files)
    # Next to it (pre-commit passes the one file).
    assert {f["rule"] for f in check(str(folder / name)) if f["rule"] in SERIES_RULES} == {"GIA611"}
    # In another directory: only with history: or --history.
    alone = tmp_path / "new"
    alone.mkdir()
    (alone / name).write_text(files[name], encoding="utf-8")
    assert across(check("--isolated", str(alone / name))) == []
    hit = across(check("--isolated", "--history", str(folder), str(alone / name)))
    assert {r for _, r, _ in hit} == {"GIA611"}
    (alone / ".gialint.yaml").write_text("history: [../reports]\n", encoding="utf-8")
    assert {r for _, r, _ in across(check(str(alone / name)))} == {"GIA611"}
    # Neighbours are read, never reported on.
    assert {Path(f["path"]).name for f in check(str(alone / name))} == {name}


def test_series_output_is_the_same_with_jobs(tmp_path: Path) -> None:
    files = agency_series()
    for rule in ("GIA611", "GIA613"):
        name, edits, _ = BREAKS[rule]
        for old, new in edits.items():
            files[name] = files[name].replace(old, new)
    folder = write(tmp_path / "reports", files)
    one = check(str(folder))
    assert across(one) and check("--jobs", "2", str(folder)) == one


def test_series_rules_can_be_turned_off(tmp_path: Path) -> None:
    name, edits, _ = BREAKS["GIA611"]
    files = agency_series()
    for old, new in edits.items():
        files[name] = files[name].replace(old, new)
    folder = write(tmp_path / "reports", files, config=ALIASES_YAML + "ignore: [GIA611]\n")
    assert across(check(str(folder))) == []


def test_a_suppression_comment_silences_a_finding_across_years(tmp_path: Path) -> None:
    name, edits, _ = BREAKS["GIA611"]
    files = agency_series()
    for old, new in edits.items():
        files[name] = files[name].replace(old, new)
    files[name] = files[name].replace("| 二、上年结转", "<!-- gialint-disable-next-line carry-over -->\n| 二、上年结转", 1)
    folder = write(tmp_path / "reports", files)
    found = check(str(folder))
    assert across(found) == [] and not [f for f in found if f["rule"] == "GIA010"]
