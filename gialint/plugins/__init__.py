"""Plugins: the hook specifications (:mod:`.hookspecs`), the plugin manager
(:mod:`.manager`), finding and loading plugins (:mod:`.discovery`),
gialint's own contributions registered through the same hooks
(:mod:`.builtin`), and the assembly of a rule set from what the plugins
contribute (:mod:`.assemble`).

May import: ``gialint.output`` and everything below it."""

from typing import Any

# What the old module gialint.plugins offered (docs: ``gialint.plugins.get_plugin_manager``).
_DISCOVERY = frozenset({
    "BUILTIN", "NO_PLUGINS_ENV", "GialintPluginManager", "PluginInfo", "autoload_disabled", "get_plugin_manager",
    "load_entry_points", "load_local", "discover_entry_points",
})  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _DISCOVERY:
        import importlib

        return getattr(importlib.import_module("gialint.plugins.discovery"), name)
    raise AttributeError(f"module 'gialint.plugins' has no attribute {name!r}")
