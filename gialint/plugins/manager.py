"""The plugin manager: pluggy's, plus plugin identities (name, version,
distribution), load errors kept per plugin, and one isolated call per hook
implementation.  Discovery — which plugins to load — is :mod:`gialint.plugins`."""

from __future__ import annotations

import inspect
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

import pluggy

from gialint.plugins import hookspecs
from gialint.plugins.checks import LoadErrors, ReportCheck
from gialint.plugins.hookspecs import PROJECT
from gialint.plugins.info import PluginInfo, _messages, describe_error

if TYPE_CHECKING:
    from gialint.load.readers import Reader
    from gialint.output.formatters.base import Formatter
    from gialint.rules.kinds.base import Kind

BUILTIN = "gialint"


class GialintPluginManager(pluggy.PluginManager):
    """pluggy's manager, plus what gialint needs: plugin identities, load
    errors kept per plugin, and one isolated call per implementation."""

    def __init__(self) -> None:
        super().__init__(PROJECT)
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self._memo: dict[str, Any] = {}
        self._origins: dict[str, str] = {}  # pack/template origin → plugin name
        self.added: dict[str, dict[str, list[str]]] = {}  # plugin → what → names (for `gialint plugins`)

    # -- registration ---------------------------------------------------------

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        # Like pytest: an unmarked function named gialint_* is an
        # implementation too, so that a misspelt one is caught, not ignored.
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is None and name.startswith(PROJECT + "_") and _is_function(plugin, name):
            return {}
        return opts

    def add(self, plugin: Any, info: PluginInfo) -> bool:
        """Register ``plugin``; on failure keep the error with ``info``."""
        if self.is_registered(plugin):
            return True  # e.g. an installed plugin also named by --plugin: loaded once
        if info.name in self.infos:
            info.name = f"{info.name}#{sum(1 for n in self.infos if n.split('#')[0] == info.name) + 1}"
        self.infos[info.name] = info
        specs = [n for n in dir(hookspecs) if n.startswith(PROJECT + "_")]
        for attr in dir(plugin):
            if attr.startswith(PROJECT + "_") and attr not in specs and _is_function(plugin, attr):
                from gialint.util.suggest import did_you_mean

                self.error(info, f"实现了不存在的钩子 {attr}{did_you_mean(attr, specs)}")
                return False
        try:
            self.register(plugin, name=info.name)
        except Exception as exc:  # noqa: BLE001 - pluggy's validation errors, a broken plugin object
            self.error(info, f"无法注册：{describe_error(exc)}")
            return False
        info.registered = True
        info.hooks = sorted(c.name for c in self.get_hookcallers(plugin) or ())
        return True

    def error(self, info: PluginInfo, message: str) -> None:
        info.errors.append(message)

    @property
    def errors(self) -> list[tuple[PluginInfo, str]]:
        """Every load error so far, with the plugin it belongs to."""
        return [(info, msg) for info in self.infos.values() for msg in info.errors]

    def error_messages(self) -> list[str]:
        return _messages(self.infos.values())

    # -- isolated calls -------------------------------------------------------

    def _impls(self, hook: str) -> list[Any]:
        order = {name: i for i, name in enumerate(self.infos)}
        caller = getattr(self.hook, hook)
        return sorted(caller.get_hookimpls(), key=lambda impl: order.get(impl.plugin_name, len(order)))

    def _collect(self, hook: str) -> Iterator[tuple[PluginInfo, list[Any]]]:
        """Each plugin's result of a registration hook, called one by one."""
        for impl in self._impls(hook):
            info = self.infos[impl.plugin_name]
            try:
                result = impl.function()
            except Exception as exc:  # noqa: BLE001 - contained, reported, others go on
                self.error(info, f"钩子 {hook} 出错：{describe_error(exc)}")
                continue
            if result is None:
                continue
            if isinstance(result, (str, bytes)) or not isinstance(result, Iterable):
                self.error(info, f"钩子 {hook} 应返回列表，却返回了 {type(result).__name__}")
                continue
            yield info, list(result)

    def _note(self, info: PluginInfo, what: str, name: str) -> None:
        self.added.setdefault(info.name, {}).setdefault(what, []).append(name)

    def _memoized(self, key: str, build: Callable[[], Any]) -> Any:
        # Registration hooks run once per manager, so errors are kept once.
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    # -- what plugins contribute ----------------------------------------------

    def kinds(self) -> dict[str, type[Kind]]:
        """Kind name → class, the built-ins first."""

        def build() -> dict[str, type[Kind]]:
            from gialint.rules.kinds.base import Kind

            out: dict[str, type[Kind]] = {}
            owner: dict[str, PluginInfo] = {}
            for info, items in self._collect("gialint_add_kinds"):
                for k in items:
                    if not (isinstance(k, type) and issubclass(k, Kind) and k.name):
                        self.error(info, f"提供的 {k!r} 不是带 name 的 gialint.kinds.Kind 子类")
                    elif k.name in out:
                        self.error(info, f"提供的 kind {k.name!r} 已由 {owner[k.name].label} 注册")
                    else:
                        out[k.name], owner[k.name] = k, info
                        self._note(info, "kinds", k.name)
            return out

        return dict(self._memoized("kinds", build))

    def packs(self) -> list[tuple[str, str]]:
        """``(yaml text, origin)`` of every rule pack, the built-ins first."""
        return list(self._memoized("packs", lambda: self._files("gialint_add_rule_packs")))

    def templates(self) -> list[tuple[str, str]]:
        """``(yaml text, origin)`` of every template file, the built-ins first."""
        return list(self._memoized("templates", lambda: self._files("gialint_add_templates")))

    def _files(self, hook: str) -> list[tuple[str, str]]:
        out = []
        for info, items in self._collect(hook):
            for item in items:
                try:
                    text, origin = _file_item(item)
                except Exception as exc:  # noqa: BLE001
                    self.error(info, f"钩子 {hook} 返回的 {item!r:.80} 无法读取：{describe_error(exc)}")
                    continue
                self._origins[origin] = info.name
                self._note(info, hook.rsplit("_", 1)[-1], origin)
                out.append((text, origin))
        return out

    def readers(self) -> dict[str, Reader]:
        """Suffix (``.txt``) → reader; a plugin's reader replaces the built-in
        one for the same suffix, otherwise the first registered wins."""

        def build() -> dict[str, Reader]:
            from gialint.load.readers import Reader

            out: dict[str, Reader] = {}
            for info, items in self._collect("gialint_add_readers"):
                for cls in items:
                    if not (isinstance(cls, type) and issubclass(cls, Reader) and cls.name and cls.suffixes):
                        self.error(info, f"提供的 {cls!r} 不是带 name 和 suffixes 的 gialint.readers.Reader 子类")
                        continue
                    try:
                        reader = cls()
                    except Exception as exc:  # noqa: BLE001
                        self.error(info, f"读取器 {cls.name} 无法创建：{describe_error(exc)}")
                        continue
                    reader.plugin = info.label
                    self._note(info, "readers", f"{cls.name} ({', '.join(cls.suffixes)})")
                    for suffix in cls.suffixes:
                        suffix = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
                        held = out.get(suffix)
                        if held is not None and held.plugin != self.infos[BUILTIN].label:
                            self.error(info, f"读取器 {cls.name} 与 {held.plugin} 的读取器 {held.name} 都读取 {suffix} 文件，使用后者")
                            continue
                        out[suffix] = reader
            return out

        return dict(self._memoized("readers", build))

    def formatters(self) -> dict[str, type[Formatter]]:
        """Format name → formatter class, the built-ins first."""

        def build() -> dict[str, type[Formatter]]:
            from gialint.output.formatters.base import Formatter

            out: dict[str, type[Formatter]] = {}
            for info, items in self._collect("gialint_add_formatters"):
                for cls in items:
                    if not (isinstance(cls, type) and issubclass(cls, Formatter) and cls.name):
                        self.error(info, f"提供的 {cls!r} 不是带 name 的 gialint.formatters.Formatter 子类")
                    elif cls.name in out:
                        self.error(info, f"提供的输出格式 {cls.name!r} 已被注册")
                    else:
                        out[cls.name] = cls
                        self._note(info, "formatters", cls.name)
            return out

        return dict(self._memoized("formatters", build))

    def checks(self) -> list[tuple[str, Any]]:
        """``(plugin name and version, check)`` for :attr:`gialint.engine.Linter.extra_checks`:
        each plugin's ``gialint_check_report`` on its own, and a check that
        reports the load errors on every report."""
        out: list[tuple[str, Any]] = [(self.infos[BUILTIN].label, LoadErrors(list(self.infos.values())))]
        for impl in self._impls("gialint_check_report"):
            out.append((self.infos[impl.plugin_name].label, ReportCheck(impl.function, tuple(impl.argnames))))
        return out

    # -- where a rule comes from ------------------------------------------------

    def owner(self, origin: str) -> PluginInfo | None:
        """The plugin that added the pack or template file ``origin``."""
        name = self._origins.get(origin)
        return self.infos.get(name) if name else None


# -- helpers ------------------------------------------------------------------


def _is_function(plugin: Any, name: str) -> bool:
    try:
        attr = inspect.getattr_static(plugin, name)
    except AttributeError:
        return False
    return isinstance(attr, (types.FunctionType, types.BuiltinFunctionType, staticmethod, classmethod))


def _file_item(item: Any) -> tuple[str, str]:
    """A hook's file item: ``(text, origin)``, a Path/Traversable, or a path string."""
    if isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
        return item[0], item[1]
    if isinstance(item, str):
        item = Path(item)
    if hasattr(item, "read_text"):
        return item.read_text(encoding="utf-8"), str(item)
    raise TypeError("应为文件路径或 (YAML 文本, 来源) 二元组")

