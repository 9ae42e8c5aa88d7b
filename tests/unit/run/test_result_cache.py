"""The per-file result cache (gialint/resultcache.py): an unchanged file is not
checked again, and anything its findings depend on — its bytes, the
configuration, a rule file, a plugin's code — invalidates the entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from gialint.linting.engine import Linter

from tests.helpers import seed_path
from tests.pluginkit import local_pack

pytestmark = pytest.mark.result_cache


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(d))
    monkeypatch.delenv("GIALINT_NO_CACHE", raising=False)
    return d


@pytest.fixture()
def linted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths that were really checked (not answered from the cache):
    every check of a report goes through Linter.check_source (lint_source
    calls it too)."""
    calls: list[str] = []
    real = Linter.check_source

    def counting(self, source, explicit=True, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(Path(source.path).name)
        return real(self, source, explicit, **kwargs)

    monkeypatch.setattr(Linter, "check_source", counting)
    return calls


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["check", "--no-progress", *args], env=env)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.output


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    for prefix in ("000", "002", "004"):
        shutil.copy(seed_path(prefix), d / f"{prefix}.txt")
    (d / "README.md").write_text("# 说明\n\n这个目录存放年度报告。\n", encoding="utf-8")
    return d


def test_unchanged_files_are_answered_from_the_cache(cache: Path, reports: Path, linted: list[str]) -> None:
    first = run(str(reports))
    assert sorted(linted) == ["000.txt", "002.txt", "004.txt", "README.md"]
    linted.clear()
    for fmt in ("text", "json"):
        assert run("--format", fmt, str(reports)) == (first if fmt == "text" else run("--no-cache", "--format", fmt, str(reports)))
    assert sorted(set(linted)) == ["000.txt", "002.txt", "004.txt", "README.md"]  # only the --no-cache run
    linted.clear()
    assert run(str(reports)) == first and linted == []
    assert len(list((cache / "results").rglob("*.json"))) == 4


def test_what_invalidates_an_entry(cache: Path, reports: Path, linted: list[str]) -> None:
    _, before = run(str(reports))
    # The file's bytes.
    report = reports / "004.txt"
    report.write_bytes(report.read_bytes().replace(b"[bookmark: _GoBack]", b""))
    linted.clear()
    _, out = run(str(reports))
    assert linted == ["004.txt"] and "004.txt:6:1: GIA701" in before and "004.txt" not in out
    # The configuration.
    (reports / ".gialint.yaml").write_text("ignore: [GIA201]\n", encoding="utf-8")
    linted.clear()
    _, out = run(str(reports))
    assert sorted(linted) == ["000.txt", "002.txt", "004.txt", "README.md"] and "GIA201" in before and "GIA201" not in out
    # A project rule file, edited in place.
    pack = reports / "local.yaml"
    (reports / ".gialint.yaml").write_text("rules: [local.yaml]\n", encoding="utf-8")
    pack.write_text(local_pack("不会出现的词"), encoding="utf-8")
    _, out = run(str(reports))
    assert "LC001" not in out
    pack.write_text(local_pack("政府信息"), encoding="utf-8")
    linted.clear()
    _, out = run(str(reports))
    assert "LC001" in out and len(linted) == 4


def test_a_local_plugin_edited_in_place_invalidates(cache: Path, tmp_path: Path, linted: list[str]) -> None:
    report = tmp_path / "r.txt"
    shutil.copy(seed_path("001"), report)
    plugin = tmp_path / "myplugin.py"
    source = (
        "from gialint import hookimpl\n"
        "from gialint.findings import Finding\n\n"
        "@hookimpl\n"
        "def gialint_check_report(report):\n"
        "    return [Finding(report.path, 1, 1, 1, 2, 'MY001', 'my-check', 'wording', 'warning', {msg!r})]\n"
    )
    plugin.write_text(source.format(msg="第一版"), encoding="utf-8")
    _, out = run("--plugin", str(plugin), str(report))
    assert "第一版" in out
    plugin.write_text(source.format(msg="第二版，改了"), encoding="utf-8")
    linted.clear()
    _, out = run("--plugin", str(plugin), str(report))
    assert "第二版，改了" in out and linted == ["r.txt"]


