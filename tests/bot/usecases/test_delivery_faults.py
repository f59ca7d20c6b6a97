"""Slack faults against delivery (issue 12): each alert lands exactly once, or waits, visibly.

In-process runtimes on one real SQLite file (two runtimes with separate engines stand for two
processes) against the local Slack stand-in, which can refuse a token, answer late, rate-limit
one channel or fail with 500s. The multi-process cases (`run` with cron `poll --once`, two
replicas on PostgreSQL) are in tests/bot/test_delivery_processes.py.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.domain.alerts import Alert
from bot.service import Health
from bot.slack.status_blocks import render_status
from bot.storage.claims import claim_alert
from bot.storage.models import now_utc
from bot.storage.outbox import deliveries, due_alerts
from bot.storage.store import create_db, events_for, pending_filings, save_new_filings
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.context import Runtime
from bot.usecases.deliver import SlackPoster, make_delivery_client
from bot.usecases.poll import PollReport, deliver, poll_feeds, process_filing
from bot.views.status import gather_status
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, make_runtime, serve_feeds, serve_filing
from tests.service_process import wait_for
from tests.slack_server import FakeSlack, Scripted

COMPANIES = [(1990700 + i, f"FLT{i}", f"Faultline Bio {i}, Inc.") for i in range(6)]
CREDENTIAL_ERRORS = [
    "invalid_auth",
    "not_authed",
    "account_inactive",
    "token_revoked",
    "token_expired",
    "missing_scope",
]


def owe_alerts(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, n: int, channels: tuple[str, ...] = ("C1",)
) -> Runtime:
    """Serve n filings, watch them in `channels` and process them: n alerts per channel owed."""
    filings = [drug_filing(cik, name, i + 1) for i, (cik, _, name) in enumerate(COMPANIES[:n])]
    serve_feeds(edgar, filings, COMPANIES)
    for i, filing in enumerate(filings):
        serve_filing(edgar, filing, f"The first patient has been dosed in the Phase 2 of FB-{i}.")
    rt = make_runtime(edgar, slack, db_url)
    for channel in channels:
        add_watch(rt.engine, "all", channel, lookup=lookup_stored(rt.engine), now=now_utc())
    report = poll_feeds(rt, company_feeds=False)
    assert report.alerts_queued == n * len(channels)
    return rt


def with_poster(rt: Runtime, slack: FakeSlack, token: str = "xoxb-test", timeout: int = 15) -> None:  # noqa: S107 (a test token)
    """Give the runtime its own Slack poster (another token, a shorter client timeout)."""
    rt.poster = SlackPoster(make_delivery_client(token, slack.api_url, timeout=timeout))


def another_process(edgar: FakeEdgar, slack: FakeSlack, db_url: str, **env: str) -> Runtime:
    """A second runtime on the same database file: its own engine, poster and clock."""
    return make_runtime(edgar, slack, db_url, **env)


def shifted(by: timedelta) -> datetime:
    """The clock `by` ahead of now."""
    return now_utc() + by


def states(rt: Runtime) -> list[str]:
    """Every delivery's state, oldest first."""
    return [d.state for d in deliveries(rt.engine)]


def posted_accessions(slack: FakeSlack, channel: str = "C1") -> list[str]:
    """The accession of every message in a channel, in order."""
    return [m["metadata"]["event_payload"]["accession"] for m in slack.messages[channel]]


@pytest.mark.parametrize("code", CREDENTIAL_ERRORS)
def test_refused_credentials_stop_delivery_keep_alerts_and_a_good_token_delivers_them(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, code: str
) -> None:
    """A refused token: one post tried, none after, alerts pending; health and status say so."""
    rt = owe_alerts(edgar, slack, db_url, 2)
    slack.refuse_token("xoxb-revoked", code)
    with_poster(rt, slack, "xoxb-revoked")
    assert deliver(rt).posted == 0
    assert deliver(rt).posted == 0  # the next rounds do not even try
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert states(rt) == ["pending"] * 2
    assert {d.attempts for d in deliveries(rt.engine)} == {0}
    health = Health(rt).check()
    assert health[0] == 503
    assert f"Slack refused the bot token ({code})" in health[1]
    status = gather_status(rt.engine, now_utc())
    assert status.slack_refused == code
    assert "Slack delivery stopped" in render_status(status)

    fixed = another_process(edgar, slack, db_url)  # restarted with a good token
    assert deliver(fixed).posted == 2
    assert len(slack.messages["C1"]) == 2
    assert states(fixed) == ["sent"] * 2
    assert gather_status(fixed.engine, now_utc()).slack_refused is None


