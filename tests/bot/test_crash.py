"""SIGKILL `phasewatch poll --once` mid-poll, at several points, then finish: exactly once."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta

from bot.storage.models import now_utc
from bot.storage.outbox import deliveries
from bot.storage.store import create_db
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.poll import poll_once
from tests.child_env import stand_in_env
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, make_runtime, serve_feeds, serve_filing
from tests.slack_server import FakeSlack

COMPANIES = [(1990300 + i, f"CRSH{i}", f"Crashtest Bio {i}, Inc.") for i in range(12)]


def start_poll(edgar: FakeEdgar, slack: FakeSlack, db_url: str) -> subprocess.Popen[bytes]:
    """`phasewatch poll --once` in a child process against the stand-ins."""
    env = stand_in_env(edgar, slack, db_url, PHASEWATCH_MAX_RPS="10")
    cmd = [sys.executable, "-m", "bot.cli", "poll", "--once"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_after(process: subprocess.Popen[bytes], edgar: FakeEdgar, requests: int) -> None:
    """SIGKILL the process once EDGAR has seen `requests` requests (or it ended by itself)."""
    deadline = time.monotonic() + 60
    while len(edgar.requests) < requests and process.poll() is None:
        assert time.monotonic() < deadline, "the poll made no progress"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def test_killed_polls_resume_and_alert_every_filing_exactly_once(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Kills after 5, 17 and 30 EDGAR requests; a final poll; one post per filing, none twice."""
    filings = [drug_filing(cik, name, i + 1) for i, (cik, _, name) in enumerate(COMPANIES)]
    serve_feeds(edgar, filings, COMPANIES)
    for filing in filings:
        serve_filing(
            edgar,
            filing,
            "The first patient has been dosed in the Phase 2 trial of "
            f"CB-{filing.cik % 1000} in gout.",
        )
    engine = create_db(db_url)
    add_watch(engine, "all", "C1", lookup=lookup_stored(engine), now=now_utc())
    engine.dispose()

    for point in (5, 17, 30):
        kill_after(start_poll(edgar, slack, db_url), edgar, point)
        edgar.clear_requests()
    rt = make_runtime(edgar, slack, db_url)
    rt.clock = lambda: now_utc() + timedelta(minutes=5)  # past the in-flight grace period
    poll_once(rt, company_feeds=False)

    posted = [
        p.body["metadata"]["event_payload"]["accession"] for p in slack.calls_to("chat.postMessage")
    ]
    assert sorted(posted) == sorted(f.accession for f in filings)
    states = {(d.accession, d.state) for d in deliveries(rt.engine)}
    assert states == {(f.accession, "sent") for f in filings}


def test_killed_service_restarts_and_alerts_every_filing_exactly_once(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """SIGKILL `phasewatch run` while fetching, then twice while posting; restart each time."""
    from tests.service_process import Service, start_service, wait_for

    companies = [(1990500 + i, f"SVC{i}", f"Servicekill Bio {i}, Inc.") for i in range(8)]
    filings = [drug_filing(cik, name, i + 1) for i, (cik, _, name) in enumerate(companies)]
    serve_feeds(edgar, filings, companies)
    for filing in filings:
        serve_filing(
            edgar,
            filing,
            "The first patient has been dosed in the Phase 2 trial of "
            f"SK-{filing.cik % 1000} in gout.",
        )
    engine = create_db(db_url)
    add_watch(engine, "all", "C1", lookup=lookup_stored(engine), now=now_utc())
    engine.dispose()

    def start() -> Service:
        return start_service(edgar, slack, db_url, PHASEWATCH_INFLIGHT_SECONDS="1")

    def posts() -> int:
        return len(slack.calls_to("chat.postMessage"))

    def posted(target: int) -> Callable[[], bool]:
        return lambda: posts() >= target

    service = start()
    wait_for(lambda: len(edgar.requests) >= 10, what="fetching")  # mid-fetch
    service.kill()
    for target in (2, 5):  # mid-delivery: right after Slack has taken a post
        service = start()
        wait_for(posted(target), timeout=60, what=f"{target} posts")
        service.kill()
    service = start()
    try:
        wait_for(lambda: len(slack.messages["C1"]) >= len(filings), timeout=60, what="all posts")
        wait_for(
            lambda: all(d.state == "sent" for d in deliveries(create_db(db_url))),
            timeout=30,
            what="every delivery settled",
        )
    finally:
        service.stop()
    accessions = [m["metadata"]["event_payload"]["accession"] for m in slack.messages["C1"]]
    assert sorted(accessions) == sorted(f.accession for f in filings)
