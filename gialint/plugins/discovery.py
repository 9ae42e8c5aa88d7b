"""Finding and loading plugins.

Nothing happens at import: :func:`get_plugin_manager` builds a manager when a
command needs one.  Plugins come from

* the built-ins (:mod:`gialint.builtin_plugin`), always first;
* the ``gialint`` entry-point group of installed packages, unless autoloading
  is off (``autoload=False``, ``--no-plugins`` or ``GIALINT_NO_PLUGINS=1``);
* local plugins named by module or by ``.py`` path (``--plugin``, ``plugins:``
  in the configuration), loaded even when autoloading is off.

Each plugin is loaded on its own and each hook implementation called on its
own (:mod:`gialint.pluginmanager`): a plugin that fails to import, implements
a hook that does not exist, raises in a hook or returns something unusable
gets a load error naming it and its version, and the run goes on without that
contribution.  The errors are printed by the commands and reported as
``internal`` findings (GIA009) on every checked report."""

from __future__ import annotations

import importlib
import os
import re
import sys
import types
from pathlib import Path
from typing import Any, Sequence

from gialint.plugins.hookspecs import ENTRY_POINT_GROUP
from gialint.plugins.manager import (
    BUILTIN,
    GialintPluginManager,
    PluginInfo,
    describe_error,
)

__all__ = ["BUILTIN", "NO_PLUGINS_ENV", "GialintPluginManager", "PluginInfo", "autoload_disabled", "get_plugin_manager", "load_entry_points", "load_local"]

NO_PLUGINS_ENV = "GIALINT_NO_PLUGINS"


def autoload_disabled() -> bool:
    """``GIALINT_NO_PLUGINS`` set to anything but empty, ``0`` or ``false``."""
    return os.environ.get(NO_PLUGINS_ENV, "").strip().lower() not in ("", "0", "false", "no")


def get_plugin_manager(plugins: Sequence[str] = (), autoload: bool | None = None, base_dir: str | None = None) -> GialintPluginManager:
    """A manager with the built-ins, the installed plugins (unless ``autoload``
    is false; ``None`` means "unless ``GIALINT_NO_PLUGINS`` is set") and the
    local ``plugins`` (module names or ``.py`` paths, relative to
    ``base_dir``).  Never raises for a broken plugin: see ``pm.errors``."""
    from gialint.plugins import builtin as builtin_plugin
    from gialint.util.version import __version__

    pm = GialintPluginManager()
    pm.add(builtin_plugin, PluginInfo(BUILTIN, __version__, None, "builtin", builtin_plugin.__name__))
    if autoload is None:
        autoload = not autoload_disabled()
    if autoload:
        load_entry_points(pm)
    for ref in plugins:
        load_local(pm, ref, base_dir)
    try:
        pm.check_pending()
    except Exception as exc:  # noqa: BLE001 - add() already refuses unknown hooks; belt and braces
        pm.error(pm.infos[BUILTIN], f"插件检查未通过：{describe_error(exc)}")
    return pm


def load_entry_points(pm: GialintPluginManager) -> None:
    """Load the ``gialint`` entry points of installed distributions, one at a time."""
    for name, value, dist_name, version in discover_entry_points():
        info = PluginInfo(name, version or "", dist_name, "entry-point", value)
        try:
            plugin = _load_reference(value)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - a plugin must not take the run down
            pm.infos.setdefault(info.name, info)
            pm.error(info, f"加载失败：{describe_error(exc)}")
            continue
        pm.add(plugin, info)


EntryPointRow = tuple[str, str, "str | None", str]  # name, value, distribution, version


def discover_entry_points() -> list[EntryPointRow]:
    """The ``gialint`` entry points on ``sys.path``, sorted by name and value.

    Scanning every installed distribution's metadata (importlib.metadata)
    costs a cold start about 25 ms, most of it for distributions that are
    not plugins.  The answer is cached on disk, keyed by the metadata
    directories on ``sys.path`` and the size and mtime of each one's
    ``entry_points.txt``: installing, removing or changing a distribution
    changes the key."""
    from gialint.util import diskcache

    stamp: list[str] = []
    for entry in sys.path:
        try:
            names = sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
        for n in names:
            try:
                st = os.stat(os.path.join(entry or ".", n, "entry_points.txt"))
                stamp.append(f"{entry}/{n}\0{st.st_size}\0{st.st_mtime_ns}")
            except OSError:
                stamp.append(f"{entry}/{n}")
    name = f"entry-points-{diskcache.key(ENTRY_POINT_GROUP, *stamp)}.json"
    hit = diskcache.load_data(name)
    if isinstance(hit, list) and all(_is_row(r) for r in hit):
        return [tuple(r) for r in hit]  # type: ignore[misc]
    rows = _scan_entry_points()
    diskcache.store_data(name, [list(r) for r in rows])
    return rows


def _is_row(row: Any) -> bool:
    return (
        isinstance(row, list) and len(row) == 4 and isinstance(row[0], str) and isinstance(row[1], str)
        and (row[2] is None or isinstance(row[2], str)) and isinstance(row[3], str)
    )


def _scan_entry_points() -> list[EntryPointRow]:
    from importlib.metadata import entry_points

    seen: set[tuple[str, str]] = set()
    rows: list[EntryPointRow] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        if (ep.name, ep.value) in seen:  # the same distribution twice on sys.path
            continue
        seen.add((ep.name, ep.value))
        dist = getattr(ep, "dist", None)
        dist_name = dist.metadata["Name"] if dist is not None else None
        version = dist.version if dist is not None else ""
        rows.append((ep.name, ep.value, dist_name, version or ""))
    return rows


def _load_reference(value: str) -> Any:
    """What an entry point's ``module:attr.sub`` names (as EntryPoint.load)."""
    # "module:attr.sub [extra1, extra2]": the extras do not change what is loaded.
    module_name, _, attrs = value.split("[", 1)[0].partition(":")
    obj: Any = importlib.import_module(module_name.strip())
    for attr in filter(None, attrs.strip().split(".")):
        obj = getattr(obj, attr)
    return obj


def load_local(pm: GialintPluginManager, ref: str, base_dir: str | None = None) -> None:
    """Load a plugin named by module (``my_rules``) or by file (``plugins/hb.py``)."""
    is_path = ref.endswith(".py") or os.sep in ref or "/" in ref
    info = PluginInfo(Path(ref).stem if is_path else ref, "", None, "local", ref)
    try:
        if is_path:
            path = Path(ref) if base_dir is None or os.path.isabs(ref) else Path(base_dir) / ref
            module = _import_file(path)
        else:
            module = importlib.import_module(ref)
    except (Exception, SystemExit) as exc:  # noqa: BLE001
        pm.infos.setdefault(info.name, info)
        pm.error(info, f"加载失败：{describe_error(exc)}")
        return
    info.version = _module_version(module)
    pm.add(module, info)


def _import_file(path: Path) -> types.ModuleType:
    if not path.is_file():
        raise FileNotFoundError(f"找不到插件文件 {path}")
    name = "gialint_local_" + re.sub(r"\W", "_", path.stem)
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"无法从 {path} 导入")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _module_version(module: types.ModuleType) -> str:
    version = getattr(module, "__version__", None)
    if isinstance(version, str):
        return version
    from importlib.metadata import PackageNotFoundError, packages_distributions
    from importlib.metadata import version as dist_version

    top = module.__name__.split(".")[0]
    version = getattr(sys.modules.get(top), "__version__", None)
    if isinstance(version, str):
        return version
    for dist in packages_distributions().get(top, []):
        try:
            return dist_version(dist)
        except PackageNotFoundError:
            continue
    return ""
