"""gialint — compliance linter for 政府信息公开工作年度报告.

The public API (:mod:`gialint.api`) is re-exported here and imported lazily,
so that ``import gialint`` stays cheap (the CLI's cold start depends on it)::

    import gialint

    report = gialint.read_report("2023年报.md")
    report.cell("applications.total.new").value
    for finding in gialint.lint("2023年报.md"):
        print(finding.line, finding.rule, finding.message)

The package follows the flow of the data, one sub-package a stage:
``load`` → ``parse`` → ``bind`` → ``rules`` → ``linting`` → ``output``, with
``model`` (the data they pass on), ``util``, ``config``, ``plugins``, ``run``
(batches) and ``cli`` around them; docs/architecture.md draws it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gialint.util.version import __version__

# The public names (gialint.api.__all__), resolved on first use.
_API = frozenset({
    "BoundCell", "Document", "Finding", "Fix", "Formatter", "Hit", "Kind", "LoadContext", "Option", "Reader",
    "Report", "Source", "SourceError", "Span", "Summary", "Template", "did_you_mean", "from_bytes", "from_text",
    "hookimpl", "lint", "norm", "read_report",
})  # fmt: skip
# Old names of the top-level facade, kept working.
_LEGACY = {"parse_document": ("gialint.bind.read", "parse_document"), "read": ("gialint.load.loader", "read")}

__all__ = [
    "BoundCell", "Document", "Finding", "Fix", "Formatter", "Hit", "Kind", "LoadContext", "Option", "Reader",
    "Report", "Source", "SourceError", "Span", "Summary", "Template", "__version__", "did_you_mean", "from_bytes",
    "from_text", "hookimpl", "lint", "norm", "read_report",
]  # fmt: skip

if TYPE_CHECKING:
    from gialint.api import (
        BoundCell, Document, Finding, Fix, Formatter, Hit, Kind, LoadContext, Option, Reader, Report, Source,
        SourceError, Span, Summary, Template, did_you_mean, from_bytes, from_text, hookimpl, lint, norm, read_report,
    )  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _API:
        from gialint import api

        return getattr(api, name)
    if name in _LEGACY:
        import importlib

        module, attr = _LEGACY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'gialint' has no attribute {name!r}")


from gialint import _compat  # noqa: E402  (old module paths, with a DeprecationWarning)

_compat.install()
