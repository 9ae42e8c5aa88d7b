"""Whether a text was written one inline run per line (damaged-text shape
1: a crawler that writes each ``<span>`` as a line).  This test runs on every
report, so it lives apart from :mod:`.reassemble`, which is imported only
when the test says yes."""

from __future__ import annotations

import re

MIN_FRAGMENTS = 8
MIN_SHARE = 0.04


# A list number alone on its line, or a line starting with a closing bracket
# or mark; matched after a newline (a literal the engine scans for fast).
_FRAGMENT_LINE = re.compile(
    r"\n[ \t\u3000]*(?:(?:[（(][一二三四五六七八九十]{1,2}[）)]?|[一二三四五六七八九十]{1,2}[、．]|\d{1,2}[.．、])[ \t\u3000]*(?=\n)|[）)》〕」』，。、；：！？%])"
)


def looks_split(text: str) -> bool:
    """Whether the text was written one inline run per line: at least
    :data:`MIN_FRAGMENTS` lines, and :data:`MIN_SHARE` of the non-blank
    ones, are a list number alone or start with a closing bracket or mark.
    (Counted by a regular expression over the whole text: this runs on
    every report.)"""
    # First a few substring tests (this runs on every report): none of these
    # occurs in a report written by hand, and every shape-1 file of the
    # damaged-text corpus has 27 or more.
    if "、\n" not in text and "\n）" not in text and "\n，" not in text:
        return False
    hints = sum(text.count(s) for s in ("、\n", "\n）", "\n，", "\n。", "\n、", ".\n", "\n)"))
    if hints < MIN_FRAGMENTS // 2:
        return False
    count = len(_FRAGMENT_LINE.findall("\n" + text + "\n"))
    if count < MIN_FRAGMENTS:
        return False
    total = text.count("\n") + 1 - text.count("\n\n")
    return count >= MIN_SHARE * total
