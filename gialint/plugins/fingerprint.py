"""What a rule set is built from, as one hash: the packs and templates, the
plugins with their versions and the code of gialint and of the plugins.  The
result cache (:mod:`gialint.run.resultcache`) keys findings by it."""

from __future__ import annotations

import hashlib
import os
import sys
from typing import Any, Iterable


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
    from gialint.util.version import __version__

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
