"""Access to the data shipped inside the package (grammar, rule packs,
templates).  In the repository they live at the top level (``grammar/``,
``rules/``); the build maps them to ``gialint/_data/``.  On a file system
they are plain directories (found without importing importlib.resources,
which costs a cold start ~9 ms); otherwise (a zipped install) they are
reached through :mod:`importlib.resources`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

_PACKAGE = Path(__file__).resolve().parent.parent  # gialint/


def data_dir(name: str) -> Traversable:
    """``grammar`` or ``rules`` as a traversable resource directory."""
    # Installed: gialint/_data/NAME.  A checkout (or an editable install):
    # NAME at the top of the repository, beside the package (not
    # gialint/rules, which is the Python package of the rule machinery).
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    from importlib import resources

    try:
        return resources.files(f"gialint._data.{name}")
    except ModuleNotFoundError:
        # An editable install or a bare checkout has no mapped package: the
        # data then sits beside the package, at the top of the repository.
        return resources.files("gialint").joinpath("..", name)  # pragma: no cover


def grammar_text() -> str:
    return data_dir("grammar").joinpath("report.lark").read_text(encoding="utf-8")


def template_files() -> list[Traversable]:
    tdir = data_dir("rules").joinpath("templates")
    return sorted((f for f in tdir.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def rule_pack_files() -> list[Traversable]:
    rdir = data_dir("rules")
    return sorted((f for f in rdir.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def preset_text(name: str) -> str:
    """A shipped configuration preset (``rules/presets/NAME.yaml``)."""
    return data_dir("rules").joinpath("presets").joinpath(f"{name}.yaml").read_text(encoding="utf-8")


def config_schema_text() -> str:
    """The JSON Schema of ``.gialint.yaml`` / ``[tool.gialint]``."""
    return data_dir("rules").joinpath("config.schema.json").read_text(encoding="utf-8")
