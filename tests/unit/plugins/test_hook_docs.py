"""Every hook has a docstring and appears in docs/hooks.md with its signature
and docstring, and the docs name no hook that does not exist."""

from __future__ import annotations

import inspect
import re

from gialint.plugins import hookspecs

from tests.pluginkit import ROOT

DOC = ROOT / "docs" / "hooks.md"


def spec_functions() -> dict[str, object]:
    return {n: f for n, f in vars(hookspecs).items() if n.startswith("gialint_") and inspect.isfunction(f)}


def signature(fn) -> str:  # type: ignore[no-untyped-def]
    ann = dict(fn.__annotations__)
    ret = ann.pop("return", None)
    params = ", ".join(f"{p}: {ann[p]}" if p in ann else p for p in inspect.signature(fn).parameters)
    return f"def {fn.__name__}({params})" + (f" -> {ret}" if ret else "")


def render(fn) -> str:  # type: ignore[no-untyped-def]
    """The section docs/hooks.md must hold for ``fn`` (regenerate with
    ``python -m tests.test_hook_docs``)."""
    return f"## `{fn.__name__}`\n\n```python\n{signature(fn)}\n```\n\n{inspect.getdoc(fn)}\n"


def test_every_hook_is_declared_and_documented_in_the_module() -> None:
    specs = spec_functions()
    assert set(specs) >= {"gialint_add_kinds", "gialint_add_rule_packs", "gialint_add_templates", "gialint_add_readers", "gialint_add_formatters", "gialint_check_report"}
    for name, fn in specs.items():
        doc = inspect.getdoc(fn) or ""
        assert doc.startswith(("Add ", "Check ")), f"{name}: a docstring saying what it does"
        assert "Called " in doc, f"{name}: say when it is called"
        assert "Returns " in doc, f"{name}: say what it returns"
        assert "first" in doc or "Every plugin" in doc or "Each plugin" in doc, f"{name}: say whether the first result wins"


def test_docs_hold_every_hook_with_its_signature_and_docstring() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, fn in spec_functions().items():
        assert render(fn) in text, f"docs/hooks.md is out of step for {name}; regenerate with python -m tests.test_hook_docs"


def test_docs_name_no_other_hook() -> None:
    named = set(re.findall(r"^## `(gialint_\w+)`", DOC.read_text(encoding="utf-8"), flags=re.M))
    assert named == set(spec_functions())


def test_authoring_guide_lists_every_builtin_kind() -> None:
    from gialint.rules.kinds import builtin_kinds

    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for name, kind in builtin_kinds().items():
        row = next((line for line in text.splitlines() if line.startswith(f"| `{name}` |")), None)
        assert row is not None, f"docs/authoring.md: kind {name} missing from the table"
        required = [o for o, opt in kind.options.items() if opt.required]
        assert all(f"`{o}*`" in row for o in required) and all(f"`{o}`" in row or f"`{o}*`" in row for o in kind.options), name


if __name__ == "__main__":  # print the hook sections for docs/hooks.md
    print("\n".join(render(fn) for fn in spec_functions().values()))
