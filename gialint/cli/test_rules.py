"""``gialint test-rules``: run rule packs' YAML pass/fail cases and check
every rule's bad and good example — the way gialint tests its own packs."""

from __future__ import annotations

import click

from gialint.cli.shared import load, plugin_options


@click.command("test-rules")
@click.argument("cases", nargs=-1, type=click.Path(exists=True))
@plugin_options
@click.option("--examples/--no-examples", default=True, show_default=True,
              help="Check that each rule's bad example triggers it and its good example does not.")
@click.option("--core", is_flag=True, help="Check the examples of gialint's own rules too (default: plugins' and --rules packs' only).")
@click.option("-v", "--verbose", is_flag=True, help="Print passing cases and examples too.")
def test_rules(cases: tuple[str, ...], plugins: tuple[str, ...], no_plugins: bool, rule_files: tuple[str, ...],
               template_files: tuple[str, ...], examples: bool, core: bool, verbose: bool) -> None:
    """Run the cases in CASES (case files, or directories of them) and check the rules' examples.

    A case file holds ``cases:``, each with ``base:`` (clean2023, clean2020 or
    a report relative to the case file), ``replace:`` (old → new, each old
    occurring once), optionally ``only:`` (rule codes to compare) and
    ``expect:`` (a list of {rule, line}).  Exit status 1 when one fails."""
    from gialint.config.model import Config
    from gialint.linting.engine import Linter
    from gialint.plugins.discovery import BUILTIN
    from gialint.testing import check_example, run_case_files
    from gialint.util.yamlfile import YamlError

    loaded = load(plugins, no_plugins, rule_files, template_files)
    linter = Linter(loaded.ruleset, Config(select=["all"]), extra_checks=loaded.pm.checks(), readers=loaded.pm.readers())
    failures = passed = 0
    try:
        results = run_case_files(cases, linter)
    except (YamlError, ValueError, OSError) as exc:
        click.echo(f"gialint: {exc}", err=True)
        raise SystemExit(2) from None
    for r in results:
        if not r.ok:
            failures += 1
            click.echo(f"FAIL  {r.describe()}")
        else:
            passed += 1
            if verbose:
                click.echo(f"ok    {r.case.origin}:{r.case.line} {r.case.name}")
    n_examples = 0
    if examples:
        for rule in loaded.ruleset.rules:
            owner = loaded.pm.owner(rule.meta.origin)
            if owner is not None and owner.name == BUILTIN and not core:
                continue
            if rule.meta.kind == "engine" and rule.meta.good is None and rule.meta.bad is None:
                continue  # input and internal findings have no examples
            n_examples += 1
            res = check_example(rule.meta, linter)
            if not res.ok:
                failures += 1
                click.echo(f"FAIL  {res.describe()}")
            elif verbose:
                click.echo(f"ok    {res.describe()}")
    click.echo(f"{len(results)} 个用例，{n_examples} 条规则的示例：{failures} 项失败。")
    raise SystemExit(1 if failures else 0)
