"""Configuration files: find them, read them, follow ``extends`` and check
every key, so a typo is an error with its file, line and a suggestion.

A configuration is ``.gialint.yaml`` (or ``.gialint.yml``) or the
``[tool.gialint]`` table of ``pyproject.toml``, found by searching upward from
the checked file's directory; ``--config`` names one explicitly.  Keys are
kebab-case, as in ruff and yamllint; every option, its type, default and
how it combines along ``extends`` is in :data:`gialint.config.options.SETTINGS`
(and in docs/configuration.md, generated from it)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from gialint.config.model import Config, ConfigError
from gialint.config.options import BY_KEY, FILE_ONLY, Setting, problem
from gialint.config.select import check_refs
from gialint.util.suggest import did_you_mean
from gialint.util.yamlfile import YamlError
from gialint.util.yamlfile import load as load_yaml

CONFIG_NAMES = (".gialint.yaml", ".gialint.yml")
PRESETS = ("default", "strict")
_PYPROJECT_TABLE = re.compile(r"(?m)^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*gialint[ \t]*[\].]")


@dataclass
class RawConfig:
    """One file's settings after ``extends``, with where each key was set."""

    values: dict[str, Any]
    where: dict[str, str]  # key → "file:line"


# -- finding ---------------------------------------------------------------


def has_gialint_table(pyproject: Path) -> bool:
    from gialint.load.files import read_text_file
    from gialint.model.source import SourceError

    try:
        return bool(_PYPROJECT_TABLE.search(read_text_file(pyproject)))
    except SourceError:
        return False


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest configuration file at or above ``start`` (a file or directory)."""
    p = Path(os.path.abspath(start))
    d = p if p.is_dir() else p.parent
    for folder in (d, *d.parents):
        for name in CONFIG_NAMES:
            cand = folder / name
            if cand.is_file():
                return cand
        py = folder / "pyproject.toml"
        if py.is_file() and has_gialint_table(py):
            return py
    return None


def config_file_problem(path: str) -> str | None:
    """Why ``--config PATH`` cannot be used (missing, a FIFO, a directory), or ``None``."""
    if not os.path.lexists(path):
        return f"配置文件不存在：{path}"
    if not os.path.isfile(path):
        return f"配置文件不是普通文件（目录、管道或设备）：{path}"
    return None


# -- reading ---------------------------------------------------------------


def _toml_line(text: str, key: str) -> int | None:
    """Line of ``key`` inside the ``[tool.gialint]`` tables (tomllib keeps none)."""
    inside = False
    pat = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for i, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith("["):
            inside = bool(_PYPROJECT_TABLE.match(line))
            if inside and re.search(rf"\.\s*[\"']?{re.escape(key)}[\"']?\s*\]", s):
                return i
            continue
        if inside and pat.match(line):
            return i
    return None


def _read_file(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The settings mapping of one file and the line of each key."""
    from gialint.load.files import read_text_file
    from gialint.model.source import SourceError

    try:
        text = read_text_file(path)
    except SourceError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise ConfigError(f"{where}: 无法读取配置文件：{exc.reason}") from None
    if path.suffix == ".toml":
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: TOML 语法错误：{exc}") from None
        table = doc.get("tool", {}).get("gialint")
        if table is None:
            if path.name == "pyproject.toml":
                raise ConfigError(f"{path}: 没有 [tool.gialint] 表")
            table = doc
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.gialint] 应为表")
        return table, {k: _toml_line(text, k) or 1 for k in table}
    try:
        doc = load_yaml(text, str(path))
    except YamlError as exc:
        raise ConfigError(str(exc)) from None
    if doc is None:
        return {}, {}
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}:1: 配置文件应为映射（mapping），例如 `ignore: [GIA106]`")
    lines = getattr(doc, "key_lines", {}) or {}
    return dict(doc), {k: lines.get(k, getattr(doc, "line", 1)) for k in doc}


def _preset(name: str) -> tuple[str, str]:
    from gialint.util.resources import preset_text

    return preset_text(name), f"<preset {name}>"


def _validate(values: dict[str, Any], lines: dict[str, int], where: str) -> None:
    for key, value in values.items():
        at = f"{where}:{lines.get(key, 1)}"
        if not isinstance(key, str) or key not in BY_KEY:
            raise ConfigError(f"{at}: 未知的配置项 {key!r}{did_you_mean(str(key), BY_KEY)}；可用：{', '.join(BY_KEY)}")
        why = problem(key, value)
        if why:
            raise ConfigError(f"{at}: {why}")


