"""Findings cached per file, as ruff does: a file checked before with the same
bytes, path, configuration, rules, templates, plugins and gialint code is not
parsed, bound or checked again.

The key covers everything a file's findings depend on:

* the file's bytes and its path (findings carry the path; per-file ignores
  and suppression comments are in the configuration and the bytes);
* whether the path was named on the command line (a non-report named
  explicitly is reported, one found in a directory is skipped);
* the rule set's fingerprint (:func:`ruleset_fingerprint`): every rule pack
  and template text with its origin, the plugins with their versions, and
  the size and mtime of every source file of gialint and of each plugin's
  package, so editing a kind or a plugin in place invalidates the cache too;
* the effective configuration of the file.

Findings that depend on time, not on the input — a rule or plugin that ran
out of time or crashed (``internal``), a file that took too long to read
(GIA003) — are never stored.  ``--fix`` and ``--diff`` do not use the cache.
The cache lives under ``$GIALINT_CACHE_DIR/results`` (see
:mod:`gialint.diskcache`); ``--no-cache`` or ``GIALINT_NO_CACHE=1`` turns it
off.  Entries are small (the findings as plain data, never pickle: see
:mod:`gialint.diskcache`) and keyed by content, so a stale entry is simply
never read again; ``gialint clean`` removes them."""

from __future__ import annotations

import hashlib
import os
import sys
from typing import TYPE_CHECKING, Any, Iterable

from . import diskcache

if TYPE_CHECKING:
    from .engine import Linter
    from .findings import Finding

# Findings whose presence makes a result unfit to cache (time-dependent).
_UNCACHEABLE_CATEGORIES = frozenset({"internal"})
_UNCACHEABLE_RULES = frozenset({"GIA003"})


def _code_stamp(paths: Iterable[str]) -> list[str]:
    """``path size mtime`` of each ``.py`` file among ``paths`` or under them."""
    files: list[str] = []
    for top in sorted(set(paths)):
        if not os.path.isdir(top):
            files.append(top)
            continue
        for root, dirs, names in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            files.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(".py"))
    out: list[str] = []
    for full in files:
        try:
            st = os.stat(full)
        except OSError:
            out.append(full)
            continue
        out.append(f"{full}\0{st.st_size}\0{st.st_mtime_ns}")
    return out


def _plugin_sources(plugins: Iterable[Any]) -> list[str]:
    """The source of each plugin object: its top-level package's directory
    (a plugin's rules may live in any of its submodules), or its file."""
    out: list[str] = []
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or getattr(type(plugin), "__module__", "")
        top = sys.modules.get(name.partition(".")[0]) if isinstance(name, str) else None
        path = getattr(top, "__file__", None)
        if path:
            out.append(os.path.dirname(path) if os.path.basename(path) == "__init__.py" else path)
    return out


def ruleset_fingerprint(inputs: Iterable[tuple[str, str]], plugin_manager: Any) -> str:
    """A hash of what a rule set is built from: the ``(text, origin)`` of its
    packs and templates, the plugins (names, versions, errors) and the code
    of gialint and of the plugins (file sizes and mtimes)."""
    from . import __version__

    h = hashlib.sha256(__version__.encode())
    for text, origin in inputs:
        h.update(f"\0{origin}\0{text}".encode("utf-8", "surrogatepass"))
    for info in getattr(plugin_manager, "infos", {}).values():
        h.update(f"\0plugin\0{info.name}\0{info.version}\0{info.target}\0{'|'.join(info.errors)}".encode("utf-8", "surrogatepass"))
    here = os.path.dirname(os.path.abspath(__file__))
    plugins = plugin_manager.get_plugins() if hasattr(plugin_manager, "get_plugins") else []
    sources = [here] + [p for p in _plugin_sources(plugins) if not os.path.abspath(p).startswith(here)]
    for line in _code_stamp(sources):
        h.update(f"\0{line}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def linter_fingerprint(linter: Linter) -> str:
    """The rule set's fingerprint and the effective configuration."""
    cached = getattr(linter, "_result_key", None)
    if cached is None:
        parts = [
            getattr(linter.ruleset, "fingerprint", "") or "no-fingerprint",
            repr(linter.config),
            "|".join(name for name, _ in linter.extra_checks),
            "|".join(sorted(linter.readers)),
        ]
        cached = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
        linter._result_key = cached  # type: ignore[attr-defined]
    return cached


def entry_name(linter: Linter, path: str, explicit: bool, data: bytes) -> str | None:
    """The cache entry for these inputs, or None when caching is impossible
    (no fingerprint: a rule set not built by :func:`~gialint.assemble.assemble_ruleset`)."""
    if not getattr(linter.ruleset, "fingerprint", ""):
        return None
    h = hashlib.sha256(linter_fingerprint(linter).encode())
    h.update(f"\0{path}\0{explicit}\0".encode("utf-8", "surrogatepass"))
    h.update(data)
    key = h.hexdigest()
    return f"results/{key[:2]}/{key}.json"


_FIELDS = ("path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity", "message")


def _encode(f: Finding) -> list[Any]:
    fix = None if f.fix is None else [f.fix.replacement, *_span(f.fix.span), f.fix.certain]
    return [*(getattr(f, k) for k in _FIELDS), fix, f.extra]


def _span(sp: Any) -> list[int]:
    return [sp.line, sp.column, sp.end_line, sp.end_column]


def _decode(row: Any) -> Finding:
    """A finding from its stored row; raises for anything malformed."""
    from .document import Span
    from .findings import Finding, Fix

    if not isinstance(row, list) or len(row) != len(_FIELDS) + 2:
        raise ValueError("not a finding row")
    values = row[: len(_FIELDS)]
    fix, extra = row[len(_FIELDS):]
    for name, v in zip(_FIELDS, values):
        want = int if name in ("line", "column", "end_line", "end_column") else str
        if type(v) is not want:
            raise ValueError(f"bad {name}")
    if not isinstance(extra, dict):
        raise ValueError("bad extra")
    made_fix = None
    if fix is not None:
        text, line, col, end_line, end_col, certain = fix
        if not (isinstance(text, str) and all(type(x) is int for x in (line, col, end_line, end_col)) and isinstance(certain, bool)):
            raise ValueError("bad fix")
        made_fix = Fix(text, Span(line, col, end_line, end_col), certain)
    return Finding(*values, made_fix, extra)


def load(name: str) -> list[Finding] | None:
    """The findings stored as ``name``, or ``None`` for a miss (absent, or
    an entry that does not verify)."""
    value = diskcache.load_data(name)
    if not isinstance(value, list):
        return None
    try:
        return [_decode(row) for row in value]
    except (ValueError, TypeError):
        return None


def cacheable(findings: Iterable[Finding]) -> bool:
    return not any(f.category in _UNCACHEABLE_CATEGORIES or f.rule in _UNCACHEABLE_RULES for f in findings)


def store(name: str, findings: list[Finding]) -> None:
    if cacheable(findings):
        # A plugin's finding whose extra data is not plain data is not stored.
        diskcache.store_data(name, [_encode(f) for f in findings])
