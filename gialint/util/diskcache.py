"""Entries of the on-disk cache: compiled grammars, parsed YAML data files,
equation parse trees, plugin discovery and findings per file
(:mod:`gialint.run.resultcache`).

Everything here is an optimisation only: a cache that is missing, corrupt,
unwritable or from another version is ignored (and rebuilt), never an error.
Entries are keyed by a hash of their input and of gialint's version (and
lark's, for grammars), so an upgrade or an edited file never reads a stale
entry.

Trust (issue 11): whoever can write into the cache directory must not be
able to run code as the user.  Entries are plain data (JSON through
:mod:`gialint.util.plaindata`), never pickle: reading an entry cannot
execute code.  An entry records the name it was written under; one that
does not parse, has another name, is not a regular file, is too large or
belongs to another user is a miss.  Which directory is used, and which of
its files are gialint's, is :mod:`gialint.util.cachedir`."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from gialint.util.cachedir import FORMAT, ready_dir
from gialint.util.cachedir import cache_dir as cache_dir  # (re-exported: where the cache is)

if TYPE_CHECKING:
    from lark import Lark

    from gialint.util.plaindata import Decoder, Encoder

# The largest entry read back (the result cache of a report holds a few KB).
MAX_ENTRY_BYTES = 64 * 1024 * 1024


def key(*parts: str) -> str:
    from gialint.util.version import __version__

    h = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:24]


# -- which names are gialint's ------------------------------------------------


# -- the directory ------------------------------------------------------------


def entry_path(name: str, create: bool = True) -> Path | None:
    """Path for an entry named ``name`` (its directory created when
    ``create``: a read does not need it, and a missing folder is a miss), or
    None when there is no usable cache directory."""
    d = ready_dir()
    if d is None:
        return None
    path = d / name
    if not create:
        return path
    folder = d
    for part in Path(name).parts[:-1]:  # results/ab/…: each level private
        folder = folder / part
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            return None
    return path


# -- entries ----------------------------------------------------------------


def load_bytes(name: str) -> bytes | None:
    """An entry's bytes, or ``None``: missing, not a regular file (a link, a
    FIFO), another user's, or larger than :data:`MAX_ENTRY_BYTES`."""
    path = entry_path(name, create=False)
    if path is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES:
            return None
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)


def store_bytes(name: str, data: bytes) -> None:
    """Write atomically (temporary file and rename), so a concurrent reader
    sees the old entry or the new one, never half of one."""
    path = entry_path(name)
    if path is None:
        return
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)  # our own temporary file
            except OSError:
                pass
            raise
    except Exception:
        pass  # read-only or full disk: run without the cache


def load_data(name: str, decoders: Mapping[str, Decoder] | None = None) -> Any | None:
    """The plain-data value stored as ``name``, or ``None`` (a miss) for an
    entry that is absent or does not verify."""
    blob = load_bytes(name)
    return None if blob is None else decode_entry(name, blob, decoders)


def decode_entry(name: str, blob: bytes, decoders: Mapping[str, Decoder] | None = None) -> Any | None:
    """The value in an entry's bytes (as :func:`encode_entry` made them), or
    ``None`` when they do not verify."""
    from gialint.util.plaindata import PlainDataError, loads

    try:
        doc = loads(blob, decoders)
    except PlainDataError:
        return None
    if not isinstance(doc, dict) or doc.get("entry") != name or doc.get("format") != FORMAT or "value" not in doc:
        return None  # another entry's content under this name, or an old layout
    return doc["value"]


def encode_entry(name: str, value: Any, encoders: Mapping[type, tuple[str, Encoder]] | None = None) -> bytes:
    """The bytes of entry ``name`` holding ``value``; raises
    :class:`~gialint.util.plaindata.PlainDataError` for what is not plain data."""
    from gialint.util.plaindata import dumps

    return dumps({"format": FORMAT, "entry": name, "value": value}, encoders)


def store_data(name: str, value: Any, encoders: Mapping[type, tuple[str, Encoder]] | None = None) -> bool:
    """Store ``value`` as plain data; ``False`` (nothing written) when it
    holds something that is not plain data."""
    from gialint.util.plaindata import PlainDataError

    try:
        blob = encode_entry(name, value, encoders)
    except PlainDataError:
        return False
    store_bytes(name, blob)
    return True


# -- Lark parsers ---------------------------------------------------------------


def lark_parser(grammar: str, **options: Any) -> tuple[Lark, bool]:
    """A Lark parser for ``grammar``, its analysed tables kept in the cache as
    plain data (Lark's own cache is a pickle); ``(parser, loaded from the
    cache)``.  Options Lark does not serialise (a transformer) are passed
    again when loading."""
    import lark
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    runtime = {k: v for k, v in options.items() if k in ("transformer", "postlex", "lexer_callbacks")}
    name = f"grammar-{key(grammar, repr(sorted((k, repr(v)) for k, v in options.items() if k not in runtime)), lark.__version__)}.json"
    stored = load_data(name)
    if isinstance(stored, dict):
        try:
            inst = lark.Lark.__new__(lark.Lark)
            return inst._load(stored, **runtime), True
        except Exception:  # noqa: BLE001 - an entry that does not load is a miss
            pass
    parser = lark.Lark(grammar, **options)
    try:
        data, memo = parser.memo_serialize([TerminalDef, Rule])
        data["options"] = {k: v for k, v in data["options"].items() if k not in runtime}
        store_data(name, {"data": data, "memo": memo})
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        pass
    return parser, False


# -- clean ----------------------------------------------------------------------

