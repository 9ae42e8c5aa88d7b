"""Options and loading shared by the commands that need plugins and rules
(``rules``, ``explain``, ``plugins``, ``test-rules``; ``check`` wires the same
function in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import click

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.plugins.discovery import GialintPluginManager
    from gialint.rules.ruleset import RuleSet


def _remember(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        ctx.meta[name] = value

    return callback


def plugin_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--plugin``, ``--no-plugins``, ``--rules``, ``--templates``, and
    ``--config`` / ``--isolated`` (read by :func:`load`, not passed on)."""
    f = click.option("--isolated", is_flag=True, expose_value=False, callback=_remember("gialint.isolated"),
                     help="Ignore configuration files.")(f)
    f = click.option("--config", type=click.Path(dir_okay=False), expose_value=False, callback=_remember("gialint.config"),
                     help="Use this configuration file instead of the one found from the current directory "
                          "(.gialint.yaml or [tool.gialint] in pyproject.toml): its rules, templates, plugins and selection.")(f)
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
    config: Config


def load(plugins: tuple[str, ...], no_plugins: bool, rule_files: tuple[str, ...] = (), template_files: tuple[str, ...] = (),
         report_errors: bool = True, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> Loaded:
    """The plugin manager, the rule set and the configuration, as ``gialint
    check`` would have them for a report in the current directory: the
    configuration found from there (or ``--config``; none with
    ``--isolated``) with its ``rules``, ``templates`` and ``plugins``, plus
    the command line's.  Plugin load errors are printed to stderr (the run
    goes on); a broken configuration or project file exits with status 2."""
    import os

    from gialint.config.model import ConfigError
    from gialint.run.pool import LinterPool, Overrides

    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx is not None else {}
    overrides = Overrides(
        select=list(select) or None, ignore=list(ignore), rule_files=list(rule_files), template_files=list(template_files),
        plugins=list(plugins), autoload=False if no_plugins else None,
    )
    config_file = meta.get("gialint.config")
    from gialint.config.files import config_file_problem

    problem = config_file_problem(config_file) if config_file is not None else None
    if problem:
        click.echo(f"gialint: {problem}", err=True)
        raise SystemExit(2)
    pool = LinterPool(config_file, bool(meta.get("gialint.isolated")), overrides)
    here = os.path.join(os.getcwd(), "report.txt")  # where the configuration is searched from
    try:
        linter = pool.for_path(here)
    except ConfigError as exc:
        click.echo(f"gialint: {exc}", err=True)
        raise SystemExit(2) from None
    pm = pool.plugin_manager(linter.config)
    if report_errors:
        for msg in pm.error_messages():
            click.echo(f"gialint: {msg}", err=True)
    return Loaded(pm, linter.ruleset, linter.config)


def origin_label(pm: GialintPluginManager, origin: str) -> str:
    """Where a rule or template comes from: the plugin (name and version), or
    the project file."""
    owner = pm.owner(origin)
    return owner.label if owner is not None else origin
