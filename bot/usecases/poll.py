"""One poll: feeds → new filings → documents → events → matching watches → alerts → delivery.

`poll_once` is a plain function; the scheduler only triggers it. EDGAR errors are caught per feed
and per filing, logged with context, and the work is left pending for the next poll (retry and
give-up rules: bot.domain.backlog). A cold start queues only recent filings (`split_cold_start`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta

from bot.domain.backlog import HUGE_BACKLOG, Failure, retry_delay, should_give_up, split_cold_start
from bot.domain.event_keys import merge_events
from bot.storage.events import event_row
from bot.storage.models import EventRow
from bot.storage.processed import save_processed_filing
from bot.storage.state import is_due, load_state_json, save_state
from bot.storage.store import (
    company_count,
    get_company,
    has_any_filing,
    is_seen,
    pending_filings,
    record_filing_error,
    save_companies,
    save_new_filings,
)
from bot.storage.watches import list_watches
from bot.usecases.context import Runtime
from bot.usecases.deliver import deliver_due
from bot.usecases.registry_lookup import filing_trials
from classifiers import Event, classify
from watchers import (
    Document,
    EdgarRateLimited,
    EdgarStopped,
    FetchedFiling,
    Filing,
    WatcherError,
    fetch_company,
    fetch_company_filings,
    fetch_company_tickers,
    fetch_current_filings,
    fetch_filing,
)

log = logging.getLogger(__name__)
TICKERS_EVERY = timedelta(days=1)
COMPANY_FEED_LOOKBACK = timedelta(days=1)
BACKLOG_BUDGET = timedelta(minutes=5)  # at least; 5 poll intervals when those are longer


@dataclass
class PollReport:
    """What one poll did."""

    new_filings: int = 0
    processed: int = 0
    events: int = 0
    alerts_queued: int = 0
    posted: int = 0
    delivery_failures: int = 0
    errors: list[str] = field(default_factory=list)


def poll_once(rt: Runtime, *, company_feeds: bool | None = None) -> PollReport:
    """Run one full cycle: discover, process pending filings, deliver due alerts."""
    report = poll_feeds(rt, company_feeds=company_feeds)
    deliver(rt, report)
    return report


def poll_feeds(rt: Runtime, *, company_feeds: bool | None = None) -> PollReport:
    """Discover new filings and process pending ones (what the poll leader does).

    Company feeds of watched CIKs are read when due (PHASEWATCH_COMPANY_POLL_SECONDS), or
    always/never when `company_feeds` says so. Stops between filings once `rt.stop` is set.
    """
    report = PollReport()
    ensure_tickers(rt, report)
    discover_filings(rt, report)
    every = timedelta(seconds=rt.settings.company_poll_seconds)
    due = is_due(rt.engine, "company_feeds", every, rt.clock())
    if company_feeds or (company_feeds is None and due):
        discover_company_filings(rt, report)
    process_backlog(rt, report)
    rt.metrics.filings_seen.inc(report.new_filings)
    rt.metrics.filings_processed.inc(report.processed)
    now = rt.clock()
    save_edgar_health(rt, now)
    save_state(rt.engine, "last_poll", json.dumps(asdict(report)), now)
    if not any(e.startswith("feed:") for e in report.errors):
        save_state(rt.engine, "last_poll_ok", "", now)
    return report


def deliver(rt: Runtime, report: PollReport | None = None) -> PollReport:
    """Post every due alert (what every replica does); counts go into `report`."""
    report = report or PollReport()
    inflight = timedelta(seconds=rt.settings.inflight_seconds)
    posted, failed = deliver_due(
        rt.engine,
        rt.poster,
        rt.clock,
        stop=rt.stop,
        stuck_after=inflight,
        sleep=rt.sleep,
        observe=rt.metrics.observe_slack_error,
    )
    report.posted, report.delivery_failures = posted, failed
    rt.metrics.alerts_posted.inc(posted)
    rt.metrics.alerts_failed.inc(failed)
    return report


def ensure_tickers(rt: Runtime, report: PollReport) -> None:
    """Load company_tickers.json at start and daily, so tickers resolve and alerts name them."""
    now = rt.clock()
    if company_count(rt.engine) > 0 and not is_due(rt.engine, "tickers", TICKERS_EVERY, now):
        return
    try:
        companies = fetch_company_tickers(rt.edgar)
    except WatcherError as exc:
        report.errors.append(f"tickers: {exc}")
        log.warning("could not load company tickers: %s", exc)
        return
    save_companies(rt.engine, companies, now)
    save_state(rt.engine, "tickers", str(len(companies)), now)


def discover_filings(rt: Runtime, report: PollReport) -> None:
    """Read the market-wide feeds; store unseen filings as pending."""
    cold = not has_any_filing(rt.engine)
    try:
        filings = fetch_current_filings(
            rt.edgar,
            rt.settings.forms,
            is_seen=(lambda _: False) if cold else (lambda a: is_seen(rt.engine, a)),
            max_pages=1 if cold else 10,
        )
    except WatcherError as exc:
        report.errors.append(f"feed: {exc}")
        log.warning("reading the current filings feed failed: %s", exc)
        return
    now = rt.clock()
    if cold or len(filings) > HUGE_BACKLOG:
        filings, skipped = split_cold_start(filings, watched_ciks(rt))
        if skipped:
            save_new_filings(rt.engine, skipped, now, state="skipped")
            rt.metrics.filings_skipped.inc(len(skipped))
            log.info(
                "cold start: %d filings queued, %d older ones skipped", len(filings), len(skipped)
            )
    report.new_filings += len(save_new_filings(rt.engine, oldest_first(filings), now))


def oldest_first(filings: list[Filing]) -> list[Filing]:
    """Filings in the order they were accepted, so each drug's history is applied in order."""
    return sorted(
        filings,
        key=lambda f: (
            f.accepted or datetime.min.replace(tzinfo=UTC),
            f.filed or date.min,
            f.accession,
        ),
    )


