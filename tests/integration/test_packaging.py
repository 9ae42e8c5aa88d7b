"""A real wheel, installed in a fresh virtual environment, runs on a seed:
the grammar and templates ship inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from tests.helpers import ROOT as _ROOT

ROOT = _ROOT


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True, capture_output=True)
    wheel = next(dist.glob("gialint-*.whl"))
    env_dir = tmp / "venv"
    # The fresh environment reuses this one's site-packages for the
    # dependencies (no network), but gialint itself comes from the wheel.
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = next(p for p in sys.path if p.endswith("site-packages"))
    pth = next((env_dir / "lib").glob("python*/site-packages"))
    (pth / "deps.pth").write_text(site + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True)
    return env_dir


def test_wheel_contains_data(installed: Path) -> None:
    py = installed / "bin" / "python"
    code = "import gialint.resources as r, gialint; print(gialint.__file__); print([f.name for f in r.template_files()]); print(len(r.grammar_text()))"
    out = subprocess.run([str(py), "-c", code], check=True, capture_output=True, text=True, cwd=installed).stdout.split("\n")
    assert str(installed) in out[0]
    assert out[1] == "['v2019.yaml', 'v2021.yaml']"
    assert int(out[2]) > 500


def test_installed_command_parses_a_seed(installed: Path, tmp_path: Path) -> None:
    seed = ROOT / "tests" / "fixtures" / "seeds" / "004_133a86a936eb75e3.txt"
    env = dict(os.environ, GIALINT_CACHE_DIR=str(tmp_path))
    res = subprocess.run([str(installed / "bin" / "gialint"), "parse", "--format", "json", str(seed)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["format"]["version"] == "v2021"
    assert sum(len(t["cells"]) for t in data["tables"]) == 200


def test_wheel_ships_presets_and_config_schema(installed: Path) -> None:
    py = installed / "bin" / "python"
    code = (
        "import json, gialint.resources as r; from gialint.configfile import load_config;"
        "print(load_config(None).fail_on, 'soft' in r.preset_text('strict'), json.loads(r.config_schema_text())['title'])"
    )
    out = subprocess.run([str(py), "-c", code], check=True, capture_output=True, text=True, cwd=installed).stdout.strip()
    assert out == "error True gialint configuration"


def test_every_subpackage_is_listed_in_pyproject() -> None:
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "gialint").rglob("__init__.py")}
    assert found <= listed


def test_installed_command_writes_the_review_page(installed: Path, tmp_path: Path) -> None:
    """The page's style sheet and script ship in the wheel and are inlined."""
    seed = ROOT / "tests" / "fixtures" / "seeds" / "002_c5ec5838828042f2.txt"
    page = tmp_path / "review.html"
    env = dict(os.environ, GIALINT_CACHE_DIR=str(tmp_path / "cache"))
    res = subprocess.run([str(installed / "bin" / "gialint"), "check", "--format", "html", "-o", str(page), str(seed)],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    text = page.read_text(encoding="utf-8")
    assert ".report { display: none; }" in text and 'body.classList.add("js")' in text
    assert "GIA201" in text and "6.属于四类过程性信息" in text
