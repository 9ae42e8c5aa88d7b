"""gialint's public API: what plugins and scripts import.

These names keep their meaning at this module path (and at ``gialint``
itself, which re-exports them lazily); everything else in the package is
internal and may move.  Modules that moved in the reorganisation keep
working at their old paths for a while, with a ``DeprecationWarning``
(:mod:`gialint._compat`).

For plugin authors (docs/hooks.md, docs/authoring.md):

* :data:`hookimpl` — marks a hook implementation;
* :class:`Kind`, :class:`Option`, :class:`LoadContext` — rule kinds;
* :class:`Hit`, :class:`Fix`, :class:`Span` — what a kind yields;
* :class:`Finding` — what a report check (``gialint_check_report``) returns;
* :class:`Reader` — an input format; :class:`Source` and :func:`from_text` /
  :func:`from_bytes` to build what it returns;
* :class:`Formatter`, :class:`Summary` — an output format;
* :class:`Report`, :class:`BoundCell`, :class:`Document`, :class:`Template` —
  what rules read;
* :func:`norm`, :func:`did_you_mean` — label matching and messages.

For scripts:

* :func:`read_report` — a file (or :class:`Source`) read, parsed and bound,
  with the configuration, plugins and templates ``gialint check`` would use;
* :func:`lint` — the findings ``gialint check`` reports for a path or a text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from gialint.load.decode import from_bytes, from_text
from gialint.load.readers import Reader
from gialint.model.document import Document
from gialint.model.findings import Finding, Fix, Hit
from gialint.model.report import BoundCell, Report
from gialint.model.source import Source, SourceError
from gialint.model.span import Span
from gialint.model.template import Template
from gialint.output.formatters.base import Formatter, Summary
from gialint.plugins.hookspecs import hookimpl
from gialint.rules.kinds.base import Kind, LoadContext, Option
from gialint.util.normalize import norm
from gialint.util.suggest import did_you_mean
from gialint.util.version import __version__

if TYPE_CHECKING:
    from gialint.run.pool import LinterPool

__all__ = [
    "BoundCell", "Document", "Finding", "Fix", "Formatter", "Hit", "Kind", "LoadContext", "Option", "Reader",
    "Report", "Source", "SourceError", "Span", "Summary", "Template", "__version__", "did_you_mean", "from_bytes",
    "from_text", "hookimpl", "lint", "norm", "read_report",
]  # fmt: skip


def _pool(config: str | os.PathLike[str] | None, isolated: bool, select: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> LinterPool:
    from gialint.run.pool import LinterPool, Overrides

    overrides = Overrides.of(select=list(select) if select is not None else None, ignore=list(ignore))
    return LinterPool(str(config) if config is not None else None, isolated, overrides)


def read_report(
    source: Source | str | os.PathLike[str],
    templates: Mapping[str, Template] | None = None,
    version: str | None = None,
    *,
    config: str | os.PathLike[str] | None = None,
    isolated: bool = False,
) -> Report:
    """Read, parse and bind a report, as ``gialint check`` does: the file is
    read through the plugins' readers, and bound to the official templates
    and those of the plugins and the configuration found for it (or
    ``config``; ``isolated`` ignores configuration files).  ``templates``
    replaces that set; ``version`` forces a template.  Raises
    :class:`SourceError` when the file cannot be read."""
    from gialint.bind.read import read_report as bind_report
    from gialint.load.loader import load_source

    if isinstance(source, Source) and templates is not None:
        return bind_report(source, templates, version)  # nothing to look up
    if isinstance(source, Source):
        # Configuration is searched from the file's folder, or from here.
        where = source.path if os.path.exists(source.path) else os.path.join(os.getcwd(), "report.txt")
        linter = _pool(config, isolated).for_path(where)
        src = source
    else:
        linter = _pool(config, isolated).for_path(str(source))
        src = load_source(str(source), linter.readers, linter.config.max_bytes)
    return bind_report(src, templates if templates is not None else linter.ruleset.templates, version)


def lint(
    target: str | os.PathLike[str] | Source | None = None,
    *,
    text: str | None = None,
    path: str = "report.md",
    config: str | os.PathLike[str] | None = None,
    isolated: bool = False,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
) -> list[Finding]:
    """The findings ``gialint check`` reports for one report.

    ``lint("2023年报.md")`` reads the file (through the one load path, with
    the plugins' readers); ``lint(text="…", path="2023年报.md")`` lints a
    string as if it were that file; a :class:`Source` is linted as it is.
    The configuration is the one ``check`` would find for the path (or
    ``config``; ``isolated`` ignores configuration files); ``select`` and
    ``ignore`` act as the options of the same names.  No baseline, no cache.
    Raises :class:`~gialint.config.model.ConfigError` for a broken
    configuration."""
    if (target is None) == (text is None):
        raise TypeError("lint() takes a path or Source, or text=…, not both")
    pool = _pool(config, isolated, select, ignore)
    if text is not None:
        return pool.for_path(path).lint_source(from_text(text, path))
    if isinstance(target, Source):
        return pool.for_path(target.path).lint_source(target)
    p = str(target)
    return pool.for_path(p).lint_path(p)
