"""Line and column in an HTML page's source of a character the HTML reader
put in its canonical text.

Found only when a finding needs one: the reader keeps its tree and the
elements it numbered; the element's start tag is found in the source — lxml
knows the line on which a start tag ends, and the element is the *k*-th of
its name ending on that line, counted in the tree and in the source (with
comments, scripts and styles blanked out) — and the source after it is read
character by character, skipping tags, taking an entity as one character
and white space as none, until the character wanted."""

from __future__ import annotations

import bisect
import functools
import html as html_lib
import re
from typing import Any

from gialint.model.origin import Place, Resolver

_HIDDEN = re.compile(r"<!--.*?-->|<!\[.*?\]>|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});?")
MAX_SCAN = 1_000_000  # characters read after a start tag looking for one character


@functools.lru_cache(maxsize=64)
def _tag_pattern(tag: str) -> re.Pattern[str]:
    return re.compile(f"<{re.escape(tag)}\\b[^>]*>", re.I)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


class PagePositions:
    """Where the reader's elements start in a page's source."""

    def __init__(self, text: str, root: Any, elements: list[Any]) -> None:
        self.text = text
        self.root = root
        self.elements = elements
        self._starts: list[int] | None = None
        self._ordinal: dict[str, dict[int, int]] = {}  # tag → {id(element): its number among the tag's on its line}
        self._ends: dict[tuple[str, int], list[int]] = {}
        self.anchors: dict[int, int | None] = {}
        self._offsets: dict[tuple[int, int], list[int]] = {}
        self._quick: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        if self._starts is None:
            from itertools import accumulate

            self._starts = [0, *accumulate(len(line) + 1 for line in self.text.split("\n"))][:-1]
        return self._starts

    def _tag_ends(self, tag: str, line: int) -> list[int]:
        """Where each start tag ``<tag …>`` whose ``>`` is on ``line`` ends
        (comments, scripts and styles blanked out: the tree has none)."""
        key = (tag, line)
        if key not in self._ends:
            starts = self.line_starts
            lo = starts[max(line - 12, 1) - 1]  # a start tag of Word's runs over a few lines
            hi = starts[line] if line < len(starts) else len(self.text)
            region = self.text[lo:hi]
            if "<!" in region or "<s" in region or "<S" in region:
                region = _HIDDEN.sub(_blank, region)
            pattern = _tag_pattern(tag)
            first = starts[line - 1] - lo
            self._ends[key] = [lo + m.end() for m in pattern.finditer(region) if m.end() > first]
        return self._ends[key]

    def _full_ordinal(self, el: Any) -> int:
        """``el``'s number among all the elements of its name whose start
        tags end on its line (one pass over those elements, once per name)."""
        tag = str(el.tag).lower()
        if tag not in self._ordinal:
            seen: dict[int, int] = {}
            table = self._ordinal[tag] = {}
            for other in self.root.iter(el.tag):
                n = other.sourceline or 0
                table[id(other)] = seen.get(n, 0)  # looked up only for the live (numbered) elements: their ids are theirs
                seen[n] = seen.get(n, 0) + 1
        return self._ordinal[tag].get(id(el), 0)

    def _quick_ordinal(self, anchor: int) -> int:
        """The same number counted among the reader's own elements only
        (right unless an element the reader skipped shares the line)."""
        if self._quick is None:
            seen: dict[tuple[Any, int], int] = {}
            self._quick = []
            for el in self.elements:
                key = (el.tag, el.sourceline or 0)
                self._quick.append(seen.get(key, 0))
                seen[key] = seen.get(key, 0) + 1
        return self._quick[anchor]

    def _first_char(self, pos: int) -> str:
        src = self.text
        while pos < len(src):
            ch = src[pos]
            if ch == "<":
                end = src.find(">", pos)
                pos = end + 1 if end >= 0 else len(src)
            elif ch == "&":
                m = _ENTITY.match(src, pos)
                char = html_lib.unescape(m.group(0)) if m else ch
                if not char.isspace():
                    return char
                pos = m.end() if m else pos + 1
            elif ch.isspace():
                pos += 1
            else:
                return ch
        return ""

    def start(self, anchor: int, text: str = "") -> int | None:
        """Where the content of element number ``anchor`` (whose text is
        ``text``) begins."""
        if anchor in self.anchors:
            return self.anchors[anchor]
        pos = None
        if 0 <= anchor < len(self.elements):
            el = self.elements[anchor]
            tag, line = str(el.tag).lower(), el.sourceline or 0
            if 1 <= line <= len(self.line_starts):
                ends = self._tag_ends(tag, line)
                k = self._quick_ordinal(anchor)
                first = next((ch for ch in text if not ch.isspace()), "")
                if not (k < len(ends) and (not first or self._first_char(ends[k]) == first)):
                    k = self._full_ordinal(el)
                pos = ends[k] if k < len(ends) else self.line_starts[line - 1]
        self.anchors[anchor] = pos
        return pos

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def offsets(self, anchor: int, text: str) -> list[int]:
        """The source offset of each non-space character of ``text`` (the
        text of element ``anchor``), read from its start tag on; computed
        once per element."""
        key = (anchor, len(text))
        if key in self._offsets:
            return self._offsets[key]
        out: list[int] = []
        pos = self.start(anchor, text)
        wanted = sum(1 for ch in text if not ch.isspace())
        src = self.text
        limit = min(len(src), (pos or 0) + MAX_SCAN)
        while pos is not None and pos < limit and len(out) < wanted:
            ch = src[pos]
            if ch == "<":
                end = src.find("-->", pos) + 2 if src.startswith("<!--", pos) else src.find(">", pos)
                pos = end + 1 if end >= 0 else limit
                continue
            step, char = 1, ch
            if ch == "&":
                m = _ENTITY.match(src, pos)
                if m:
                    step, char = m.end() - pos, html_lib.unescape(m.group(0))
            if not char.isspace():
                out.append(pos)
            pos += step
        self._offsets[key] = out
        return out

    def find(self, anchor: int, text: str, offset: int) -> tuple[int, int] | None:
        """The source position of ``text[offset]``."""
        offsets = self.offsets(anchor, text)
        if not offsets:
            return None
        want = sum(1 for ch in text[:offset] if not ch.isspace())
        return self.position(offsets[min(want, len(offsets) - 1)])


def resolver_for(text: str, root: Any, elements: list[Any]) -> Resolver:
    """A resolver over the page source ``text``, whose tree ``root`` the
    reader walked, numbering ``elements`` (kept alive with it)."""
    positions = PagePositions(text, root, elements)

    def resolve(place: Place, offset: int) -> tuple[int, int] | None:
        if place.anchor is None:
            return None
        return positions.find(place.anchor, place.text, offset)

    return resolve
