"""Giving posted alerts their registry lines: `chat.update` of the message, else a thread reply.

The alert is posted first, with no registry line; once its filing's lookup is done, every posted
first telling of it is re-rendered with a ClinicalTrials.gov section and updated in place. A
message Slack will no longer edit gets the lines as a reply in its thread instead. Each
(channel, ts) is given its lines once (registry_updates); a transient Slack error leaves it
for the next cycle. Without a Slack token, the lines are printed under the console alert.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.alerts import Alert
from bot.domain.registry import TrialLine
from bot.slack.posters import CannotUpdateError, DeliveryError, MessageGoneError, Poster
from bot.storage.registry_rows import load_alert
from bot.storage.registry_store import lookup_outcome, messages_to_update, record_update
from bot.usecases.context import Runtime

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Posted:
    """A posted first telling of an alert: where it is and which events it told."""

    accession: str
    channel: str
    ts: str
    keys: tuple[str, ...]


def update_messages(rt: Runtime) -> int:
    """Give every posted alert whose lookup is done its registry lines; returns how many."""
    updated = 0
    for accession, channel, ts, keys in messages_to_update(rt.engine):
        if rt.stop.is_set():
            break
        lines = [TrialLine(**item) for item in lookup_outcome(rt.engine, accession)]
        how = post_lines(rt, Posted(accession, channel, ts, tuple(keys)), lines)
        if how is not None:
            record_update(rt.engine, accession, channel, ts, how=how, now=rt.clock())
            updated += how in ("update", "thread", "console")
    return updated


def post_lines(rt: Runtime, posted: Posted, lines: list[TrialLine]) -> str | None:
    """Update one message; 'update', 'thread', 'console', 'failed', or None to try again later."""
    alert = load_alert(rt.engine, posted.channel, posted.accession, list(posted.keys))
    try:
        return rt.poster.update_alert(alert, posted.ts, lines)
    except CannotUpdateError:
        pass  # the message can no longer change: the lines go in its thread
    except DeliveryError as exc:
        log.warning(
            "chat.update of %s in %s failed (%s); will retry", posted.accession, posted.channel, exc
        )
        return None
    return _reply(rt.poster, alert, posted, lines)


def _reply(poster: Poster, alert: Alert, posted: Posted, lines: list[TrialLine]) -> str | None:
    """The lines as a reply in the alert's thread (the message itself can no longer change)."""
    try:
        poster.reply_to_alert(alert, posted.ts, lines)
    except DeliveryError as exc:
        log.warning("registry reply to %s in %s failed: %s", posted.accession, posted.channel, exc)
        return "failed" if isinstance(exc, MessageGoneError) else None
    return "thread"
