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
from typing import Any

from slack_sdk.errors import SlackApiError, SlackClientError
from sqlmodel import Session

from bot.domain.registry import TrialLine, render_trial_plain
from bot.runtime import Runtime
from bot.slack.render import (
    escape_mrkdwn,
    render_blocks,
    render_fallback,
    render_trial_mrkdwn,
    trim,
)
from bot.storage.outbox import build_alert
from bot.storage.registry_store import lookup_outcome, messages_to_update, record_update
from bot.usecases.deliver import ConsolePoster, SlackPoster

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Posted:
    """A posted first telling of an alert: where it is and which events it told."""

    accession: str
    channel: str
    ts: str
    keys: tuple[str, ...]


GONE = frozenset({"message_not_found", "cant_update_message", "edit_window_closed"})
TOO_BIG = frozenset({"msg_too_long", "invalid_blocks"})


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


def registry_block(lines: list[TrialLine]) -> dict[str, Any]:
    """The alert's ClinicalTrials.gov section."""
    body = "\n".join(render_trial_mrkdwn(line) for line in lines)
    return {"type": "section", "text": {"type": "mrkdwn", "text": trim_block(body)}}


def trim_block(text: str) -> str:
    """Keep a section within Slack's 3000 characters, line breaks intact."""
    head = "*ClinicalTrials.gov*\n"
    return head + (text if len(head + text) <= 3000 else trim(text, 3000 - len(head)))


def post_lines(rt: Runtime, posted: Posted, lines: list[TrialLine]) -> str | None:
    """Update one message; 'update', 'thread', 'console', 'skipped', or None to try again later."""
    poster, accession, channel = rt.poster, posted.accession, posted.channel
    if isinstance(poster, ConsolePoster):
        for line in lines:
            print(
                f"[#{channel}] ↳ registry ({accession}): {render_trial_plain(line)}",
                file=poster.stream,
                flush=True,
            )
        return "console"
    if not isinstance(poster, SlackPoster):
        return "skipped"
    with Session(rt.engine) as session:
        alert = build_alert(session, channel, accession, list(posted.keys))
    blocks = render_blocks(alert)
    blocks.insert(max(len(blocks) - 2, 1), registry_block(lines))
    plain = escape_mrkdwn("; ".join(render_trial_plain(line) for line in lines))  # untrusted
    try:
        poster.client.chat_update(
            channel=channel,
            ts=posted.ts,
            text=trim(f"{render_fallback(alert)} · {plain}", 3000),
            blocks=blocks,
        )
        return "update"
    except SlackApiError as exc:
        code = str(exc.response.get("error", ""))
        if code not in GONE | TOO_BIG:
            log.warning("chat.update of %s in %s failed (%s); will retry", accession, channel, code)
            return None
    except (SlackClientError, OSError) as exc:
        log.warning("chat.update of %s in %s failed (%s); will retry", accession, channel, exc)
        return None
    return _reply(poster, posted, lines, plain)


def _reply(poster: SlackPoster, posted: Posted, lines: list[TrialLine], plain: str) -> str | None:
    """The lines as a reply in the alert's thread (the message itself can no longer change)."""
    accession, channel = posted.accession, posted.channel
    try:
        poster.client.chat_postMessage(
            channel=channel,
            thread_ts=posted.ts,
            text=trim(f"ClinicalTrials.gov: {plain}", 3000),
            blocks=[registry_block(lines)],
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as exc:
        code = str(exc.response.get("error", ""))
        log.warning("registry reply to %s in %s failed: %s", accession, channel, code)
        return "failed" if code in GONE else None
    except (SlackClientError, OSError) as exc:
        log.warning("registry reply to %s in %s failed: %s", accession, channel, exc)
        return None
    return "thread"
