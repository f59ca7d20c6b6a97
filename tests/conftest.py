"""Shared fixtures: local EDGAR and Slack stand-ins, a real SQLite file, the ../shared data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from tests.edgar_fixtures import edgar  # noqa: F401  (re-exported fixture)
from tests.slack_server import FakeSlack

# Tests that cannot depend on the date: pure text in, events out (the classifiers, the text
# properties), the import rules, and startup errors that stop before anything reads the clock.
# The moved-clock runs of scripts/check skip them (`-m "not clock_free"`); the first run has them.
CLOCK_FREE = (
    "tests/classifiers/",
    "tests/watchers/test_text_properties.py",
    "tests/test_architecture.py",
    "tests/bot/test_settings_errors.py",
)


# The longest tests (each waits on real rates: EDGAR's 10 req/s, Slack's 1 post/s a channel, a
# 10 s connect timeout), run first: `--dist worksteal` then spreads the rest around them, where
# one of them started last would leave the other workers idle until it ends. Longest first.
SLOW_FIRST = (
    "tests/bot/usecases/test_burst.py::",
    "tests/bot/test_delivery_processes.py::",
    "tests/bot/test_crash.py::",
    "tests/bot/test_settings_errors.py::test_postgresql_host_that_never_answers",
    "tests/bot/storage/test_postgres.py::test_two_replicas",
    "tests/bot/slack/test_socket_mode.py::",
)


def slow_rank(item: pytest.Item) -> int:
    """The item's place in SLOW_FIRST, or len(SLOW_FIRST) for every other test."""
    for rank, prefix in enumerate(SLOW_FIRST):
        if item.nodeid.startswith(prefix):
            return rank
    return len(SLOW_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the CLOCK_FREE tests; put the SLOW_FIRST ones first (a stable sort: the rest keep
    their order)."""
    for item in items:
        if item.path.relative_to(REPO).as_posix().startswith(CLOCK_FREE):
            item.add_marker(pytest.mark.clock_free)
    items.sort(key=slow_rank)


REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """../shared beside the repository, or skip: tests read real data from there."""
    if not (SHARED / "CONTRACT.md").is_file():
        pytest.skip(f"../shared is absent ({SHARED}); real EDGAR captures and corpus not available")
    return SHARED


@pytest.fixture
def seed_text(shared: Path) -> str:
    """The reference ImmunoGen 8-K (huC242-DM4 MTD 168 mg/m², now in Phase II)."""
    path = shared / "seed" / "001_4071176f85cd4a78.txt"
    if not path.is_file():
        pytest.skip(f"seed filing absent: {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """A local Slack Web API stand-in."""
    with FakeSlack() as server:
        yield server


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A real SQLite database file in the test's temporary directory."""
    return f"sqlite:///{tmp_path / 'phasewatch.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards.

    Needs PHASEWATCH_TEST_DATABASE_URL (`.ci/run` sets it to the local server); skipped without.
    """
    base = os.environ.get("PHASEWATCH_TEST_DATABASE_URL")
    if not base:
        pytest.skip("PHASEWATCH_TEST_DATABASE_URL is not set: no PostgreSQL server to test against")
    url = make_url(base)
    name = f"phasewatch_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(autouse=True)
def no_real_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches clinicaltrials.gov: the registry is off unless a test points it somewhere."""
    monkeypatch.setenv("PHASEWATCH_CTGOV_URL", "")
