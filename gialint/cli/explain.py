"""``gialint explain CODE|NAME``: a rule's summary, category, severity and
origin, then its explanation in Chinese, what it rests on (依据), its bad and
good example and the explanation in English (:mod:`gialint.output.explain`)."""

from __future__ import annotations

import json

import click

from gialint.cli.shared import load, origin_label, plugin_options
from gialint.output import explain as explanation


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
            "explain": meta.explain, "explain_en": meta.explain_en, "basis": list(meta.basis),
            "bad": meta.bad, "good": meta.good, "base": meta.base,
        }, ensure_ascii=False, indent=2))
        return
    severity = {"error": "error（错误）", "warning": "warning（警告）", "info": "info（提示）"}.get(meta.severity, meta.severity)
    out = [
        f"{meta.code}  {meta.name}",
        meta.summary,
        "",
        f"类别 category：{meta.category}    严重程度 severity：{severity}    默认启用：{'是' if meta.enabled else '否（需在配置中选用）'}",
        f"来自 from：{origin}" + (f"（{meta.origin}:{meta.line}）" if origin != meta.origin and meta.line else ""),
        f"kind：{meta.kind}" + (f"    分组 groups：{', '.join(meta.groups)}" if meta.groups else ""),
    ]
    body = explanation.text(meta)
    if body:
        out += ["", body]
    click.echo("\n".join(out))


def _print_base(name: str) -> None:
    """A shipped example report: the text a rule's ``good`` snippet must occur
    in once (``base:`` in a pack; clean2023 by default)."""
    from gialint.testing import SHIPPED_BASES, base_text
    from gialint.util.suggest import did_you_mean

    if name not in SHIPPED_BASES:
        click.echo(f"gialint: 没有示例报告 {name!r}{did_you_mean(name, SHIPPED_BASES)}；可用：{', '.join(SHIPPED_BASES)}", err=True)
        raise SystemExit(2)
    click.echo(base_text(name), nl=False)
