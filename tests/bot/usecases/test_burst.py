"""A burst of 300 new 8-Ks across three getcurrent pages is read, processed and alerted in ONE
poll, without EDGAR ever seeing more than PHASEWATCH_MAX_RPS requests in any one second.

The real `poll_once` runs against FakeEdgar and FakeSlack with a real SQLite file. Most filings
are news-free (one short document, so two requests each and the test stays near a minute at
10 req/s); a few carry a clinical press release as EX-99.1, so alerts stay few and quick.
"""

from __future__ import annotations

from bot.storage.models import now_utc
from bot.storage.outbox import deliveries
from bot.storage.store import get_filing
from bot.storage.watches import add_watch, lookup_stored
from bot.usecases.poll import poll_once
from tests.edgar_pages import PageDoc, PageFiling, company_tickers, getcurrent_feed, index_page
from tests.edgar_server import FakeEdgar, max_in_window
from tests.helpers import make_runtime, release_html
from tests.slack_server import FakeSlack

MAX_RPS = 10
PAGE = 100
BURST = 300
CLINICAL = frozenset({7, 107, 207})  # one per page; Slack posts 1 message/s per channel
FIRST_CIK = 1_995_000
NEWS_FREE = "Burstwell Pharma reports quarterly revenue of $12.3 million for the third quarter."


def burst_filing(n: int) -> PageFiling:
    """The n-th filing (n=0 newest): its own company; a clinical one also has an EX-99.1."""
    cik = FIRST_CIK + n
    age = BURST + 10 - n  # minutes after midnight: the feed lists newest first
    minute = f"{age // 60:02d}:{age % 60:02d}"
    if n in CLINICAL:
        docs: tuple[PageDoc, ...] = (
            PageDoc(1, "8-K", f"form8k-{n}.htm", "8-K"),
            PageDoc(2, "PRESS RELEASE", f"ex991-{n}.htm", "EX-99.1"),
        )
    else:
        docs = (PageDoc(1, "8-K", f"form8k-{n}.htm", "8-K"),)
    return PageFiling(
        cik=cik,
        company=f"Burstwell Pharma {n}, Inc.",
        accession=f"{cik:010d}-26-{n:06d}",
        filed="2026-11-23",
        accepted=f"2026-11-23 {minute}:00",
        updated=f"2026-11-23T{minute}:00-05:00",
        items=(("2.02", "Results of Operations and Financial Condition"),),
        docs=docs,
    )


def clinical_sentence(n: int) -> str:
    """A started Phase 2: an alertable event."""
    return f"The first patient has been dosed in the Phase 2 trial of BWX-{n:03d} in gout."


def serve_documents(edgar: FakeEdgar, filing: PageFiling, n: int) -> None:
    """The index page and tiny documents of filing n."""
    edgar.add(filing.index_path, index_page(filing))
    primary = f"<html><body><p>Item 2.02.</p><p>{NEWS_FREE}</p></body></html>".encode()
    edgar.add(f"{filing.folder}/{filing.docs[0].filename}", primary)
    if n in CLINICAL:
        edgar.add(f"{filing.folder}/{filing.docs[1].filename}", release_html(clinical_sentence(n)))


def serve_pages(edgar: FakeEdgar, entries: list[PageFiling]) -> None:
    """getcurrent type=8-K paged by start=0, 100, 200, …; every page holds up to 100 entries."""
    for start in range(0, len(entries), PAGE):
        edgar.add(
            "/cgi-bin/browse-edgar",
            getcurrent_feed(entries[start : start + PAGE]),
            query={"action": "getcurrent", "type": "8-K", "start": str(start)},
        )


def test_burst_of_300_8ks_is_read_processed_and_alerted_in_one_poll(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """First poll sees 3 filings; then 300 new ones on pages start=0,100,200, the seen ones at 300.

    One poll stores and processes all 300, posts the 3 clinical alerts to the `all` watch, and
    EDGAR never sees more than MAX_RPS requests in any one-second window.
    """
    old = [burst_filing(BURST + i) for i in range(3)]
    burst = [burst_filing(n) for n in range(BURST)]
    everyone = [(f.cik, f"BW{f.cik % 10000}", f.company) for f in old + burst]
    edgar.add("/files/company_tickers.json", company_tickers(everyone))
    edgar.add(
        "/cgi-bin/browse-edgar", getcurrent_feed([]), query={"action": "getcurrent", "type": "6-K"}
    )
    for n, filing in enumerate(burst + old):
        serve_documents(edgar, filing, n if n < BURST else -1)

    serve_pages(edgar, old)
    rt = make_runtime(edgar, slack, db_url)  # PHASEWATCH_MAX_RPS=10
    assert rt.settings.max_rps == MAX_RPS
    add_watch(rt.engine, "all", "CBURST", lookup=lookup_stored(rt.engine), now=now_utc())
    first = poll_once(rt, company_feeds=False)
    assert (first.new_filings, first.processed, first.errors) == (3, 3, [])

    serve_pages(edgar, burst + old)  # newest first: the seen filings start at start=300
    edgar.clear_requests()
    report = poll_once(rt, company_feeds=False)

    assert report.errors == []
    feed = [r.query for r in edgar.requests if r.path == "/cgi-bin/browse-edgar"]
    assert [q["start"] for q in feed if q["type"] == "8-K"] == ["0", "100", "200", "300"]
    assert report.new_filings == BURST
    rows = [get_filing(rt.engine, f.accession) for f in burst]
    assert all(row is not None for row in rows), "a filing of the burst was never stored"
    assert max_in_window(edgar.requests) <= MAX_RPS
    assert report.processed == BURST
    assert [row.state for row in rows if row is not None] == ["done"] * BURST
    posted = sorted(
        c.body["metadata"]["event_payload"]["accession"] for c in slack.calls_to("chat.postMessage")
    )
    assert posted == sorted(burst[n].accession for n in CLINICAL)
    assert {d.state for d in deliveries(rt.engine)} == {"sent"}
    rt.close()