def test_a_post_answered_after_the_client_timeout_is_settled_from_history_not_reposted(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Slack takes three posts and answers each after the client gave up: 3 messages, not 5."""
    rt = owe_alerts(edgar, slack, db_url, 3)
    with_poster(rt, slack, timeout=1)
    slack.script("chat.postMessage", *[Scripted.slow(2.5)] * 3)
    assert deliver(rt).posted == 0
    assert states(rt) == ["unknown"] * 3
    assert deliver(rt).posted == 0  # still settling: neither checked nor re-posted
    rt.clock = lambda: shifted(timedelta(minutes=5))  # past the settling time
    deliver(rt)
    assert len(slack.calls_to("chat.postMessage")) == 3
    assert len(slack.messages["C1"]) == 3
    assert states(rt) == ["sent"] * 3
    ts = {m["ts"] for m in slack.messages["C1"]}
    assert {d.ts for d in deliveries(rt.engine)} == ts


def test_a_post_that_got_no_answer_and_never_landed_is_posted_again_once_after_settling(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """No answer and not in the channel's history: posted again, once."""
    rt = owe_alerts(edgar, slack, db_url, 1)
    with_poster(rt, slack, timeout=1)
    slack.script("chat.postMessage", Scripted(delay=2.5))  # answered late, message not kept
    deliver(rt)
    assert states(rt) == ["unknown"]
    rt.clock = lambda: shifted(timedelta(minutes=5))
    deliver(rt)
    assert len(slack.calls_to("chat.postMessage")) == 2
    assert len(slack.messages["C1"]) == 1
    assert states(rt) == ["sent"]


def test_a_rate_limited_alert_is_not_taken_for_stuck_by_a_second_deliverer(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """429 Retry-After 30: the job returns at once; a cron deliverer neither settles nor posts."""
    rt = owe_alerts(edgar, slack, db_url, 1)
    slack.script("chat.postMessage", Scripted.rate_limited(30), channel="C1")
    began = time.monotonic()
    deliver(rt)
    assert time.monotonic() - began < 5  # no sleep on Retry-After in the job
    (row,) = deliveries(rt.engine)
    assert (row.state, row.claim_token, row.attempts) == ("pending", None, 0)
    assert row.next_attempt_at is not None
    assert row.next_attempt_at > now_utc() + timedelta(seconds=25)

    cron = another_process(edgar, slack, db_url, PHASEWATCH_INFLIGHT_SECONDS="1")
    cron.clock = lambda: shifted(timedelta(seconds=10))  # well past its in-flight grace
    deliver(cron)
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert "C1" in gather_status(cron.engine, cron.clock()).held_back
    cron.clock = lambda: shifted(timedelta(seconds=31))  # Retry-After has passed
    assert deliver(cron).posted == 1
    assert len(slack.messages["C1"]) == 1


def test_reconciliation_leaves_a_claim_whose_holder_is_alive_alone(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """A claim under a live lease is not the reconciler's, however short its own grace period."""
    rt = owe_alerts(edgar, slack, db_url, 1)
    (alert,) = due_alerts(rt.engine, now_utc())
    assert claim_alert(rt.engine, alert, now_utc(), timedelta(minutes=2))  # posting, mid-call
    cron = another_process(edgar, slack, db_url, PHASEWATCH_INFLIGHT_SECONDS="1")
    cron.clock = lambda: shifted(timedelta(seconds=30))
    deliver(cron)
    assert slack.calls_to("chat.postMessage") == []
    assert slack.calls_to("conversations.history") == []
    assert states(cron) == ["posting"]
    cron.clock = lambda: shifted(timedelta(minutes=3))  # the holder's lease ran out: it died
    deliver(cron)
    assert len(slack.calls_to("conversations.history")) == 1
    assert len(slack.messages["C1"]) == 1
    assert states(cron) == ["sent"]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_claims_of_one_delivery_let_exactly_one_process_win(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, backend: str, request: pytest.FixtureRequest
) -> None:
    """Eight engines claim each of five alerts at the same instant: one claim per alert wins."""
    url = db_url if backend == "sqlite" else request.getfixturevalue("pg_url")
    rt = owe_alerts(edgar, slack, url, 5)
    alerts = due_alerts(rt.engine, now_utc())
    engines = [create_db(url) for _ in range(8)]
    wins: list[str] = []
    for alert in alerts:
        gate = threading.Barrier(len(engines))

        def claim(engine: Engine, alert: Alert = alert, gate: threading.Barrier = gate) -> None:
            gate.wait()
            token = claim_alert(engine, alert, now_utc(), timedelta(minutes=2))
            if token:
                wins.append(token)

        threads = [threading.Thread(target=claim, args=(e,)) for e in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(wins) == len(alerts)
    assert states(rt) == ["posting"] * 5
    for engine in engines:
        engine.dispose()


def test_a_channel_rate_limited_for_an_hour_waits_alone(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Retry-After 3600 on C1: C2 gets every alert at once; C1's wait for their hour."""
    rt = owe_alerts(edgar, slack, db_url, 3, channels=("C1", "C2"))
    slack.script("chat.postMessage", Scripted.rate_limited(3600), channel="C1")
    began = time.monotonic()
    assert deliver(rt).posted == 3
    assert time.monotonic() - began < 10  # 3 paced posts to C2, no hour-long sleep
    assert len(slack.messages["C2"]) == 3
    assert slack.messages["C1"] == []
    assert [c.body["channel"] for c in slack.calls_to("chat.postMessage")].count("C1") == 1
    held = gather_status(rt.engine, now_utc()).held_back
    assert "C1" in held
    assert "Retry-After 3600 s" in held["C1"]
    rt.clock = lambda: shifted(timedelta(minutes=61))
    assert deliver(rt).posted == 3
    assert sorted(posted_accessions(slack, "C1")) == sorted(posted_accessions(slack, "C2"))


def test_stop_ends_a_delivery_round_waiting_for_a_channel_at_once(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """SIGTERM (the runtime's stop event) during the per-channel wait ends the round at once."""
    rt = owe_alerts(edgar, slack, db_url, 4)
    rt.poster = SlackPoster(
        make_delivery_client("xoxb-test", slack.api_url), per_channel_interval=4
    )
    stopped: list[float] = []

    def sigterm_after_the_first_post() -> None:
        wait_for(lambda: slack.messages["C1"], timeout=30, what="the first post")
        time.sleep(0.5)  # the job is now waiting 4 s for the channel's next slot
        stopped.append(time.monotonic())
        rt.stop.set()

    threading.Thread(target=sigterm_after_the_first_post).start()
    report = deliver(rt)
    assert time.monotonic() - stopped[0] < 1.0
    assert report.posted == 1
    assert states(rt).count("pending") == 3


def test_slack_500s_are_retried_later_and_the_alert_lands_once(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Three 500s (the client's own retries included): pending with back-off, then sent once."""
    rt = owe_alerts(edgar, slack, db_url, 1)
    slack.script("chat.postMessage", *[Scripted.server_error()] * 3)
    assert deliver(rt).delivery_failures == 1
    (row,) = deliveries(rt.engine)
    assert (row.state, row.attempts) == ("pending", 1)
    rt.clock = lambda: shifted(timedelta(minutes=1))
    assert deliver(rt).posted == 1
    assert len(slack.messages["C1"]) == 1


def test_paced_posts_to_one_channel_are_a_second_apart_as_slack_receives_them(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Two runtimes (separate engines) deliver the same outbox at once: 1 s apart, none doubled."""
    rt = owe_alerts(edgar, slack, db_url, 6)
    other = another_process(edgar, slack, db_url)
    threads = [threading.Thread(target=deliver, args=(r,)) for r in (rt, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(slack.post_times("C1")) == 6
    assert slack.min_gap("C1") >= 1.0
    assert sorted(set(posted_accessions(slack))) == sorted(posted_accessions(slack))


def test_a_pending_filing_processed_by_two_pollers_is_stored_and_owed_once(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Two cron polls both read one pending filing; the second finds it done: no IntegrityError."""
    filing = drug_filing(COMPANIES[0][0], COMPANIES[0][2], 1)
    serve_feeds(edgar, [filing], COMPANIES)
    serve_filing(edgar, filing, "The first patient has been dosed in the Phase 2 of FB-0.")
    first, second = make_runtime(edgar, slack, db_url), make_runtime(edgar, slack, db_url)
    add_watch(first.engine, "all", "C1", lookup=lookup_stored(first.engine), now=now_utc())
    save_new_filings(first.engine, [filing.as_filing()], now_utc())
    (pending,) = pending_filings(first.engine, now_utc())
    (same,) = pending_filings(second.engine, now_utc())
    one, two = PollReport(), PollReport()
    process_filing(first, pending, one)
    process_filing(second, same, two)
    assert (one.processed, two.processed) == (1, 0)
    assert two.errors == []
    assert len(deliveries(first.engine)) == 1
    assert len(events_for(first.engine, filing.accession)) == 1
