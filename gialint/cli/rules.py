"""``gialint rules``: every known rule — gialint's, the plugins' and the
project's — with its code, name, category, default severity, where it comes
from and whether it runs."""

from __future__ import annotations

import json

import click

from gialint.cli.shared import load, origin_label, plugin_options


@click.command()
@plugin_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format.")
@click.option("--select", multiple=True, help="Run only these rules (as for check); shown in the ENABLED column.")
@click.option("--ignore", multiple=True, help="Do not run these rules (as for check).")
def rules(plugins: tuple[str, ...], no_plugins: bool, rule_files: tuple[str, ...], template_files: tuple[str, ...],
          fmt: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """List every rule: code, name, category, severity, enabled, origin."""
    from gialint.config.select import enabled_codes
    from gialint.output.formatters.text import width

    # The project's configuration (and --select/--ignore on top) decides ENABLED.
    loaded = load(plugins, no_plugins, rule_files, template_files, select=select, ignore=ignore)
    metas = loaded.ruleset.metas
    enabled = enabled_codes(loaded.config, metas)
    rows = [
        {
            "code": m.code,
            "name": m.name,
            "category": m.category,
            "severity": m.severity,
            "enabled": m.code in enabled,
            "origin": m.origin,
            "plugin": (o.label if (o := loaded.pm.owner(m.origin)) else None),
            "kind": m.kind,
            "groups": list(m.groups),
            "summary": m.summary,
        }
        for m in sorted(metas, key=lambda m: m.code)
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    head = ("CODE", "NAME", "CATEGORY", "SEVERITY", "ENABLED", "FROM", "SUMMARY")
    table: list[tuple[str, ...]] = [head]
    table += [
        (m.code, m.name, m.category, m.severity, "yes" if m.code in enabled else "no", origin_label(loaded.pm, m.origin), m.summary)
        for m in sorted(metas, key=lambda m: m.code)
    ]
    widths = [max(width(row[i]) for row in table) for i in range(len(head) - 1)]
    for row in table:
        cells = [c + " " * (w - width(c)) for c, w in zip(row[:-1], widths, strict=True)]
        click.echo("  ".join(cells + [row[-1]]).rstrip())
