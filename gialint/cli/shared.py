"""Options and loading shared by the commands that need plugins and rules
(``rules``, ``explain``, ``plugins``, ``test-rules``; ``check`` wires the same
function in), and what the commands that read reports say the same way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.plugins.discovery import GialintPluginManager
    from gialint.rules.ruleset import RuleSet
    from gialint.run.pool import LinterPool


def _remember(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        ctx.meta[name] = value

    return callback


def setting_options(f: Callable[..., Any], keys: tuple[str, ...] | None = None) -> Callable[..., Any]:
    """The options that override a setting of the configuration (all of
    them, or the settings ``keys``), made from
    :data:`gialint.config.options.SETTINGS`: each passes its value under the
    setting's field name."""
    from gialint.config.options import SETTINGS, SEVERITIES

    for s in reversed([s for s in SETTINGS if s.cli and (keys is None or s.key in keys)]):
        kwargs: dict[str, Any] = {"help": s.cli_help}
        if s.type in ("refs", "paths", "patterns", "dirs"):
            kwargs["multiple"] = True
            if s.type == "paths" and s.key != "plugins":
                kwargs["type"] = click.Path(dir_okay=False)
            if s.type == "dirs":
                kwargs["type"] = click.Path()
            if s.key == "plugins":
                kwargs["metavar"] = "MODULE_OR_PATH"
        elif s.type == "severity":
            kwargs["type"] = click.Choice(list(SEVERITIES))
        elif s.type == "count":
            kwargs["type"] = int
        elif s.type == "path":
            kwargs["type"] = click.Path(dir_okay=False)
        f = click.option(s.cli, s.field, **kwargs)(f)
    return f


def overrides_of(settings: dict[str, Any], no_plugins: bool) -> Any:
    """The :class:`~gialint.run.pool.Overrides` of the setting options given."""
    from gialint.run.pool import Overrides

    return Overrides.of(autoload=False if no_plugins else None, **{k: list(v) if isinstance(v, tuple) else v for k, v in settings.items()})


def plugin_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--plugin``, ``--no-plugins``, ``--rules``, ``--templates``, and
    ``--config`` / ``--isolated`` (read by :func:`load`, not passed on)."""
    f = click.option("--isolated", is_flag=True, expose_value=False, callback=_remember("gialint.isolated"),
                     help="Ignore configuration files.")(f)
    f = click.option("--config", type=click.Path(dir_okay=False), expose_value=False, callback=_remember("gialint.config"),
                     help="Use this configuration file instead of the one found from the current directory "
                          "(.gialint.yaml or [tool.gialint] in pyproject.toml): its rules, templates, plugins and selection.")(f)
    f = click.option("--no-plugins", is_flag=True, envvar="GIALINT_NO_PLUGINS",
                     help="Do not load installed plugins (entry points); --plugin still applies. Env: GIALINT_NO_PLUGINS=1.")(f)
    return setting_options(f, ("rules", "templates", "plugins"))


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
    overrides = Overrides.of(
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


def fail(message: str) -> None:
    """A usage or configuration error: said on stderr, exit status 2."""
    click.echo(f"gialint: {message}", err=True)
    raise SystemExit(2)


def open_pool(config_file: str | None, isolated: bool, settings: dict[str, Any], no_plugins: bool) -> LinterPool:
    """The linters of a command that reads reports; a ``--config`` file that
    cannot be used is a usage error (exit status 2) before any report is read."""
    from gialint.run.pool import LinterPool

    if config_file is not None:
        from gialint.config.files import config_file_problem

        problem = config_file_problem(config_file)
        if problem:
            fail(problem)
    return LinterPool(config_file, isolated, overrides_of(settings, no_plugins))


def load_problem(exc: BaseException) -> str | None:
    """What to say when a report could not be read (the one load path's
    errors), or ``None`` for any other exception."""
    from gialint.load.loader import ReaderFailed
    from gialint.model.source import SourceError
    from gialint.util.budget import OverBudget

    if isinstance(exc, SourceError):
        return exc.reason
    if isinstance(exc, OverBudget):
        return f"读取和解析{exc}（配置项 `read-timeout`），文件过大或结构异常"
    if isinstance(exc, ReaderFailed):
        return f"插件“{exc.reader.plugin}”的读取器“{exc.reader.name}”读取文件时出错：`{exc}`"
    return None
