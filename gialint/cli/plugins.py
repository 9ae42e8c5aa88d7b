"""``gialint plugins``: each plugin with its version, where it was found, the
hooks it implements, what it adds, and its load errors."""

from __future__ import annotations

import json

import click

from gialint.cli.shared import load, plugin_options


@click.command()
@plugin_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
def plugins(plugins: tuple[str, ...], no_plugins: bool, rule_files: tuple[str, ...], template_files: tuple[str, ...], fmt: str) -> None:
    """List plugins (gialint's built-ins first). Exit status 1 when one failed to load."""
    loaded = load(plugins, no_plugins, rule_files, template_files, report_errors=False)
    pm = loaded.pm
    pm.readers()
    pm.formatters()  # every registration hook runs, so every load error shows
    rules_by: dict[str, list[str]] = {}
    for m in loaded.ruleset.metas:
        owner = pm.owner(m.origin)
        if owner is not None:
            rules_by.setdefault(owner.name, []).append(m.code)
    tpl_by: dict[str, list[str]] = {}
    for t in loaded.ruleset.templates.values():
        owner = pm.owner(t.origin)
        if owner is not None:
            tpl_by.setdefault(owner.name, []).append(t.id)
    items = []
    for info in pm.infos.values():
        d = info.to_json()
        added = pm.added.get(info.name, {})
        d["adds"] = {
            "kinds": added.get("kinds", []),
            "rules": rules_by.get(info.name, []),
            "templates": tpl_by.get(info.name, []),
            "readers": added.get("readers", []),
            "formatters": added.get("formatters", []),
        }
        items.append(d)
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        for info, d in zip(pm.infos.values(), items, strict=True):
            where = {"builtin": "built in", "entry-point": f"entry point {info.target}", "local": f"--plugin {info.target}"}[info.source]
            dist = f" [{info.distribution}]" if info.distribution and info.distribution != info.name else ""
            state = "ok" if d["loaded"] else "FAILED"
            click.echo(f"{info.name} {info.version or '(no version)'}{dist}  {state}  ({where})")
            if info.hooks:
                click.echo(f"    hooks: {', '.join(info.hooks)}")
            adds = [f"{what} {len(v) if what == 'rules' and len(v) > 6 else ', '.join(v)}" for what, v in d["adds"].items() if v]
            if adds:
                click.echo(f"    adds: {'; '.join(adds)}")
            for msg in info.errors:
                click.echo(f"    error: {msg}")
    raise SystemExit(1 if pm.errors else 0)
