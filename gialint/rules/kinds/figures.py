"""Figures in prose: numbers written in Arabic or Chinese numerals, and which
of them speak about the report's own year.

A report's text states this year's figures next to last year's and to the
change between them: ``上年共新收申请21件，本年新收25件，较上年增加4件``.
Only ``25`` is this year's count.  :func:`other_year_spans` finds the parts of
a line whose figures are *not* this year's:

* after a mention of another year — ``2022年``, ``二〇二二年``, ``上年``,
  ``去年``, ``上一年度`` — up to the end of the sentence or the next mention of
  this year (``本年``, ``今年``, ``全年``, ``2023年``).  ``上年结转`` is this year's
  row 二（上年结转）, not a figure about last year;
* after a word of comparison — ``较上年``, ``同比``, ``环比``, ``增加``,
  ``减少``, ``增长``, ``下降`` … — up to the end of the clause: what follows is
  a difference, not a count."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

# A number as written in a report: Arabic (full-width too, with a decimal
# part) or Chinese numerals.
NUMBER = r"(?P<n>\d+(?:\.\d+)?|[零〇○一二两三四五六七八九十百千万]+)"
PERCENT = r"(?P<p>\d+(?:\.\d+)?)\s*[%％]"


def chinese_number(text: str) -> int | Decimal | None:
    """``15`` → 15, ``1.25`` → Decimal, ``三`` → 3, ``十二`` → 12,
    ``二十`` → 20, ``一百零五`` → 105, ``一万二千`` → 12000, ``二〇二三`` → 2023
    (digits without units are read digit by digit)."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "." in text:
        try:
            return Decimal(text)
        except (InvalidOperation, ValueError):
            return None
    if all(ch in _CN_DIGITS for ch in text):
        if len(text) == 1:
            return _CN_DIGITS[text]
        if "两" in text:
            return None  # 两 is never a digit of a positional number
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[ch] != 0 and digit != 0:
                return None  # 二三十: two digits in a row
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


# --- which parts of a line are about another year ----------------------------------

_YEAR = re.compile(r"((?:19|20)\d{2}|二[〇零○][〇零○一二三四五六七八九]{2})\s*年")
# 上年/去年/上一年度…, but 上年结转 (this year's row 二) and 上一年项目数量
# (a 2019-format column) are this year's figures.
_LAST_YEAR = re.compile(r"(?:上一?年度?|去年|前一年度?|上个年度)(?!度?结转|项目数量|度?同期)")
_THIS_YEAR = re.compile(r"本年度?|今年|全年|年内|当年|本年内")
_CHANGE = re.compile(r"较(?:上一?年度?|去年|前一年|同期)?|比(?:上一?年度?|去年|前一年|同期)|与(?:上一?年度?|去年)(?:同期)?相比|同比|环比|增长|下降|增加|减少|上升|降低|提高|增幅|降幅|持平|翻了?一?番")
_CLAUSE_END = re.compile(r"[，,；;：:（）()、]")
_SENTENCE_END = re.compile(r"[。！？!?]")


def _year_value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    v = chinese_number(text)
    return v if isinstance(v, int) and 1900 <= v <= 2099 else None


def other_year_spans(line: str, year: int | None) -> list[tuple[int, int]]:
    """``[(start, end)]`` offsets of ``line`` whose figures are not this
    year's counts (see the module docstring).  ``year`` is the report's data
    year; without it, only ``上年``-words and comparisons count."""
    events: list[tuple[int, int, str]] = []  # (start, end, what)
    for m in _YEAR.finditer(line):
        y = _year_value(m.group(1))
        if y is None or year is None:
            continue
        events.append((m.start(), m.end(), "this" if y == year else "other"))
    for m in _LAST_YEAR.finditer(line):
        events.append((m.start(), m.end(), "other"))
    for m in _THIS_YEAR.finditer(line):
        events.append((m.start(), m.end(), "this"))
    for m in _CHANGE.finditer(line):
        events.append((m.start(), m.end(), "change"))
    for m in _CLAUSE_END.finditer(line):
        events.append((m.start(), m.end(), "clause"))
    for m in _SENTENCE_END.finditer(line):
        events.append((m.start(), m.end(), "sentence"))
    if not any(what in ("other", "change") for _, _, what in events):
        return []
    # A longer match at the same place wins (本年度 over 本年; 较上年 is a change).
    events.sort(key=lambda e: (e[0], -(e[1] - e[0])))
    spans: list[tuple[int, int]] = []
    other_from: int | None = None  # about another year since here
    change_from: int | None = None  # a difference since here (to the clause's end)
    last_end = -1
    for start, end, what in events:
        if start < last_end and what in ("this", "other", "change"):
            continue  # inside a longer mention already read
        if what in ("this", "other", "change"):
            last_end = end
        if what == "other" and other_from is None:
            other_from = start
        elif what == "this" and other_from is not None:
            spans.append((other_from, start))
            other_from = None
        elif what == "change" and change_from is None:
            change_from = start
        elif what in ("clause", "sentence"):
            if change_from is not None:
                spans.append((change_from, end))
                change_from = None
            if what == "sentence" and other_from is not None:
                spans.append((other_from, end))
                other_from = None
    for begin in (other_from, change_from):
        if begin is not None:
            spans.append((begin, len(line)))
    return spans


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in spans)
