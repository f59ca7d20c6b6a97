"""poll_once and backfill against local EDGAR and Slack, with a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.alerts import Alert
from bot.storage.claims import unsettled_alerts
from bot.storage.models import now_utc
from bot.storage.outbox import deliveries
from bot.storage.store import get_filing, pending_filings, save_new_filings
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.backfill import plan_backfill, run_backfill
from bot.usecases.context import Runtime
from bot.usecases.poll import PollReport, ensure_tickers, poll_once
from tests.edgar_pages import getcompany_feed, index_page, submissions_json
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, make_runtime, serve_feeds, serve_filing
from tests.slack_server import FakeSlack, Scripted

ACME = (1990101, "ACMB", "Acme Biologics, Inc.")
STARTED = "The first patient has been dosed in the Phase 2 trial of AB-101 in gout."


def test_company_feed_catches_a_filing_the_market_feed_missed(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """A watched company's getcompany feed brings a filing that getcurrent never listed."""
    filing = drug_filing(ACME[0], ACME[2], 1)
    serve_feeds(edgar, [], [ACME])
    serve_filing(edgar, filing, STARTED)
    edgar.add(
        "/cgi-bin/browse-edgar",
        getcompany_feed(ACME[0], ACME[2], "2834", [filing]),
        query={"action": "getcompany"},
    )
    rt = make_runtime(edgar, slack, db_url)
    poll_once(rt, company_feeds=False)  # tickers
    add_watch(rt.engine, "ACMB", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    report = poll_once(rt, company_feeds=True)
    assert report.new_filings == 1
    (post,) = slack.calls_to("chat.postMessage")
    assert filing.accession in post.body["text"]
    stored = get_filing(rt.engine, filing.accession)
    assert stored is not None
    assert stored.source == "company"


def test_old_filings_in_a_company_feed_are_history_not_news(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Adding a watch does not replay the company's past 8-Ks into the channel."""
    old = drug_filing(ACME[0], ACME[2], 2, filed="2024-05-01")
    serve_feeds(edgar, [], [ACME])
    edgar.add(
        "/cgi-bin/browse-edgar",
        getcompany_feed(ACME[0], ACME[2], "2834", [old]),
        query={"action": "getcompany"},
    )
    rt = make_runtime(edgar, slack, db_url)
    poll_once(rt, company_feeds=False)
    add_watch(rt.engine, "ACMB", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    assert poll_once(rt, company_feeds=True).new_filings == 0
    assert slack.calls_to("chat.postMessage") == []


def test_watched_companies_filings_are_processed_first(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """With a backlog, the watched CIK's pending filing comes before older unwatched ones."""
    rt = make_runtime(edgar, slack, db_url)
    unwatched = [drug_filing(1990200 + i, f"Other {i}", i) for i in range(3)]
    watched = drug_filing(ACME[0], ACME[2], 9)
    now = datetime.now(UTC)
    save_new_filings(rt.engine, [f.as_filing() for f in unwatched], now - timedelta(minutes=5))
    save_new_filings(rt.engine, [watched.as_filing()], now)
    order = [f.accession for f in pending_filings(rt.engine, now, first={ACME[0]})]
    assert order[0] == watched.accession
    assert order[1:] == [f.accession for f in unwatched]


def test_backfill_knows_history_without_alerting(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Backfill classifies past 8-Ks from the submissions JSON; alerts only with post=True."""
    past = [drug_filing(ACME[0], ACME[2], n, filed=f"2025-0{n}-10") for n in (1, 2, 3)]
    for f in past:
        serve_filing(edgar, f, STARTED)
    edgar.add(
        f"/submissions/CIK{ACME[0]:010d}.json",
        submissions_json(ACME[0], ACME[2], ["ACMB"], "2834", past),
    )
    serve_feeds(edgar, [], [ACME])
    rt = make_runtime(edgar, slack, db_url)
    add_watch(rt.engine, str(ACME[0]), "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    plan = plan_backfill(rt, ACME[0], datetime(2025, 2, 1, tzinfo=UTC).date(), ("8-K",))
    assert [f.accession for f in plan.filings] == [past[1].accession, past[2].accession]
    report = run_backfill(rt, plan, post=False)
    assert (report.new_filings, report.processed) == (2, 2)
    assert report.events >= 2
    poll_once(rt, company_feeds=False)
    assert slack.calls_to("chat.postMessage") == []
    posted = run_backfill(rt, plan_backfill(rt, ACME[0], None, ("8-K",)), post=True)
    assert posted.new_filings == 1  # only the January filing was new
    poll_once(rt, company_feeds=False)
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_transient_edgar_errors_leave_the_filing_for_the_next_poll(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """A 500 on the index page is recorded; the filing is retried later and alerted once."""
    filing = drug_filing(ACME[0], ACME[2], 4)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    edgar.script(filing.index_path, [(500, {}, b"oops")] * 6 + [(200, {}, index_page(filing))])
    rt = make_runtime(edgar, slack, db_url)
    add_watch(rt.engine, "all", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    first = poll_once(rt, company_feeds=False)
    assert first.processed == 0
    assert first.errors
    row = get_filing(rt.engine, filing.accession)
    assert row is not None
    assert (row.state, row.attempts) == ("pending", 1)
    rt.clock = lambda: now_utc() + timedelta(minutes=5)  # past the retry backoff
    second = poll_once(rt, company_feeds=False)
    assert second.processed == 1
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_slack_429_is_honoured_and_the_post_lands_once(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """chat.postMessage answers 429 with Retry-After: 1; the message lands once, ≥ 1 s later."""
    filing = drug_filing(ACME[0], ACME[2], 5)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    slack.script(
        "chat.postMessage",
        Scripted(429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"}),
    )
    rt = make_runtime(edgar, slack, db_url)
    add_watch(rt.engine, "all", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    report = poll_once(rt, company_feeds=False)
    calls = slack.calls_to("chat.postMessage")
    assert len(calls) == 2
    assert calls[1].at - calls[0].at >= 1.0
    assert report.posted == 1
    assert [d.state for d in deliveries(rt.engine)] == ["sent"]
    assert len(slack.messages["C1"]) == 1


def test_permanent_slack_error_is_recorded_and_not_retried(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """channel_not_found marks the delivery failed with its reason; later polls leave it alone."""
    filing = drug_filing(ACME[0], ACME[2], 6)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    slack.script("chat.postMessage", Scripted(200, {}, {"ok": False, "error": "channel_not_found"}))
    rt = make_runtime(edgar, slack, db_url)
    add_watch(rt.engine, "all", "CGONE", lookup=lookup_stored(rt.engine), now=now_utc())
    assert poll_once(rt, company_feeds=False).delivery_failures == 1
    rt.clock = lambda: now_utc() + timedelta(hours=1)
    poll_once(rt, company_feeds=False)
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert {(d.state, d.last_error) for d in deliveries(rt.engine)} == {
        ("failed", "channel_not_found")
    }


def test_a_post_left_in_flight_by_a_crash_is_settled_not_doubled(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Claimed then crashed: if Slack has the message it is marked sent, else posted once."""
    filings = [drug_filing(ACME[0], ACME[2], n) for n in (7, 8)]
    serve_feeds(edgar, filings, [ACME])
    for n, f in zip((7, 8), filings, strict=True):
        serve_filing(edgar, f, STARTED.replace("AB-101", f"AB-10{n}"))
    rt = make_runtime(edgar, slack, db_url)
    add_watch(rt.engine, "all", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    rt.poster = _NeverPosts()
    for _ in filings:  # each poll claims one alert, then the "process" dies mid-post
        with pytest.raises(SystemExit):
            poll_once(rt, company_feeds=False)
    landed, lost = sorted(due_or_stuck(rt), key=lambda a: a.accession)
    slack.messages["C1"].append(
        {
            "ts": "1699999999.000100",
            "metadata": {
                "event_type": "phasewatch_alert",
                "event_payload": {"accession": landed.accession},
            },
        }
    )
    rt = make_runtime(edgar, slack, db_url)
    rt.clock = lambda: now_utc() + timedelta(minutes=5)
    poll_once(rt, company_feeds=False)
    posts = slack.calls_to("chat.postMessage")
    assert [p.body["metadata"]["event_payload"]["accession"] for p in posts] == [lost.accession]
    sent = {d.accession: d.ts for d in deliveries(rt.engine) if d.state == "sent"}
    assert sent[landed.accession] == "1699999999.000100"
    assert lost.accession in sent


class _NeverPosts:
    """A poster that dies after claiming: the crash window between claim and Slack's answer."""

    pace = 0.0
    refused: str | None = None

    def post_alert(self, alert: object) -> str:
        raise SystemExit("killed mid-post")

    def find_posted(self, alert: object, since: datetime) -> str | None:
        return None

    def update_alert(self, alert: object, ts: str, lines: object) -> str:
        raise SystemExit("killed mid-update")

    def reply_to_alert(self, alert: object, ts: str, lines: object) -> None:
        raise SystemExit("killed mid-reply")


def due_or_stuck(rt: Runtime) -> list[Alert]:
    """The alerts currently claimed (state posting)."""
    return [u.alert for u in unsettled_alerts(rt.engine, now_utc() + timedelta(hours=1))]


def test_hostile_filing_cannot_ping_the_channel(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """A press release with <!channel>, a mention and a disguised link reaches Slack inert."""
    filing = drug_filing(ACME[0], ACME[2], 10)
    serve_feeds(edgar, [filing], [ACME])
    hostile = (
        "The first patient has been dosed in the Phase 2 trial of AB-101 in gout "
        "&lt;!channel&gt; &lt;@U024BE7LH&gt; &lt;https://evil.example|sec.gov&gt;."
    )
    serve_filing(edgar, filing, hostile)
    rt = make_runtime(edgar, slack, db_url)
    add_watch(rt.engine, "all", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    poll_once(rt, company_feeds=False)
    (post,) = slack.calls_to("chat.postMessage")
    sent = str(post.body["blocks"]) + post.body["text"]
    assert "&lt;!channel&gt;" in sent
    for needle in ("<!channel>", "<@U024BE7LH>", "<https://evil"):
        assert needle not in sent


def test_a_restatement_goes_in_the_first_alerts_thread(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """The same Phase 2 start told again in a later 8-K is a thread reply, not a new message."""
    first, again = drug_filing(ACME[0], ACME[2], 11), drug_filing(ACME[0], ACME[2], 12)
    serve_feeds(edgar, [first], [ACME])
    serve_filing(edgar, first, STARTED)
    serve_filing(edgar, again, STARTED)
    rt = make_runtime(edgar, slack, db_url)
    ensure_tickers(rt, PollReport())
    add_watch(rt.engine, "ACMB", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    poll_once(rt, company_feeds=False)
    serve_feeds(edgar, [again, first], [ACME])
    poll_once(rt, company_feeds=False)
    top, reply = slack.calls_to("chat.postMessage")
    assert top.body.get("thread_ts") is None
    first_ts = slack.messages["C1"][0]["ts"]
    assert reply.body["thread_ts"] == first_ts
    assert reply.body["text"].startswith(f"Also reported in 8-K {again.accession}")
    assert {d.accession: d.thread_ts for d in deliveries(rt.engine)}[again.accession] == first_ts


def test_pruning_keeps_filings_and_events_but_drops_old_settled_rows(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """Sent deliveries and document rows older than the retention go; the memory stays."""
    from bot.storage.prune import prune
    from bot.storage.store import events_for

    filing = drug_filing(ACME[0], ACME[2], 14)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, STARTED)
    rt = make_runtime(edgar, slack, db_url)
    add_watch(rt.engine, "all", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    poll_once(rt, company_feeds=False)
    assert prune(rt.engine, now_utc()) == 0  # nothing is old yet
    assert prune(rt.engine, now_utc() + timedelta(days=500)) == 3  # 1 delivery, 2 documents
    assert deliveries(rt.engine) == []
    assert get_filing(rt.engine, filing.accession) is not None
    assert events_for(rt.engine, filing.accession)


def test_an_image_only_press_release_is_processed_quietly(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """A filing whose EX-99.1 is only slides (<img>) is done with no events, no error, no alert."""
    filing = drug_filing(ACME[0], ACME[2], 15)
    serve_feeds(edgar, [filing], [ACME])
    serve_filing(edgar, filing, '<img src="slide001.jpg"><img src="slide002.jpg">')
    rt = make_runtime(edgar, slack, db_url)
    add_watch(rt.engine, "all", "C1", lookup=lookup_stored(rt.engine), now=now_utc())
    report = poll_once(rt, company_feeds=False)
    assert (report.processed, report.events, report.errors) == (1, 0, [])
    stored = get_filing(rt.engine, filing.accession)
    assert stored is not None
    assert stored.state == "done"
    assert slack.calls_to("chat.postMessage") == []
