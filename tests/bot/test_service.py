"""`phasewatch run` as a process: it polls, alerts, reports health and metrics, stops cleanly."""

from __future__ import annotations

from bot.storage.models import now_utc
from bot.storage.store import create_db
from bot.storage.watches import add_watch, lookup_stored
from tests.edgar_pages import company_tickers
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, serve_feeds, serve_filing
from tests.service_process import start_service, wait_for
from tests.slack_server import FakeSlack

ACME = (1990101, "ACMB", "Acme Biologics, Inc.")
STARTED = "The first patient has been dosed in the Phase 2 trial of AB-101 in gout."


def watch_all(db_url: str, channel: str = "C1") -> None:
    """Watch every company in `channel` (the database is created on the way)."""
    engine = create_db(db_url)
    add_watch(engine, "all", channel, lookup=lookup_stored(engine), now=now_utc())
    engine.dispose()


def test_run_alerts_serves_health_and_metrics_and_stops_on_sigterm(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """A filing in the feed is posted once; /healthz is 200; /metrics counts it; SIGTERM exits."""
    filing = drug_filing(ACME[0], ACME[2], 1)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    watch_all(db_url)
    service = start_service(edgar, slack, db_url)
    try:
        wait_for(lambda: slack.calls_to("chat.postMessage"), what="the alert")
        assert service.get("/healthz") == (200, "ok")
        # Slack has the message a moment before the process counts it: wait for the count.
        posted = "phasewatch_alerts_posted_total 1.0"
        wait_for(lambda: posted in service.get("/metrics")[1], timeout=10, what="posted metric")
        status, metrics = service.get("/metrics")
        assert status == 200
        assert 'phasewatch_edgar_requests_total{status="200"}' in metrics
        assert "phasewatch_poll_leader 1.0" in metrics
    finally:
        took = service.stop()
    assert service.process.returncode == 0
    assert took < 10
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_healthz_turns_503_with_the_reason_when_feeds_keep_failing(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """EDGAR answering 500 to every feed read: after three intervals /healthz says why."""
    edgar.add("/files/company_tickers.json", company_tickers([ACME]))
    edgar.add("/cgi-bin/browse-edgar", b"oops", status=500)
    service = start_service(edgar, slack, db_url, PHASEWATCH_POLL_SECONDS="1")
    try:
        wait_for(lambda: service.get("/healthz")[0] == 503, timeout=30, what="503")
        _, reason = service.get("/healthz")
        assert "no successful poll since" in reason
    finally:
        service.stop()
