"""EDGAR health survives a restart: the last whole Archives document, stored in service_state,
is what `status` shows until the new process fetches one itself."""

from __future__ import annotations

from bot.slack.status_blocks import render_status
from bot.storage.models import now_utc
from bot.storage.state import load_state_json
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.poll import poll_feeds
from bot.views.status import gather_status
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, make_runtime, serve_feeds, serve_filing
from tests.slack_server import FakeSlack

COMPANY = (1990801, "RSTR", "Restart Bio, Inc.")


def test_a_restarted_process_keeps_reporting_the_last_whole_archives_document(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Poll, restart, poll a feed with nothing new: status still names the last Archives fetch."""
    filing = drug_filing(COMPANY[0], COMPANY[2], 1)
    serve_feeds(edgar, [filing], [COMPANY])
    serve_filing(edgar, filing, "The first patient has been dosed in the Phase 2 of RB-1.")
    first = make_runtime(edgar, slack, db_url)
    add_watch(first.engine, "all", "C1", lookup=lookup_stored(first.engine), now=now_utc())
    assert poll_feeds(first, company_feeds=False).processed == 1
    fetched = load_state_json(first.engine, "edgar_health")["last_archive_ok"]
    assert fetched is not None
    first.close()

    restarted = make_runtime(edgar, slack, db_url)  # its EDGAR client has seen nothing yet
    assert restarted.edgar.health().last_archive_ok is None
    assert poll_feeds(restarted, company_feeds=False).processed == 0
    stored = load_state_json(restarted.engine, "edgar_health")
    assert stored["last_archive_ok"] == fetched
    assert stored["recent"] > 0  # the counts are this process's own
    status = gather_status(restarted.engine, now_utc())
    assert status.edgar["last_archive_ok"] == fetched
    assert f"last whole document {fetched}" in render_status(status)
    restarted.close()
