"""The ``gialint`` command line: a thin layer over the library, one module a
sub-command.

Sub-commands import what they need when they run, so ``gialint --help`` and a
pre-commit run on one file stay fast.

May import: everything (it is the top layer)."""

from __future__ import annotations

import click

from gialint.util.version import __version__

# Sub-command name → "module:function"; modules are imported only when the
# command runs (or for --help), which keeps the start-up of `gialint check` lean.
COMMANDS = {
    "check": "gialint.cli.check:check",
    "clean": "gialint.cli.clean:clean",
    "convert": "gialint.cli.convert:convert",
    "explain": "gialint.cli.explain:explain",
    "extract": "gialint.cli.extract:extract",
    "parse": "gialint.cli.parse:parse",
    "plugins": "gialint.cli.plugins:plugins",
    "rules": "gialint.cli.rules:rules",
    "server": "gialint.cli.server:server",
    "test-rules": "gialint.cli.test_rules:test_rules",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        import importlib

        cmd: click.Command = getattr(importlib.import_module(module), attr)
        return cmd


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gialint")
def main() -> None:
    """gialint — 政府信息公开工作年度报告合规检查 (compliance linter for
    government information disclosure annual reports)."""
