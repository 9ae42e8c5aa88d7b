"""Paths and shared objects for the tests.

The rule sets and linters most tests share are built once per session, on
first use (never at import: collecting the tests must not build anything or
write to a cache)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gialint.linting.engine import Linter
    from gialint.rules.ruleset import RuleSet

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
SEEDS = FIXTURES / "seeds"
SHAPES = FIXTURES / "shapes"
EXAMPLES = ROOT / "examples" / "reports"
PUBLISHED = FIXTURES / "published"  # HTML, DOCX and PDF renderings of the seeds (issue 12; MANIFEST.json)

SEED = {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}


def seed_path(prefix: str) -> Path:
    return SEED[prefix]


@cache
def shared_ruleset() -> RuleSet:
    """gialint's own rules and templates (no plugins), built once."""
    from gialint.plugins.assemble import load_ruleset

    return load_ruleset()


@cache
def default_linter() -> Linter:
    """A linter with the default selection."""
    from gialint.config.model import Config
    from gialint.linting.engine import Linter

    return Linter(shared_ruleset(), Config())


@cache
def all_rules_linter() -> Linter:
    """A linter with every rule selected (the soft ones too)."""
    from gialint.config.model import Config
    from gialint.linting.engine import Linter

    return Linter(shared_ruleset(), Config(select=["all"]))


@cache
def shipped_metas() -> list:  # type: ignore[type-arg]
    """The metadata of gialint's own rules, read from the packs alone (for
    parametrising tests at collection time without building a rule set)."""
    from gialint.rules.spec import load_pack

    out = []
    for f in sorted((ROOT / "rules").glob("*.yaml")):
        out.extend(load_pack(f.read_text(encoding="utf-8"), f"rules/{f.name}"))
    return out


@cache
def published_manifest() -> dict:  # type: ignore[type-arg]
    """tests/fixtures/published/MANIFEST.json: each fixture's base report and what a reader must recover."""
    import json

    return json.loads((PUBLISHED / "MANIFEST.json").read_text(encoding="utf-8"))


@cache
def published_linter() -> Linter:
    """The default linter with gialint's own readers (HTML, DOCX, PDF)."""
    from gialint.config.model import Config
    from gialint.linting.engine import Linter
    from gialint.load.readers import builtin_readers

    readers = {suffix: cls() for cls in builtin_readers() for suffix in cls.suffixes}
    return Linter(shared_ruleset(), Config(), readers=readers)
