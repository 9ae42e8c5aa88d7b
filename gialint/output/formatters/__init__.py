"""Output formats for ``gialint check --format`` (the base class is in
:mod:`gialint.output.formatters.base`)."""

from __future__ import annotations

from gialint.output.formatters.base import Formatter, Summary

__all__ = ["Formatter", "Summary", "builtin_formatters"]


def builtin_formatters() -> dict[str, type[Formatter]]:
    from gialint.output.formatters.github import GithubFormatter
    from gialint.output.formatters.html import HtmlFormatter
    from gialint.output.formatters.json import JsonFormatter
    from gialint.output.formatters.junit import JunitFormatter
    from gialint.output.formatters.sarif import SarifFormatter
    from gialint.output.formatters.text import TextFormatter

    return {f.name: f for f in (TextFormatter, JsonFormatter, SarifFormatter, GithubFormatter, JunitFormatter, HtmlFormatter)}
