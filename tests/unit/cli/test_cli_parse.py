"""``gialint parse``: JSON and tree output."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gialint.cli import main

from tests.helpers import seed_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_parse_json_has_sections_tables_cells_and_format() -> None:
    code, out = run("parse", "--format", "json", str(seed_path("002")))
    assert code == 0
    data = json.loads(out)
    assert data["format"]["version"] == "v2019" and data["format"]["year"] == 2019
    assert [s["number"] for s in data["sections"]] == [1, 2, 3, 4, 5, 6]
    assert data["sections"][1]["match"] == "fuzzy"
    assert data["sections"][1]["heading"]["line"] == 27
    apps = next(t for t in data["tables"] if t["key"] == "applications")
    cell = next(c for c in apps["cells"] if c["key"] == "applications.natural_person.new")
    assert (cell["value"], cell["raw"], cell["line"], cell["column"], cell["kind"]) == (0, "0", 54, 19, "number")
    row6 = next(m for m in apps["labels"] if m["key"] == "results.withheld.process_info")
    assert (row6["status"], row6["found"], row6["line"]) == ("fuzzy", "6. 属于四类内部事务信息", 63)
    assert data["unmatched"] == []
    assert data["missing_sections"] == []


def test_parse_json_several_files_is_a_list() -> None:
    code, out = run("parse", "--format", "json", str(seed_path("000")), str(seed_path("004")))
    assert code == 0
    data = json.loads(out)
    assert [d["format"]["version"] for d in data] == ["v2019", "v2021"]
    assert data[0]["markers"][0] == {"text": "[bookmark: _GoBack]", "line": 8, "column": 1}


def test_parse_tree_is_readable() -> None:
    code, out = run("parse", str(seed_path("002")))
    assert code == 0
    assert "format v2019" in out
    assert "section 27:1  二、主动公开政府信息的情况  [fuzzy 0.95; official: 二、主动公开政府信息情况]" in out
    assert "row        63:1  6.属于四类过程性信息  [fuzzy ← '6. 属于四类内部事务信息']  = 0 0 0 0 0 0 0" in out


def test_parse_undecodable_file_gives_message_not_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff\x00binary" * 50)
    code, out = run("parse", str(bad))
    assert code == 1
    assert "bad.txt" in out and "二进制" in out
    assert "Traceback" not in out


def test_parse_forced_template() -> None:
    code, out = run("parse", "--format", "json", "--template", "v2021", str(seed_path("002")))
    assert code == 0
    assert json.loads(out)["format"]["reason"] == "forced"
    code, out = run("parse", "--template", "v1999", str(seed_path("002")))
    assert code == 2 and "unknown template" in out


def test_parse_keeps_the_limits_of_check(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from gialint.cli import main

    many = tmp_path / "many-lines.txt"
    many.write_text("一、总体情况\n" + "x\n" * 100_001, encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = CliRunner().invoke(main, ["parse", str(many), str(binary)])
    assert result.exit_code == 1
    assert f"{many}: 文件有 100002 行，超过上限 100000 行（配置项 `max-lines`）" in result.output
    assert f"{binary}: " in result.output and "Traceback" not in result.output
