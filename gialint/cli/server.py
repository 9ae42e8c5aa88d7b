"""``gialint server``: the language server over stdio (:mod:`gialint.server`)."""

from __future__ import annotations

import sys

import click


@click.command()
@click.option("--stdio", is_flag=True, help="Talk LSP over stdin and stdout (the only transport; accepted because editors pass it).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file for every report instead of searching for .gialint.yaml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--no-plugins", is_flag=True, envvar="GIALINT_NO_PLUGINS", help="Do not load installed plugins (env GIALINT_NO_PLUGINS=1).")
@click.option("--debounce", type=click.FloatRange(0, 10_000), default=25.0, show_default=True,
              help="Milliseconds of quiet after a change before the report is checked again.")
@click.option("--log-level", type=click.Choice(["error", "warning", "info", "debug"]), default="warning", show_default=True,
              help="What the server logs on standard error.")
def server(stdio: bool, config_file: str | None, isolated: bool, no_plugins: bool, debounce: float, log_level: str) -> None:
    """Run the language server (LSP over stdio) for editors: diagnostics,
    quick fixes, suppression comments and hovers while a report is written."""
    import logging

    logging.basicConfig(stream=sys.stderr, level=log_level.upper(), format="gialint server: %(levelname)s: %(message)s")
    if log_level != "debug":
        # pygls logs a traceback for each message it cannot read; the server
        # answers those itself and logs one line (gialint.server.transport).
        logging.getLogger("pygls").setLevel(logging.CRITICAL)
    from gialint.server.server import serve

    sys.exit(serve(config_file, isolated, no_plugins, debounce / 1000))
