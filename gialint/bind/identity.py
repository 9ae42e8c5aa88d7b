"""Who published a report: the agency's name as the title and the publisher
line (the line above the date at the end) write it, and the key that lets
two reports of one agency be recognised although they spell it differently.

The usual variants are normalised (:func:`canonical`): width and spaces,
``人民政府`` written ``政府`` (``XX市人民政府办公室`` = ``XX市政府办公室``), and the
names a configuration declares the same (``agency-aliases``: a renamed
county, a short name).  A name that leaves out the places above the agency
(``王益区对外经济合作中心`` for ``铜川市王益区对外经济合作中心``) is one of its
:func:`short_forms`; the run decides whether such a short name points at one
agency only (``gialint.run.series``) — two cities have a ``鼓楼区``."""

from __future__ import annotations

import re
from collections.abc import Mapping

from gialint.model.document import Document
from gialint.util.normalize import norm

# A year in the title: 2023年, 2023年度, 二〇二三年.
_YEAR = re.compile(r"(?:(?:19|20)\d{2}|[二〇零○一三四五六七八九]{4})\s*年度?")
_DATE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_REPORT_WORDS = re.compile(r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)?.*$")
_MARKUP = re.compile(r"[#*_`>\[\]【】《》“”\"'\s\u3000]+")
_JOINERS = ("关于", "的")
# Characters that end the name of an administrative division.
DIVISION_ENDS = "省市区县州盟旗"
# A name that itself begins with a place: 2–12 characters ending in a division
# (or a township or sub-district) before the organ's own name.
_PLACE_FIRST = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:省|市|区|县|州|盟|旗|镇|乡|街道)(?=[\u4e00-\u9fff]{2})")
# Sentence punctuation: a line holding it is prose, not a publisher line.
_PROSE = re.compile(r"[。，；：！？,;:!?]")


def title_agency(doc: Document) -> str | None:
    """The agency the title names (what comes before the year, or with the
    year first, before ``政府信息公开``), or ``None``."""
    if doc.title is None:
        return None
    text = doc.title.text
    m = _YEAR.search(text)
    before = text[: m.start()] if m else text
    if m is not None and len(_clean(before)) < 2:
        before = text[m.end():]  # "2023年XX局政府信息公开工作年度报告"
    before = _REPORT_WORDS.sub("", before)
    name = _clean(before)
    for joiner in _JOINERS:
        if name.endswith(joiner):
            name = name[: -len(joiner)]
    return name if len(name) >= 2 else None


def publisher_agency(doc: Document) -> str | None:
    """The publisher line: the last short line of the signature before the
    date, or ``None``."""
    for p in reversed(doc.signature):
        text = p.text.strip()
        if not text or _DATE.match(text):
            continue
        name = _clean(text)
        if 2 <= len(name) <= 40 and not _PROSE.search(text):
            return name
        return None
    return None


def _clean(text: str) -> str:
    return _MARKUP.sub("", norm(text)).strip("（）()：:、，,。 ")


def canonical(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """The matching key of an agency's name: normalised width and spaces,
    ``人民政府`` as ``政府``, and each configured alias (``aliases``: the
    canonical form of an alias → that of the name it stands for; longest
    first) replaced wherever it occurs — so a renamed county renames every
    agency in it."""
    key = _clean(name).replace("人民政府", "政府")
    if aliases:
        for old in sorted(aliases, key=len, reverse=True):
            if old and old in key:
                key = key.replace(old, aliases[old])
    return key


def alias_map(config_aliases: Mapping[str, list[str]] | None) -> dict[str, str]:
    """``agency-aliases`` (name → its other names) as canonical alias → canonical name."""
    out: dict[str, str] = {}
    for name, others in (config_aliases or {}).items():
        target = canonical(name)
        for other in others:
            key = canonical(other)
            if key and key != target:
                out[key] = target
    return out


def short_forms(key: str) -> list[str]:
    """The shorter names ``key`` may go by: itself without one or more of the
    places before it, each still beginning with a place
    (``某某市某某区商务局`` → ``某某区商务局``; never ``商务局``)."""
    out = []
    for i in range(2, len(key) - 3):
        if key[i - 1] in DIVISION_ENDS and _PLACE_FIRST.match(key[i:]):
            out.append(key[i:])
    return out


def same_agency(a: str, b: str) -> bool:
    """Whether two canonical names can be the same agency on their own
    evidence: equal, or one a short form of the other."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short in short_forms(long_)
