"""Options and loading shared by the commands that need plugins and rules
(``rules``, ``explain``, ``plugins``, ``test-rules``; ``check`` wires the same
function in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import click

if TYPE_CHECKING:
    from ..engine import RuleSet
    from ..plugins import GialintPluginManager


def plugin_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--plugin``, ``--no-plugins``, ``--rules`` and ``--templates``."""
    f = click.option("--templates", "template_files", multiple=True, type=click.Path(dir_okay=False),
                     help="An extra template file (YAML), e.g. a local variant of the official format.")(f)
    f = click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False),
                     help="An extra rule pack (YAML).")(f)
    f = click.option("--no-plugins", is_flag=True, envvar="GIALINT_NO_PLUGINS",
                     help="Do not load installed plugins (entry points); --plugin still applies. Env: GIALINT_NO_PLUGINS=1.")(f)
    f = click.option("--plugin", "plugins", multiple=True, metavar="MODULE_OR_PATH",
                     help="Load a plugin from a module name or a .py file (repeatable).")(f)
    return f


@dataclass
class Loaded:
    pm: GialintPluginManager
    ruleset: RuleSet


def load(plugins: tuple[str, ...], no_plugins: bool, rule_files: tuple[str, ...] = (), template_files: tuple[str, ...] = (),
         report_errors: bool = True) -> Loaded:
    """The plugin manager and the rule set; plugin load errors are printed to
    stderr (the run goes on); a broken project file exits with status 2."""
    from ..engine import load_ruleset
    from ..plugins import get_plugin_manager
    from ..yamlfile import YamlError

    pm = get_plugin_manager(list(plugins), autoload=not no_plugins)
    try:
        ruleset = load_ruleset(rule_files, template_files, plugin_manager=pm)
    except YamlError as exc:
        click.echo(f"gialint: {exc}", err=True)
        raise SystemExit(2) from None
    if report_errors:
        for msg in pm.error_messages():
            click.echo(f"gialint: {msg}", err=True)
    return Loaded(pm, ruleset)


def origin_label(pm: GialintPluginManager, origin: str) -> str:
    """Where a rule or template comes from: the plugin (name and version), or
    the project file."""
    owner = pm.owner(origin)
    return owner.label if owner is not None else origin
