"""gialint's own kinds, rule packs, templates, readers and formatters,
registered through the same hooks as any plugin's (:mod:`gialint.hookspecs`).

Imports happen inside the hooks: registering this module costs nothing until
the rule set is assembled."""

from __future__ import annotations

from typing import Any

from gialint.plugins.hookspecs import hookimpl

NAME = "gialint"


@hookimpl
def gialint_add_kinds() -> list[Any]:
    from gialint.rules.kinds import builtin_kinds

    return list(builtin_kinds().values())


@hookimpl
def gialint_add_rule_packs() -> list[Any]:
    from gialint.util import resources

    # Origins stay "rules/NAME.yaml": what messages and `gialint rules` show.
    return [(f.read_text(encoding="utf-8"), f"rules/{f.name}") for f in resources.rule_pack_files()]


@hookimpl
def gialint_add_templates() -> list[Any]:
    from gialint.util import resources

    return [(f.read_text(encoding="utf-8"), f"rules/templates/{f.name}") for f in resources.template_files()]


@hookimpl
def gialint_add_readers() -> list[Any]:
    from gialint.load.readers import builtin_readers

    return builtin_readers()


@hookimpl
def gialint_add_formatters() -> list[Any]:
    from gialint.output.formatters import builtin_formatters

    return list(builtin_formatters().values())
