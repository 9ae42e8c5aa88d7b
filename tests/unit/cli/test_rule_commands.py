"""``gialint rules``, ``explain``, ``plugins`` and ``test-rules``, with the
example plugin installed as a (fake) distribution through its entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from gialint.util.yamlfile import load as load_yaml

from tests.pluginkit import HUBEI, ROOT, fake_distribution, fake_hubei, forget_modules, install_fake, local_pack

HUBEI_CODES = ["HB101", "HB201", "HB301", "HB401"]


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def hubei(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIALINT_NO_PLUGINS", raising=False)
    fake_hubei(monkeypatch, tmp_path)


def shipped_codes() -> set[str]:
    """Codes read straight from the pack files, not through the engine."""
    out = set()
    for f in (ROOT / "rules").glob("*.yaml"):
        doc = load_yaml(f.read_text(encoding="utf-8"), str(f))
        out |= {r["code"] for r in (doc["rules"] if isinstance(doc, dict) else doc)}
    return out


def test_rules_lists_every_builtin_rule() -> None:
    code, out, _ = run("rules", "--no-plugins", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert {r["code"] for r in rows} == shipped_codes()
    assert all(r["plugin"] == "gialint 0.1.0" and r["origin"].startswith("rules/") for r in rows)
    soft = {r["code"]: r["enabled"] for r in rows if "soft" in r["groups"]}
    assert soft and not any(soft.values())  # soft rules are off by default
    code, out, _ = run("rules", "--no-plugins")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:6] == ["CODE", "NAME", "CATEGORY", "SEVERITY", "ENABLED", "FROM"]
    assert len(lines) == 1 + len(shipped_codes())
    assert any(line.startswith("GIA703") and " no " in line for line in lines)


def test_rules_enabled_follows_select_and_ignore() -> None:
    rows = json.loads(run("rules", "--no-plugins", "--format", "json", "--select", "arithmetic", "--ignore", "GIA302")[1])
    on = {r["code"] for r in rows if r["enabled"]}
    assert "GIA301" in on and "GIA302" not in on and "GIA201" not in on
    code, _, err = run("rules", "--no-plugins", "--select", "arithmatic")
    assert code == 2 and "arithmetic" in err


def test_example_plugin_in_rules_explain_and_plugins(hubei: None) -> None:
    rows = json.loads(run("rules", "--format", "json")[1])
    mine = [r for r in rows if r["code"].startswith("HB")]
    assert [r["code"] for r in mine] == HUBEI_CODES
    assert {r["plugin"] for r in mine} == {"hubei（gialint-hubei 0.1.0）"}
    assert {r["code"]: (r["category"], r["severity"]) for r in mine}["HB101"] == ("arithmetic", "error")

    code, out, _ = run("explain", "other-files-published")
    assert code == 0
    assert out.startswith("HB101  other-files-published\n其他主动公开文件的本年新公开数量大于对外公开总数量\n")
    assert "来自 from：hubei（gialint-hubei 0.1.0）" in out
    assert "不符合（bad）：\n    其他主动公开文件 ⇥ 186 ⇥ 286 ⇥ 255" in out
    assert "符合（good）：\n    其他主动公开文件 ⇥ 186 ⇥ 86 ⇥ 255" in out
    data = json.loads(run("explain", "HB301", "--format", "json")[1])
    assert data["kind"] == "province-format" and data["bad"] == "" and data["good"].startswith("其他主动公开文件")

    code, out, _ = run("plugins")
    assert code == 0
    assert "hubei 0.1.0 [gialint-hubei]  ok  (entry point gialint_hubei.plugin)" in out
    assert "hooks: gialint_add_kinds, gialint_add_rule_packs, gialint_add_templates, gialint_check_report" in out
    assert "kinds province-format; rules HB101, HB201, HB301, HB401; templates hb2020" in out
    items = json.loads(run("plugins", "--format", "json")[1])
    assert [(i["name"], i["version"], i["loaded"]) for i in items] == [("gialint", "0.1.0", True), ("hubei", "0.1.0", True)]


def test_no_plugins_hides_the_example(hubei: None) -> None:
    rows = json.loads(run("rules", "--no-plugins", "--format", "json")[1])
    assert not [r for r in rows if r["code"].startswith("HB")]


def test_explain_unknown_rule_suggests() -> None:
    code, _, err = run("explain", "row-lable", "--no-plugins")
    assert code == 2 and "row-label" in err
    code, out, _ = run("explain", "gia702", "--no-plugins")
    assert code == 0 and out.startswith("GIA702  gouji")
    assert "不符合（bad）：\n    （本列数据的钩稽关系为" in out


def test_plugins_reports_a_broken_plugin_and_exits_1(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIALINT_NO_PLUGINS", raising=False)
    site = tmp_path / "site"
    fake_distribution(site, "gialint-broken", "9.9", {"broken": "broken_plugin"}, {"broken_plugin.py": "import no_such_dependency\n"})
    install_fake(monkeypatch, site)
    forget_modules(monkeypatch, "broken_plugin")
    code, out, _ = run("plugins")
    assert code == 1
    assert "broken 9.9 [gialint-broken]  FAILED  (entry point broken_plugin)" in out
    assert "error: 加载失败：ModuleNotFoundError: No module named 'no_such_dependency'" in out
    # Other commands go on, with the error on stderr.
    code, out, err = run("rules", "--format", "json")
    assert code == 0 and "插件 broken（gialint-broken 9.9）：加载失败" in err
    assert len(json.loads(out)) == len(shipped_codes())


def test_test_rules_runs_the_example_cases_and_examples(hubei: None) -> None:
    code, out, _ = run("test-rules", str(HUBEI / "tests"))
    assert code == 0, out
    assert out.strip().splitlines()[-1] == "6 个用例，4 条规则的示例：0 项失败。"


def test_test_rules_reports_failures(hubei: None, tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "cases:\n"
        "  - name: wrong expectation\n"
        "    base: clean2023\n"
        "    replace: {\"\\t\\t6.属于四类过程性信息\\t\": \"\\t\\t6.属于四类内部事务信息\\t\"}\n"
        "    expect: [{rule: GIA202, line: 60}]\n",
        encoding="utf-8",
    )
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "- {code: XX101, name: no-foo, category: wording, severity: info, kind: pattern, summary: foo,"
        " patterns: {foo: null}, good: 六、其他需要报告的事项, bad: 六、其他需要报告的事项}\n",
        encoding="utf-8",
    )
    code, out, _ = run("test-rules", str(cases), "--rules", str(pack))
    assert code == 1
    assert "wrong expectation: 期望 [GIA202@60]，实际 [GIA201@60]" in out
    assert "XX101（no-foo）：bad 示例没有触发该规则" in out
    assert out.strip().splitlines()[-1] == "1 个用例，5 条规则的示例：2 项失败。"


def test_test_rules_bad_case_file_is_a_usage_error(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - name: x\n    replace: {nowhere-in-the-base: y}\n    expect: []\n", encoding="utf-8")
    code, _, err = run("test-rules", "--no-plugins", str(cases))
    assert code == 2 and "nowhere-in-the-base" in err


LOCAL_PACK = local_pack(
    "网上公开",
    "网站公开",
    "    explain: 用“网站公开”。\n    bad: 同步通过政务新媒体网上公开商务政策解读\n    good: 同步通过政务新媒体发布商务政策解读\n",
)

LOCAL_PLUGIN = """\
from gialint import hookimpl

