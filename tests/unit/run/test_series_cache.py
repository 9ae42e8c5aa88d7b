"""The result cache and the rules across years: a report's cross-year
findings are computed again when an earlier report it is compared with
changes (the key holds the neighbours' content hashes), while its own
single-file entry stays valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from gialint.linting.engine import Linter
from tests.serieskit import agency_series, write

pytestmark = pytest.mark.result_cache


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(d))
    monkeypatch.delenv("GIALINT_NO_CACHE", raising=False)
    return d


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    calls: dict[str, list[str]] = {"check": [], "series": []}
    real_check, real_series = Linter.check_source, Linter.lint_series

    def check_source(self, source, explicit=True, want_entry=False):  # type: ignore[no-untyped-def]
        calls["check"].append(Path(source.path).name)
        return real_check(self, source, explicit, want_entry)

    def lint_series(self, entry, history):  # type: ignore[no-untyped-def]
        calls["series"].append(Path(entry.path).name)
        return real_series(self, entry, history)

    monkeypatch.setattr(Linter, "check_source", check_source)
    monkeypatch.setattr(Linter, "lint_series", lint_series)
    return calls


def carry_three_in_2022(folder: Path) -> None:
    """2022 carries forward 3 instead of 2 (and still balances): 2023, unchanged, breaks R5."""
    p = folder / "2022-区商务局.txt"
    p.write_text(p.read_text(encoding="utf-8").replace("四、结转下年度继续办理\t\t\t1\t1\t0\t0\t0\t0\t2", "四、结转下年度继续办理\t\t\t2\t1\t0\t0\t0\t0\t3")
                 .replace("一、本年新收政府信息公开申请数量\t\t\t8\t4\t0\t0\t1\t0\t13", "一、本年新收政府信息公开申请数量\t\t\t9\t4\t0\t0\t1\t0\t14"), encoding="utf-8")


def run(folder: Path) -> list[tuple[str, str]]:
    r = CliRunner().invoke(main, ["check", "--no-progress", "--format", "json", str(folder)])
    assert r.exit_code in (0, 1), r.output
    return sorted((Path(f["path"]).name, f["rule"]) for f in json.loads(r.stdout) if f["rule"].startswith("GIA61"))


def test_a_changed_neighbour_renews_the_later_reports_findings(cache: Path, tmp_path: Path, counted: dict[str, list[str]]) -> None:
    folder = write(tmp_path / "reports", agency_series())
    assert run(folder) == []
    assert len(counted["check"]) == 5 and len(counted["series"]) == 4  # 2019 has no earlier report
    counted["check"].clear()
    counted["series"].clear()
    assert run(folder) == [] and counted == {"check": [], "series": []}  # all from the cache
    # 2022 now carries forward 3 instead of 2: 2023 (unchanged) breaks R5.
    carry_three_in_2022(folder)
    found = run(folder)
    assert ("2023-区商务局.md", "GIA611") in found
    assert counted["check"] == ["2022-区商务局.txt"]  # only the changed file is read and checked again
    assert sorted(counted["series"]) == ["2022-区商务局.txt", "2023-区商务局.md"]  # and the reports compared with it
    assert any((cache / "series").rglob("*.json"))


def test_a_single_file_run_reads_its_neighbours_without_checking_them(cache: Path, tmp_path: Path, counted: dict[str, list[str]],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Pre-commit names one report: the earlier years next to it are bound
    for comparison, never checked, and their entries come from the cache on
    the next run, even with --no-cache (which is about the checked files'
    findings)."""
    folder = write(tmp_path / "reports", agency_series())
    reads: list[str] = []
    real_read = Linter.read

    def read(self, source, explicit=True):  # type: ignore[no-untyped-def]
        reads.append(Path(source.path).name)
        return real_read(self, source, explicit)

    monkeypatch.setattr(Linter, "read", read)
    target = folder / "2023-区商务局.md"
    for attempt in range(2):
        r = CliRunner().invoke(main, ["check", "--no-progress", "--no-cache", "--format", "json", str(target)])
        assert r.exit_code in (0, 1), r.output
        assert {Path(f["path"]).name for f in json.loads(r.stdout)} <= {target.name}
        assert counted["check"] == [target.name]  # only the named report is checked
        assert sorted(reads) == ([] if attempt else sorted(n for n in agency_series() if n != target.name))
        counted["check"].clear()
        reads.clear()
    # An earlier year changed: read again, and its carry-over compared.
    carry_three_in_2022(folder)
    r = CliRunner().invoke(main, ["check", "--no-progress", "--no-cache", "--format", "json", str(target)])
    assert reads == ["2022-区商务局.txt"]
    assert "GIA611" in {f["rule"] for f in json.loads(r.stdout)}


