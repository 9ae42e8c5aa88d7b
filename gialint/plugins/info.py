"""A plugin as ``gialint plugins`` shows it: name, version, distribution,
where it came from, its hooks and its load errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable


@dataclass
class PluginInfo:
    """A plugin as ``gialint plugins`` shows it."""

    name: str
    version: str = ""
    distribution: str | None = None
    source: str = "builtin"  # builtin | entry-point | local
    target: str = ""  # module, entry point value or file
    hooks: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    registered: bool = False

    @property
    def label(self) -> str:
        """Name and version, as messages name a plugin."""
        ver = f" {self.version}" if self.version else ""
        if self.distribution and self.distribution != self.name:
            return f"{self.name}（{self.distribution}{ver}）"
        return f"{self.name}{ver}"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "distribution": self.distribution,
            "source": self.source,
            "target": self.target,
            "hooks": list(self.hooks),
            "errors": list(self.errors),
            "loaded": self.registered and not self.errors,
        }


def _messages(infos: Iterable[PluginInfo]) -> list[str]:
    return [f"插件 {info.label}：{msg}" for info in infos for msg in info.errors]


def describe_error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
