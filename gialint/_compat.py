"""Old module paths of the reorganisation (issue 19), kept importable.

Before it, gialint's modules sat side by side (``gialint.findings``,
``gialint.kinds``, ``gialint.engine`` …) and plugins imported from there, as
the docs then said.  Importing an old path still works — it gives the module
that now holds those names — with a :class:`DeprecationWarning` naming the new
path; new code imports from :mod:`gialint` (:mod:`gialint.api`).  A module
whose content was split answers for every name it used to have
(:data:`SPLIT`)."""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

# (No importlib.abc: it imports importlib.resources and typing, 12 ms of every
# cold start; a finder and a loader need only their methods.)

# Old module → its new home (where all of its names went).
MOVED = {
    "gialint.align": "gialint.bind.align",
    "gialint.assemble": "gialint.plugins.assemble",
    "gialint.baseline": "gialint.run.baseline",
    "gialint.binding": "gialint.bind.binding",
    "gialint.budget": "gialint.util.budget",
    "gialint.builtin_plugin": "gialint.plugins.builtin",
    "gialint.cells": "gialint.parse.cells",
    "gialint.commands": "gialint.cli",
    "gialint.configfile": "gialint.config.files",
    "gialint.detect": "gialint.bind.detect",
    "gialint.diskcache": "gialint.util.diskcache",
    "gialint.dump": "gialint.output.dump",
    "gialint.expr": "gialint.rules.expr",
    "gialint.hookspecs": "gialint.plugins.hookspecs",
    "gialint.kinds": "gialint.rules.kinds",
    "gialint.linters": "gialint.run.pool",
    "gialint.normalize": "gialint.util.normalize",
    "gialint.parallel": "gialint.run.parallel",
    "gialint.pipeline": "gialint.bind.read",
    "gialint.pluginmanager": "gialint.plugins.manager",
    "gialint.progress": "gialint.cli.progress",
    "gialint.readers": "gialint.load.readers",
    "gialint.report": "gialint.model.report",
    "gialint.resources": "gialint.util.resources",
    "gialint.rulespec": "gialint.rules.spec",
    "gialint.structure": "gialint.parse.structure",
    "gialint.suggest": "gialint.util.suggest",
    "gialint.suppress": "gialint.linting.suppress",
    "gialint.values": "gialint.parse.values",
    "gialint.yamlfile": "gialint.util.yamlfile",
    "gialint.formatters": "gialint.output.formatters",
    "gialint.plaindata": "gialint.util.plaindata",
}
# Old modules whose names went to several new ones: an alias module is made
# with every name (the first module listed is named in the warning).
SPLIT = {
    "gialint.document": ("gialint.model.document", "gialint.model.span"),
    "gialint.findings": ("gialint.model.findings", "gialint.model.span"),
    "gialint.source": ("gialint.load.decode", "gialint.load.files", "gialint.load.loader", "gialint.model.source"),
    "gialint.parser": ("gialint.parse.grammar", "gialint.model.document"),
    "gialint.templates": ("gialint.bind.templates", "gialint.model.template"),
    "gialint.engine": ("gialint.linting.engine", "gialint.rules.ruleset", "gialint.plugins.assemble"),
    "gialint.fix": ("gialint.linting.fix", "gialint.run.write", "gialint.output.diff"),
    "gialint.resultcache": ("gialint.run.resultcache", "gialint.plugins.fingerprint"),
    "gialint.runner": ("gialint.run.check", "gialint.run.collect"),
    "gialint.docs": ("gialint.output.docs", "gialint.cli.docs"),
}
# ``gialint.config`` and ``gialint.plugins`` are old modules and new packages
# at once: the packages answer for the old modules' names themselves (their
# ``__getattr__``).


def _target(name: str) -> tuple[str, tuple[str, ...]] | None:
    if name in SPLIT:
        return SPLIT[name][0], SPLIT[name]
    for old, new in MOVED.items():
        if name == old or name.startswith(old + "."):
            new_name = new + name[len(old):]
            return new_name, (new_name,)
    return None


class _Loader:
    def __init__(self, old: str, homes: tuple[str, ...]) -> None:
        self.old = old
        self.homes = homes

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        warnings.warn(
            f"{self.old} is deprecated: import from gialint (gialint.api) or {self.homes[0]}",
            DeprecationWarning,
            stacklevel=_stacklevel(),
        )
        if len(self.homes) == 1:
            module = importlib.import_module(self.homes[0])
            self.spec = module.__spec__  # importlib sets the alias's spec on it; put it back
            return module
        module = types.ModuleType(self.old, f"Deprecated alias of {', '.join(self.homes)}.")
        for home in reversed(self.homes):
            src = importlib.import_module(home)
            module.__dict__.update({k: v for k, v in vars(src).items() if not k.startswith("__")})
        return module

    spec: importlib.machinery.ModuleSpec | None = None

    def exec_module(self, module: types.ModuleType) -> None:
        if self.spec is not None:
            module.__spec__ = self.spec


def _stacklevel() -> int:
    # Point the warning at the importing code, past importlib's frames.
    frame, level = sys._getframe(1), 1
    while frame is not None and (frame.f_code.co_filename.startswith("<frozen") or frame.f_code.co_filename == __file__):
        frame, level = frame.f_back, level + 1  # type: ignore[assignment]
    return level


class _Finder:
    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if not fullname.startswith("gialint."):
            return None
        found = _target(fullname)
        if found is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Loader(fullname, found[1]))


_FINDER = _Finder()


def install() -> None:
    """Put the finder first: it answers only for old names, which no file
    has any more — and it must come before the path finder, which would
    otherwise load ``gialint.kinds.equation`` a second time, from the alias
    package's folder, as a module of its own."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
