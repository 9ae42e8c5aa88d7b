"""Plugin discovery, the built-ins registered through the hooks, and
isolation: a plugin that fails to load or raises is named, with its version,
and the core rules still report their findings on the same file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gialint.config.model import Config
from gialint.linting.engine import Linter
from gialint.plugins.assemble import load_ruleset
from gialint.model.findings import Finding
from gialint.plugins.discovery import GialintPluginManager, get_plugin_manager
from gialint.load.decode import from_text

from tests.pluginkit import CLEAN2023, HUBEI_REPORT, ROOT, fake_distribution, fake_hubei, forget_modules, install_fake

# A report with one core finding: row 6 of section 三 misnamed (GIA201).
BROKEN_CORE = CLEAN2023.read_text(encoding="utf-8").replace("\t\t6.属于四类过程性信息\t", "\t\t6.属于四类内部事务信息\t")


def lint(pm: GialintPluginManager, text: str, path: str = "report.txt", config: Config | None = None) -> list[Finding]:
    ruleset = load_ruleset(plugin_manager=pm)
    linter = Linter(ruleset, config or Config(), extra_checks=pm.checks(), readers=pm.readers())
    return linter.lint_source(from_text(text, path))


def crash_messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings if f.rule == "GIA009"]


# -- laziness and the built-ins -------------------------------------------------


def test_importing_gialint_loads_no_plugin_machinery() -> None:
    code = (
        "import sys, gialint, gialint.cli, gialint.linting.engine, gialint.run.check; "
        "print(any(m.split('.')[0] == 'pluggy' for m in sys.modules), any(m.startswith('gialint.plugins') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
    assert out == ["False", "False"]


def test_builtins_come_through_the_hooks() -> None:
    from gialint.output.formatters import builtin_formatters
    from gialint.rules.kinds import builtin_kinds
    from gialint.load.readers import DocxReader, HtmlReader, PdfReader, TextReader

    pm = get_plugin_manager(autoload=False)
    assert list(pm.infos) == ["gialint"]
    assert set(pm.infos["gialint"].hooks) == {"gialint_add_kinds", "gialint_add_rule_packs", "gialint_add_templates", "gialint_add_readers", "gialint_add_formatters"}
    assert pm.kinds() == builtin_kinds()
    assert pm.formatters() == builtin_formatters()
    assert {s: type(r) for s, r in pm.readers().items()} == {
        ".txt": TextReader, ".md": TextReader, ".markdown": TextReader,
        ".html": HtmlReader, ".htm": HtmlReader, ".xhtml": HtmlReader,
        ".docx": DocxReader, ".docm": DocxReader, ".doc": DocxReader, ".wps": DocxReader,
        ".pdf": PdfReader,
    }  # fmt: skip
    ruleset = load_ruleset(plugin_manager=pm)
    shipped = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    assert sorted({m.origin for m in ruleset.metas}) == [f"rules/{n}" for n in shipped]
    assert sorted(ruleset.templates) == ["v2019", "v2021"]
    assert pm.errors == []


def test_misspelt_hook_is_a_load_error_with_a_suggestion(tmp_path: Path) -> None:
    plugin = tmp_path / "typo_plugin.py"
    plugin.write_text("def gialint_add_kind():\n    return []\n", encoding="utf-8")
    pm = get_plugin_manager([str(plugin)], autoload=False)
    [(info, msg)] = pm.errors
    assert info.name == "typo_plugin"
    assert "gialint_add_kind" in msg and "gialint_add_kinds" in msg


def test_hook_with_an_unknown_argument_is_refused(tmp_path: Path) -> None:
    plugin = tmp_path / "badargs.py"
    plugin.write_text("from gialint import hookimpl\n@hookimpl\ndef gialint_check_report(report, config):\n    return []\n", encoding="utf-8")
    pm = get_plugin_manager([str(plugin)], autoload=False)
    assert [info.name for info, _ in pm.errors] == ["badargs"]
    assert pm.checks()[1:] == []


# -- discovery ------------------------------------------------------------------


def test_entry_point_plugin_is_found_with_its_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIALINT_NO_PLUGINS", raising=False)
    fake_hubei(monkeypatch, tmp_path)
    pm = get_plugin_manager()
    info = pm.infos["hubei"]
    assert (info.version, info.distribution, info.source, info.target) == ("0.1.0", "gialint-hubei", "entry-point", "gialint_hubei.plugin")
    assert info.label == "hubei（gialint-hubei 0.1.0）"
    assert info.hooks == ["gialint_add_kinds", "gialint_add_rule_packs", "gialint_add_templates", "gialint_check_report"]
    assert pm.errors == []


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_autoloading_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, how: str) -> None:
    fake_hubei(monkeypatch, tmp_path)
    if how == "environment":
        monkeypatch.setenv("GIALINT_NO_PLUGINS", "1")
        pm = get_plugin_manager()
    else:
        monkeypatch.delenv("GIALINT_NO_PLUGINS", raising=False)
        pm = get_plugin_manager(autoload=False)
    assert list(pm.infos) == ["gialint"]
    # A plugin named explicitly still loads.
    pm = get_plugin_manager(["gialint_hubei.plugin"], autoload=False)
    assert pm.infos["gialint_hubei.plugin"].version == "0.1.0"
    assert "HB101" in {m.code for m in load_ruleset(plugin_manager=pm).metas}


def test_local_plugin_by_path_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "local_rules.py").write_text(
        "__version__ = '2.1'\nfrom gialint import hookimpl\n@hookimpl\ndef gialint_add_rule_packs():\n"
        "    return [('- {code: LC101, name: no-hello, category: wording, severity: info, kind: pattern, summary: hello, patterns: {hello: null}}', 'local.yaml')]\n",
        encoding="utf-8",
    )
    pm = get_plugin_manager(["plugins/local_rules.py"], autoload=False, base_dir=str(tmp_path))
    assert pm.infos["local_rules"].label == "local_rules 2.1"
    findings = lint(pm, CLEAN2023.read_text(encoding="utf-8") + "\nhello\n")
    assert [f.rule for f in findings] == ["LC101"]


def test_missing_local_plugin_is_a_named_error() -> None:
    pm = get_plugin_manager(["no/such/plugin.py", "no_such_module_xyz"], autoload=False)
    assert [(i.name, m.split("：")[0]) for i, m in pm.errors] == [("plugin", "加载失败"), ("no_such_module_xyz", "加载失败")]


# -- isolation ----------------------------------------------------------------


def test_plugin_whose_import_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIALINT_NO_PLUGINS", raising=False)
    site = tmp_path / "site"
    fake_distribution(site, "gialint-broken", "9.9", {"broken": "broken_plugin"},
                      {"broken_plugin.py": "raise RuntimeError('boom at import')\n"})
    install_fake(monkeypatch, site)
    forget_modules(monkeypatch, "broken_plugin")
    pm = get_plugin_manager()
    assert not pm.infos["broken"].registered
    findings = lint(pm, BROKEN_CORE)
    assert [f.rule for f in findings if f.rule != "GIA009"] == ["GIA201"]  # the core still reports
    [msg] = crash_messages(findings)
    assert "broken（gialint-broken 9.9）" in msg and "boom at import" in msg


def test_plugin_whose_check_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIALINT_NO_PLUGINS", raising=False)
    site = tmp_path / "site"
    fake_distribution(site, "gialint-crashy", "1.2.3", {"crashy": "crashy_plugin"}, {"crashy_plugin.py": """
        from gialint import hookimpl

        @hookimpl
        def gialint_check_report(report):
            raise ZeroDivisionError("division in a plugin")
    """})
    install_fake(monkeypatch, site)
    forget_modules(monkeypatch, "crashy_plugin")
    findings = lint(get_plugin_manager(), BROKEN_CORE)
    assert [f.rule for f in findings if f.rule != "GIA009"] == ["GIA201"]
    [msg] = crash_messages(findings)
    assert "crashy（gialint-crashy 1.2.3）" in msg and "ZeroDivisionError" in msg


def test_hook_that_raises_loses_only_its_own_contribution(tmp_path: Path) -> None:
    plugin = tmp_path / "half.py"
    plugin.write_text(
        "from gialint import hookimpl\n"
        "@hookimpl\ndef gialint_add_kinds():\n    raise ValueError('no kinds today')\n"
        "@hookimpl\ndef gialint_add_rule_packs():\n"
        "    return [('- {code: HF101, name: no-foo, category: wording, severity: info, kind: pattern, summary: foo, patterns: {foo: null}}', 'half.yaml')]\n",
        encoding="utf-8",
    )
    pm = get_plugin_manager([str(plugin)], autoload=False)
    findings = lint(pm, BROKEN_CORE + "\nfoo\n")
    assert sorted(f.rule for f in findings) == ["GIA009", "GIA201", "HF101"]
    assert "half" in crash_messages(findings)[0] and "no kinds today" in crash_messages(findings)[0]


def test_broken_plugin_pack_is_left_out_and_named(tmp_path: Path) -> None:
    plugin = tmp_path / "badpack.py"
    plugin.write_text(
        "from gialint import hookimpl\n@hookimpl\ndef gialint_add_rule_packs():\n"
        "    return [('- {code: BP101, name: bad, category: wording, severity: info, kind: patern, summary: x, patterns: {a: null}}', 'badpack.yaml')]\n",
        encoding="utf-8",
    )
    pm = get_plugin_manager([str(plugin)], autoload=False)
    ruleset = load_ruleset(plugin_manager=pm)
    assert "BP101" not in {m.code for m in ruleset.metas} and "GIA201" in {m.code for m in ruleset.metas}
    [msg] = ruleset.load_errors
    assert msg.startswith("插件 badpack：") and "'patern'" in msg and "'pattern'" in msg


def test_duplicate_kind_name_is_refused(tmp_path: Path) -> None:
    plugin = tmp_path / "dupkind.py"
    plugin.write_text(
        "from gialint import hookimpl\nfrom gialint.kinds import Kind\n"
        "class Pattern(Kind):\n    name = 'pattern'\n"
        "@hookimpl\ndef gialint_add_kinds():\n    return [Pattern]\n",
        encoding="utf-8",
    )
    pm = get_plugin_manager([str(plugin)], autoload=False)
    from gialint.rules.kinds.prose import Pattern

    assert pm.kinds()["pattern"] is Pattern
    [(info, msg)] = pm.errors
    assert info.name == "dupkind" and "'pattern'" in msg


def test_plugin_findings_obey_ignore_and_severity(tmp_path: Path) -> None:
    plugin = tmp_path / "whole.py"
    plugin.write_text(
        "from gialint import hookimpl\nfrom gialint.findings import Finding\n"
        "@hookimpl\ndef gialint_add_rule_packs():\n"
        "    return [('- {code: WH101, name: whole, category: meta, severity: warning, kind: engine, summary: whole}', 'whole.yaml')]\n"
        "@hookimpl\ndef gialint_check_report(report):\n"
        "    yield Finding(report.path, 1, 1, 1, 1, 'WH101', 'whole', 'meta', 'warning', 'whole-report finding')\n",
        encoding="utf-8",
    )
    pm = get_plugin_manager([str(plugin)], autoload=False)
    text = CLEAN2023.read_text(encoding="utf-8")
    assert [(f.rule, f.severity) for f in lint(pm, text)] == [("WH101", "warning")]
    assert [(f.rule, f.severity) for f in lint(pm, text, config=Config(severity={"WH101": "error"}))] == [("WH101", "error")]
    assert lint(pm, text, config=Config(ignore=["WH101"])) == []


# -- readers ------------------------------------------------------------------

HTML_READER = """
    import re
    from gialint import hookimpl
    from gialint.readers import Reader

    class HtmlReader(Reader):
        name = "html"
        suffixes = (".html", ".htm")

        def decode(self, data, path):
            if b"CRASH" in data:
                raise RuntimeError("cannot read this page")
            text = data.decode("utf-8")
            text = re.sub(r"</(p|h1|h2|tr)>", "\\n", text)
            text = re.sub(r"</td>", "\\t", text)
            return re.sub(r"<[^>]+>", "", text)

    @hookimpl
    def gialint_add_readers():
        return [HtmlReader]
