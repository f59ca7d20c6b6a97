"""The delivery job: drain the outbox to a Poster, exactly once, however many processes run it.

One round: settle unsettled posts (a crash, or no answer) from the channel's history, then post
due alerts, one channel slot at a time (bot.storage.pace), each under a claim
(bot.storage.claims). The job never sleeps holding a claim; it waits (on `stop`, so SIGTERM ends
it at once) only for a channel's next slot when that is a few seconds away. A rate-limited
channel's alerts wait in the database while every other channel keeps flowing. Refused
credentials stop delivery in this process and keep every alert pending for a restart with a good
token.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from bot.domain.alerts import Alert
from bot.slack.posters import (
    ConsolePoster,
    CredentialsError,
    DeliveryError,
    OutcomeUnknownError,
    Poster,
    RateLimitedError,
    SlackPoster,
    make_delivery_client,
    make_slack_client,
)
from bot.storage import Engine
from bot.storage.claims import (
    Unsettled,
    claim_alert,
    hold_back,
    mark_sent,
    mark_unknown,
    mark_unsent,
    new_token,
    release_alert,
    take_over,
    unsettled_alerts,
)
from bot.storage.outbox import due_alerts
from bot.storage.pace import give_channel, held_back, take_channel
from bot.storage.state import REFUSED_KEY, load_state, save_state

__all__ = [
    "ConsolePoster",
    "DeliveryError",
    "Poster",
    "SlackPoster",
    "deliver_due",
    "make_delivery_client",
    "make_slack_client",
    "reconcile_stuck",
]

log = logging.getLogger(__name__)
STUCK_AFTER = timedelta(minutes=2)
RECHECK = timedelta(seconds=30)  # a history lookup that failed is tried again after this
WAIT_IN_ROUND = 5.0  # seconds: a channel free sooner is waited for; later ones, next round
ROUNDS = 1000  # passes in one delivery round at most (each posts or waits for a channel)
IDLE_PASSES = 3  # passes in a row that asked Slack nothing end the round
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    """What one post attempt leaves: whether the outbox moved on, how long its channel rests."""

    progress: bool = False
    rest: float = 0.0
    reason: str | None = None  # why the channel rests longer than the pace (a 429)


Observe = Callable[[DeliveryError], object]  # counts a failed Slack call (Metrics.observe_…)


def _ignore(error: DeliveryError) -> None:
    """Count nothing (no metrics given)."""


@dataclass
class Tally:
    """What one delivery round did; `observe` is told of each Slack call that failed."""

    posted: int = 0
    failed: int = 0
    observe: Observe = field(default=_ignore)


def deliver_due(
    engine: Engine,
    poster: Poster,
    now: Callable[[], datetime],
    *,
    stop: threading.Event | None = None,
    stuck_after: timedelta = STUCK_AFTER,
    sleep: Callable[[float], object] | None = None,
    observe: Observe | None = None,
) -> tuple[int, int]:
    """Post every due alert once; return (posted, failed); stops early once `stop` is set.

    `stuck_after` is this process's lease on a claim, and how long a post without an answer
    settles before the channel's history decides whether it landed. A channel free within
    WAIT_IN_ROUND is waited for with `sleep` (the runtime clock's; default: `stop.wait`), at
    most ROUNDS times. IDLE_PASSES passes in a row that asked Slack nothing end the round, so
    neither another process holding the channel nor a clock that stands still holds it forever.
    `observe` is told of every Slack call that failed (a 429 included), for the metrics.
    """
    stop = stop or threading.Event()
    sleep = sleep or stop.wait
    tally = Tally(observe=observe or _ignore)
    if poster.refused:
        return 0, 0
    reconcile_stuck(engine, poster, now(), stuck_after, observe=tally.observe)
    idle = 0  # passes in a row that asked Slack nothing
    for _ in range(ROUNDS):
        if stop.is_set() or poster.refused:
            break
        wait = _deliver_pass(engine, poster, now, lease=stuck_after, stop=stop, tally=tally)
        idle = 0 if wait == 0.0 else idle + 1
        if wait is None or wait > WAIT_IN_ROUND or idle > IDLE_PASSES:
            break
        sleep(wait)
    if tally.posted:
        _clear_refusal(engine, now())
    return tally.posted, tally.failed


def _deliver_pass(
    engine: Engine,
    poster: Poster,
    now: Callable[[], datetime],
    *,
    lease: timedelta,
    stop: threading.Event,
    tally: Tally,
) -> float | None:
    """Post at most one alert per paced channel; 0 when Slack was asked, else the seconds until
    the next channel is free (None: nothing left to do this round)."""
    held = {c: until for c, (until, _) in held_back(engine, now()).items()} if poster.pace else {}
    busy = dict(held)  # channel -> when it is free again (or: posted to in this pass)
    progressed = False
    for alert in due_alerts(engine, now(), skip=held):
        if stop.is_set() or poster.refused:
            return None
        if alert.channel in busy:
            continue
        slot = new_token()
        free = (
            take_channel(engine, alert.channel, slot, now(), lease=lease) if poster.pace else None
        )
        if free is not None:
            busy[alert.channel] = free
            continue
        outcome = Outcome()
        try:
            outcome = _post_claimed(engine, poster, alert, now, lease=lease, tally=tally)
        finally:
            rest = now() + timedelta(seconds=outcome.rest)
            if poster.pace:
                give_channel(engine, alert.channel, slot, rest, outcome.reason)
                busy[alert.channel] = rest
        progressed |= outcome.progress
    if progressed:
        return 0.0
    waits = [(t - now()).total_seconds() for t in busy.values()]
    return max(min(waits), 0.05) if waits else None


def _post_claimed(
    engine: Engine,
    poster: Poster,
    alert: Alert,
    now: Callable[[], datetime],
    *,
    lease: timedelta,
    tally: Tally,
) -> Outcome:
    """Claim, post and record one alert; how long its channel must rest afterwards."""
    token = claim_alert(engine, alert, now(), lease)
    if token is None:
        return Outcome()
    where = f"delivery to {alert.channel} of {alert.accession}"
    try:
        ts = _observed(poster.post_alert, alert, tally.observe)
    except RateLimitedError as exc:
        reason = f"{exc} (Retry-After {exc.retry_after:g} s)"
        hold_back(engine, alert, token, now() + timedelta(seconds=exc.retry_after), reason)
        log.warning("%s rate-limited: the channel waits %g s", where, exc.retry_after)
        return Outcome(progress=False, rest=exc.retry_after, reason=reason)
    except CredentialsError as exc:
        release_alert(engine, alert, token, error=str(exc))
        _refused(engine, str(exc), now())
    except OutcomeUnknownError as exc:
        mark_unknown(engine, alert, token, now() + lease, str(exc))
        log.warning("%s: no answer (%s); checking the channel before any re-post", where, exc)
    except DeliveryError as exc:
        state = mark_unsent(engine, alert, token, str(exc), permanent=exc.permanent, now=now())
        log.warning("%s failed (%s): %s", where, state, exc)
        tally.failed += 1
    else:
        if not mark_sent(engine, alert, token, ts, now()):
            log.error("%s landed (ts %s) after its claim was lost", where, ts)
        tally.posted += 1
    return Outcome(progress=True, rest=poster.pace)


def _observed(call: Callable[[Alert], T], alert: Alert, observe: Observe) -> T:
    """call(alert), telling `observe` of the DeliveryError it raises (raised on)."""
    try:
        return call(alert)
    except DeliveryError as exc:
        observe(exc)
        raise


def reconcile_stuck(
    engine: Engine,
    poster: Poster,
    now: datetime,
    stuck_after: timedelta = STUCK_AFTER,
    *,
    observe: Observe = _ignore,
) -> int:
    """Settle posts a dead process left `posting`, or left `unknown`: sent if Slack has them."""
    settled = 0
    for item in unsettled_alerts(engine, now):
        token = take_over(engine, item, now, stuck_after)
        if token is None:
            continue  # another process is settling it
        settled += _settle(engine, poster, item, token, now, observe=observe)
        if poster.refused:
            break
    return settled


def _settle(
    engine: Engine, poster: Poster, item: Unsettled, token: str, now: datetime, *, observe: Observe
) -> int:
    alert = item.alert
    since = item.claimed_at - timedelta(minutes=1)
    try:
        ts = _observed(lambda a: poster.find_posted(a, since), alert, observe)
    except CredentialsError as exc:
        mark_unknown(engine, alert, token, now, str(exc))  # settled by a good token later
        _refused(engine, str(exc), now)
        return 0
    except DeliveryError as exc:
        if not exc.permanent:
            mark_unknown(engine, alert, token, now + RECHECK, str(exc))
            log.warning("cannot check %s in %s yet (%s)", alert.accession, alert.channel, exc)
            return 0
        log.warning(
            "cannot check %s in %s (%s); posting it again", alert.accession, alert.channel, exc
        )
        ts = None
    if ts:
        mark_sent(engine, alert, token, ts, now)
    else:
        release_alert(engine, alert, token, charge=True)
    return 1


def _refused(engine: Engine, code: str, now: datetime) -> None:
    """Slack refused the token: say so loudly, once, and record it for status."""
    log.error(
        "Slack refused the bot token (%s): delivery is stopped in this process and every alert "
        "stays pending; fix SLACK_BOT_TOKEN (and the app's chat:write scope) and restart",
        code,
    )
    save_state(engine, REFUSED_KEY, code, now)


def _clear_refusal(engine: Engine, now: datetime) -> None:
    row = load_state(engine, REFUSED_KEY)
    if row is not None and row.value:
        save_state(engine, REFUSED_KEY, "", now)
