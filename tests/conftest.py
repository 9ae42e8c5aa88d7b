from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SHAPES = FIXTURES / "shapes"

SEED = {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Never write the grammar cache into the user's home during tests.
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "gialint-cache"))


@pytest.fixture(autouse=True)
def _no_result_cache(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    # In-process tests patch gialint's internals (a rule that raises, a slow
    # reader), which the result cache's key cannot see: a finding cached by
    # one test must not answer another.  Tests of the cache opt in.
    if "result_cache" not in request.keywords:
        monkeypatch.setattr("gialint.run.resultcache.entry_name", lambda *args, **kwargs: None)


def seed_path(prefix: str) -> Path:
    return SEED[prefix]
