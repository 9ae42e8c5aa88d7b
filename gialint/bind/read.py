"""The reading pipeline: bytes → :class:`Source` → :class:`Document` →
:class:`Report`.  Pure functions; the CLI and the linter call these."""

from __future__ import annotations

import os
from typing import Mapping

from gialint.bind.binding import bind
from gialint.bind.templates import default_templates
from gialint.load.loader import read
from gialint.model.document import Document
from gialint.model.report import Report
from gialint.model.source import Source
from gialint.model.template import Template
from gialint.parse.structure import build_document


def _sections(templates: Mapping[str, Template]):  # type: ignore[no-untyped-def]
    # Every official format has the same six sections; variants of all
    # templates are accepted for finding headings (rules judge the wording).
    seen = {}
    for t in templates.values():
        for s in t.sections:
            if s.number not in seen:
                seen[s.number] = s
            elif s.variants and not seen[s.number].variants:
                seen[s.number] = s
    return [seen[n] for n in sorted(seen)]


def parse_document(source: Source, templates: Mapping[str, Template] | None = None) -> Document:
    """Parse ``source`` into a :class:`Document` (sections, title, tables as written)."""
    return build_document(source, _sections(templates or default_templates()))


def read_report(
    source: Source | str | os.PathLike[str],
    templates: Mapping[str, Template] | None = None,
    version: str | None = None,
) -> Report:
    """Read, parse and bind a report.  ``source`` is a :class:`Source` or a path."""
    templates = templates or default_templates()
    src = source if isinstance(source, Source) else read(source)
    return bind(parse_document(src, templates), templates, version)
