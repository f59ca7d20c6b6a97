"""Giving posted alerts their registry lines: `chat.update` of the message, else a thread reply.

The alert is posted first, with no registry line; once its filing's lookup is done, every posted
first telling of it is re-rendered with a ClinicalTrials.gov section and updated in place. A
message Slack will no longer edit gets the lines as a reply in its thread instead. Each
(channel, ts) is given its lines once (registry_updates).

A transient Slack error leaves the message for the next cycle, within bounds: its failures are
counted in service_state (shared by the replicas, kept across restarts), and after
MAX_UPDATE_ATTEMPTS of them, or GIVE_UP_AFTER since the first, a failing update falls back to one
thread reply, and a failing reply gives up: one warning line, recorded as `failed`, never retried.
A 429 ends the cycle's updates, uncharged. Without a Slack token, the lines are printed under the
console alert.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.alerts import Alert
from bot.domain.registry import TrialLine
from bot.slack.posters import CannotUpdateError, DeliveryError, MessageGoneError, RateLimitedError
from bot.storage.registry_rows import load_alert
from bot.storage.registry_store import lookup_outcome, messages_to_update, record_update
from bot.storage.state import delete_state, load_state_json, save_state
from bot.usecases.context import Runtime

log = logging.getLogger(__name__)
MAX_UPDATE_ATTEMPTS = 6  # failed Slack calls for one message before the fallback (cycles: 30 s)
GIVE_UP_AFTER = timedelta(hours=1)  # since its first failure, whatever the count
FAILURES_KEY = "registry_update_failures:{channel}:{ts}"  # service_state: attempts, first


@dataclass(frozen=True, slots=True)
class Posted:
    """A posted first telling of an alert: where it is and which events it told."""

    accession: str
    channel: str
    ts: str
    keys: tuple[str, ...]

    @property
    def failures_key(self) -> str:
        """Where this message's failed attempts are counted."""
        return FAILURES_KEY.format(channel=self.channel, ts=self.ts)


def update_messages(rt: Runtime) -> int:
    """Give every posted alert whose lookup is done its registry lines; returns how many."""
    updated = 0
    for accession, channel, ts, keys in messages_to_update(rt.engine):
        if rt.stop.is_set():
            break
        lines = [TrialLine(**item) for item in lookup_outcome(rt.engine, accession)]
        posted = Posted(accession, channel, ts, tuple(keys))
        try:
            how = post_lines(rt, posted, lines)
        except RateLimitedError as exc:
            log.warning("registry updates rate-limited (%s): the rest wait for the next cycle", exc)
            break
        if how is not None:
            record_update(rt.engine, accession, channel, ts, how=how, now=rt.clock())
            delete_state(rt.engine, posted.failures_key)
            updated += how in ("update", "thread", "console")
    return updated


def post_lines(rt: Runtime, posted: Posted, lines: list[TrialLine]) -> str | None:
    """Update one message; 'update', 'thread', 'console', 'failed', or None to try again later.

    Raises RateLimitedError on a 429 (nothing charged)."""
    alert = load_alert(rt.engine, posted.channel, posted.accession, list(posted.keys))
    where = f"{posted.accession} in {posted.channel}"
    try:
        return rt.poster.update_alert(alert, posted.ts, lines)
    except CannotUpdateError:
        spent = False  # the message can no longer change: the lines go in its thread
    except DeliveryError as exc:
        rt.metrics.observe_slack_error(exc)
        if isinstance(exc, RateLimitedError):
            raise
        spent = _charge(rt, posted, str(exc))
        if not spent:
            log.warning("chat.update of %s failed (%s); will retry", where, exc)
            return None
        log.warning("chat.update of %s keeps failing (%s); replying in its thread once", where, exc)
    return _reply(rt, alert, posted, lines, last_chance=spent)


def _reply(
    rt: Runtime, alert: Alert, posted: Posted, lines: list[TrialLine], *, last_chance: bool
) -> str | None:
    """The lines as a reply in the alert's thread; 'failed' when it is gone or the budget spent."""
    where = f"{posted.accession} in {posted.channel}"
    try:
        rt.poster.reply_to_alert(alert, posted.ts, lines)
    except DeliveryError as exc:
        rt.metrics.observe_slack_error(exc)
        if isinstance(exc, RateLimitedError):
            raise
        if last_chance or isinstance(exc, MessageGoneError) or _charge(rt, posted, str(exc)):
            log.warning("gave up giving %s its registry lines: %s", where, exc)
            return "failed"
        log.warning("registry reply to %s failed: %s", where, exc)
        return None
    return "thread"


def _charge(rt: Runtime, posted: Posted, error: str) -> bool:
    """Count one failed attempt for the message; True once its budget is spent."""
    now = rt.clock()
    seen = load_state_json(rt.engine, posted.failures_key)
    attempts = int(seen.get("attempts", 0)) + 1
    first = datetime.fromisoformat(seen["first"]) if "first" in seen else now
    value = {"attempts": attempts, "first": first.isoformat(), "error": error}
    save_state(rt.engine, posted.failures_key, json.dumps(value), now)
    return attempts >= MAX_UPDATE_ATTEMPTS or now - first >= GIVE_UP_AFTER