def discover_company_filings(rt: Runtime, report: PollReport) -> None:
    """Read each watched company's own feed: a filing the market-wide feed missed is caught here.

    Only filings on or after the day before the watch began count; older ones are history,
    which is `backfill`'s business, not news.
    """
    now = rt.clock()
    starts = watch_starts(rt)
    for cik, since in starts.items():
        try:
            filings = fetch_company_filings(rt.edgar, cik, rt.settings.forms)
        except WatcherError as exc:
            report.errors.append(f"company feed {cik}: {exc}")
            log.warning("company feed of CIK %s failed: %s", cik, exc)
            continue
        recent = [f for f in filings if f.filed is None or f.filed >= since.date()]
        added = save_new_filings(rt.engine, oldest_first(recent), now, source="company")
        report.new_filings += len(added)
    save_state(rt.engine, "company_feeds", str(len(starts)), now)


def watch_starts(rt: Runtime) -> dict[int, datetime]:
    """Each watched CIK with the earliest time from which its filings are news."""
    starts: dict[int, datetime] = {}
    for watch in list_watches(rt.engine):
        if watch.cik is not None:
            begun = (watch.created_at or rt.clock()) - COMPANY_FEED_LOOKBACK
            starts[watch.cik] = min(begun, starts.get(watch.cik, begun))
    return starts


def watched_ciks(rt: Runtime) -> set[int]:
    """CIKs named by ticker or CIK watches: their filings are fetched first."""
    return {w.cik for w in list_watches(rt.engine) if w.cik is not None}


def process_backlog(rt: Runtime, report: PollReport, batch: int = 200) -> None:
    """Process every due pending filing, watched companies first, in batches, until none is left.

    A filing that fails is rescheduled (not due again this poll), so the loop always ends. The
    rest waits for the next poll (uncharged) when EDGAR pauses us, fails for everyone, or the
    poll has run longer than its budget: discovery is never starved by a stalled backlog.
    """
    began, failed_in_a_row = rt.clock(), 0
    budget = max(BACKLOG_BUDGET, timedelta(seconds=5 * rt.settings.poll_seconds))
    while not rt.stop.is_set():
        due = pending_filings(rt.engine, rt.clock(), first=watched_ciks(rt), limit=batch)
        for filing in due:
            overdue = rt.clock() - began > budget
            if backlog_should_wait(rt, failed_in_a_row=failed_in_a_row, overdue=overdue):
                return
            failed_in_a_row = 0 if process_filing(rt, filing, report) else failed_in_a_row + 1
        if len(due) < batch:
            return


