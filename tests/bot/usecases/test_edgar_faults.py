"""Issue 12, the EDGAR side: never lose, never double, never hang, against the local stand-ins.

Each test names the fault. Alerts are counted on the Slack stand-in (exactly once) or the
filing's stored state and error are read back; time is pinned (PinnedClock) except where a
real deadline is the point, and then the test bounds the wall time it takes.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.backlog import COLD_START_WINDOW
from bot.slack.status_blocks import render_status
from bot.storage.models import FilingRow
from bot.storage.outbox import deliveries
from bot.storage.store import get_filing
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.context import Runtime
from bot.usecases.poll import PollReport, ensure_tickers, poll_once
from bot.views.status import gather_status
from tests.clocks import PinnedClock
from tests.edgar_fixtures import own
from tests.edgar_pages import PageFiling, index_page
from tests.edgar_server import FakeEdgar, gzip_bomb, gzipped
from tests.helpers import (
    USER_AGENT,
    drug_filing,
    make_runtime,
    release_html,
    serve_feeds,
    serve_filing,
)
from tests.service_process import start_service, wait_for
from tests.slack_server import FakeSlack
from watchers import Clock, EdgarClient

ACME = (1990101, "ACMB", "Acme Biologics, Inc.")
OTHER = (1990102, "OTHR", "Other Pharma, Inc.")
STARTED = "The first patient has been dosed in the Phase 2 trial of AB-101 in gout."
T0 = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)  # the fixtures' filing day, 08:00 Eastern


def fault_runtime(
    edgar: FakeEdgar,
    slack: FakeSlack,
    db_url: str,
    clock: Clock,
    **client: float,
) -> Runtime:
    """A runtime whose EDGAR client and runtime share `clock` (two attempts per request)."""
    rt = make_runtime(edgar, slack, db_url)
    rt.edgar.close()
    options: dict[str, float] = {"max_attempts": 2, "backoff": 0.01} | client
    rt.edgar = EdgarClient(
        user_agent=USER_AGENT,
        base_url=edgar.url,
        data_url=edgar.url,
        max_rps=10,
        clock=clock,
        stop=rt.stop,
        **options,  # type: ignore[arg-type]
    )
    rt.clock, rt.sleep = clock.now, clock.sleep
    return rt


def watch_all(rt: Runtime) -> None:
    """Channel C1 watches every filing."""
    add_watch(rt.engine, "all", "C1", lookup=lookup_stored(rt.engine), now=rt.clock())


def row(rt: Runtime, filing: PageFiling) -> FilingRow:
    """The stored row of a filing (it must exist)."""
    found = get_filing(rt.engine, filing.accession)
    assert found is not None
    return found


def posts(slack: FakeSlack) -> int:
    """How many messages Slack received."""
    return len(slack.calls_to("chat.postMessage"))


def poll_until_done(rt: Runtime, clock: PinnedClock, filing: PageFiling, limit: int = 40) -> int:
    """Poll each minute (pinned) until the filing is done; return the polls it took."""
    for polls in range(1, limit + 1):
        clock.advance(timedelta(minutes=1))
        poll_once(rt, company_feeds=False)
        if row(rt, filing).state == "done":
            return polls
    raise AssertionError(f"{filing.accession} still {row(rt, filing).state}")


# Lost alerts: a document that is not what it claims is an error, retried like a 503.


def test_truncated_gzip_exhibit_is_retried_and_alerted_exactly_once(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """An EX-99.1 cut mid-gzip leaves the filing pending with the reason; whole, it alerts once."""
    clock = PinnedClock(T0)
    filing = drug_filing(*ACME[::2], 21)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    headers, whole = gzipped(release_html(STARTED))
    _, cut = gzipped(release_html(STARTED) + b" " * 4000, cut=40)
    path = f"{filing.folder}/{filing.docs[1].filename}"
    edgar.script(path, [(200, headers, cut)] * 2 + [(200, headers, whole)])
    rt = fault_runtime(edgar, slack, db_url, clock)
    watch_all(rt)
    first = poll_once(rt, company_feeds=False)
    assert row(rt, filing).state == "pending"
    assert any("truncated gzip" in e for e in first.errors)
    assert posts(slack) == 0
    poll_until_done(rt, clock, filing)
    assert posts(slack) == 1


def test_threshold_page_served_as_200_exhibit_pauses_and_the_alert_lands_once(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """The "Request Rate Threshold Exceeded" page with HTTP 200 is a pause, not a press release."""
    clock = PinnedClock(T0)
    filing = drug_filing(*ACME[::2], 22)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    path = f"{filing.folder}/{filing.docs[1].filename}"
    page = own("rate-threshold-403.html").read_bytes()
    edgar.script(path, [(200, {}, page), (200, {}, release_html(STARTED))])
    rt = fault_runtime(edgar, slack, db_url, clock)
    watch_all(rt)
    poll_once(rt, company_feeds=False)
    assert (row(rt, filing).state, row(rt, filing).attempts) == ("pending", 1)
    assert rt.edgar.limiter.paused_for() > 0
    clock.advance(timedelta(seconds=rt.edgar.rate_limit_pause + 1))
    poll_until_done(rt, clock, filing)
    assert posts(slack) == 1


def test_attempts_are_not_charged_during_the_threshold_pause(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """While traffic is paused no request is made, so the other pending filing is not charged."""
    clock = PinnedClock(T0)
    blocked, waiting = drug_filing(*ACME[::2], 23), drug_filing(*OTHER[::2], 24)
    serve_feeds(edgar, [waiting, blocked], [ACME, OTHER])
    serve_filing(edgar, blocked, STARTED)
    serve_filing(edgar, waiting, STARTED)
    page = own("rate-threshold-403.html").read_bytes()
    edgar.script(blocked.index_path, [(403, {}, page), (200, {}, index_page(blocked))])
    rt = fault_runtime(edgar, slack, db_url, clock)
    watch_all(rt)
    poll_once(rt, company_feeds=False)
    assert row(rt, blocked).attempts == 1  # one request, answered by the threshold page
    assert edgar.requests_to(waiting.index_path) == []
    for _ in range(3):  # polls inside the pause: nothing sent, nothing charged
        clock.advance(timedelta(minutes=2))
        poll_once(rt, company_feeds=False)
    assert (row(rt, waiting).attempts, row(rt, waiting).state) == (0, "pending")
    clock.advance(timedelta(minutes=10))
    poll_once(rt, company_feeds=False)
    assert {row(rt, f).state for f in (blocked, waiting)} == {"done"}
    assert posts(slack) == 2


def test_ascii_exhibit_declaring_utf16_is_read_and_alerted_once(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """`<meta charset=utf-16>` on single-byte text: the label is wrong, the text is read."""
    clock = PinnedClock(T0)
    filing = drug_filing(*ACME[::2], 25)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    body = f'<html><head><meta charset="utf-16"></head><body><p>{STARTED}</p></body></html>'
    edgar.add(f"{filing.folder}/{filing.docs[1].filename}", body.encode("ascii"))
    rt = fault_runtime(edgar, slack, db_url, clock)
    watch_all(rt)
    report = poll_once(rt, company_feeds=False)
    assert (report.processed, report.events, report.errors) == (1, 1, [])
    assert posts(slack) == 1


def pre2001_index(filing: PageFiling) -> bytes:
    """The index page as EDGAR serves pre-2001 filings: every row links to the folder."""
    page = index_page(filing).decode()
    return re.sub(r'<a href="[^"]*">[^<]*</a>', f'<a href="{filing.folder}/"></a>', page).encode()


def submission_txt(filing: PageFiling, sentence: str) -> bytes:
    """A small full-submission .txt: header, the 8-K and its EX-99."""
    return f"""<SEC-DOCUMENT>{filing.accession}.txt : 20001023
