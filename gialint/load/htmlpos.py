"""Line and column in an HTML page's source of a character the HTML reader
put in its canonical text.

Found only when a finding needs one, once per page: the page is parsed and
walked again (the walk is deterministic, so block number *n* is the same
element), the element's start tag is found in the source — lxml knows the
line on which a start tag ends; the tags are counted by name on that line in
the source with comments, scripts and styles blanked out — and the source
after it is read character by character, skipping tags, taking an entity as
one character and white space as none, until the character wanted."""

from __future__ import annotations

import bisect
import html as html_lib
import re
from collections.abc import Callable
from typing import Any

from gialint.model.origin import Place, Resolver

_HIDDEN = re.compile(r"<!--.*?-->|<!\[.*?\]>|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_START = re.compile(r"<([A-Za-z][A-Za-z0-9:_.-]*)\b[^>]*>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});?")
MAX_SCAN = 1_000_000  # characters read after a start tag looking for one character


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


class PagePositions:
    """The start tags of a page's source, by name and line."""

    def __init__(self, text: str, walk: Callable[[Any], list[Any]]) -> None:
        self.text = text
        self.masked = _HIDDEN.sub(_blank, text)
        starts = [0]
        i = text.find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.line_starts = starts
        self.tags: dict[tuple[str, int], list[int]] = {}
        for m in _START.finditer(self.masked):
            end = m.end()
            line = bisect.bisect_right(starts, end - 1)
            self.tags.setdefault((m.group(1).lower(), line), []).append(end)
        from gialint.load.htmlpage import parse_page

        root = parse_page(text)
        elements = walk(root)
        wanted = {id(el): n for n, el in enumerate(elements)}
        seen: dict[tuple[str, int], int] = {}
        self.anchors: dict[int, int] = {}
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            key = (el.tag.lower(), el.sourceline or 0)
            k = seen.get(key, 0)
            seen[key] = k + 1
            n = wanted.get(id(el))
            if n is not None:
                ends = self.tags.get(key)
                start = ends[k] if ends and k < len(ends) else self.line_starts[min(max(key[1], 1), len(starts)) - 1]
                self.anchors[n] = start
        self._keep = elements  # ids stay valid while the elements live

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def find(self, anchor: int, text: str, offset: int) -> tuple[int, int] | None:
        """The source position of ``text[offset]`` read from ``anchor``'s
        start tag on."""
        pos = self.anchors.get(anchor)
        if pos is None:
            return None
        want = sum(1 for ch in text[:offset] if not ch.isspace())
        src, masked, n = self.text, self.masked, len(self.text)
        limit = min(n, pos + MAX_SCAN)
        count = 0
        while pos < limit:
            ch = masked[pos]
            if ch == "<":
                end = masked.find(">", pos)
                pos = end + 1 if end >= 0 else pos + 1
                continue
            if ch.isspace():
                pos += 1
                continue
            step, char = 1, ch
            if ch == "&":
                m = _ENTITY.match(src, pos)
                if m:
                    step, char = m.end() - pos, html_lib.unescape(m.group(0))
            if char.isspace():
                pos += step
                continue
            if count == want:
                return self.position(pos)
            count += 1
            pos += step
        return None


def resolver_for(text: str, walk: Callable[[Any], list[Any]]) -> Resolver:
    """A resolver over the page source ``text``, built on first use;
    ``walk(root)`` gives the elements of the reader's blocks in order."""
    state: dict[str, Any] = {}

    def resolve(place: Place, offset: int) -> tuple[int, int] | None:
        if place.anchor is None:
            return None
        positions = state.get("p")
        if positions is None:
            positions = state["p"] = PagePositions(text, walk)
        return positions.find(place.anchor, place.text, offset)

    return resolve
