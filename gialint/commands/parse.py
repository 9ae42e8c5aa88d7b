"""``gialint parse``: print the document model."""

from __future__ import annotations

import json
import os
import sys

import click

@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["tree", "json"]), default="tree", show_default=True, help="Output format.")
@click.option("--template", "version", default=None, help="Bind to this template (e.g. v2019) instead of detecting it.")
def parse(files: tuple[str, ...], fmt: str, version: str | None) -> None:
    """Print the document model of FILES: sections, tables and every bound cell."""
    from ..dump import to_json, to_tree
    from ..pipeline import read_report
    from ..source import SourceError, read
    from ..templates import default_templates

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
