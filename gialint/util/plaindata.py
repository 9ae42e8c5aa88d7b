"""Plain data to and from JSON, for the disk cache: nothing read back can
run code (pickle, marshal and Lark's own cache could).

JSON lacks a few types the cached values hold; each is written as a one-key
object whose key starts with NUL, a character no YAML key or JSON key that
gialint writes begins with:

* tuples, sets, ``Decimal``, dates and datetimes, bytes;
* mappings with keys that are not strings (LALR tables are keyed by ints);
* types a caller registers (``encoders``/``decoders``): YAML mappings that
  remember their lines, Lark trees and tokens.

Decoding builds only these types; an unknown tag is an error, and the cache
treats any error as a miss."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any, Callable, Mapping

Encoder = Callable[[Any, Callable[[Any], Any]], Any]
Decoder = Callable[[Any], Any]

_T = "\x00t"  # tuple
_S = "\x00s"  # set
_M = "\x00m"  # mapping with non-string keys, or a key that looks like a tag
_D = "\x00d"  # Decimal
_DATE = "\x00date"
_DT = "\x00datetime"
_B = "\x00b"  # bytes


class PlainDataError(ValueError):
    """A value that cannot be written as plain data, or text that is not."""


def dumps(value: Any, encoders: Mapping[type, tuple[str, Encoder]] | None = None) -> bytes:
    """``value`` as UTF-8 JSON; raises :class:`PlainDataError` for a type
    that is neither plain nor registered in ``encoders`` (type → (tag, fn))."""
    encoders = encoders or {}

    def enc(v: Any) -> Any:
        t = type(v)
        if v is None or t in (str, int, float, bool):
            return v
        if t is list:
            return [enc(x) for x in v]
        if t is dict:
            if all(type(k) is str and not k.startswith("\x00") for k in v):
                return {k: enc(x) for k, x in v.items()}
            return {_M: [[enc(k), enc(x)] for k, x in v.items()]}
        if t in encoders:
            tag, fn = encoders[t]
            return {tag: fn(v, enc)}
        if t is tuple:
            return {_T: [enc(x) for x in v]}
        if t in (set, frozenset):
            return {_S: [enc(x) for x in v]}
        if t is Decimal:
            return {_D: str(v)}
        if t is datetime.datetime:
            return {_DT: v.isoformat()}
        if t is datetime.date:
            return {_DATE: v.isoformat()}
        if t is bytes:
            import base64  # rare: not worth its import on every start

            return {_B: base64.b64encode(v).decode("ascii")}
        raise PlainDataError(f"cannot store a {t.__name__} as plain data")

    try:
        return json.dumps(enc(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (RecursionError, ValueError) as exc:
        raise PlainDataError(str(exc)) from None


_BUILTIN: dict[str, Decoder] = {
    _T: tuple,
    _S: set,
    _M: lambda pairs: {_hashable(k): v for k, v in pairs},
    _D: Decimal,
    _DATE: datetime.date.fromisoformat,
    _DT: datetime.datetime.fromisoformat,
    _B: lambda s: _b64decode(s),
}


def _b64decode(s: Any) -> bytes:
    import base64

    return base64.b64decode(s.encode("ascii"), validate=True)


def _hashable(key: Any) -> Any:
    if isinstance(key, list):
        raise PlainDataError("a list as a mapping key")
    return key


def loads(data: bytes, decoders: Mapping[str, Decoder] | None = None) -> Any:
    """The value :func:`dumps` wrote; raises :class:`PlainDataError` for
    anything else (malformed JSON, an unknown tag, a bad payload)."""
    table = dict(_BUILTIN)
    if decoders:
        table.update(decoders)

    def hook(obj: dict[str, Any]) -> Any:
        if len(obj) == 1:
            (key, payload), = obj.items()
            if key.startswith("\x00"):
                fn = table.get(key)
                if fn is None:
                    raise PlainDataError(f"unknown tag {key[1:]!r}")
                return fn(payload)
        return obj

    try:
        return json.loads(data.decode("utf-8"), object_hook=hook)
    except PlainDataError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, ArithmeticError) as exc:
        raise PlainDataError(str(exc)) from None
