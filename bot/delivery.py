"""Posting alerts: to Slack through the Web API, or to standard output without a bot token.

Errors:
    DeliveryError            a post that did not land
      .permanent = True      Slack said no for good (channel_not_found, not_in_channel, …)
      .permanent = False     worth retrying later (429 past retries, 5xx, network)
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol, TextIO

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from sqlalchemy import Engine

from bot.alerts import Alert
from bot.outbox import (
    claim_alert,
    due_alerts,
    mark_sent,
    mark_unsent,
    release_alert,
    stuck_alerts,
)
from bot.render import render_blocks, render_console, render_fallback

log = logging.getLogger(__name__)
METADATA_TYPE = "phasewatch_alert"
STUCK_AFTER = timedelta(minutes=2)

PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "not_authed",
        "missing_scope",
        "restricted_action",
        "invalid_blocks",
        "msg_too_long",
    }
)


class DeliveryError(Exception):
    """A post that did not land; `permanent` says whether retrying can help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class Poster(Protocol):
    """Something that posts one alert and returns the message's ts."""

    def post_alert(self, alert: Alert) -> str: ...

    def find_posted(self, alert: Alert, since: datetime) -> str | None:
        """The ts of this alert's message if it was posted after `since`, else None."""
        ...


class ConsolePoster:
    """Prints alerts to a stream (standard output by default) instead of posting them."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.count = 0

    def post_alert(self, alert: Alert) -> str:
        """Print the alert; its ts is a local counter."""
        self.count += 1
        print(render_console(alert), file=self.stream, flush=True)
        return f"console.{self.count}"

    def find_posted(self, alert: Alert, since: datetime) -> str | None:
        """The console keeps no history: nothing is ever found."""
        return None


def make_slack_client(token: str, base_url: str) -> WebClient:
    """A Web API client that honours Retry-After on 429 and retries 5xx and resets."""
    handlers = [
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
        ConnectionErrorRetryHandler(max_retry_count=2),
    ]
    return WebClient(token=token, base_url=base_url, timeout=15, retry_handlers=handlers)


class SlackPoster:
    """Posts alerts with chat.postMessage: Block Kit, a plain-text fallback, unfurling off.

    At most one message per second per channel (Slack's posting limit), paced here.
    """

    def __init__(self, client: WebClient, *, per_channel_interval: float = 1.0) -> None:
        self.client = client
        self.interval = per_channel_interval
        self._last: dict[str, float] = {}

    def _pace(self, channel: str) -> None:
        wait = self._last.get(channel, -1e9) + self.interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[channel] = time.monotonic()

    def post_alert(self, alert: Alert) -> str:
        """Post the alert and return its ts; raise DeliveryError when Slack refuses."""
        self._pace(alert.channel)
        try:
            response = self.client.chat_postMessage(
                channel=alert.channel,
                text=render_fallback(alert),
                blocks=render_blocks(alert),
                thread_ts=alert.thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                metadata={
                    "event_type": METADATA_TYPE,
                    "event_payload": {"accession": alert.accession},
                },
            )
        except SlackApiError as exc:
            code = str(exc.response.get("error", "unknown_error"))
            raise DeliveryError(code, permanent=code in PERMANENT_ERRORS) from None
        except (SlackClientError, OSError) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}", permanent=False) from None
        return str(response.get("ts", ""))

    def find_posted(self, alert: Alert, since: datetime) -> str | None:
        """Look for our message (by its metadata) in the channel's history since `since`."""
        response = self.client.conversations_history(
            channel=alert.channel,
            oldest=f"{since.timestamp():.6f}",
            include_all_metadata=True,
            limit=200,
        )
        for message in response.get("messages") or []:
            meta = message.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if (
                meta.get("event_type") == METADATA_TYPE
                and payload.get("accession") == alert.accession
            ):
                return str(message.get("ts"))
        return None


def reconcile_stuck(
    engine: Engine, poster: Poster, now: datetime, stuck_after: timedelta = STUCK_AFTER
) -> int:
    """Settle alerts a crashed process left `posting`: sent if Slack has them, else re-queued."""
    settled = 0
    for alert, claimed in stuck_alerts(engine, now - stuck_after):
        try:
            ts = poster.find_posted(alert, claimed - timedelta(minutes=1))
        except (SlackApiError, SlackClientError, OSError) as exc:
            log.warning(
                "cannot check %s in %s (%s); posting it again", alert.accession, alert.channel, exc
            )
            ts = None
        if ts:
            mark_sent(engine, alert, ts, now)
        else:
            release_alert(engine, alert)
        settled += 1
    return settled


def deliver_due(
    engine: Engine,
    poster: Poster,
    now: Callable[[], datetime],
    *,
    stop: threading.Event | None = None,
    stuck_after: timedelta = STUCK_AFTER,
) -> tuple[int, int]:
    """Post every due alert once; return (posted, failed); stops early once `stop` is set."""
    reconcile_stuck(engine, poster, now(), stuck_after)
    posted = failed = 0
    for alert in due_alerts(engine, now()):
        if stop is not None and stop.is_set():
            break
        if not claim_alert(engine, alert, now()):
            continue
        try:
            ts = poster.post_alert(alert)
        except DeliveryError as exc:
            state = mark_unsent(engine, alert, str(exc), permanent=exc.permanent, now=now())
            log.warning(
                "delivery to %s of %s failed (%s): %s", alert.channel, alert.accession, state, exc
            )
            failed += 1
            continue
        mark_sent(engine, alert, ts, now())
        posted += 1
    return posted, failed
