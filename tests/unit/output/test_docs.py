"""The generated rule list is up to date; the README starts with the two
commands for a fresh machine."""

from __future__ import annotations


from gialint.cli.docs import generate
from gialint.plugins.assemble import load_ruleset
from tests.helpers import ROOT as _ROOT

ROOT = _ROOT


def test_rules_doc_is_up_to_date() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == generate(), "docs/rules.md is out of date: run `python -m gialint.cli.docs`"


def test_rules_doc_lists_every_rule() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for meta in load_ruleset().metas:
        assert f"### {meta.code} {meta.name}" in text


def test_readme_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").split("\n")
    body = [line for line in lines if line.strip()][:5]
    assert body == [
        "# gialint",
        "```sh",
        "pip install . && gialint check examples/reports/",
        'pip install -e ".[test]" && python -m pytest',
        "```",
    ]
    assert "python -m pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert (ROOT / "examples" / "reports").is_dir()
