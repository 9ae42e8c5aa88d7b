"""Plugin test helpers: fake distributions under ``tmp_path`` (installing
nothing), found through ``importlib.metadata`` like real ones."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import ROOT

HUBEI = ROOT / "examples" / "gialint-hubei"
HUBEI_SRC = HUBEI / "src"
HUBEI_REPORT = HUBEI_SRC / "gialint_hubei" / "examples" / "hubei2020.txt"
CLEAN2020 = ROOT / "rules" / "examples" / "clean2020.txt"
CLEAN2023 = ROOT / "rules" / "examples" / "clean2023.txt"


def local_pack(word: str, replacement: str = "替换", examples: str = "") -> str:
    """A project's one-rule pack: LC001 ``local-word`` replaces ``word``;
    ``examples`` adds explain/bad/good lines (already indented)."""
    return (
        "pack: local\nrules:\n  - code: LC001\n    name: local-word\n    category: wording\n    severity: warning\n"
        f"    kind: pattern\n    patterns: {{'{word}': '{replacement}'}}\n    summary: 本地用语\n{examples}"
    )


def fake_distribution(site: Path, dist: str, version: str, entry_points: dict[str, str], modules: dict[str, str] | None = None) -> Path:
    """Write ``NAME-VERSION.dist-info`` (METADATA, entry_points.txt) and the
    given modules (``{"pkg/mod.py": source}``) into ``site``."""
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    eps = "\n".join(f"{name} = {target}" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[gialint]\n{eps}\n", encoding="utf-8")
    for rel, source in (modules or {}).items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return info


def install_fake(monkeypatch: pytest.MonkeyPatch, site: Path, *extra_paths: Path) -> None:
    """Put ``site`` (and e.g. a plugin's source tree) on ``sys.path`` for one test."""
    for p in (*extra_paths, site):
        monkeypatch.syspath_prepend(str(p))


def fake_hubei(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The example plugin as an installed distribution ``gialint-hubei 0.1.0``
    with its entry point ``hubei``; returns the site directory."""
    site = tmp_path / "site"
    fake_distribution(site, "gialint-hubei", "0.1.0", {"hubei": "gialint_hubei.plugin"})
    install_fake(monkeypatch, site, HUBEI_SRC)
    return site


def forget_modules(monkeypatch: pytest.MonkeyPatch, *prefixes: str) -> None:
    """Make the next import of these plugin modules a fresh one."""
    import sys

    for name in list(sys.modules):
        if name.split(".")[0] in prefixes:
            monkeypatch.delitem(sys.modules, name)
