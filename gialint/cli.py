"""The ``gialint`` command line: a thin layer over the library.

Sub-commands import what they need when they run, so ``gialint --help`` and a
pre-commit run on one file stay fast."""

from __future__ import annotations

import json
import os
import sys

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gialint")
def main() -> None:
    """gialint — 政府信息公开工作年度报告合规检查 (compliance linter for
    government information disclosure annual reports)."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True, help="Output format.")
@click.option("--template", "version", default=None, help="Bind to this template (e.g. v2019) instead of detecting it.")
def parse(files: tuple[str, ...], fmt: str, version: str | None) -> None:
    """Print the document model of FILES: sections, tables and every bound cell."""
    from .dump import to_json, to_tree
    from .pipeline import read_report
    from .source import SourceError, read
    from .templates import default_templates

    templates = default_templates()
    if version is not None and version not in templates:
        raise click.UsageError(f"unknown template {version!r}; known: {', '.join(sorted(templates))}")
    failed = False
    docs = []
    for path in files:
        try:
            report = read_report(read(path), templates, version)
        except SourceError as exc:
            click.echo(f"{path}: {exc.reason}", err=True)
            failed = True
            continue
        if fmt == "json":
            docs.append(to_json(report))
        else:
            click.echo(to_tree(report), nl=False)
    if fmt == "json":
        out = docs[0] if len(docs) == 1 else docs
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


@main.command()
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
    from .config import Config, ConfigError, check_refs
    from .engine import Linter, load_ruleset
    from .formatters import builtin_formatters
    from .runner import Problems, exit_status, expand, run
    from .yamlfile import YamlError

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
