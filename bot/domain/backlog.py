"""The filing backlog's rules (pure): what a cold start queues, when to retry, when to give up.

A cold start (or one read bringing more than HUGE_BACKLOG unseen filings) queues the filings
accepted within COLD_START_WINDOW of the feed's newest entry, at most COLD_START_LIMIT of them
plus every watched company's; the rest are recorded as skipped, never fetched.

A failed attempt is charged only when a request was made (a pause after SEC's threshold page or
a shutdown is not an attempt). Retries back off 1, 2, 4 … minutes, capped at 15. A filing is
never abandoned while EDGAR is failing for everyone: most recent requests failed, or no
document has come back whole since this filing's previous failure. Giving up is for a filing
that fails alone, at least GIVE_UP_ATTEMPTS times over at least GIVE_UP_AFTER.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from watchers import EdgarHealth, Filing

RETRY_BASE = timedelta(minutes=1)
RETRY_CAP = timedelta(minutes=15)
GIVE_UP_ATTEMPTS = 10
GIVE_UP_AFTER = timedelta(hours=6)
COLD_START_WINDOW = timedelta(hours=1)  # a cold start queues filings this close to the newest
COLD_START_LIMIT = 100  # … and at most this many (plus watched companies' filings)
HUGE_BACKLOG = 1000  # more new filings than 10 feed pages hold: treated like a cold start


@dataclass(frozen=True)
class Failure:
    """A filing's failure record after this attempt."""

    attempts: int
    first_failed_at: datetime
    previous_failed_at: datetime | None  # the attempt before this one, if any


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 minutes … capped at RETRY_CAP."""
    doublings: int = max(0, min(attempts - 1, 16))
    return min(RETRY_CAP, RETRY_BASE * (1 << doublings))


def fails_alone(health: EdgarHealth, previous_failed_at: datetime | None) -> bool:
    """True when EDGAR serves others: few recent failures, a whole document since last time."""
    if health.failing or health.last_archive_ok is None or previous_failed_at is None:
        return False
    return health.last_archive_ok > previous_failed_at


def should_give_up(failure: Failure, now: datetime, health: EdgarHealth) -> bool:
    """Give up only on a filing failing alone, GIVE_UP_ATTEMPTS times over GIVE_UP_AFTER."""
    return (
        failure.attempts >= GIVE_UP_ATTEMPTS
        and now - failure.first_failed_at >= GIVE_UP_AFTER
        and fails_alone(health, failure.previous_failed_at)
    )


def split_cold_start(filings: list[Filing], watched: set[int]) -> tuple[list[Filing], list[Filing]]:
    """(queued, skipped): the newest COLD_START_LIMIT filings within COLD_START_WINDOW of the
    newest one, plus every watched company's filing in that window; the rest are skipped.

    The window is measured from the feed's own newest entry, not the wall clock.
    """
    dated = [f.accepted for f in filings if f.accepted is not None]
    if not dated:
        return filings[:COLD_START_LIMIT], filings[COLD_START_LIMIT:]
    oldest_kept = max(dated) - COLD_START_WINDOW
    recent = sorted(
        (f for f in filings if f.accepted is None or f.accepted >= oldest_kept),
        key=lambda f: f.accepted or max(dated),
        reverse=True,
    )
    queued = recent[:COLD_START_LIMIT] + [f for f in recent[COLD_START_LIMIT:] if f.cik in watched]
    chosen = {f.accession for f in queued}
    return queued, [f for f in filings if f.accession not in chosen]
