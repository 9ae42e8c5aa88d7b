"""Rule kinds: the Python that interprets declarative YAML rules (the base
class and its options are in :mod:`gialint.rules.kinds.base`)."""

from __future__ import annotations

from gialint.rules.kinds.base import Kind, LoadContext, Option

__all__ = ["Kind", "LoadContext", "Option", "builtin_kinds"]


def builtin_kinds() -> dict[str, type[Kind]]:
    """The kinds shipped with gialint, by name."""
    from gialint.rules.kinds import (
        cells,
        dates,
        equation,
        fees,
        labels,
        narrative,
        prose,
        readable,
        sections,
        series,
        seriescopy,
        templateyear,
    )

    out: dict[str, type[Kind]] = {}
    for module in (sections, labels, equation, cells, prose, templateyear, narrative, dates, fees, series, seriescopy, readable):
        for kind in module.KINDS:
            out[kind.name] = kind
    return out
