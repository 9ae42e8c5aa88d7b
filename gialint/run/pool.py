"""The linter for each checked file: its configuration is the nearest
``.gialint.yaml`` / ``pyproject.toml`` above it (or ``--config``), with the
command line's options on top.  Configurations, rule sets and linters are
built once and shared by every file they govern.

A :class:`LinterPool` is picklable, so ``--jobs`` workers receive it and
build what they need themselves."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from gialint.config.model import Config, ConfigError

if TYPE_CHECKING:
    from gialint.linting.engine import Linter
    from gialint.rules.ruleset import RuleSet
    from gialint.run.baseline import Baseline


@dataclass
class Overrides:
    """Settings given on the command line (``values``: a setting's field →
    its value, for the settings of :data:`~gialint.config.options.SETTINGS`
    with a ``cli`` option); they win over configuration files, each combined
    with the file's value as its ``cli_merge`` says.  ``autoload``: ``False``
    for ``--no-plugins``, ``None`` for "unless GIALINT_NO_PLUGINS"."""

    values: dict[str, Any] = field(default_factory=dict)
    autoload: bool | None = None

    @classmethod
    def of(cls, autoload: bool | None = None, **values: Any) -> Overrides:
        """From keyword arguments named after the fields; empty ones dropped
        (an option not given on the command line)."""
        return cls({k: v for k, v in values.items() if v not in (None, [], ())}, autoload)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def check_refs(self, metas: list[Any]) -> None:
        from gialint.config.options import SETTINGS
        from gialint.config.select import check_refs

        for s in SETTINGS:
            if s.type == "refs" and s.field in self.values:
                check_refs(self.values[s.field], metas, s.cli or s.key)

    def apply(self, cfg: Config) -> Config:
        from gialint.config.files import combine
        from gialint.config.options import SETTINGS

        cfg = replace(cfg)
        for s in SETTINGS:
            if s.field in self.values:
                setattr(cfg, s.field, combine(s, s.combine_cli, getattr(cfg, s.field), self.values[s.field]))
        return cfg


class LinterPool:
    """Configuration, linter and baseline for any path."""

    def __init__(self, config_file: str | None = None, isolated: bool = False, overrides: Overrides | None = None) -> None:
        self.config_file = config_file
        self.isolated = isolated
        self.overrides = overrides or Overrides()
        self._dirs: dict[str, str | None] = {}
        self._configs: dict[str | None, Config] = {}
        self._file_configs: dict[str | None, Config] = {}
        self._rulesets: dict[tuple[tuple[str, ...], tuple[str, ...], int], RuleSet] = {}
        self._linters: dict[str | None, Linter] = {}
        self._baselines: dict[str, Baseline] = {}
        self._managers: dict[tuple[tuple[str, ...], str | None], Any] = {}

    # Workers rebuild their caches: cheaper to send than rule sets.
    def __getstate__(self) -> dict[str, Any]:
        return {"config_file": self.config_file, "isolated": self.isolated, "overrides": self.overrides}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def reload(self) -> None:
        """Forget every configuration, rule set, linter and baseline, to read
        them again on next use (a configuration file changed under a
        long-running process, ``gialint server``).  The plugin managers stay:
        plugins are loaded once per process."""
        self._dirs.clear()
        self._configs.clear()
        self._file_configs.clear()
        self._rulesets.clear()
        self._linters.clear()
        self._baselines.clear()

    def config_path(self, path: str) -> str | None:
        if self.config_file is not None:
            return self.config_file
        if self.isolated:
            return None
        from gialint.config.files import find_config

        d = os.path.dirname(os.path.abspath(path)) if not os.path.isdir(path) else os.path.abspath(path)
        if d not in self._dirs:
            found = find_config(d)
            self._dirs[d] = str(found) if found is not None else None
        return self._dirs[d]

    def config(self, path: str) -> Config:
        key = self.config_path(path)
        cfg = self._configs.get(key)
        if cfg is None:
            cfg = self._configs[key] = self.overrides.apply(self.file_config(key))
        return cfg

    def file_config(self, key: str | None) -> Config:
        """The configuration as the file says it, before the command line."""
        cfg = self._file_configs.get(key)
        if cfg is None:
            from gialint.config.files import load_config

            cfg = self._file_configs[key] = load_config(key)
        return cfg

    def plugin_manager(self, cfg: Config) -> Any:
        """The plugins for a configuration: installed ones (unless turned
        off), its ``plugins:`` and ``--plugin``; loaded once, never raising."""
        refs = tuple(cfg.plugins)  # the configuration's and --plugin's (Overrides.apply)
        key = (refs, cfg.base_dir)
        pm = self._managers.get(key)
        if pm is None:
            from gialint.plugins.discovery import get_plugin_manager

            pm = self._managers[key] = get_plugin_manager(list(refs), self.overrides.autoload, cfg.base_dir)
        return pm

    def ruleset(self, cfg: Config) -> RuleSet:
        pm = self.plugin_manager(cfg)
        # A pack named twice (in the configuration and with --rules) is read once.
        rule_files, template_files = _unique_files(cfg.rule_files), _unique_files(cfg.template_files)
        key = (tuple(rule_files), tuple(template_files), id(pm))
        rs = self._rulesets.get(key)
        if rs is None:
            from gialint.plugins.assemble import load_ruleset
            from gialint.util.yamlfile import YamlError

            try:
                rs = self._rulesets[key] = load_ruleset(rule_files, template_files, plugin_manager=pm)
            except (YamlError, OSError) as exc:
                raise ConfigError(str(exc)) from None
        return rs

    def for_path(self, path: str) -> Linter:
        """The linter for ``path``; raises :class:`ConfigError` for a broken configuration."""
        key = self.config_path(path)
        linter = self._linters.get(key)
        if linter is None:
            from gialint.config.files import validate_refs
            from gialint.linting.engine import Linter

            cfg = self.config(path)
            rs = self.ruleset(cfg)
            # Each reference is checked where it was written: file:line or the option.
            validate_refs(self.file_config(key), rs.metas)
            self.overrides.check_refs(rs.metas)
            pm = self.plugin_manager(cfg)
            linter = self._linters[key] = Linter(rs, cfg, extra_checks=pm.checks(), readers=pm.readers())
        return linter

    def baseline(self, path: str) -> Baseline | None:
        name = self.config(path).baseline
        if not name:
            return None
        if name not in self._baselines:
            from gialint.run.baseline import load

            self._baselines[name] = load(name)
        return self._baselines[name]


def _unique_files(paths: list[str]) -> list[str]:
    """``paths`` without the repeats of a file already listed (compared by
    real path), in their order."""
    seen: set[str] = set()
    out = []
    for p in paths:
        real = os.path.realpath(p)
        if real not in seen:
            seen.add(real)
            out.append(p)
    return out


class SinglePool:
    """One linter for every file (library use, tests)."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter

    def for_path(self, path: str) -> Linter:
        return self.linter

    def config(self, path: str) -> Config:
        return self.linter.config

    def baseline(self, path: str) -> Baseline | None:
        return None


def as_pool(obj: Any) -> Any:
    """A pool from a :class:`LinterPool`, a pool-like object or a bare Linter."""
    return obj if hasattr(obj, "for_path") else SinglePool(obj)
