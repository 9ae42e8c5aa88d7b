"""``--format github``: GitHub Actions workflow commands, which the runner
turns into annotations on the pull request::

    ::error file=reports/2023.md,line=12,col=1,endLine=12,endColumn=14,title=GIA201 row-label::message

``info`` findings become ``notice``.  Values are escaped as the runner
expects: ``%``, CR and LF everywhere, and ``:`` and ``,`` in properties."""

from __future__ import annotations

from gialint.output.formatters.base import Formatter, Summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f) -> str:  # type: ignore[no-untyped-def]
    props = [
        f"file={escape_property(f.path)}",
        f"line={f.line}",
        f"col={f.column}",
        f"endLine={max(f.end_line, f.line)}",
    ]
    if f.end_line == f.line:
        props.append(f"endColumn={f.end_column}")
    props.append(f"title={escape_property(f'{f.rule} {f.name}')}")
    return f"::{COMMANDS.get(f.severity, 'warning')} {','.join(props)}::{escape_data(f.message)}\n"


class GithubFormatter(Formatter):
    name = "github"
    description = "GitHub Actions annotations (::error file=…,line=…::message)."

    def file(self, path, findings) -> str:  # type: ignore[no-untyped-def]
        return "".join(annotation(f) for f in findings)

    def end(self, summary: Summary) -> str:
        return ""
