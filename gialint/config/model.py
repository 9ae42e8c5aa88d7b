"""The run configuration as data: :class:`Config`, whose fields and defaults
come from :data:`gialint.config.options.SETTINGS` (one per option, in the
table's order), plus where the configuration was read from."""

from __future__ import annotations

from dataclasses import field, make_dataclass
from typing import TYPE_CHECKING, Any

from gialint.config.options import FILE_ONLY, SETTINGS


class ConfigError(Exception):
    """A configuration mistake; ``str()`` names the file and the cause."""


def _default(setting: Any) -> Any:
    return field(default_factory=setting.fresh_default)


if TYPE_CHECKING:
    # What type checkers see; the class itself is made from the table below.
    class Config:
        select: list[str] | None
        extend_select: list[str]
        ignore: list[str]
        severity: dict[str, str]
        fail_on: str
        per_file_ignores: dict[str, list[str]]
        include: list[str]
        exclude: list[str]
        baseline: str | None
        max_bytes: int
        max_lines: int
        max_cells: int
        read_timeout: float
        rule_timeout: float
        rule_files: list[str]
        template_files: list[str]
        history: list[str]
        agency_aliases: dict[str, list[str]]
        agency_files: dict[str, str]
        plugins: list[str]
        path: str | None  # the file it was read from
        base_dir: str | None
        where: dict[str, str]  # key → "file:line" it was set at

        def __init__(self, **kwargs: Any) -> None: ...

else:
    Config = make_dataclass(
        "Config",
        [(s.field, Any, _default(s)) for s in SETTINGS if s.key not in FILE_ONLY]
        + [("path", Any, None), ("base_dir", Any, None), ("where", Any, field(default_factory=dict))],
        namespace={"__doc__": "A run's settings (see gialint.config.options.SETTINGS) and where they were read from."},
    )
    Config.__module__ = __name__  # pickled by reference for --jobs workers
