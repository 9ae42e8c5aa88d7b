"""The on-disk cache: compiled grammars, parsed YAML data files, equation
parse trees, plugin discovery and findings per file (gialint/resultcache.py).

Everything here is an optimisation only: a cache that is missing, corrupt,
unwritable or from another version is ignored (and rebuilt), never an error.
Entries are keyed by a hash of their input and of gialint's version (and
lark's, for grammars), so an upgrade or an edited file never reads a stale
entry."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lark import Lark


def cache_dir() -> Path:
    """``$GIALINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/gialint`` or ``~/.cache/gialint``."""
    env = os.environ.get("GIALINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gialint"


def disabled() -> bool:
    """``GIALINT_NO_CACHE=1`` turns the disk cache off (for measuring a cold run)."""
    return os.environ.get("GIALINT_NO_CACHE", "") not in ("", "0")


def key(*parts: str) -> str:
    from . import __version__

    h = hashlib.sha256(__version__.encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:24]


def entry_path(name: str) -> Path | None:
    """Path for an entry named ``name`` (its directory created), or None when
    there is no usable cache directory."""
    if disabled():
        return None
    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def load_bytes(name: str) -> bytes | None:
    path = entry_path(name)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def store_bytes(name: str, data: bytes) -> None:
    """Write atomically (temporary file and rename), so a concurrent reader
    sees the old entry or the new one, never half of one."""
    path = entry_path(name)
    if path is None:
        return
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".cache")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except Exception:
        pass  # read-only or full disk: run without the cache


def load_pickle(name: str) -> Any | None:
    data = load_bytes(name)
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # a corrupt entry (truncated, other Python): rebuild it
        return None


def store_pickle(name: str, value: Any) -> None:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    store_bytes(name, data)


def lark_parser(grammar: str, **options: Any) -> tuple[Lark, bool]:
    """A Lark parser for ``grammar`` through Lark's own cache, keyed by the
    grammar and the lark and gialint versions; ``(parser, loaded from the
    cache)``.  A corrupt or unwritable cache entry means building it anew."""
    import lark

    path = entry_path(f"grammar-{key(grammar, lark.__version__)}.lark.cache")
    if path is not None:
        from_cache = path.exists()
        try:
            return lark.Lark(grammar, cache=str(path), **options), from_cache
        except (OSError, EOFError, ValueError):
            pass
    return lark.Lark(grammar, **options), False
