"""Clean copies written another way (issue 14): each must give no finding
that the plain clean copy of the same layout does not give.

* ``trad`` — the whole copy in traditional characters (OpenCC ``s2t``), and
  ``trad-tw`` in Taiwan's characters and words (``s2twp``: 資訊 for 信息,
  規範性檔案 for 规范性文件);
* ``split-title``, ``split-title-blank`` — the title split after the year:
  ``机关2023年`` / ``政府信息公开工作年度报告``, then with a blank line between;
* ``cn-year`` — the title's year in Chinese numerals (``二〇二三年``);
* ``front-matter`` — Markdown YAML front matter before the title (``.md``);
* ``prose-2021`` — the 2021 format's wording in the prose of a 2019-format
  report (only its tables decide the format);
* ``prose-other-year`` — figures about last year and differences in the
  overview (``上年共新收…21件``, ``较上年增加…``, ``同比增长…%``), never
  this year's.

Each variant gives ``(name, text)``; one that does not apply to a layout is
left out (the manifest's notes say why).
"""

from __future__ import annotations

import re

import opencc

from layouts import Layout
from plant import _overview, _table_sum

_CN_DIGITS = "〇一二三四五六七八九"
_CONVERTERS: dict[str, opencc.OpenCC] = {}


def _converter(config: str) -> opencc.OpenCC:
    if config not in _CONVERTERS:
        _CONVERTERS[config] = opencc.OpenCC(config)
    return _CONVERTERS[config]
_TITLE_SPLIT = "政府信息公开"


def _title(layout: Layout, lines: list[str]) -> tuple[int, int, str, str] | None:
    """``(first index, last index, markup prefix, title text)`` of the title."""
    span = layout.base.title_lines
    if span is None:
        return None
    first, last = span[0] - 1, span[1] - 1
    texts = [lines[i] for i in range(first, last + 1)]
    m = re.match(r"^\s*(#+\s*|\*\*)?", texts[0])
    prefix = (m.group(1) or "") if m else ""
    body = "".join(t.strip().removeprefix(prefix.strip()).strip("* ").strip() for t in texts)
    return first, last, prefix.strip(), body


def _split_title(layout: Layout, lines: list[str], blank: bool) -> list[str] | None:
    found = _title(layout, lines)
    if found is None or _TITLE_SPLIT not in found[3] or found[3].startswith(_TITLE_SPLIT):
        return None
    first, last, prefix, body = found
    i = body.index(_TITLE_SPLIT)
    head, tail = body[:i].rstrip(), body[i:]
    mark = (prefix + " ") if prefix.startswith("#") else ""
    if prefix == "**":
        parts = [f"**{head}**", f"**{tail}**"]
    else:
        parts = [mark + head, mark + tail]
    if blank:
        parts.insert(1, "")
    return lines[:first] + parts + lines[last + 1 :]


def _cn_year(layout: Layout, lines: list[str]) -> list[str] | None:
    found = _title(layout, lines)
    if found is None:
        return None
    first, last = found[0], found[1]
    out = list(lines)
    for i in range(first, last + 1):
        new = re.sub(r"((?:19|20)\d{2})(\s*年)", lambda m: "".join(_CN_DIGITS[int(d)] for d in m.group(1)) + m.group(2),
                     out[i], count=1)
        if new != out[i]:
            out[i] = new
            return out
    return None


def _front_matter(layout: Layout, lines: list[str]) -> list[str] | None:
    if layout.ext != ".md":
        return None
    year = layout.base.year
    head = ["---", "title: 政府信息公开工作年度报告", f"year: {year}", f"date: {year + 1}-01-20", "layout: report", "---", ""]
    return head + lines


def _overview_line(layout: Layout, lines: list[str]) -> int | None:
    candidates = [line for line in _overview(layout) if len(line.strip()) >= 20]
    if not candidates or candidates[0] not in lines:
        return None
    return lines.index(candidates[0])


def _prose_2021(layout: Layout, lines: list[str]) -> list[str] | None:
    i = _overview_line(layout, lines)
    if layout.fmt != "v2019" or i is None:
        return None
    out = list(lines)
    out[i] = out[i].rstrip() + "开展行政规范性文件清理，本年制发件数、本年废止件数和现行有效件数均在专栏公开。"
    return out


def _prose_other_year(layout: Layout, lines: list[str]) -> list[str] | None:
    i = _overview_line(layout, lines)
    if i is None:
        return None
    v = layout.values
    new = _table_sum(v, ("applications.total.new",)) or 0
    done = _table_sum(v, ("applications.total.results.total",)) or 0
    review = _table_sum(v, ("appeals.total.review",)) or 0
    last = layout.base.year - 1
    sentence = (f"上年共新收政府信息公开申请{new + 21}件，较上年减少21件，同比下降{21 * 100 / (new + 21):.1f}%。"
                f"{last}年办结政府信息公开申请{done + 7}件，发生行政复议{review + 2}件。"
                f"与上年相比，行政诉讼增加3件。")
    out = list(lines)
    out[i] = out[i].rstrip() + sentence
    return out


def variants(layout: Layout, text: str) -> tuple[list[tuple[str, str]], list[dict]]:
    """The clean variants of ``layout`` whose clean copy is ``text``, and a
    note for each variant that does not apply."""
    lines = text.split("\n")
    out, notes = [], []
    out.append(("trad", _converter("s2t").convert(text)))
    if layout.name in ("orig", "pipe"):
        out.append(("trad-tw", _converter("s2twp").convert(text)))
    for name, made in (("split-title", _split_title(layout, lines, False)),
                       ("split-title-blank", _split_title(layout, lines, True)),
                       ("cn-year", _cn_year(layout, lines)),
                       ("front-matter", _front_matter(layout, lines)),
                       ("prose-2021", _prose_2021(layout, lines)),
                       ("prose-other-year", _prose_other_year(layout, lines))):
        if made is None:
            notes.append({"base": layout.base.name, "layout": layout.name, "variant": name, "skipped": "does not apply"})
        else:
            out.append((name, "\n".join(made)))
    return out, notes
