"""Run configuration: which rules run, at which severity, and what fails the run.

This module holds the settings and how rule references resolve; reading
``.gialint.yaml`` / ``pyproject.toml`` lives in :mod:`gialint.configfile`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from gialint.config.model import Config, ConfigError
from gialint.model.findings import CATEGORIES
from gialint.util.suggest import did_you_mean

if TYPE_CHECKING:
    from gialint.rules.spec import RuleMeta


def resolve(ref: str, metas: Iterable[RuleMeta]) -> list[RuleMeta]:
    """Rules a reference names: a code (GIA201), a name (row-label), a code
    prefix (GIA2), a group (soft), a category (label) or ``all``."""
    metas = list(metas)
    if ref == "all":
        return metas
    hits = [m for m in metas if ref in (m.code, m.name) or ref in m.groups or ref == m.category]
    if not hits and len(ref) >= 3 and ref[:1].isalpha() and ref.upper() == ref:
        hits = [m for m in metas if m.code.startswith(ref)]
    return hits


def check_refs(refs: Iterable[str], metas: Iterable[RuleMeta], where: str) -> None:
    metas = list(metas)
    words = {m.code for m in metas} | {m.name for m in metas} | {g for m in metas for g in m.groups} | set(CATEGORIES) | {"all"}
    for ref in refs:
        if not resolve(ref, metas):
            raise ConfigError(f"{where}: 未知的规则引用 {ref!r}{did_you_mean(ref, words)}")


def enabled_codes(config: Config, metas: Iterable[RuleMeta], path: str | None = None) -> set[str]:
    """The codes that run, after select / extend_select / ignore (and the
    per-file ignores matching ``path``)."""
    metas = list(metas)
    if config.select is None:
        on = {m.code for m in metas if m.enabled}
    else:
        on = {m.code for ref in config.select for m in resolve(ref, metas)}
    on |= {m.code for ref in config.extend_select for m in resolve(ref, metas)}
    off = {m.code for ref in config.ignore for m in resolve(ref, metas)}
    if path is not None and config.per_file_ignores:
        from fnmatch import fnmatch

        candidates = _match_paths(path, config.base_dir)
        for pattern, refs in config.per_file_ignores.items():
            if any(fnmatch(c, pattern) for c in candidates):
                off |= {m.code for ref in refs for m in resolve(ref, metas)}
    return on - off


def _match_paths(path: str, base_dir: str | None) -> list[str]:
    """Forms of ``path`` a per-file pattern may match: as given, relative to
    the configuration's directory, and the bare file name."""
    import os

    norm = path.replace("\\", "/")
    out = [norm, norm.split("/")[-1]]
    if base_dir is not None:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir)).replace("\\", "/")
        if not rel.startswith("../"):
            out.insert(0, rel)
    return out


def severities(config: Config, metas: Iterable[RuleMeta]) -> dict[str, str]:
    """Code → severity, with the configuration's overrides applied (their
    values were checked when the configuration was read:
    :func:`gialint.config.options.problem`)."""
    metas = list(metas)
    out = {m.code: m.severity for m in metas}
    for ref, sev in config.severity.items():
        for m in resolve(ref, metas):
            out[m.code] = sev
    return out


def configured_agency(config: Config, path: str) -> str | None:
    """The agency ``agency-files`` assigns to ``path`` (the first matching
    pattern), or ``None``."""
    if not config.agency_files:
        return None
    from fnmatch import fnmatch

    candidates = _match_paths(path, config.base_dir)
    for pattern, name in config.agency_files.items():
        if any(fnmatch(c, pattern) for c in candidates):
            return name
    return None