<SEC-HEADER>{filing.accession}.hdr.sgml : 20001023
ACCESSION NUMBER:\t\t{filing.accession}
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t2
FILED AS OF DATE:\t\t20001023

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\t{filing.company}
\t\tCENTRAL INDEX KEY:\t\t\t{filing.cik:010d}
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>form8k.txt
<TEXT>
Item 5. Other Events.
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99
<SEQUENCE>2
<FILENAME>ex99.txt
<TEXT>
{sentence}
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
""".encode()


def test_pre_2001_index_page_with_empty_file_names_falls_back_to_the_txt(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Rows whose link is the folder name no file: the .txt submission is read instead."""
    clock = PinnedClock(T0)
    filing = drug_filing(*ACME[::2], 26)
    serve_feeds(edgar, [filing], [ACME])
    edgar.add(filing.index_path, pre2001_index(filing))
    edgar.add(f"{filing.folder}/{filing.accession}.txt", submission_txt(filing, STARTED))
    rt = fault_runtime(edgar, slack, db_url, clock)
    watch_all(rt)
    report = poll_once(rt, company_feeds=False)
    assert (report.processed, report.events, report.errors) == (1, 1, [])
    assert edgar.requests_to(f"{filing.folder}/") == []  # the folder itself is never fetched
    assert posts(slack) == 1


