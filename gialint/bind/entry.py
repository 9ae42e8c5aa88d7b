"""A bound report as an :class:`~gialint.model.series.Entry`: the data the
cross-year rules and ``gialint extract`` need of it."""

from __future__ import annotations

import hashlib

from gialint.bind.identity import publisher_agency, title_agency
from gialint.model.report import Report
from gialint.model.series import Entry, SectionFact, TableFact


def digest_of(data: bytes | str) -> str:
    """The SHA-256 of a file's bytes (of its text's UTF-8 when only the text is known)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def entry_of(report: Report, digest: str | None = None) -> Entry:
    """``report`` as an entry of its agency's series; ``digest`` is the
    file's (default: of the decoded text)."""
    doc = report.document
    src = doc.source
    if digest is None:
        digest = digest_of(getattr(src, "raw", None) or src.text)
    names = tuple(n for n in (title_agency(doc), publisher_agency(doc)) if n)
    entry = Entry(
        path=report.path,
        digest=digest,
        year=report.detection.year,
        version=report.template.id,
        agency=names[0] if names else None,
        names=names,
        title_span=doc.title.span if doc.title else None,
        lines=src.line_count,
    )
    for key, table in report.tables.items():
        tpl = table.template
        if tpl.caption:
            title = tpl.caption
        else:
            section = report.template.section(tpl.section)
            title = section.official if section is not None else key
        entry.tables[key] = TableFact(key, title, table.found, table.span)
        if table.found:
            entry.cells.update(table.cells)
    for s in doc.sections:
        if s.number not in entry.sections:  # a duplicated section: the first one
            entry.sections[s.number] = SectionFact(s.number, s.heading.text, s.heading.span, s.text)
    return entry