"""


def test_reader_plugin_reads_a_new_format(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    fake_distribution(site, "gialint-html", "0.3", {"html": "html_reader"}, {"html_reader.py": HTML_READER})
    install_fake(monkeypatch, site)
    forget_modules(monkeypatch, "html_reader")
    pm = get_plugin_manager(autoload=True)
    assert pm.readers()[".html"].plugin == "html（gialint-html 0.3）"
    lines = BROKEN_CORE.split("\n")
    html = "".join(f"<p>{line}</p>" if "\t" not in line else "<tr>" + "".join(f"<td>{c}</td>" for c in line.split("\t")) + "</tr>" for line in lines)
    (tmp_path / "report.html").write_text(html, encoding="utf-8")
    (tmp_path / "crash.html").write_text("CRASH", encoding="utf-8")
    linter = Linter(load_ruleset(plugin_manager=pm), Config(), extra_checks=pm.checks(), readers=pm.readers())
    assert [f.rule for f in linter.lint_path(tmp_path / "report.html")] == ["GIA201"]
    [crash] = linter.lint_path(tmp_path / "crash.html")
    assert crash.rule == "GIA009" and "html（gialint-html 0.3）" in crash.message and "cannot read this page" in crash.message
    # Plain text still goes through the built-in reader.
    (tmp_path / "report.txt").write_text(BROKEN_CORE, encoding="utf-8")
    assert [f.rule for f in linter.lint_path(tmp_path / "report.txt")] == ["GIA201"]


# -- the example plugin, end to end ---------------------------------------------


def test_variant_template_is_chosen_by_its_own_row(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from gialint.bind.read import read_report
    from gialint.load.loader import read

    from tests.pluginkit import CLEAN2020

    fake_hubei(monkeypatch, tmp_path)
    pm = get_plugin_manager(["gialint_hubei.plugin"], autoload=False)
    templates = load_ruleset(plugin_manager=pm).templates
    hubei = read_report(read(HUBEI_REPORT), templates)
    assert (hubei.template.id, hubei.detection.reason) == ("hb2020", "variant")
    assert hubei.value("documents.new_published.other_files") == 86
    national = read_report(read(CLEAN2020), templates)
    assert national.template.id == "v2019"
    # Not for a 2023 report, whatever it says.
    assert read_report(from_text(CLEAN2023.read_text(encoding="utf-8") + "\n其他主动公开文件\n", "x.txt"), templates).template.id == "v2021"


def test_hubei_rules_fire_on_a_broken_report_and_stay_quiet_on_a_good_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIALINT_NO_PLUGINS", raising=False)
    fake_hubei(monkeypatch, tmp_path)
    pm = get_plugin_manager()
    good = HUBEI_REPORT.read_text(encoding="utf-8")
    assert lint(pm, good, config=Config(select=["all"])) == []
    broken = (
        good.replace("其他主动公开文件\t186\t86\t255", "其他主动公开文件\t186\t300\t255")
        .replace("本局政府信息公开指南", "本局信息公开指南")
        .replace("本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。", "")
    )
    got = {(f.rule, f.line) for f in lint(pm, broken)}
    assert got == {("HB101", 35), ("HB201", 19), ("HB401", 1)}
    hb201 = next(f for f in lint(pm, broken) if f.rule == "HB201")
    assert hb201.fix is not None and hb201.fix.replacement == "政府信息公开指南"
    no_row = good.replace("其他主动公开文件\t186\t86\t255\n", "")
    assert [f.rule for f in lint(pm, no_row)] == ["HB301"]
    # Reports from elsewhere are not concerned.
    assert lint(pm, (ROOT / "rules" / "examples" / "clean2020.txt").read_text(encoding="utf-8"), config=Config(select=["all"])) == []


def test_installed_plugin_also_named_by_plugin_loads_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GIALINT_NO_PLUGINS", raising=False)
    fake_hubei(monkeypatch, tmp_path)
    pm = get_plugin_manager(["gialint_hubei.plugin"])
    assert list(pm.infos) == ["gialint", "hubei"] and pm.errors == []
    assert [m.code for m in load_ruleset(plugin_manager=pm).metas].count("HB101") == 1


def test_checks_pickle_for_worker_processes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import pickle

    monkeypatch.delenv("GIALINT_NO_PLUGINS", raising=False)
    fake_hubei(monkeypatch, tmp_path)
    pm = get_plugin_manager()
    checks = pickle.loads(pickle.dumps(pm.checks()))
    assert [name for name, _ in checks] == ["gialint 0.1.0", "hubei（gialint-hubei 0.1.0）"]
    readers = pickle.loads(pickle.dumps(pm.readers()))
    assert sorted(readers) == [".doc", ".docm", ".docx", ".htm", ".html", ".markdown", ".md", ".pdf", ".txt", ".wps", ".xhtml"]


def test_load_errors_found_after_checks_were_taken_still_show(tmp_path: Path) -> None:
    plugin = tmp_path / "badreader.py"
    plugin.write_text("from gialint import hookimpl\n@hookimpl\ndef gialint_add_readers():\n    return ['not a reader']\n", encoding="utf-8")
    pm = get_plugin_manager([str(plugin)], autoload=False)
    ruleset = load_ruleset(plugin_manager=pm)
    linter = Linter(ruleset, Config(), extra_checks=pm.checks(), readers=pm.readers())  # readers() after checks()
    [msg] = crash_messages(linter.lint_source(from_text(CLEAN2023.read_text(encoding="utf-8"), "r.txt")))
    assert msg.startswith("插件 badreader：") and "Reader" in msg