__version__ = "0.3"


@hookimpl
def gialint_check_report(report):
    return []
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory whose .gialint.yaml adds a rule pack and a plugin
    and turns a built-in rule off; the commands run from a subdirectory."""
    (tmp_path / "local.yaml").write_text(LOCAL_PACK, encoding="utf-8")
    (tmp_path / "myplugin.py").write_text(LOCAL_PLUGIN, encoding="utf-8")
    (tmp_path / ".gialint.yaml").write_text("rules: [local.yaml]\nplugins: [myplugin.py]\nignore: [GIA106]\n", encoding="utf-8")
    sub = tmp_path / "reports"
    sub.mkdir()
    monkeypatch.chdir(sub)
    return tmp_path


def test_rule_commands_read_the_project_configuration(project: Path) -> None:
    code, out, _ = run("rules", "--format", "json")
    rows = {r["code"]: r for r in json.loads(out)}
    assert code == 0 and rows["LC001"]["enabled"] is True and rows["LC001"]["origin"].endswith("local.yaml")
    assert rows["GIA106"]["enabled"] is False and rows["GIA201"]["enabled"] is True
    # The command line goes on top, as for check (an ignore still wins over a select).
    rows = {r["code"]: r for r in json.loads(run("rules", "--format", "json", "--select", "GIA201", "--select", "GIA106")[1])}
    assert rows["GIA201"]["enabled"] is True and rows["LC001"]["enabled"] is False and rows["GIA106"]["enabled"] is False
    code, out, _ = run("explain", "LC001")
    assert code == 0 and "本地用语" in out and "网站公开" in out
    code, out, _ = run("plugins", "--format", "json")
    assert code == 0 and any(p["name"] == "myplugin" and p["version"] == "0.3" for p in json.loads(out))
    code, out, _ = run("test-rules", "-v")
    assert code == 0 and "ok    " in out and "LC001" in out  # the project's rule, found and its examples checked


def test_isolated_and_config_options(project: Path, tmp_path: Path) -> None:
    rows = {r["code"] for r in json.loads(run("rules", "--format", "json", "--isolated")[1])}
    assert "LC001" not in rows and "GIA106" in rows
    other = tmp_path / "other.yaml"
    other.write_text("ignore: [GIA201]\n", encoding="utf-8")
    rows = {r["code"]: r for r in json.loads(run("rules", "--format", "json", "--config", str(other))[1])}
    assert "LC001" not in rows and rows["GIA201"]["enabled"] is False and rows["GIA106"]["enabled"] is True
    res = CliRunner().invoke(main, ["explain", "GIA201", "--config", str(tmp_path / "missing.yaml")])
    assert res.exit_code == 2 and "配置文件不存在" in res.stderr


def test_a_broken_project_configuration_is_an_error_for_every_command(project: Path) -> None:
    (project / ".gialint.yaml").write_text("ignore: [GIA1066]\n", encoding="utf-8")
    for command in (["rules"], ["explain", "GIA201"], ["plugins"]):
        res = CliRunner().invoke(main, command)
        assert res.exit_code == 2, command
        assert ".gialint.yaml:1" in res.stderr and "GIA106" in res.stderr and "Traceback" not in res.stderr
