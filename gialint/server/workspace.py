"""Which linter governs an open document, as ``gialint check`` decides it:
the nearest ``.gialint.yaml`` / ``pyproject.toml`` above the file (or
``--config``), one :class:`~gialint.run.pool.LinterPool` for the session, so
each configuration's rule set and linter are built once and kept in memory.
:meth:`Workspace.reload` forgets them when a configuration file changes;
plugins stay loaded.  A broken configuration is a :class:`ConfigProblem`
(a message and the file and line it names), never an exception."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import TYPE_CHECKING, Any

from gialint.config.model import ConfigError
from gialint.run.collect import excluded
from gialint.run.pool import LinterPool, Overrides

if TYPE_CHECKING:
    from gialint.config.model import Config
    from gialint.linting.engine import Linter
    from gialint.run.baseline import Baseline

# Configuration files: a change to one of these reloads the configuration.
CONFIG_NAMES = (".gialint.yaml", ".gialint.yml", "pyproject.toml")
REPORT_LANGUAGES = ("markdown", "plaintext")
_WHERE = re.compile(r"^(?P<path>.+?):(?:(?P<line>\d+):)? ")


@dataclass
class ConfigProblem:
    """A configuration that cannot be used: the message (which names the
    file, as ``check`` prints it), and the file and 1-based line it points at
    (the configuration file itself when the message names no file)."""

    message: str
    path: str | None
    line: int

    @classmethod
    def of(cls, exc: ConfigError, config_path: str | None) -> ConfigProblem:
        message = str(exc)
        m = _WHERE.match(message)
        if m and os.path.isfile(m.group("path")):
            return cls(message, os.path.abspath(m.group("path")), int(m.group("line") or 1))
        return cls(message, os.path.abspath(config_path) if config_path else None, 1)


@dataclass
class Governed:
    """What a document is checked with: its linter and baseline, or the
    problem that stops it from being checked."""

    linter: Linter | None
    config: Config | None
    baseline: Baseline | None = None
    problem: ConfigProblem | None = None
    config_path: str | None = None


class Workspace:
    """Configurations and linters for the documents of one session."""

    def __init__(self, config_file: str | None = None, isolated: bool = False, no_plugins: bool = False) -> None:
        self.pool = LinterPool(os.path.abspath(config_file) if config_file else None, isolated,
                               Overrides.of(autoload=False if no_plugins else None))
        self.roots: list[str] = []
        self._read: set[str] = set()  # files the loaded configurations were read from

    def reload(self) -> None:
        self.pool.reload()
        self._read.clear()

    def reads(self, path: str) -> bool:
        """Whether a loaded configuration was read from ``path`` (the file,
        an ``extends`` parent, its rule packs, templates or baseline)."""
        return os.path.abspath(path) in self._read

    def _remember(self, cfg: Config) -> None:
        where = [w.rsplit(":", 1)[0] if w.rsplit(":", 1)[-1].isdigit() else w for w in cfg.where.values() if isinstance(w, str)]
        for f in (cfg.path, cfg.baseline, *cfg.rule_files, *cfg.template_files, *where):
            if isinstance(f, str) and f:
                self._read.add(os.path.abspath(f))

    def governing(self, path: str) -> Governed:
        """The linter for the report at ``path`` (whether or not it exists)."""
        config_path = None
        try:
            config_path = self.pool.config_path(path)
            if config_path is not None and self.pool.config_file is not None:
                from gialint.config.files import config_file_problem

                problem = config_file_problem(config_path)
                if problem:
                    return Governed(None, None, problem=ConfigProblem(problem, None, 1), config_path=config_path)
            linter = self.pool.for_path(path)
            self._remember(linter.config)
            baseline = self.pool.baseline(path)
            return Governed(linter, linter.config, baseline, config_path=config_path)
        except ConfigError as exc:
            return Governed(None, None, problem=ConfigProblem.of(exc, config_path), config_path=config_path)

    def plugin_errors(self, config: Config) -> list[str]:
        pm: Any = self.pool.plugin_manager(config)
        return list(pm.error_messages())

    def path_for(self, uri_path: str | None) -> str:
        """A file path for a document without one (``untitled:``): in the
        first workspace folder, so its configuration applies."""
        if uri_path:
            return uri_path
        base = self.roots[0] if self.roots else os.getcwd()
        return os.path.join(base, "untitled.md")


def is_report_name(path: str, config: Config | None, language_id: str, has_file: bool) -> bool:
    """Whether a document is one ``gialint check`` would check: its file name
    matches the configuration's ``include`` patterns (``*.md``,
    ``*.markdown``, ``*.txt`` by default) and no ``exclude`` pattern; an
    unsaved buffer counts when it is Markdown or plain text."""
    if not has_file:
        return language_id in REPORT_LANGUAGES
    include = config.include if config is not None else ["*.md", "*.txt", "*.markdown"]
    name = os.path.basename(path)
    if not any(fnmatch(name, pat) for pat in include):
        return False
    return not (config is not None and excluded(path, config.exclude))


def is_markdown(path: str, language_id: str) -> bool:
    """Suppression comments are HTML comments: Markdown only."""
    return language_id == "markdown" or os.path.splitext(path)[1].lower() in (".md", ".markdown")


def is_config_name(path: str) -> bool:
    return os.path.basename(path) in CONFIG_NAMES
