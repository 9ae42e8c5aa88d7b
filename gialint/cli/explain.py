"""``gialint explain CODE|NAME``: a rule's summary, category, severity,
origin, explanation, and its bad and good example."""

from __future__ import annotations

import json

import click

from gialint.cli.shared import load, origin_label, plugin_options


@click.command()
@click.argument("ref", required=False)
@plugin_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--base", "base", default=None, metavar="NAME",
              help="Print the example report NAME (clean2023 or clean2020) that rules' good/bad examples are applied to.")
def explain(ref: str | None, plugins: tuple[str, ...], no_plugins: bool, rule_files: tuple[str, ...], template_files: tuple[str, ...], fmt: str,
            base: str | None) -> None:
    """Explain the rule REF (a code such as GIA201, or a name such as row-label),
    or print an example report with --base."""
    from gialint.util.suggest import did_you_mean

    if base is not None:
        _print_base(base)
        return
    if ref is None:
        raise click.UsageError("请给出规则代码或名称（如 GIA201、row-label），或用 --base clean2023 查看示例报告")

    loaded = load(plugins, no_plugins, rule_files, template_files)
    ruleset = loaded.ruleset
    meta = ruleset.find(ref) or ruleset.find(ref.upper())
    if meta is None:
        words = [m.code for m in ruleset.metas] + [m.name for m in ruleset.metas]
        click.echo(f"gialint: 未知规则 {ref!r}{did_you_mean(ref, words)}", err=True)
        raise SystemExit(2)
    origin = origin_label(loaded.pm, meta.origin)
    if fmt == "json":
        click.echo(json.dumps({
            "code": meta.code, "name": meta.name, "summary": meta.summary, "category": meta.category,
            "severity": meta.severity, "enabled": meta.enabled, "kind": meta.kind, "groups": list(meta.groups),
            "origin": meta.origin, "plugin": origin if origin != meta.origin else None,
            "explain": meta.explain, "bad": meta.bad, "good": meta.good, "base": meta.base,
        }, ensure_ascii=False, indent=2))
        return
    out = [
        f"{meta.code}  {meta.name}",
        meta.summary,
        "",
        f"category: {meta.category}    severity: {meta.severity}    enabled by default: {'yes' if meta.enabled else 'no'}",
        f"from: {origin}" + (f" ({meta.origin}:{meta.line})" if origin != meta.origin and meta.line else ""),
        f"kind: {meta.kind}" + (f"    groups: {', '.join(meta.groups)}" if meta.groups else ""),
    ]
    if meta.explain:
        out += ["", meta.explain.rstrip()]
    for title, snippet in (("Bad", meta.bad), ("Good", meta.good)):
        if snippet is not None:
            out += ["", f"{title}:"] + _snippet(snippet)
    if meta.bad is not None or meta.good is not None:
        out += ["", f"(examples: the good snippet as it appears in the example report {meta.base}; the bad one replaces it)"]
    click.echo("\n".join(out))


def _snippet(snippet: str | list[str]) -> list[str]:
    parts = snippet if isinstance(snippet, list) else [snippet]
    lines = []
    for part in parts:
        if part == "":
            lines.append("    （删除该段）")
        for line in part.rstrip("\n").split("\n") if part else []:
            lines.append("    " + line.replace("\t", " ⇥ "))
    return lines


def _print_base(name: str) -> None:
    """A shipped example report: the text a rule's ``good`` snippet must occur
    in once (``base:`` in a pack; clean2023 by default)."""
    from gialint.testing import SHIPPED_BASES, base_text
    from gialint.util.suggest import did_you_mean

    if name not in SHIPPED_BASES:
        click.echo(f"gialint: 没有示例报告 {name!r}{did_you_mean(name, SHIPPED_BASES)}；可用：{', '.join(SHIPPED_BASES)}", err=True)
        raise SystemExit(2)
    click.echo(base_text(name), nl=False)
