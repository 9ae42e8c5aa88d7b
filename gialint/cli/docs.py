"""``python -m gialint.cli.docs``: regenerate what is generated from the
code — ``docs/rules.md`` (the rule metadata), ``rules/config.schema.json``
and the option table of ``docs/configuration.md`` (the options table), the
kinds table of ``docs/authoring.md`` (the kinds' options and message
fields); ``--check`` exits 1 if any is out of date."""

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


def _region(path: str, name: str, make: Callable[[], str]) -> Callable[[], str]:
    """The file at ``path`` with its generated region ``name`` made anew."""

    def build() -> str:
        from gialint.output.docs import replace_between

        return replace_between(Path(path).read_text(encoding="utf-8"), name, make())

    return build


def _kinds() -> str:
    from gialint.output.docs import kinds_markdown
    from gialint.rules.kinds import builtin_kinds

    return kinds_markdown(builtin_kinds())


def _options() -> str:
    from gialint.config.options import markdown_table

    return markdown_table()


TARGETS: dict[str, Callable[[], str]] = {
    "docs/rules.md": generate,
    "rules/config.schema.json": _schema,
    "docs/authoring.md": _region("docs/authoring.md", "kinds", _kinds),
    "docs/configuration.md": _region("docs/configuration.md", "options", _options),
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
