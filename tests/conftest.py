"""Fixtures for every test: a private cache directory, the result cache off
unless a test asks for it, the shared rule set and linters, and the ``slow``
marker on the integration tests (``python -m pytest -m "not slow"`` is the
inner loop)."""

from __future__ import annotations

import os

import pytest

from tests import helpers


@pytest.hookimpl(trylast=True)  # after the tmp_path plugin has set up
def pytest_configure(config: pytest.Config) -> None:
    # From collection on, gialint's disk cache lives in this run's temporary
    # directory, never in the user's home (and no test module builds a rule
    # set at import time: tests.helpers builds them on first use).
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    os.environ["GIALINT_CACHE_DIR"] = str(base / "gialint-cache")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    integration = helpers.TESTS / "integration"
    for item in items:
        if integration in item.path.parents:
            item.add_marker(pytest.mark.slow)


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
        monkeypatch.setattr("gialint.run.resultcache.series_name", lambda *args, **kwargs: None)


@pytest.fixture(scope="session")
def ruleset():  # type: ignore[no-untyped-def]
    return helpers.shared_ruleset()


@pytest.fixture(scope="session")
def linter():  # type: ignore[no-untyped-def]
    return helpers.default_linter()


@pytest.fixture(scope="session")
def linter_all():  # type: ignore[no-untyped-def]
    return helpers.all_rules_linter()
