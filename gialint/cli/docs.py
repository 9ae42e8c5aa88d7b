"""``python -m gialint.cli.docs``: regenerate what is generated from the
code — ``docs/rules.md`` (the rule metadata) and ``rules/config.schema.json``
(the options table); ``--check`` exits 1 if any is out of date."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from gialint.output.docs import render


def generate() -> str:
    from gialint.plugins.assemble import load_ruleset

    return render(load_ruleset().metas)


def _schema() -> str:
    from gialint.config.options import schema_text

    return schema_text()


TARGETS: dict[str, Callable[[], str]] = {
    "docs/rules.md": generate,
    "rules/config.schema.json": _schema,
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    stale = []
    for name, make in TARGETS.items():
        target = Path(name)
        text = make()
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current == text:
            continue
        if "--check" in args:
            stale.append(name)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    for name in stale:
        print(f"{name} is out of date: run python -m gialint.cli.docs", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