def read_raw(path: str | os.PathLike[str], _chain: tuple[str, ...] = ()) -> RawConfig:
    """One configuration file with its ``extends`` chain applied."""
    p = Path(path)
    name = str(p)
    if name in _chain:
        raise ConfigError(f"{name}: extends 形成循环：{' → '.join((*_chain, name))}")
    if name.startswith("<preset "):
        text, label = _preset(name[len("<preset "):-1])
        data = load_yaml(text, label) or {}
        values, lines = dict(data), {k: data.key_lines.get(k, 1) for k in data}
        base = None
    else:
        values, lines = _read_file(p)
        label = name
        base = p.parent
    _validate(values, lines, label)
    # Relative paths are relative to the file that names them.
    if base is not None:
        for key, value in values.items():
            if BY_KEY[key].relative:
                values[key] = [str(base / v) for v in value] if isinstance(value, list) else str(base / value)
    where = {k: f"{label}:{lines.get(k, 1)}" for k in values}
    parent_ref = values.pop("extends", None if name.startswith("<preset ") else "default")
    if parent_ref is None:
        return RawConfig(values, where)
    if parent_ref in PRESETS:
        parent_name = f"<preset {parent_ref}>"
    elif "/" in parent_ref or "\\" in parent_ref or parent_ref.endswith((".yaml", ".yml", ".toml")):
        parent_name = str((base or Path.cwd()) / parent_ref)
        if not Path(parent_name).is_file():
            raise ConfigError(f"{where.get('extends', label)}: extends 指向的文件不存在：{parent_ref}")
    else:
        raise ConfigError(f"{label}:{lines.get('extends', 1)}: 未知的预设 {parent_ref!r}{did_you_mean(parent_ref, PRESETS)}；可用：{', '.join(PRESETS)} 或配置文件路径")
    parent = read_raw(parent_name, (*_chain, name))
    return _merge(parent, RawConfig(values, where))


def combine(setting: Setting, how: str, old: Any, new: Any) -> Any:
    """``new`` over ``old`` for ``setting``: replaced, or added to
    (``accumulate``: lists; ``merge``: mappings)."""
    if how == "accumulate":
        return [*(old or []), *new]
    if how == "merge":
        return {**(old or {}), **new}
    return new


def _merge(parent: RawConfig, child: RawConfig) -> RawConfig:
    values = dict(parent.values)
    where = dict(parent.where)
    for key, value in child.values.items():
        values[key] = combine(BY_KEY[key], BY_KEY[key].merge, values.get(key), value)
        where[key] = child.where[key]
    return RawConfig(values, where)


def to_config(raw: RawConfig, path: str | None) -> Config:
    """The :class:`Config` of a file's settings: every setting the file (or
    what it extends) gives, the table's default for the others."""
    cfg = Config()
    for key, value in raw.values.items():
        setting = BY_KEY[key]
        if key not in FILE_ONLY:
            setattr(cfg, setting.field, list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value)
    cfg.path = path
    cfg.base_dir = str(Path(path).parent) if path else None
    cfg.where = dict(raw.where)
    return cfg


def load_config(path: str | os.PathLike[str] | None) -> Config:
    """The :class:`Config` of a file (``None``: the default preset alone)."""
    if path is None:
        return to_config(read_raw("<preset default>"), None)
    return to_config(read_raw(path), str(path))


def validate_refs(config: Config, metas: Iterable[Any]) -> None:
    """Every rule reference of ``config`` names a rule; else a
    :class:`ConfigError` with the file and line of the key."""
    metas = list(metas)
    where = config.where

    def at(key: str, cli: str) -> str:
        return where.get(key, cli)

    check_refs(config.select or [], metas, at("select", "--select"))
    check_refs(config.extend_select, metas, at("extend-select", "--extend-select"))
    check_refs(config.ignore, metas, at("ignore", "--ignore"))
    check_refs(config.severity, metas, at("severity", "--severity"))
    for pattern, refs in config.per_file_ignores.items():
        check_refs(refs, metas, f"{at('per-file-ignores', '--per-file-ignores')} ({pattern})")