def test_the_neighbours_of_a_single_file_run_come_from_one_folder_entry(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Next to thousands of reports, reading one cache entry per neighbour
    is most of a pre-commit run: the folder's entry answers them all, and
    an entry that does not verify (a row naming another file) is a miss."""
    from gialint.run import context
    from gialint.util import diskcache
    from gialint.util.plaindata import dumps, loads

    folder = write(tmp_path / "reports", agency_series())
    target = folder / "2023-区商务局.md"

    def check() -> set[str]:
        r = CliRunner().invoke(main, ["check", "--no-progress", "--no-cache", "--format", "json", str(target)])
        assert r.exit_code in (0, 1), r.output
        return {f["rule"] for f in json.loads(r.stdout)}

    first = check()
    loads_: list[str] = []
    real = context.load_context
    monkeypatch.setattr(context, "load_context", lambda name: loads_.append(name) or real(name))
    assert check() == first and loads_ == []  # every neighbour answered by the folder's entry
    # A row of the folder's entry pointing elsewhere: that neighbour is read from its own entry.
    index = [p for p in (cache / "results").rglob("*.json") if b'"files"' in p.read_bytes()]
    assert len(index) == 1
    doc = loads(index[0].read_bytes())
    doc["value"]["files"]["2022-区商务局.txt"][4] = "../../elsewhere.json"
    index[0].write_bytes(dumps(doc))
    assert check() == first and len(loads_) == 1
    # A neighbour removed is dropped from the folder's entry when it is next written.
    (folder / "2019-某某县某某局.txt").unlink()
    (folder / "2022-区商务局.txt").touch()  # something to learn, so the entry is written
    check()
    assert "2019-某某县某某局.txt" not in diskcache.load_data(str(index[0].relative_to(cache)))["files"]


def test_a_paired_report_whose_cached_entry_does_not_verify_is_read_again(cache: Path, tmp_path: Path, counted: dict[str, list[str]],
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The series entry in the result cache is decoded only when its report
    is paired; if it does not verify then, the report is read again from its
    file (never a crash, never a pairing silently lost)."""
    from gialint.util.plaindata import dumps, loads

    folder = write(tmp_path / "reports", agency_series())
    carry_three_in_2022(folder)
    expected = run(folder)
    assert ("2023-区商务局.md", "GIA611") in expected
    for path in (cache / "results").rglob("*.json"):
        doc = loads(path.read_bytes())
        value = doc.get("value")
        if isinstance(value, dict) and isinstance(value.get("entry"), str) and "2022" in value["entry"][:300]:
            value["entry"] = "[1, 2, 3]"
            path.write_bytes(dumps(doc))
    for series in (cache / "series").rglob("*.json"):
        series.unlink()  # so that the cross-year findings are computed again
    reads: list[str] = []
    real_read = Linter.read

    def read(self, source, explicit=True):  # type: ignore[no-untyped-def]
        reads.append(Path(source.path).name)
        return real_read(self, source, explicit)

    monkeypatch.setattr(Linter, "read", read)
    counted["check"].clear()
    assert run(folder) == expected
    assert counted["check"] == []  # every report's own findings from the cache
    assert reads == ["2022-区商务局.txt"]  # the one entry that did not verify, read again

