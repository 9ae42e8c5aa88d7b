"""Automatic numbering of Word paragraphs (``w:numPr``): the ``一、`` or
``（二）`` Word shows before a heading but does not store in its text, which
is what the grammar keys on.  Decimal and Chinese counting formats only;
bullets and other formats give no prefix."""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 21 → 二十一 (to 99)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    out = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return out + (_DIGITS[ones] if ones else "")


def _format(fmt: str, n: int) -> str | None:
    if fmt == "decimal":
        return str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting", "taiwaneseCounting"):
        return chinese(n)
    return None


class Numbering:
    """The numbering definitions of a document and the counters of a walk."""

    def __init__(self, root: Any | None) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) → (format, text, start)
        self.counters: dict[tuple[str, int], int] = {}
        if root is None:
            return
        abstract = {}
        for a in root.iter(W + "abstractNum"):
            lvls = {}
            for lvl in a.iter(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                lvls[int(lvl.get(W + "ilvl", "0"))] = (
                    fmt.get(W + "val", "") if fmt is not None else "",
                    text.get(W + "val", "") if text is not None else "",
                    _int(start.get(W + "val") if start is not None else None, 1),
                )
            abstract[a.get(W + "abstractNumId")] = lvls
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            lvls = abstract.get(ref.get(W + "val") if ref is not None else None, {})
            for ilvl, spec in lvls.items():
                self.levels[(num.get(W + "numId") or "", ilvl)] = spec

    @classmethod
    def of(cls, document: Any) -> Numbering:
        try:
            return cls(document.part.numbering_part.element)
        except (KeyError, NotImplementedError, AttributeError):
            return cls(None)

    def prefix(self, p: Any) -> str:
        """The number Word shows before paragraph ``p``, or ``""``."""
        if not self.levels:
            return ""
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            return ""
        num_el, lvl_el = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
        num_id = num_el.get(W + "val") if num_el is not None else None
        ilvl = _int(lvl_el.get(W + "val") if lvl_el is not None else None, 0)
        spec = self.levels.get((num_id or "", ilvl))
        if spec is None:
            return ""
        key = (num_id or "", ilvl)
        self.counters[key] = self.counters.get(key, spec[2] - 1) + 1
        for other in [k for k in self.counters if k[0] == key[0] and k[1] > ilvl]:
            del self.counters[other]  # a deeper level starts again
        text = spec[1]
        for level in range(ilvl + 1):
            fmt = self.levels.get((key[0], level))
            if fmt is None:
                continue
            value = _format(fmt[0], self.counters.get((key[0], level), fmt[2]))
            if value is None:
                return ""
            text = text.replace(f"%{level + 1}", value)
        return text


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
