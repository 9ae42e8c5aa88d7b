"""``--format json``: one JSON array of findings (the fixed contract of DESIGN.md)."""

from __future__ import annotations

import json

from gialint.output.formatters.base import Formatter, Summary


class JsonFormatter(Formatter):
    name = "json"
    description = "A JSON array of findings (path, line, column, end_line, end_column, rule, name, category, severity, message, fix)."

    def start(self) -> str:
        self._first = True
        return "["

    def file(self, path, findings) -> str:  # type: ignore[no-untyped-def]
        parts = []
        for f in findings:
            parts.append(("\n  " if self._first else ",\n  ") + json.dumps(f.to_json(), ensure_ascii=False, sort_keys=False))
            self._first = False
        return "".join(parts)

    def end(self, summary: Summary) -> str:
        return "]\n" if self._first else "\n]\n"
