"""PostgreSQL sessions run within bounds: a statement stuck behind a lock or running too long
fails as one StoreTimeoutError line, and the jobs leave the work for the next run."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.pool import NullPool

from bot.service import run_deliver, run_poll
from bot.storage.leader import Leadership
from bot.storage.migrate import MIGRATION_LOCK
from bot.storage.models import now_utc
from bot.storage.outbox import deliveries
from bot.storage.store import (
    Bounds,
    StoreTimeoutError,
    create_db,
    get_filing,
    save_new_filings,
    unpooled_engine,
)
from tests.bot.test_service import ACME, STARTED, watch_all
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, make_runtime, serve_feeds, serve_filing
from tests.slack_server import FakeSlack
from watchers import Filing

FAST = Bounds(statement=5, lock=1)


@contextmanager
def session_holding(pg_url: str, sql: str) -> Iterator[Connection]:
    """Another session that ran `sql` in a transaction it keeps open until the block ends."""
    engine = create_engine(pg_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text(sql))
            yield connection
            connection.rollback()
    finally:
        engine.dispose()


def _filing(n: int) -> Filing:
    return Filing(
        accession=f"0001990101-26-{n:06d}",
        cik=ACME[0],
        company=ACME[2],
        form="8-K",
        index_url=f"https://www.sec.gov/Archives/edgar/data/{ACME[0]}/{n}-index.htm",
    )


def test_a_write_behind_a_held_table_lock_fails_within_the_lock_bound(pg_url: str) -> None:
    """Another session holds ACCESS EXCLUSIVE on filings: saving a filing raises one
    StoreTimeoutError line within the bound, stores nothing, and succeeds once the lock goes."""
    engine = create_db(pg_url, FAST)
    try:
        with session_holding(pg_url, "LOCK TABLE filings IN ACCESS EXCLUSIVE MODE"):
            began = time.monotonic()
            with pytest.raises(StoreTimeoutError) as raised:
                save_new_filings(engine, [_filing(1)], now_utc())
            assert time.monotonic() - began < 4
        message = str(raised.value)
        assert "\n" not in message
        assert "canceling statement due to lock timeout" in message
        assert get_filing(engine, _filing(1).accession) is None
        assert save_new_filings(engine, [_filing(1)], now_utc()) == [_filing(1).accession]
        assert save_new_filings(engine, [_filing(1)], now_utc()) == []
    finally:
        engine.dispose()


def test_a_statement_running_past_its_bound_is_cancelled(pg_url: str) -> None:
    """A statement the server is still running after `statement` seconds is cancelled."""
    engine = create_db(pg_url, Bounds(statement=0.5, lock=1))
    try:
        began = time.monotonic()
        with engine.connect() as connection, pytest.raises(StoreTimeoutError) as raised:
            connection.execute(text("SELECT pg_sleep(10)"))
        assert time.monotonic() - began < 5
        assert "canceling statement due to statement timeout" in str(raised.value)
        with engine.connect() as connection:  # the pool hands out a usable connection after
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def test_default_bounds_are_set_on_every_session(pg_url: str) -> None:
    """create_db's engine runs each session with the default Bounds."""
    engine = create_db(pg_url)
    try:
        with engine.connect() as connection:
            shown = [
                connection.execute(text(f"SHOW {name}")).scalar()
                for name in (
                    "statement_timeout",
                    "lock_timeout",
                    "idle_in_transaction_session_timeout",
                )
            ]
        assert shown == ["30s", "10s", "2min"]
    finally:
        engine.dispose()


def test_the_poll_leaders_own_session_runs_within_the_same_bounds(pg_url: str) -> None:
    """The leader holds its lock on a connection of its own for hours: that engine opens a fresh
    connection each time (no pool) and its sessions carry the default bounds too."""
    engine = create_db(pg_url)
    held = unpooled_engine(engine)
    try:
        assert isinstance(held.pool, NullPool)
        with held.connect() as connection:
            shown = connection.execute(text("SHOW statement_timeout")).scalar()
            raw = connection.connection.dbapi_connection  # psycopg's own connection
            assert raw is not None
            params = raw.info.get_parameters()
        assert shown == "30s"
        assert params["connect_timeout"] == "10"
        assert params["keepalives"] == "1"
    finally:
        held.dispose()
        engine.dispose()


def test_a_replica_waits_for_another_replicas_upgrade_beyond_the_lock_bound(pg_url: str) -> None:
    """Migrations are not bounded: a replica starting while another holds the migration lock
    for longer than `lock` seconds waits for it, then opens the database."""
    create_db(pg_url).dispose()
    opened: list[object] = []
    with session_holding(pg_url, f"SELECT pg_advisory_lock({MIGRATION_LOCK})") as holder:
        starting = threading.Thread(target=lambda: opened.append(create_db(pg_url, FAST)))
        starting.start()
        starting.join(2.5)
        assert opened == []  # still waiting, past the 1 s lock bound
        holder.execute(text(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
        starting.join(10)
    assert len(opened) == 1
    opened[0].dispose()  # type: ignore[attr-defined]


def test_poll_and_delivery_jobs_behind_a_held_lock_log_one_line_and_leave_the_work(
    edgar: FakeEdgar, slack: FakeSlack, pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """With filings, then deliveries, locked by another session, the poll and delivery jobs
    each log one error line (no traceback) and store nothing; once the locks go, the next poll
    stores the filing and the next delivery posts its alert."""
    filing = drug_filing(ACME[0], ACME[2], 1)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    watch_all(pg_url)
    rt = make_runtime(edgar, slack, pg_url)
    rt.engine.dispose()
    rt.engine = create_db(pg_url, FAST)
    leadership = Leadership(rt.engine)
    caplog.set_level(logging.INFO, logger="bot.service")
    try:
        with session_holding(pg_url, "LOCK TABLE filings IN ACCESS EXCLUSIVE MODE"):
            run_poll(rt, leadership)
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert [r.exc_info for r in errors] == [None]
        assert "poll failed: database: canceling statement due to lock timeout" in (
            errors[0].getMessage()
        )
        assert get_filing(rt.engine, filing.accession) is None

        run_poll(rt, leadership)  # the lock gone: the filing is stored, its alert queued
        assert get_filing(rt.engine, filing.accession) is not None
        assert [d.state for d in deliveries(rt.engine)] == ["pending"]

        caplog.clear()
        with session_holding(pg_url, "LOCK TABLE deliveries IN ACCESS EXCLUSIVE MODE"):
            run_deliver(rt)
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert [r.exc_info for r in errors] == [None]
        assert "delivery failed: database: canceling statement due to lock timeout" in (
            errors[0].getMessage()
        )
        assert slack.calls_to("chat.postMessage") == []
        assert [d.state for d in deliveries(rt.engine)] == ["pending"]
        run_deliver(rt)
        assert len(slack.calls_to("chat.postMessage")) == 1
        assert [d.state for d in deliveries(rt.engine)] == ["sent"]
    finally:
        leadership.release()
        rt.close()
