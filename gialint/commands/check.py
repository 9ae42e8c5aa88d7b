"""``gialint check``: lint reports and print the findings."""

from __future__ import annotations

import json
import os
import sys

import click

@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", default="text", show_default=True, help="Output format: text, json (and what plugins add).")
@click.option("--select", "select", multiple=True, help="Run only these rules (code, name, prefix, group, category or all).")
@click.option("--ignore", "ignore", multiple=True, help="Do not run these rules.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None, help="Lowest severity that fails the run (default: error).")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False), help="An extra rule pack (YAML).")
@click.option("--max-bytes", type=int, default=None, help="Files larger than this are not read (default 5 MB).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), default=None, help="Write the output here instead of stdout.")
def check(paths: tuple[str, ...], fmt: str, select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
          rule_files: tuple[str, ...], max_bytes: int | None, statistics: bool, output_file: str | None) -> None:
    """Check reports (files or directories) and print the findings."""
    from ..config import Config, ConfigError, check_refs
    from ..engine import Linter, load_ruleset
    from ..formatters import builtin_formatters
    from ..runner import Problems, exit_status, expand, run
    from ..yamlfile import YamlError

    config = Config()
    if select:
        config.select = list(select)
    config.ignore = list(ignore)
    if fail_on:
        config.fail_on = fail_on
    if max_bytes:
        config.max_bytes = max_bytes
    config.rule_files = list(rule_files)
    try:
        ruleset = load_ruleset(config.rule_files, config.template_files)
        check_refs(config.select or [], ruleset.metas, "--select")
        check_refs(config.ignore, ruleset.metas, "--ignore")
        linter = Linter(ruleset, config)
    except (YamlError, ConfigError) as exc:
        click.echo(f"gialint: {exc}", err=True)
        sys.exit(2)
    formatters = builtin_formatters()
    if fmt not in formatters:
        click.echo(f"gialint: unknown format {fmt!r}; known: {', '.join(sorted(formatters))}", err=True)
        sys.exit(2)
    out = open(output_file, "w", encoding="utf-8") if output_file else None
    color = out is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    formatter = formatters[fmt](ruleset, color=color, statistics=statistics)
    problems = Problems()
    targets = expand(paths, config.include, config.exclude, problems)
    write = out.write if out else (lambda s: click.echo(s, nl=False))
    try:
        summary = run(linter, targets, formatter, write)
    finally:
        if out:
            out.close()
    sys.exit(exit_status(summary, config.fail_on))
