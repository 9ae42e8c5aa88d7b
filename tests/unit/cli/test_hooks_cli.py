"""Every hook, through the command line (issue 19): what a plugin adds is
used by ``gialint check`` (with and without ``--fix``), ``gialint parse``,
``rules``, ``explain`` and :func:`gialint.read_report` alike — one load path,
one template set."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from tests.pluginkit import CLEAN2020, CLEAN2023, HUBEI_SRC

# A plugin with every hook: a reader for ".page" files (which decode as text
# too: the reader must still be used), a kind and its pack, a whole-report
# check and a formatter.
PLUGIN = '''
import re
from gialint import Finding, Formatter, Hit, Kind, Reader, hookimpl

class PageReader(Reader):
    name = "page"
    suffixes = (".page",)

    def decode(self, data, path):
        # "<p>…</p>" lines; the marker proves the reader ran.
        text = data.decode("utf-8")
        return re.sub(r"</?p>", "", text).replace("PAGE-MARKER", "")

class Shout(Kind):
    name = "shout"
    description = "Flags the word 勾稽 (a test kind)."

    def check(self, report):
        for para in report.document.preamble:
            if "喊" in para.text:
                yield Hit(para.span, "喊了一声")

class Lines(Formatter):
    name = "lines"

    def file(self, path, findings):
        return "".join(f"{f.rule}@{f.line}\\n" for f in findings)

@hookimpl
def gialint_add_readers():
    return [PageReader]

@hookimpl
def gialint_add_kinds():
    return [Shout]

@hookimpl
def gialint_add_rule_packs():
    return [("- code: PL101\\n  name: plugin-shout\\n  category: wording\\n  severity: warning\\n  kind: shout\\n  summary: 插件规则\\n", "plugin.yaml")]

@hookimpl
def gialint_add_formatters():
    return [Lines]

@hookimpl
def gialint_check_report(report):
    if "页面报告" in report.document.source.text:
        return [Finding(report.path, 1, 1, 1, 2, "PL101", "plugin-shout", "wording", "warning", "页面检查")]
'''


@pytest.fixture
def plugin(tmp_path: Path) -> Path:
    p = tmp_path / "allhooks.py"
    p.write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    return p


def _page(tmp_path: Path, text: str, name: str = "report.page") -> Path:
    page = tmp_path / name
    page.write_text("PAGE-MARKER\n" + "".join(f"<p>{line}</p>\n" for line in text.split("\n")), encoding="utf-8")
    return page


def _run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.output + (r.stderr if r.stderr_bytes is not None else "")


def test_check_reads_a_suffix_through_the_plugins_reader(plugin: Path, tmp_path: Path) -> None:
    broken = CLEAN2023.read_text(encoding="utf-8").replace("\t\t6.属于四类过程性信息\t", "\t\t6.属于四类内部事务信息\t")
    page = _page(tmp_path, broken)
    code, out = _run("check", "--isolated", "--no-cache", "--plugin", str(plugin), "--format", "json", str(page))
    rules = [f["rule"] for f in json.loads(out)]
    # Read as text, the page's tags and marker would give other findings;
    # through the reader it is the report with its one misnamed row.
    assert rules == ["GIA201"], out
    assert code == 1


def test_fix_never_writes_what_a_reader_made(plugin: Path, tmp_path: Path) -> None:
    broken = CLEAN2023.read_text(encoding="utf-8").replace("\t\t6.属于四类过程性信息\t", "\t\t6.属于四类内部事务信息\t")
    page = _page(tmp_path, broken)
    before = page.read_bytes()
    code, out = _run("check", "--isolated", "--fix", "--plugin", str(plugin), str(page))
    assert page.read_bytes() == before  # the fix is shown, not written into the page
    assert "GIA201" in out and code == 1


def test_parse_reads_through_the_plugins_reader(plugin: Path, tmp_path: Path) -> None:
    page = _page(tmp_path, CLEAN2023.read_text(encoding="utf-8"))
    code, out = _run("parse", "--isolated", "--plugin", str(plugin), "--format", "json", str(page))
    assert code == 0, out
    doc = json.loads(out)
    assert doc["format"]["version"] == "v2021" and "PAGE-MARKER" not in out


def test_kind_pack_check_and_formatter_of_a_plugin(plugin: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("喊\n" + CLEAN2023.read_text(encoding="utf-8").replace("某某市某某区商务局", "页面报告某某市某某区商务局", 1), encoding="utf-8")
    code, out = _run("check", "--isolated", "--no-cache", "--plugin", str(plugin), "--format", "lines", str(report))
    assert "PL101@1" in out.splitlines()
    code, out = _run("rules", "--isolated", "--plugin", str(plugin))
    assert "PL101" in out and "plugin-shout" in out
    code, out = _run("explain", "--isolated", "--plugin", str(plugin), "PL101")
    assert code == 0 and "插件规则" in out


@pytest.fixture
def hubei_plugin(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.syspath_prepend(str(HUBEI_SRC))
    return "gialint_hubei.plugin"


def test_a_plugins_template_is_used_by_check_parse_and_read_report(hubei_plugin: str, tmp_path: Path) -> None:
    import gialint

    from tests.pluginkit import HUBEI_REPORT

    (tmp_path / ".gialint.yaml").write_text(f"plugins: [{hubei_plugin}]\n", encoding="utf-8")
    report = tmp_path / "hubei2020.txt"
    report.write_bytes(HUBEI_REPORT.read_bytes())
    code, out = _run("parse", "--format", "json", str(report))
    assert code == 0, out
    assert json.loads(out)["format"]["version"] == "hb2020"
    code, out = _run("parse", "--template", "hb2020", "--format", "json", str(report))
    assert code == 0, out
    assert gialint.read_report(report).template.id == "hb2020"
    code, out = _run("check", "--no-cache", "--format", "json", str(report))
    assert "unknown template" not in out and code in (0, 1)
    # The same file without the plugin's configuration binds to the national format.
    assert gialint.read_report(report, isolated=True).template.id == "v2019"
    assert gialint.read_report(CLEAN2020, isolated=True).template.id == "v2019"
