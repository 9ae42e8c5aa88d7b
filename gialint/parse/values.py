"""Reading a table cell's text as a value.

Blank, ``—``, ``-``, ``/`` and ``无`` are *no value*, kept distinct from 0.
Numbers may use full-width digits, thousands separators and a unit."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

NO_VALUE = frozenset({"", "—", "——", "-", "--", "/", "无", "－", "／", "―", "–", "…", "\\"})
_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?P<unit>万元|元|件|个|项|条|次)?$"
)


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed cell: ``content`` is ``number``, ``blank``, ``dash`` or ``text``."""

    content: str
    number: int | Decimal | None = None
    unit: str | None = None

    @property
    def is_number(self) -> bool:
        return self.content == "number"


BLANK = Value("blank")


@lru_cache(maxsize=16384)
def parse_value(raw: str) -> Value:
    """Classify a cell's raw text (see module docstring)."""
    s = unicodedata.normalize("NFKC", raw)
    s = re.sub(r"[\s\u3000\u00a0]+", "", s)
    if not s:
        return BLANK
    if s in NO_VALUE or set(s) <= {"-", "—", "/", "－", "―"}:
        return Value("dash")
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
    if m.group("sign") == "-":
        number = -number
    return Value("number", number, m.group("unit"))


def is_value_text(raw: str) -> bool:
    """True when a cell holds a value (or no value), not a label."""
    return parse_value(raw).content != "text"
