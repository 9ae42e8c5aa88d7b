"""Normalization of labels and titles for matching.

Reports mix full- and half-width punctuation, break cells with spaces and
newlines, and straighten quotes; the official form is matched on a normalized
key so that only real wording differences remain."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_QUOTES = str.maketrans({'"': "", "“": "", "”": "", "'": "", "‘": "", "’": "", "＂": ""})


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Matching key: NFKC, no white space, no quotes (``（`` → ``(``, ``．`` → ``.``)."""
    s = unicodedata.normalize("NFKC", text)
    s = _SPACE.sub("", s)
    return s.translate(_QUOTES)


def norm_text(text: str) -> str:
    """:func:`norm` of a long text (a whole report), not kept in the cache."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES)


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
