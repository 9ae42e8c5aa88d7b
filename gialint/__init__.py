"""gialint — compliance linter for 政府信息公开工作年度报告.

The public API is small and imported lazily so that ``import gialint`` stays
cheap (the CLI's cold start depends on it)::

    from gialint import read_report
    report = read_report("2023年报.md")
    report.cell("applications.total.new").value
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "read_report", "parse_document", "from_bytes", "from_text", "read", "hookimpl"]

if TYPE_CHECKING:
    from .hookspecs import hookimpl
    from .pipeline import parse_document, read_report
    from .source import from_bytes, from_text, read


def __getattr__(name: str) -> Any:
    if name in ("read_report", "parse_document"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("from_bytes", "from_text", "read"):
        from . import source

        return getattr(source, name)
    if name == "hookimpl":  # for plugins: ``from gialint import hookimpl``
        from .hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)
