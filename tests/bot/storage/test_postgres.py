"""Several replicas on one PostgreSQL database (needs PHASEWATCH_TEST_DATABASE_URL).

Two `phasewatch run` processes share the database: exactly one polls (advisory lock), both
deliver (SKIP LOCKED claims), every alert lands exactly once, and killing the leader hands
polling to the other.
"""

from __future__ import annotations

import re
from collections import Counter

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from bot.storage.leader import Leadership
from bot.storage.store import create_db
from tests.bot.test_service import watch_all
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, serve_feeds, serve_filing
from tests.service_process import Service, start_service, wait_for
from tests.slack_server import FakeSlack

COMPANIES = [(1990400 + i, f"REPL{i}", f"Replica Bio {i}, Inc.") for i in range(8)]


def test_migrations_on_postgresql_match_the_models(pg_url: str) -> None:
    """The Alembic history builds the models' schema on PostgreSQL too, and re-runs harmlessly."""
    create_db(pg_url)
    engine = create_db(pg_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), SQLModel.metadata) == []
    engine.dispose()


def test_only_one_process_leads_at_a_time(pg_url: str) -> None:
    """The advisory lock admits one leader; releasing it lets the next one in."""
    engine = create_db(pg_url)
    first, second = Leadership(engine), Leadership(engine)
    assert first.is_leader()
    assert first.is_leader()  # still held
    assert not second.is_leader()
    first.release()
    assert second.is_leader()
    second.release()
    engine.dispose()


def leading(service: Service) -> bool:
    """Whether the replica reports itself as poll leader in /metrics."""
    status, body = service.get("/metrics")
    return status == 200 and bool(re.search(r"^phasewatch_poll_leader 1\.0$", body, re.M))


def posted(slack: FakeSlack) -> Counter[tuple[str, str]]:
    """How many messages each (channel, accession) got."""
    return Counter(
        (call.body["channel"], call.body["metadata"]["event_payload"]["accession"])
        for call in slack.calls_to("chat.postMessage")
    )


def test_two_replicas_post_each_alert_once_and_survive_the_leader(
    pg_url: str, edgar: FakeEdgar, slack: FakeSlack
) -> None:
    """Two replicas, two channels, six filings: twelve posts, none doubled; then the leader dies."""
    filings = [drug_filing(cik, name, i + 1) for i, (cik, _, name) in enumerate(COMPANIES[:6])]
    serve_feeds(edgar, filings, COMPANIES)
    for n, f in enumerate(filings):
        serve_filing(edgar, f, f"The first patient has been dosed in the Phase 2 trial of RP-{n}.")
    watch_all(pg_url, "C1")
    watch_all(pg_url, "C2")
    replicas = [start_service(edgar, slack, pg_url) for _ in range(2)]
    try:
        wait_for(lambda: sum(posted(slack).values()) >= 12, timeout=60, what="12 posts")
        assert set(posted(slack).values()) == {1}
        assert sorted(leading(r) for r in replicas) == [False, True]

        leader = next(r for r in replicas if leading(r))
        follower = next(r for r in replicas if r is not leader)
        leader.kill()
        late = drug_filing(COMPANIES[6][0], COMPANIES[6][2], 7)
        serve_filing(edgar, late, "The first patient has been dosed in the Phase 2 trial of RP-7.")
        serve_feeds(edgar, [late, *filings], COMPANIES)
        wait_for(lambda: leading(follower), timeout=10, what="the follower to take over")
        wait_for(lambda: ("C1", late.accession) in posted(slack), timeout=30, what="late alert")
        wait_for(lambda: sum(posted(slack).values()) >= 14, timeout=30, what="14 posts")
        assert set(posted(slack).values()) == {1}
    finally:
        for replica in replicas:
            if replica.process.poll() is None:
                replica.stop()
