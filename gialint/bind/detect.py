"""Which official format a report follows (FORMAT.md §2 markers and §6 years)
and which year it reports on."""

from __future__ import annotations

import re
from typing import Mapping

from gialint.model.document import Document, Heading, Paragraph, TableBlock
from gialint.model.report import Detection, Report
from gialint.model.template import OFFICIAL_FORMATS, Template
from gialint.parse.nodes import is_prose
from gialint.util.normalize import norm, norm_text

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"([二〇零○一三四五六七八九]{4})\s*年")


def _year_in(text: str) -> int | None:
    m = _YEAR.search(text)
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    if m:
        digits = "".join(_CN_DIGITS.get(ch, "") for ch in m.group(1))
        if len(digits) == 4 and digits.startswith("20"):
            return int(digits)
    return None


def report_year(doc: Document) -> tuple[int | None, str]:
    """The data year: from the title, else a Markdown file's front matter
    (``year:``, or a year in its ``title:``), else the first paragraphs, else
    the publication date minus one.  Returns ``(year, where it came from)``."""
    if doc.title is not None:
        y = _year_in(doc.title.text)
        if y:
            return y, "title"
    fm = doc.front_matter
    for key in ("year", "年度", "title", "标题"):
        value = fm.get(key, "")
        y = int(value) if key in ("year", "年度") and value.isdigit() and len(value) == 4 else _year_in(value)
        if y:
            return y, "front matter"
    for node in doc.preamble[:6]:
        y = _year_in(getattr(node, "text", ""))
        if y:
            return y, "preamble"
    for p in doc.signature:
        y = _year_in(p.text)
        if y:
            return y - 1, "date"
    return None, ""


def _label_lines(doc: Document) -> list[tuple[int, str]]:
    """``(line, text)`` of what decides the format: table cells, headings and
    short paragraphs (a table written one cell per paragraph) — not prose,
    where a 2019-format report may well speak of 行政规范性文件."""
    out: list[tuple[int, str]] = []

    def visit(node: object) -> None:
        if isinstance(node, TableBlock):
            out.extend((c.span.line, c.text) for c in node.cells if c.role == "label")
        elif isinstance(node, Heading) and not is_prose(node.text):
            out.append((node.span.line, node.text))  # ("(一)领导重视。…" is a paragraph)
        elif isinstance(node, Paragraph) and not is_prose(node.text):
            out.append((node.span.line, node.text))

    for node in doc.preamble:
        visit(node)
    for sec in doc.sections:
        visit(sec.heading)
        for node in sec.nodes:
            visit(node)
    return out


def find_markers(doc: Document, templates: Mapping[str, Template]) -> dict[str, list[tuple[str, int]]]:
    """For each template, which of its markers occur in the report's table
    labels and headings (never its prose), with the line of first occurrence."""
    labels = [(line, norm(text)) for line, text in _label_lines(doc)]
    key_text = "\n".join(k for _, k in labels)
    found: dict[str, list[tuple[str, int]]] = {}
    for tid, tpl in templates.items():
        if tpl.extends is not None and not tpl.markers:
            continue
        hits: list[tuple[str, int]] = []
        for marker, key in zip(tpl.markers, tpl.marker_keys):
            if key in key_text:
                line = next((n for n, k in labels if key in k), 0)
                hits.append((marker, line))
        found[tid] = hits
    return found


def is_report(report: Report) -> bool:
    """Whether the text is an annual report, however damaged: a section or a
    table was found, a format's markers occur, or (looked for only when all
    of that failed) at least two official section titles or two official row
    labels occur anywhere in the text, even where a heading or a table could
    not be made out (a heading cut in two by a crawler, a table extracted
    from a PDF)."""
    if report.document.sections or any(t.found for t in report.tables.values()):
        return True
    if any(report.detection.markers.values()):
        return True
    text = norm_text(report.document.source.text)
    titles = {norm(s.title) for s in report.template.sections if len(s.title) > 4}
    if sum(1 for t in titles if t in text) >= 2:
        return True
    rows = {norm(r.label) for t in report.template.tables for r in t.rows if len(r.label) >= 6}
    hits = 0
    for label in rows:
        hits += label in text
        if hits >= 2:
            return True
    return False


def detect(doc: Document, templates: Mapping[str, Template], official: tuple[str, ...] = OFFICIAL_FORMATS) -> Detection:
    """Pick the format whose markers the report uses; on a tie (or none), the
    one the year calls for.  ``mixed`` records markers of both."""
    year, year_source = report_year(doc)
    markers = find_markers(doc, {k: v for k, v in templates.items() if k in official})
    counts = {k: len(v) for k, v in markers.items()}
    used = [k for k, n in counts.items() if n]
    by_year = None
    if year is not None:
        by_year = next((k for k in official if k in templates and templates[k].applies_to(year)), None)
    if len(used) == 1:
        version, reason = used[0], "markers"
    elif used:
        best = max(counts.values())
        leaders = [k for k in used if counts[k] == best]
        if len(leaders) == 1:
            version, reason = leaders[0], "markers"
        else:
            version, reason = (by_year or leaders[-1]), "year"
    else:
        version, reason = (by_year or official[-1]), ("year" if by_year else "default")
    if len(used) <= 1:
        variant = local_variant(doc, templates, version, year, official)
        if variant is not None:
            version, reason = variant, "variant"
    return Detection(version, year, year_source, markers, len(used) > 1, reason)


def local_variant(doc: Document, templates: Mapping[str, Template], version: str, year: int | None, official: tuple[str, ...] = OFFICIAL_FORMATS) -> str | None:
    """A local variant of the official format ``version`` (a template from a
    plugin or the project that ``extends`` it, like a province's with an extra
    row) whose own row labels or markers the report uses; the one with most."""
    base = templates.get(version)
    if base is None:
        return None

    def official_ancestor(tpl: Template) -> str | None:
        seen: set[str] = set()
        while tpl.id not in official and tpl.extends in templates and tpl.id not in seen:
            seen.add(tpl.id)
            tpl = templates[tpl.extends]  # type: ignore[index]
        return tpl.id if tpl.id in official else None

    base_keys = {norm(r.label) for t in base.tables for r in t.rows} | set(base.marker_keys)
    text = "\n".join(norm(line) for line in doc.source.text.split("\n"))
    best: tuple[int, str] | None = None
    for tid, tpl in sorted(templates.items()):
        if tid in official or official_ancestor(tpl) != version or (year is not None and not tpl.applies_to(year)):
            continue
        own = ({norm(r.label) for t in tpl.tables for r in t.rows} | set(tpl.marker_keys)) - base_keys
        hits = sum(1 for k in own if k and k in text)
        if hits and (best is None or hits > best[0]):
            best = (hits, tid)
    return best[1] if best else None
