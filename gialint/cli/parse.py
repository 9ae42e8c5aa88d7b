"""``gialint parse``: print the document model."""

from __future__ import annotations

import json
import sys

import click


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True, help="Output format.")
@click.option("--template", "version", default=None, help="Bind to this template (e.g. v2019) instead of detecting it.")
def parse(files: tuple[str, ...], fmt: str, version: str | None) -> None:
    """Print the document model of FILES: sections, tables and every bound cell."""
    from gialint.bind.read import read_report
    from gialint.bind.templates import default_templates
    from gialint.config.model import Config
    from gialint.linting.engine import over_limits
    from gialint.load.loader import read
    from gialint.model.source import SourceError
    from gialint.output.dump import to_json, to_tree
    from gialint.util.budget import OverBudget, time_limit

    limits = Config()  # the same size, line, cell and time limits as `gialint check`

    templates = default_templates()
    if version is not None and version not in templates:
        raise click.UsageError(f"unknown template {version!r}; known: {', '.join(sorted(templates))}")
    failed = False
    docs = []
    for path in files:
        try:
            source = read(path, limits.max_bytes)
            too_big = over_limits(source, limits)
            if too_big:
                raise SourceError(too_big, "too-large")
            with time_limit(limits.read_timeout):
                report = read_report(source, templates, version)
        except SourceError as exc:
            click.echo(f"{path}: {exc.reason}", err=True)
            failed = True
            continue
        except OverBudget as exc:
            click.echo(f"{path}: 读取和解析{exc}（read_timeout），文件过大或结构异常", err=True)
            failed = True
            continue
        except Exception as exc:  # noqa: BLE001 - a message, never a traceback
            click.echo(f"{path}: 解析报告时出错：{type(exc).__name__}: {exc}", err=True)
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
