"""Normalization of labels and titles for matching.

Reports mix full- and half-width punctuation, break cells with spaces and
newlines, and straighten quotes; the official form is matched on a normalized
key so that only real wording differences remain."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that show nothing: zero-width spaces and joiners, the word
# joiner, BOMs, soft hyphens, direction marks (Unicode category Cf), and
# control characters other than tab and newline.
INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
_INVISIBLE = re.compile(f"[{INVISIBLE}\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(f"[\\s\u3000\u00a0{INVISIBLE}]+")
_QUOTES = str.maketrans({'"': "", "“": "", "”": "", "'": "", "‘": "", "’": "", "＂": ""})


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Matching key: NFKC, no white space, no quotes (``（`` → ``(``, ``．`` → ``.``)."""
    s = unicodedata.normalize("NFKC", text)
    s = _SPACE.sub("", s)
    return s.translate(_QUOTES)


def visible(text: str) -> str:
    """``text`` with every invisible character written as an escape
    (``\\u200b``), so that a message shows what is really in the file."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def strip_invisible(text: str) -> str:
    """``text`` without its invisible characters (tabs and newlines kept)."""
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def clean(text: str) -> str:
    """Display form: collapse runs of white space inside a cell or heading."""
    return _SPACE.sub(" ", text).strip()


def similarity(a: str, b: str) -> float:
    """Similarity of two normalized strings in [0, 1] (Indel ratio)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    from rapidfuzz.fuzz import ratio

    return ratio(a, b) / 100.0
