"""Configuration: every option once, in one table (:mod:`.options`), from
which the :class:`~gialint.config.model.Config` dataclass, the checks of
configuration files, the command line's overrides and the JSON Schema are
derived; configuration files found and read (:mod:`.files`); rule
references resolved (:mod:`.select`).

May import: ``gialint.rules``, ``gialint.load``, ``gialint.model``,
``gialint.util``."""

from gialint.config.model import Config, ConfigError

__all__ = ["Config", "ConfigError"]


def __getattr__(name: str) -> object:
    # The names of the old module gialint.config (resolve, enabled_codes …).
    import importlib

    if name.startswith("__"):
        raise AttributeError(name)
    select = importlib.import_module("gialint.config.select")
    try:
        return getattr(select, name)
    except AttributeError:
        raise AttributeError(f"module 'gialint.config' has no attribute {name!r}") from None
