"""The reading pipeline: bytes → :class:`Source` → :class:`Document` →
:class:`Report`.  Pure functions; the CLI and the linter call these."""

from __future__ import annotations

import os
from typing import Mapping

from gialint.bind.binding import bind
from gialint.bind.detect import is_report
from gialint.bind.templates import default_templates
from gialint.load.loader import read
from gialint.model.document import Document
from gialint.model.report import Report
from gialint.model.source import Source
from gialint.model.template import Template
from gialint.parse.structure import build_document
from gialint.util.normalize import norm


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
    templates = templates or default_templates()
    return build_document(source, _sections(templates), _labels(templates))


_LABELS: dict[tuple[int, ...], tuple[object, frozenset[str]]] = {}


def _labels(templates: Mapping[str, Template]) -> frozenset[str]:
    """The normalized labels of every template's tables (cached per set of templates)."""
    key = tuple(id(t) for t in templates.values())
    hit = _LABELS.get(key)
    if hit is None or hit[0] is not templates:
        labels = {norm(x) for t in templates.values() for tb in t.tables for x in (*(r.label for r in tb.rows), *tb.headers, *(c.label for c in tb.columns))}
        labels |= {norm(tb.caption) for t in templates.values() for tb in t.tables if tb.caption}
        hit = _LABELS[key] = (templates, frozenset(labels))
    return hit[1]


def read_report(
    source: Source | str | os.PathLike[str],
    templates: Mapping[str, Template] | None = None,
    version: str | None = None,
) -> Report:
    """Read, parse and bind a report.  ``source`` is a :class:`Source` or a path."""
    templates = templates or default_templates()
    src = source if isinstance(source, Source) else read(source)
    return bind(parse_document(src, templates), templates, version)


__all__ = ["is_report", "parse_document", "read_report"]
