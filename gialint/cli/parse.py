"""``gialint parse``: print the document model, read and bound exactly as
``gialint check`` would: the configuration found for each file (or
``--config``), its plugins' readers and templates, and the same limits."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from gialint.cli.shared import fail, load_problem, open_pool, setting_options


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True, help="Output format.")
@click.option("--template", "version", default=None, help="Bind to this template (e.g. v2019) instead of detecting it.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Use this configuration file instead of searching for .gialint.yaml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--no-plugins", is_flag=True, envvar="GIALINT_NO_PLUGINS", help="Do not load installed plugins (env GIALINT_NO_PLUGINS=1).")
def parse(files: tuple[str, ...], fmt: str, version: str | None, config_file: str | None, isolated: bool, no_plugins: bool, **settings: Any) -> None:
    """Print the document model of FILES: sections, tables and every bound cell."""
    from gialint.bind.read import read_report
    from gialint.config.model import ConfigError
    from gialint.linting.engine import over_limits
    from gialint.load.loader import ReaderFailed, load_source
    from gialint.model.source import SourceError
    from gialint.output.dump import to_json, to_tree
    from gialint.util.budget import OverBudget, time_limit

    pool = open_pool(config_file, isolated, settings, no_plugins)
    failed = False
    docs = []
    for path in files:
        try:
            linter = pool.for_path(path)
        except ConfigError as exc:
            fail(str(exc))
        templates, limits = linter.ruleset.templates, linter.config
        if version is not None and version not in templates:
            raise click.UsageError(f"unknown template {version!r}; known: {', '.join(sorted(templates))}")
        try:
            source = load_source(path, linter.readers, limits.max_bytes, limits.read_timeout)  # the one load path
            too_big = over_limits(source, limits)
            if too_big:
                raise SourceError(too_big, "too-large")
            with time_limit(limits.read_timeout):
                report = read_report(source, templates, version)
        except (SourceError, OverBudget, ReaderFailed) as exc:
            click.echo(f"{path}: {load_problem(exc)}", err=True)
            failed = True
            continue
        except Exception as exc:  # noqa: BLE001 - a message, never a traceback
            click.echo(f"{path}: 解析报告时出错：`{type(exc).__name__}: {exc}`", err=True)
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


parse = setting_options(parse, ("templates", "plugins"))
