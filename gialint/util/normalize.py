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


def strip_invisible(text: str) -> str:
    """``text`` without its invisible characters (tabs and newlines kept)."""
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


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


# Characters a reader cannot see (or cannot tell from a plain space), shown
# in messages and paths as ``[U+200B 零宽空格]``: a message must say what is
# there, and a newline in a path or a label must not break a line of output.
_INVISIBLE_NAMES = {
    "\t": "制表符", "\n": "换行符", "\r": "回车符", "\u00a0": "不换行空格", "\u00ad": "软连字符",
    "\u200b": "零宽空格", "\u200c": "零宽非连接符", "\u200d": "零宽连接符", "\u2060": "零宽不换行符",
    "\u3000": "全角空格", "\ufeff": "字节序标记", "\u202e": "从右向左覆盖符", "\u202d": "从左向右覆盖符",
}  # fmt: skip


def visible(text: str) -> str:
    """``text`` with every invisible or ambiguous character escaped: control
    and format characters, line separators and every space but U+0020
    (``商业\\u200b企业`` → ``商业[U+200B 零宽空格]企业``)."""
    if text.isprintable():  # (C code: no "Other" or "Separator" character but the space)
        return text
    out = []
    for ch in text:
        if not ch.isprintable():
            name = _INVISIBLE_NAMES.get(ch)
            out.append(f"[U+{ord(ch):04X} {name}]" if name else f"[U+{ord(ch):04X}]")
        else:
            out.append(ch)
    return "".join(out)
