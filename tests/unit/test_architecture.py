"""The shape of the package (issue 19): the layers and the absence of cycles
(import-linter's contracts in pyproject.toml), small modules, the public API,
the old import paths kept working, and the packaged list of sub-packages."""

from __future__ import annotations

import ast
import subprocess
import sys
import warnings

import pytest

from tests.helpers import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

PACKAGE = ROOT / "gialint"
MAX_LINES = 300


def test_import_linter_contracts_are_kept() -> None:
    import os

    command = os.path.join(os.path.dirname(sys.executable), "lint-imports")
    proc = subprocess.run([command, "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "2 kept, 0 broken" in out, out


def test_the_layers_contract_names_every_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    named = {part.strip() for layer in layers for part in layer.split("|")}
    packages = {f"gialint.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").exists() and not p.name.startswith("_")}
    modules = {f"gialint.{p.stem}" for p in PACKAGE.glob("*.py") if not p.name.startswith("_")}
    assert packages | modules == named


def test_no_module_over_the_limit_unless_it_says_why() -> None:
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").count("\n")
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if lines > MAX_LINES and "one cohesive thing" not in doc:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert too_long == []


def test_every_package_says_what_it_owns_and_may_import() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        if init.parent.name.startswith("_"):
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "May import" in doc, f"{init.relative_to(ROOT)}: say what the package owns and may import"


def test_pyproject_lists_every_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = {p for p in config["packages"] if not p.startswith("gialint._data")}
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py") if "_data" not in p.parts}
    assert listed == found


def test_version_is_the_same_in_pyproject_and_the_package() -> None:
    import gialint

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert gialint.__version__ == config["project"]["version"]


def test_public_api_names_resolve_lazily() -> None:
    code = (
        "import sys, gialint; before = set(sys.modules); "
        "names = [getattr(gialint, n) for n in gialint.__all__]; "
        "print('gialint.linting.engine' in before, len(names))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    import gialint
    from gialint import api

    assert out == ["False", str(len(gialint.__all__))]  # nothing heavy is imported by `import gialint`
    assert set(gialint.__all__) == set(api.__all__)


def test_public_lint_and_read_report() -> None:
    import gialint

    from tests.helpers import seed_path

    path = seed_path("002")
    findings = gialint.lint(path, isolated=True)
    assert {"GIA201", "GIA202", "GIA702"} <= {f.rule for f in findings}
    assert [f.rule for f in gialint.lint(text=path.read_text(encoding="utf-8"), path="002.txt", isolated=True)] == [f.rule for f in findings]
    assert gialint.read_report(path, isolated=True).template.id == "v2019"
    with pytest.raises(TypeError):
        gialint.lint(path, text="x")


def test_finding_and_hit_are_immutable() -> None:
    import dataclasses

    from gialint import Finding, Hit, Span

    f = Finding("p", 1, 1, 1, 2, "GIA001", "x", "input", "error", "m")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.severity = "info"  # type: ignore[misc]
    h = Hit(Span(1, 1, 1, 2), "m")
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.message = "n"  # type: ignore[misc]
    assert f.with_severity("info").severity == "info" and f.severity == "error"


# The imports docs/hooks.md and docs/authoring.md showed before issue 19.
OLD_IMPORTS = [
    ("gialint.findings", "Hit"), ("gialint.findings", "Finding"), ("gialint.kinds", "Kind"), ("gialint.kinds", "Option"),
    ("gialint.report", "Report"), ("gialint.suggest", "did_you_mean"), ("gialint.normalize", "norm"),
    ("gialint.readers", "Reader"), ("gialint.formatters", "Formatter"), ("gialint.source", "Source"),
    ("gialint.source", "from_text"), ("gialint.engine", "Linter"), ("gialint.engine", "load_ruleset"),
    ("gialint.config", "Config"), ("gialint.plugins", "get_plugin_manager"), ("gialint.hookspecs", "hookimpl"),
    ("gialint.document", "Span"), ("gialint.templates", "Template"), ("gialint.builtin_plugin", "gialint_add_kinds"),
]  # fmt: skip


@pytest.mark.parametrize(("module", "name"), OLD_IMPORTS)
def test_old_documented_imports_still_work(module: str, name: str) -> None:
    import importlib

    import gialint

    sys.modules.pop(module, None) if module not in ("gialint.config", "gialint.plugins") else None  # import it afresh
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        obj = getattr(importlib.import_module(module), name)
    new = getattr(gialint, name, None)
    if new is not None:
        assert obj is new  # the same object as the public API's, not a copy
    moved = module not in ("gialint.config", "gialint.plugins")  # still packages of that name
    assert not moved or any(issubclass(w.category, DeprecationWarning) and module in str(w.message) for w in caught)


def test_an_old_submodule_is_the_new_module_not_a_copy() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import gialint.kinds.equation as old
    import gialint.rules.kinds.equation as new

    assert old is new
