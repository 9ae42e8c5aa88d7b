"""The example plugin, really installed (``pip install --target``), found
through its entry point by a fresh interpreter, end to end."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pluginkit import HUBEI, HUBEI_REPORT, ROOT

CLI = "import sys; from gialint.cli import main; sys.argv[0] = 'gialint'; main()"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("hubei-site")
    # Build from a copy: setuptools writes build/ and *.egg-info into the tree it builds.
    src = tmp_path_factory.mktemp("hubei-src") / "gialint-hubei"
    shutil.copytree(HUBEI, src, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    res = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(src)],
        capture_output=True, text=True,
    )
    if res.returncode != 0:
        pytest.fail(f"pip install of the example plugin failed:\n{res.stderr[-2000:]}")
    assert list(target.glob("gialint_hubei-0.1.0.dist-info/entry_points.txt"))
    return target


def gialint(site: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GIALINT_NO_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_installed_plugin_is_listed_and_explained(site: Path) -> None:
    res = gialint(site, "plugins", "--format", "json")
    assert res.returncode == 0, res.stderr
    hubei = next(p for p in json.loads(res.stdout) if p["name"] == "hubei")
    assert (hubei["version"], hubei["distribution"], hubei["source"], hubei["loaded"]) == ("0.1.0", "gialint-hubei", "entry-point", True)
    assert hubei["adds"]["templates"] == ["hb2020"]
    rules = json.loads(gialint(site, "rules", "--format", "json").stdout)
    assert [r["code"] for r in rules if r["plugin"] == "hubei（gialint-hubei 0.1.0）"] == ["HB101", "HB201", "HB301", "HB401"]
    # The pack is read from the installed package, not from the source tree.
    assert all(r["origin"].startswith(str(site)) for r in rules if r["code"].startswith("HB"))
    out = gialint(site, "explain", "HB201").stdout
    assert "政府信息公开指南" in out and "不符合（bad）：" in out and "符合（good）：" in out
    assert "HB101" not in gialint(site, "rules", "--no-plugins").stdout


def test_installed_plugin_passes_its_own_tests(site: Path) -> None:
    res = gialint(site, "test-rules", str(HUBEI / "tests" / "cases.yaml"))
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.strip().endswith("6 个用例，4 条规则的示例：0 项失败。")


def test_installed_plugin_rules_fire_through_the_linter(site: Path, tmp_path: Path) -> None:
    good = HUBEI_REPORT.read_text(encoding="utf-8")
    (tmp_path / "good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(good.replace("\t186\t86\t255", "\t186\t300\t255").replace("本局政府信息公开指南", "本局信息公开指南"), encoding="utf-8")
    # What `gialint check` does once wired (see gialint/plugins.py): the manager, the rule set, the linter.
    code = (
        "import json, sys\n"
        "from gialint.config import Config\nfrom gialint.engine import Linter, load_ruleset\nfrom gialint.plugins import get_plugin_manager\n"
        "pm = get_plugin_manager()\n"
        "linter = Linter(load_ruleset(plugin_manager=pm), Config(), extra_checks=pm.checks(), readers=pm.readers())\n"
        "print(json.dumps({p: [f.rule for f in linter.lint_path(p)] for p in sys.argv[1:]}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "GIALINT_NO_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    res = subprocess.run([sys.executable, "-c", code, str(tmp_path / "good.txt"), str(tmp_path / "bad.txt")], capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stderr
    got = json.loads(res.stdout)
    assert got[str(tmp_path / "good.txt")] == []
    assert got[str(tmp_path / "bad.txt")] == ["HB201", "HB101"]


def test_check_command_runs_the_plugin_once_wired(site: Path, tmp_path: Path) -> None:
    from gialint.cli.check import check

    if "plugins" not in {p.name for p in check.params}:
        pytest.skip("gialint check has no --plugin option yet (wired when issue 5 merges)")
    bad = tmp_path / "bad.txt"
    bad.write_text(HUBEI_REPORT.read_text(encoding="utf-8").replace("\t186\t86\t255", "\t186\t300\t255"), encoding="utf-8")
    res = gialint(site, "check", "--format", "json", str(bad))
    assert res.returncode == 1, res.stderr
    assert [f["rule"] for f in json.loads(res.stdout)] == ["HB101"]
    # Without the plugin its template is unknown: the extra row is reported as extra.
    res = gialint(site, "check", "--no-plugins", "--format", "json", str(bad))
    assert {f["rule"] for f in json.loads(res.stdout)} == {"GIA114", "GIA115"}