def backlog_should_wait(rt: Runtime, *, failed_in_a_row: int, overdue: bool) -> bool:
    """True when the rest of the backlog should wait for the next poll (logged once)."""
    if rt.stop.is_set() or rt.edgar.limiter.paused_for() > 0:
        return True  # stopping, or paused after SEC's threshold page: nothing sent or charged
    if failed_in_a_row >= 2 and rt.edgar.health().failing:
        log.warning("EDGAR is failing for everyone; the rest of the backlog waits for next poll")
        return True
    if overdue:
        log.warning("the backlog took longer than its budget; the rest waits for the next poll")
    return overdue


def process_filing(rt: Runtime, filing: Filing, report: PollReport) -> bool:
    """Fetch, classify and store one filing, then queue its alerts; errors leave it pending.

    True when the filing was done, False when EDGAR did not serve it.
    """
    try:
        fetched = fetch_filing(rt.edgar, filing, max_document_bytes=rt.settings.max_document_bytes)
        ensure_company(rt, filing.cik)
    except WatcherError as exc:
        record_failure(rt, filing, exc, report)
        return False
    found = classify_filing(fetched, rt)
    texts = {doc.url: doc.text for doc in fetched.documents}
    stored = save_processed_filing(
        rt.engine,
        fetched,
        found,
        texts,
        rt.clock(),
        nct_ids=filing_trials(texts.values()),
        lookups=rt.settings.registry_enabled,
    )
    if stored is None:
        log.info("filing %s was stored by another process meanwhile", filing.accession)
        return True
    report.processed += 1
    report.events += len(stored.types)
    report.alerts_queued += stored.alerts
    for kind in stored.types:
        rt.metrics.events.labels(type=kind).inc()
    return True


def record_failure(rt: Runtime, filing: Filing, exc: WatcherError, report: PollReport) -> None:
    """Leave a filing that EDGAR did not serve pending (or give up: error log and a metric)."""
    if isinstance(exc, EdgarStopped):
        return  # shutting down: not an attempt, the filing stays due
    now, health = rt.clock(), rt.edgar.health()
    wait = exc.retry_after if isinstance(exc, EdgarRateLimited) else 0.0
    state = record_filing_error(
        rt.engine,
        filing.accession,
        str(exc),
        now,
        charged=exc.charged,
        retry_in=lambda n: max(retry_delay(n), timedelta(seconds=wait)),
        give_up=lambda n, first, prev: should_give_up(Failure(n, first, prev), now, health),
    )
    report.errors.append(f"{filing.accession}: {exc}")
    if exc.charged:
        rt.metrics.filing_failures.inc()
    if state == "failed":
        rt.metrics.filings_given_up.inc()
        log.error(
            "gave up on filing %s (%s): it failed alone for hours while EDGAR served others: %s",
            filing.accession,
            filing.company,
            exc,
        )
    else:
        log.warning("filing %s (%s): %s; will retry", filing.accession, filing.company, exc)


def save_edgar_health(rt: Runtime, now: datetime) -> None:
    """Record the EDGAR client's recent outcomes for `status` and /metrics; the last whole
    Archives document is carried over from the stored record (by any replica, before any
    restart) until this process has fetched one itself."""
    health = rt.edgar.health()
    rt.metrics.edgar_failing.set(1 if health.failing else 0)
    stored = load_state_json(rt.engine, "edgar_health").get("last_archive_ok")
    last_ok = health.last_archive_ok.isoformat() if health.last_archive_ok else stored
    value = {"recent": health.recent, "failures": health.failures, "last_archive_ok": last_ok}
    save_state(rt.engine, "edgar_health", json.dumps(value), now)


def classify_filing(fetched: FetchedFiling, rt: Runtime) -> list[EventRow]:
    """Classify every document of a filing; the same news told twice becomes one event."""
    found: list[tuple[Document, Event]] = []
    for doc in fetched.documents:
        with rt.metrics.classify_seconds.time():
            events = classify(doc.text)
        found.extend((doc, event) for event in events)
    now = rt.clock()
    return [event_row(fetched.filing.cik, doc, ev, now) for doc, ev in merge_events(found)]


def ensure_company(rt: Runtime, cik: int) -> None:
    """Fetch a company's SIC code (submissions JSON) when a sic: watch needs it."""
    if not any(w.kind == "sic" for w in list_watches(rt.engine)):
        return
    known = get_company(rt.engine, cik)
    if known is not None and known.sic:
        return
    save_companies(rt.engine, [fetch_company(rt.edgar, cik)], rt.clock())