def test_time_dependent_and_crash_findings_are_not_stored(cache: Path, tmp_path: Path, linted: list[str]) -> None:
    report = tmp_path / "r.txt"
    shutil.copy(seed_path("001"), report)
    plugin = tmp_path / "crash.py"
    plugin.write_text("from gialint import hookimpl\n\n@hookimpl\ndef gialint_check_report(report):\n    raise RuntimeError('boom')\n", encoding="utf-8")
    for _ in range(2):
        code, out = run("--plugin", str(plugin), str(report))
        assert code == 1 and "GIA009" in out and "boom" in out
    assert linted == ["r.txt", "r.txt"]
    assert not list((cache / "results").rglob("*.json"))


def test_no_cache_flag_env_and_fix_do_not_use_it(cache: Path, tmp_path: Path, linted: list[str]) -> None:
    report = tmp_path / "002.txt"
    shutil.copy(seed_path("002"), report)
    run(str(report))
    linted.clear()
    run("--no-cache", str(report))
    run(str(report), env={"GIALINT_NO_CACHE": "1"})
    assert linted == ["002.txt", "002.txt"]
    # --fix checks the file for real and writes the fixes, cache or not.
    code, _ = run("--fix", str(report))
    assert "6.属于四类过程性信息" in report.read_text(encoding="utf-8")
    code, out = run(str(report))
    assert "GIA201" not in out


def test_corrupt_entries_are_checked_again(cache: Path, reports: Path, linted: list[str]) -> None:
    _, expected = run(str(reports))
    for entry in (cache / "results").rglob("*.json"):
        entry.write_bytes(b"garbage")
    linted.clear()
    assert run(str(reports))[1] == expected and len(linted) == 4


@pytest.mark.parametrize(("bad", "again"), [('"[1, 2"', False), ('"[1, 2, 3]"', False), ('"' + "[" * 100_000 + '"', False), ("17", True)])
def test_a_series_entry_that_does_not_verify_changes_no_result(bad: str, again: bool, cache: Path, reports: Path, linted: list[str]) -> None:
    # The series entry is kept as JSON text inside the cache entry, decoded
    # only when its report is paired (tests/unit/run/test_series_cache.py:
    # then read again from the file). Unpaired, text that is no entry is
    # never decoded; an entry of another type is a miss. The output stays.
    import json

    from gialint.util.plaindata import dumps, loads

    _, expected = run(str(reports))
    changed = 0
    for path in (cache / "results").rglob("*.json"):
        doc = loads(path.read_bytes())
        if isinstance(doc.get("value"), dict) and isinstance(doc["value"].get("entry"), str):
            doc["value"]["entry"] = json.loads(bad)
            path.write_bytes(dumps(doc))
            changed += 1
    assert changed == 3  # the three seeds (the README is no report)
    linted.clear()
    assert run(str(reports))[1] == expected
    assert sorted(linted) == (["000.txt", "002.txt", "004.txt"] if again else [])


def test_explicit_and_walked_paths_do_not_share_an_entry(cache: Path, reports: Path) -> None:
    readme = reports / "README.md"
    _, walked = run(str(reports))
    assert "README.md" not in walked  # found in a directory: not a report, skipped
    _, named = run(str(readme))
    assert "README.md" in named and "GIA002" in named
    _, walked_again = run(str(reports))
    assert walked_again == walked


def test_code_stamp_follows_edits_of_source_files(tmp_path: Path) -> None:
    import os

    from gialint.plugins.fingerprint import _code_stamp

    (tmp_path / "pkg").mkdir()
    mod = tmp_path / "pkg" / "kind.py"
    mod.write_text("X = 1\n", encoding="utf-8")
    before = _code_stamp([str(tmp_path / "pkg")])
    os.utime(mod, ns=(1, 1))  # same size, another mtime
    assert _code_stamp([str(tmp_path / "pkg")]) != before
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "kind.cpython-311.pyc").write_bytes(b"x")
    (tmp_path / "pkg" / "data.yaml").write_text("a: 1\n", encoding="utf-8")
    assert len(_code_stamp([str(tmp_path / "pkg")])) == 1  # only .py files count


def test_clean_removes_the_cache_and_only_a_cache(cache: Path, reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(str(reports))
    assert any((cache / "results").rglob("*.json"))
    r = CliRunner().invoke(main, ["clean"])
    assert r.exit_code == 0 and "已删除缓存" in r.output and not cache.exists()
    r = CliRunner().invoke(main, ["clean"])
    assert r.exit_code == 0 and "没有缓存" in r.output
    # GIALINT_CACHE_DIR pointing at something else by mistake: refused.
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(reports))
    r = CliRunner().invoke(main, ["clean"])
    assert r.exit_code == 2 and "不是 gialint 创建的缓存目录" in r.output and (reports / "000.txt").exists()
