"""``python -m gialint.cli.docs``: regenerate ``docs/rules.md`` (``--check``:
exit 1 if it is out of date)."""

from __future__ import annotations

import sys
from pathlib import Path

from gialint.output.docs import render


def generate() -> str:
    from gialint.plugins.assemble import load_ruleset

    return render(load_ruleset().metas)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path("docs/rules.md")
    text = generate()
    if "--check" in args:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python -m gialint.cli.docs", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