# Lost alerts: an EDGAR-wide outage never abandons a filing; one failing alone is given up.


def test_archives_503_for_15_minutes_keeps_the_filing_and_alerts_after_recovery(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Feeds fine, Archives 503 for 15 min: polled every minute, never `failed`, alerted once."""
    clock = PinnedClock(T0)
    filing = drug_filing(*ACME[::2], 27)
    serve_feeds(edgar, [filing], [ACME])
    edgar.add(filing.index_path, b"<html>Service Unavailable</html>", status=503)
    rt = fault_runtime(edgar, slack, db_url, clock)
    watch_all(rt)
    for _ in range(15):
        poll_once(rt, company_feeds=False)
        clock.advance(timedelta(minutes=1))
    assert row(rt, filing).state == "pending"
    serve_filing(edgar, filing, STARTED)  # EDGAR recovers
    polls = poll_until_done(rt, clock, filing, limit=16)
    print(f"alerted {polls} min after recovery, after {row(rt, filing).attempts} attempts")
    assert posts(slack) == 1


def test_ten_hours_of_archives_503_never_abandons_the_filing(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Past the give-up age and attempt count, a filing is kept while EDGAR fails for everyone."""
    clock = PinnedClock(T0)
    filing = drug_filing(*ACME[::2], 28)
    serve_feeds(edgar, [filing], [ACME])
    edgar.add(filing.index_path, b"<html>Service Unavailable</html>", status=503)
    rt = fault_runtime(edgar, slack, db_url, clock)
    watch_all(rt)
    for _ in range(40):  # 10 hours, a poll every 15 minutes
        poll_once(rt, company_feeds=False)
        clock.advance(timedelta(minutes=15))
    stored = row(rt, filing)
    assert (stored.state, stored.attempts) == ("pending", 40)
    assert "EDGAR:* failing" in render_status(gather_status(rt.engine, clock.now()))
    assert b"phasewatch_edgar_failing 1.0" in rt.metrics.render()
    serve_filing(edgar, filing, STARTED)
    poll_until_done(rt, clock, filing, limit=16)
    assert posts(slack) == 1


def test_a_filing_failing_alone_for_hours_is_given_up_visibly(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """EDGAR serves a new filing every 15 min; one index page keeps answering 500: after 6 h and
    10 attempts it is `failed`, with an error log line, a metric and a line in `status`."""
    clock = PinnedClock(T0)
    broken = drug_filing(*ACME[::2], 29)
    edgar.add(broken.index_path, b"oops", status=500)
    rt = fault_runtime(edgar, slack, db_url, clock)
    served: list[PageFiling] = [broken]
    for n in range(30):  # 7.5 hours
        healthy = drug_filing(*OTHER[::2], 100 + n)
        serve_filing(edgar, healthy, "Quarterly update.")
        served.insert(0, healthy)
        serve_feeds(edgar, served, [ACME, OTHER])
        poll_once(rt, company_feeds=False)
        if clock.now() - T0 < timedelta(hours=6):
            assert row(rt, broken).state == "pending"
        clock.advance(timedelta(minutes=15))
    stored = row(rt, broken)
    assert stored.state == "failed"
    assert stored.attempts >= 10
    assert b"phasewatch_filings_given_up_total 1.0" in rt.metrics.render()
    text = render_status(gather_status(rt.engine, clock.now()))
    assert f"Gave up on filing* {broken.accession}" in text
    gave_up = [r for r in caplog.records if r.levelno == logging.ERROR and "gave up" in r.message]
    assert len(gave_up) == 1


# Hangs: every request has a total deadline; a stalled filing does not block a healthy one.


def test_trickling_exhibit_hits_the_deadline_and_a_healthy_filing_is_still_alerted(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """One byte every 0.3 s (within the read timeout): the poll ends at the 1 s deadline, and
    the filing published meanwhile is discovered and alerted on the next poll."""
    stalled, healthy = drug_filing(*ACME[::2], 30), drug_filing(*OTHER[::2], 31)
    serve_feeds(edgar, [stalled], [ACME, OTHER])
    serve_filing(edgar, stalled, STARTED)
    serve_filing(edgar, healthy, STARTED)
    edgar.add(f"{stalled.folder}/{stalled.docs[1].filename}", b"x" * 10_000, trickle=0.3)
    rt = make_runtime(edgar, slack, db_url)
    rt.edgar.deadline, rt.edgar.timeout = 1.0, 2.0
    watch_all(rt)
    began = time.monotonic()
    first = poll_once(rt, company_feeds=False)
    assert time.monotonic() - began < 8
    assert any("within 1s" in e for e in first.errors)
    serve_feeds(edgar, [healthy, stalled], [ACME, OTHER])
    began = time.monotonic()
    second = poll_once(rt, company_feeds=False)
    assert time.monotonic() - began < 8
    assert second.processed == 1
    assert [d.accession for d in deliveries(rt.engine)] == [healthy.accession]
    assert posts(slack) == 1


def test_sigterm_during_a_trickling_download_exits_within_seconds(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """`phasewatch run` mid-download of a body trickling one byte a second stops promptly."""
    filing = drug_filing(*ACME[::2], 32)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    path = f"{filing.folder}/{filing.docs[1].filename}"
    edgar.add(path, b"x" * 10_000, trickle=1.0)
    service = start_service(edgar, slack, db_url, PHASEWATCH_POLL_SECONDS="60")
    wait_for(lambda: edgar.requests_to(path), what="the trickling download")
    took = service.stop(timeout=20)
    print(f"SIGTERM mid-trickle: exited in {took:.1f}s")
    assert took < 8
    assert service.process.returncode == 0


# Unbounded: a cold start with a 10,000-entry feed queues only the recent filings.


def test_cold_start_with_a_10000_entry_feed_skips_the_old_and_alerts_the_new_in_one_poll(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Entries ten minutes apart: those within an hour of the newest are queued, the rest
    recorded `skipped` (never fetched); the watched company's new filing is alerted at once."""
    clock = PinnedClock(T0)
    newest = drug_filing(*ACME[::2], 1)
    serve_filing(edgar, newest, STARTED)
    start = datetime.fromisoformat(newest.updated) - timedelta(minutes=1)  # Eastern, -05:00
    old = []
    for n in range(1, 10_000):
        when = start - timedelta(minutes=10 * n)
        old.append(
            PageFiling(
                cik=OTHER[0],
                company=OTHER[2],
                accession=f"{OTHER[0]:010d}-26-{n:06d}",
                filed=f"{when:%Y-%m-%d}",
                updated=f"{when:%Y-%m-%dT%H:%M:%S}-05:00",
            )
        )
    serve_feeds(edgar, [newest, *old], [ACME, OTHER])
    rt = fault_runtime(edgar, slack, db_url, clock)
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, "ACMB", "C1", lookup=lookup_stored(rt.engine), now=clock.now())
    began = time.monotonic()
    report = poll_once(rt, company_feeds=False)
    took = time.monotonic() - began
    print(f"cold start, 10,000 entries: {report.new_filings} queued in {took:.1f}s")
    assert timedelta(hours=1) == COLD_START_WINDOW
    assert report.new_filings == 6  # the new one and the five in the hour before it
    states = gather_status(rt.engine, clock.now()).filings
    assert states["skipped"] == 10_000 - report.new_filings
    assert posts(slack) == 1
    assert slack.calls_to("chat.postMessage")[0].body["channel"] == "C1"


def test_gzip_bomb_feed_is_one_feed_error_and_the_next_poll_alerts(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """A 1 GiB-inflating feed is refused at the cap (one line in the poll's errors); when the
    feed is sane again the filing is alerted once."""
    clock = PinnedClock(T0)
    filing = drug_filing(*ACME[::2], 33)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    headers, bomb = gzip_bomb()
    query = {"action": "getcurrent", "type": "8-K"}
    edgar.add("/cgi-bin/browse-edgar", bomb, headers=headers, query=query)
    rt = fault_runtime(edgar, slack, db_url, clock, max_body_bytes=8 * 1024 * 1024)
    watch_all(rt)
    first = poll_once(rt, company_feeds=False)
    assert [e for e in first.errors if e.startswith("feed:")] == [
        f"feed: body over 8388608 bytes (inflated) at {edgar.url}/cgi-bin/browse-edgar"
        "?action=getcurrent&type=8-K&company=&dateb=&owner=include&start=0&count=100"
        "&output=atom; not read further"
    ]
    serve_feeds(edgar, [filing], [ACME])
    clock.advance(timedelta(minutes=1))
    poll_once(rt, company_feeds=False)
    assert posts(slack) == 1


def test_gzip_bomb_index_page_is_retried_not_inflated(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """An index page bomb is a charged, retried error naming the cap; fixed, it alerts once."""
    clock = PinnedClock(T0)
    filing = drug_filing(*ACME[::2], 34)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    headers, bomb = gzip_bomb()
    edgar.script(filing.index_path, [(200, headers, bomb), (200, {}, index_page(filing))])
    rt = fault_runtime(edgar, slack, db_url, clock, max_body_bytes=8 * 1024 * 1024)
    watch_all(rt)
    poll_once(rt, company_feeds=False)
    stored = row(rt, filing)
    assert (stored.state, stored.attempts) == ("pending", 1)
    assert "body over 8388608 bytes (inflated)" in (stored.last_error or "")
    poll_until_done(rt, clock, filing)
    assert posts(slack) == 1


def test_filings_failed_under_the_old_rule_are_retried_after_the_upgrade(db_url: str) -> None:
    """Migration 0005 puts last week's `failed` filings (5 attempts, maybe an outage) back."""
    from alembic import command
    from sqlalchemy import text
    from sqlmodel import create_engine

    from bot.storage.migrate import alembic_config
    from bot.storage.store import create_db

    engine = create_engine(db_url)
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0002")
        connection.commit()
        insert = text(
            "INSERT INTO filings (accession, cik, company, form, index_url, items, state, "
            "source, notify, attempts, seen_at) VALUES (:a, 1, 'X', '8-K', '', '', 'failed', "
            "'feed', 1, 5, :seen)"
        )
        recent = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=10)
        connection.execute(insert, {"a": "0000000001-26-000001", "seen": recent})
        connection.execute(insert, {"a": "0000000001-25-000001", "seen": recent - timedelta(30)})
        connection.commit()
    upgraded = create_db(db_url)
    recent_row = get_filing(upgraded, "0000000001-26-000001")
    old_row = get_filing(upgraded, "0000000001-25-000001")
    assert recent_row is not None
    assert old_row is not None
    assert (recent_row.state, recent_row.attempts) == ("pending", 0)
    assert old_row.state == "failed"


# The rules themselves, as tables.


@pytest.mark.parametrize(
    ("attempts", "minutes"), [(0, 1), (1, 1), (2, 2), (3, 4), (4, 8), (5, 15), (40, 15)]
)
def test_retry_delay_doubles_and_is_capped_at_15_minutes(attempts: int, minutes: int) -> None:
    """1, 2, 4, 8 minutes, then every 15: a recovered EDGAR is retried within 15 minutes."""
    from bot.domain.backlog import retry_delay

    assert retry_delay(attempts) == timedelta(minutes=minutes)


GIVE_UP_CASES = {  # attempts, hours failing, recent requests, failures, served since, gives up
    "fails alone, long enough": (10, 6, 20, 4, True, True),
    "too few attempts": (9, 8, 20, 4, True, False),
    "too young": (12, 5, 20, 4, True, False),
    "most requests fail": (12, 8, 20, 10, True, False),
    "no document since its last failure": (12, 8, 20, 2, False, False),
}


@pytest.mark.parametrize("case", sorted(GIVE_UP_CASES))
def test_give_up_only_on_a_filing_failing_alone_for_hours(case: str) -> None:
    """The give-up rule, case by case."""
    from bot.domain.backlog import Failure, should_give_up
    from watchers import EdgarHealth

    attempts, hours, recent, failures, served_since, gives_up = GIVE_UP_CASES[case]
    previous = T0 + timedelta(hours=hours) - timedelta(minutes=15)
    last_ok = previous + timedelta(minutes=1) if served_since else previous - timedelta(hours=1)
    failure = Failure(attempts, T0, previous)
    health = EdgarHealth(recent, failures, last_ok)
    assert should_give_up(failure, T0 + timedelta(hours=hours), health) is gives_up


def test_cold_start_split_keeps_the_hour_before_the_newest_and_watched_companies() -> None:
    """Measured from the feed's newest entry; beyond the limit, only watched companies stay."""
    from bot.domain.backlog import COLD_START_LIMIT, split_cold_start
    from watchers import Filing

    def filing(n: int, cik: int, minutes_before: int) -> Filing:
        accepted = T0 - timedelta(minutes=minutes_before)
        return Filing(f"{cik:010d}-26-{n:06d}", cik, "X", "8-K", "", None, accepted)

    burst = [filing(n, 2, n % 50) for n in range(COLD_START_LIMIT + 20)]
    watched_late = filing(999, 7, 55)
    old = [filing(n, 3, 61 + n) for n in range(5)]
    queued, skipped = split_cold_start([*burst, watched_late, *old], watched={7})
    assert len(queued) == COLD_START_LIMIT + 1
    assert watched_late in queued
    assert set(old) <= set(skipped)
    assert len(skipped) == 20 + 5


def test_an_archives_outage_stops_the_backlog_early_and_charges_nothing_more(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Twelve pending filings, Archives 503: a poll tries a few, sees EDGAR failing for everyone
    and leaves the rest uncharged; after recovery one poll alerts each exactly once."""
    clock = PinnedClock(T0)
    filings = [drug_filing(*ACME[::2], 40 + n) for n in range(12)]
    serve_feeds(edgar, filings, [ACME])
    for filing in filings:
        edgar.add(filing.index_path, b"<html>Service Unavailable</html>", status=503)
    rt = fault_runtime(edgar, slack, db_url, clock)
    watch_all(rt)
    poll_once(rt, company_feeds=False)
    attempts = [row(rt, f).attempts for f in filings]
    print(f"one poll during the outage charged {sum(attempts)} of 12 filings")
    assert sum(attempts) <= 3  # two failures in a row while most requests fail: wait
    assert {row(rt, f).state for f in filings} == {"pending"}
    for filing in filings:
        serve_filing(edgar, filing, f"The first patient has been dosed in the Phase 2 trial of "
                     f"AB-{100 + filings.index(filing)} in gout.")  # fmt: skip
    clock.advance(timedelta(minutes=2))
    poll_once(rt, company_feeds=False)
    assert {row(rt, f).state for f in filings} == {"done"}
    assert posts(slack) == 12


def test_the_runtime_builds_one_clock_shared_with_the_edgar_client(db_url: str) -> None:
    """bot.runtime builds one clock and one stop event; the EDGAR client sleeps on them."""
    from bot.runtime import build_runtime
    from bot.usecases.settings import load_settings

    settings = load_settings(
        PHASEWATCH_DATABASE_URL=db_url,
        PHASEWATCH_EDGAR_URL="http://127.0.0.1:9",
        PHASEWATCH_EDGAR_DATA_URL="http://127.0.0.1:9",
    )
    rt = build_runtime(settings)
    try:
        assert rt.edgar.stop is rt.stop
        assert rt.clock == rt.edgar.clock.now  # the same clock object's bound method
        assert rt.edgar.limiter.paused_for() == 0
        rt.stop.set()
        began = time.monotonic()
        rt.edgar.clock.sleep(30)  # a stopping process never waits on a sleep
        assert time.monotonic() - began < 1
    finally:
        rt.close()
