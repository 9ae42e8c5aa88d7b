"""Reading a table cell's text as a value.

Blank, ``—``, ``-``, ``/`` and ``无`` are *no value*, kept distinct from 0.
Numbers may use full-width digits, thousands separators and a unit.

How the misreadings of issue 14 are read (each reported by a rule, so none
passes silently):

* ``1 5`` — digits separated by white space are not one number: the cell is
  text (GIA403), never 15;
* ``1\u200b5`` — invisible characters are not part of the number: it reads
  15, and GIA707 reports the character (the fix deletes it);
* ``−1`` (U+2212), ``‒1``, ``–1`` — a minus sign like ``-`` and ``－``: −1
  (GIA405 in a count);
* ``+8``, ``8.0`` — the number 8; ``sign`` and ``decimals`` record how it was
  written, and GIA409 reports either in a count;
* ``12500元`` — the number with its unit; binding converts it to the
  column's unit (in a 万元 column, 1.25) and GIA408 reports the difference."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gialint.util.normalize import strip_invisible

NO_VALUE = frozenset({"", "—", "——", "-", "--", "/", "无", "－", "／", "―", "–", "…", "\\"})
_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?P<unit>万元|元|件|个|项|条|次)?$"
)
# Minus signs that NFKC leaves alone: U+2212 MINUS SIGN, U+2012 FIGURE DASH,
# U+2013 EN DASH (before a digit; alone they are dashes, *no value*).
_MINUS = re.compile(r"^[\u2212\u2012\u2013](?=\d)")
# White space between two parts of a number: two numbers, or one broken apart.
_SPLIT_DIGITS = re.compile(r"[\d.,][\s\u3000\u00a0]+[+\-]?[\d.,]")


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed cell: ``content`` is ``number``, ``blank``, ``dash`` or ``text``."""

    content: str
    number: int | Decimal | None = None
    unit: str | None = None
    sign: str = ""  # "+" or "-" when written
    decimals: int = 0  # digits written after the decimal point

    @property
    def is_number(self) -> bool:
        return self.content == "number"


BLANK = Value("blank")


@lru_cache(maxsize=16384)
def parse_value(raw: str) -> Value:
    """Classify a cell's raw text (see module docstring)."""
    s = strip_invisible(unicodedata.normalize("NFKC", raw)).strip()
    if _SPLIT_DIGITS.search(s):
        return Value("text")
    s = re.sub(r"[\s\u3000\u00a0]+", "", s)
    if not s:
        return BLANK
    if s in NO_VALUE or set(s) <= {"-", "—", "/", "－", "―"}:
        return Value("dash")
    s = _MINUS.sub("-", s)
    m = _NUMBER.match(s)
    if not m:
        return Value("text")
    digits = m.group("int").replace(",", "")
    frac = m.group("frac")
    try:
        number: int | Decimal = Decimal(f"{digits}.{frac}") if frac else int(digits)
    except (InvalidOperation, ValueError):
        # ValueError: int() refuses more than 4300 digits (CVE-2020-10735);
        # such a cell is not a count, and must not abort reading the report.
        return Value("text")
    sign = m.group("sign")
    if sign == "-":
        number = -number
    return Value("number", number, m.group("unit"), sign, len(frac or ""))


_TO_YUAN = {"元": 1, "万元": 10000}


def convert(number: int | Decimal, unit: str, to: str) -> int | Decimal | None:
    """``number`` in ``unit`` expressed in ``to`` (元 and 万元), or ``None``
    when the two are not both money units."""
    if unit not in _TO_YUAN or to not in _TO_YUAN:
        return None
    if unit == to:
        return number
    value = Decimal(number) * _TO_YUAN[unit] / _TO_YUAN[to]
    return int(value) if value == value.to_integral_value() and _TO_YUAN[to] == 1 else value.normalize()


def is_value_text(raw: str) -> bool:
    """True when a cell holds a value (or no value), not a label: also a
    cell written like a number that does not read as one (``1 5``)."""
    if parse_value(raw).content != "text":
        return True
    # Digits apart ("1 5", "0 0") are a value cell that is not a number
    # (reported), not a label: without the white space they read as one.
    s = strip_invisible(unicodedata.normalize("NFKC", raw)).strip()
    return bool(_SPLIT_DIGITS.search(s)) and parse_value(re.sub(r"[\s\u3000\u00a0]+", "", s)).content == "number"
