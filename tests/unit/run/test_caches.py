"""Regression guards of issue 7 (not timed): the compiled grammar comes from
the disk cache on a second run, no rule pack or template is parsed twice in a
process, and a cache that is stale, corrupt or unusable changes no answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gialint.util import yamlfile
from gialint.run.pool import LinterPool

from tests.helpers import ROOT as _ROOT
from tests.helpers import seed_path
from tests.pluginkit import local_pack

ROOT = _ROOT
PACKS = sorted(f"rules/{p.name}" for p in (ROOT / "rules").glob("*.yaml"))
TEMPLATES = sorted(f"rules/templates/{p.name}" for p in (ROOT / "rules" / "templates").glob("*.yaml"))


# Runs `gialint check` in a fresh process and reports what it loaded and how.
PROBE = """
import json, sys
from gialint.parse import grammar as parser
from gialint.util import yamlfile
from gialint.cli import main
from tests.helpers import ROOT as _ROOT
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stderr.write("PROBE" + json.dumps({"grammar_from_cache": parser.LOADED_FROM_CACHE, "parsed": yamlfile.PARSE_COUNTS, "exit": code}) + "\\n")
"""


def probe(cache: Path, *args: str, **env: str) -> tuple[dict, str]:
    environ = dict(os.environ, GIALINT_CACHE_DIR=str(cache), **env)
    environ.pop("GIALINT_NO_CACHE", None) if "GIALINT_NO_CACHE" not in env else None
    # --no-cache: check the file for real (not from the result cache), so the grammar is needed.
    p = subprocess.run([sys.executable, "-c", PROBE, "check", "--no-progress", "--no-cache", *args], capture_output=True, text=True, env=environ, cwd=ROOT)
    line = next(ln for ln in p.stderr.splitlines() if ln.startswith("PROBE"))
    return json.loads(line[5:]), p.stdout


@pytest.mark.slow  # fresh gialint processes
def test_second_run_loads_grammar_and_data_files_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    seed = str(seed_path("002"))
    first, out1 = probe(cache, seed)
    assert first["grammar_from_cache"] is False
    # Every shipped pack and template parsed exactly once on a cold cache …
    assert {p: first["parsed"].get(p) for p in PACKS + TEMPLATES} == {p: 1 for p in PACKS + TEMPLATES}
    second, out2 = probe(cache, seed)
    # … and not at all on a warm one: the grammar and the data come from disk.
    assert second["grammar_from_cache"] is True
    assert second["parsed"] == {}
    assert out1 == out2 and first["exit"] == second["exit"] == 1
    assert any(cache.glob("grammar-*.json")) and any(cache.glob("yaml-*.json"))
    assert not any(cache.rglob("*.pickle")) and not any(cache.rglob("*.lark.cache"))  # plain data only


def test_no_rule_pack_is_parsed_twice_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIALINT_NO_CACHE", "1")  # no disk cache: only the in-process memo
    monkeypatch.setattr(yamlfile, "_MEMO", {})
    monkeypatch.setattr(yamlfile, "PARSE_COUNTS", {})
    # Two directories with different configurations: two rule sets, one process.
    # (b adds a rule pack of its own, so its rule set is assembled separately.)
    for name, config in (("a", "select: [structure]\n"), ("b", "rules: [local.yaml]\n")):
        d = tmp_path / name
        d.mkdir()
        (d / ".gialint.yaml").write_text(config, encoding="utf-8")
        (d / "r.txt").write_bytes(seed_path("002").read_bytes())
    (tmp_path / "b" / "local.yaml").write_text(local_pack("网上公开"), encoding="utf-8")
    pool = LinterPool()
    linters = [pool.for_path(str(tmp_path / n / "r.txt")) for n in ("a", "b")]
    assert linters[0].ruleset is not linters[1].ruleset
    assert "LC001" in {r.meta.code for r in linters[1].ruleset.rules} - {r.meta.code for r in linters[0].ruleset.rules}
    assert yamlfile.PARSE_COUNTS, "the rule packs were not loaded at all"
    assert {p: n for p, n in yamlfile.PARSE_COUNTS.items() if n != 1} == {}
    assert set(PACKS) <= set(yamlfile.PARSE_COUNTS)


@pytest.mark.slow  # fresh gialint processes
def test_corrupt_cache_entries_are_rebuilt_not_fatal(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    seed = str(seed_path("003"))
    _, expected = probe(cache, seed)
    for entry in cache.iterdir():
        if entry.is_file() and entry.name != "CACHEDIR.TAG":
            entry.write_bytes(b'{"format": 2, "entry": "x", "value": [' if entry.suffix == ".json" else b"not a cache")
    info, out = probe(cache, seed)
    assert out == expected and info["exit"] == 1


@pytest.mark.slow  # fresh gialint processes
def test_unusable_cache_directory_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    _, expected = probe(tmp_path / "c", str(seed_path("003")))
    info, out = probe(blocker / "cache", str(seed_path("003")))  # a file where the directory should be
    assert out == expected and info["exit"] == 1 and info["grammar_from_cache"] is False


@pytest.mark.slow  # fresh gialint processes
def test_an_edited_rule_file_is_parsed_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    report = tmp_path / "r.txt"
    report.write_bytes(seed_path("001").read_bytes())
    rules = tmp_path / "local.yaml"
    (tmp_path / ".gialint.yaml").write_text("rules: [local.yaml]\n", encoding="utf-8")
    rules.write_text(local_pack("不存在的词语"), encoding="utf-8")
    info, out = probe(cache, str(report))
    assert info["exit"] == 0 and "LC001" not in out
    rules.write_text(local_pack("政府信息"), encoding="utf-8")
    info, out = probe(cache, str(report))
    # Only the edited file is parsed again; the shipped packs come from the cache.
    assert "LC001" in out and info["exit"] == 0  # a warning does not fail the run
    assert [n for k, n in info["parsed"].items()] == [1] and next(iter(info["parsed"])).endswith("local.yaml")


def test_entry_point_cache_follows_installs_upgrades_and_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gialint.plugins.discovery import _scan_entry_points, discover_entry_points

    from tests.pluginkit import fake_distribution, install_fake

    site = tmp_path / "site"
    site.mkdir()
    install_fake(monkeypatch, site)
    mine = lambda rows: sorted((n, v, d, ver) for n, v, d, ver in rows if d and d.startswith("fake-"))  # noqa: E731
    assert mine(discover_entry_points()) == []
    fake_distribution(site, "fake-one", "1.0", {"one": "fake_one.plugin"})
    # Installed in the same instant as the scan before it: still seen.
    assert mine(discover_entry_points()) == [("one", "fake_one.plugin", "fake-one", "1.0")]
    info = fake_distribution(site, "fake-one", "1.0", {"one": "fake_one.plugin", "extra": "fake_one.more [opt]"})
    assert mine(discover_entry_points()) == mine(_scan_entry_points()) == [
        ("extra", "fake_one.more [opt]", "fake-one", "1.0"),
        ("one", "fake_one.plugin", "fake-one", "1.0"),
    ]
    import shutil

    shutil.rmtree(info)
    fake_distribution(site, "fake-one", "2.0", {"one": "fake_one.plugin"})
    assert mine(discover_entry_points()) == [("one", "fake_one.plugin", "fake-one", "2.0")]
