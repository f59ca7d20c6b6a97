"""Posting alerts: to Slack through the Web API, or to standard output without a bot token.

A posted alert can later be given its registry lines: updated in place, or answered in its thread.

Errors (no slack_sdk exception leaves this module):
    DeliveryError              a post that did not land; `.method` the Web API method that
      │                        failed (None: not sent, the token was refused before) and
      │                        `.code` Slack's error code, or unreachable / no_answer
      .permanent = True        Slack said no for good (channel_not_found, not_in_channel, …)
      .permanent = False       worth retrying later (5xx past retries, connection refused)
      ├── CredentialsError     the bot token itself is refused (invalid_auth, token_revoked,
      │                        missing chat:write, …): every later post is refused too
      ├── RateLimitedError     429: `.retry_after` seconds before the channel takes a post
      ├── OutcomeUnknownError  no answer (timeout, reset): Slack may have the message
      └── CannotUpdateError    chat.update refused for good (the message is gone or closed to
            │                  edits, or the edited message too long): reply in its thread instead
            └── MessageGoneError  the message itself is gone or closed (message_not_found,
                                  cant_update_message, edit_window_closed): no reply lands either
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from http.client import HTTPException
from typing import Literal, Protocol, TextIO
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.web import SlackResponse

from bot.domain.alerts import Alert
from bot.domain.registry import TrialLine
from bot.slack.registry_render import (
    render_registry_block,
    render_registry_console,
    render_registry_reply,
    render_updated_blocks,
    render_updated_fallback,
)
from bot.slack.render import render_blocks, render_console, render_fallback

METADATA_TYPE = "phasewatch_alert"
CLIENT_TIMEOUT = 15
DEFAULT_RETRY_AFTER = 30.0
MAX_RETRY_AFTER = 86_400.0

CREDENTIAL_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "missing_scope",
        "no_permission",
        "not_allowed_token_type",
    }
)
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "restricted_action",
        "invalid_blocks",
        "msg_too_long",
    }
)
GONE = frozenset({"message_not_found", "cant_update_message", "edit_window_closed"})
TOO_BIG = frozenset({"msg_too_long", "invalid_blocks"})
SERVER_ERRORS = frozenset({"internal_error", "fatal_error", "service_unavailable", "server_error"})
UNREACHABLE, NO_ANSWER, RATE_LIMITED = "unreachable", "no_answer", "ratelimited"
# Every code an error can be counted under (bot.usecases.metrics counts any other as "other").
KNOWN_CODES = (
    CREDENTIAL_ERRORS
    | PERMANENT_ERRORS
    | GONE
    | TOO_BIG
    | SERVER_ERRORS
    | {UNREACHABLE, NO_ANSWER, RATE_LIMITED}
)
Call = Literal["post", "read", "update", "reply"]  # what a Web API call does, for its errors
METHODS: dict[Call, str] = {
    "post": "chat.postMessage",
    "read": "conversations.history",
    "update": "chat.update",
    "reply": "chat.postMessage",
}


class DeliveryError(Exception):
    """A post that did not land; `permanent` says whether retrying can help."""

    def __init__(self, message: str, *, permanent: bool = False, code: str | None = None) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.code = code or message
        self.method: str | None = None  # set by the call that failed


class CredentialsError(DeliveryError):
    """Slack refuses the bot token (or the app lacks chat:write): nothing can be posted."""


class RateLimitedError(DeliveryError):
    """Slack answered 429; the channel may be posted again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message, code=RATE_LIMITED)
        self.retry_after = retry_after


class OutcomeUnknownError(DeliveryError):
    """The request went out and no answer came back: Slack may or may not have the message."""


class CannotUpdateError(DeliveryError):
    """Slack will not take this edit of the message (gone, closed, or the result too long)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, permanent=True)


class MessageGoneError(CannotUpdateError):
    """The message is gone or closed to edits: neither an update nor a thread reply lands."""


class Poster(Protocol):
    """Something that posts one alert and returns the message's ts.

    `pace` is the least time in seconds between two posts to one channel (0: unpaced);
    `refused` is the credentials error that stopped this poster for good, else None.
    """

    pace: float
    refused: str | None

    def post_alert(self, alert: Alert) -> str: ...

    def find_posted(self, alert: Alert, since: datetime) -> str | None:
        """The ts of this alert's message if it was posted after `since`, else None."""
        ...

    def update_alert(self, alert: Alert, ts: str, lines: Sequence[TrialLine]) -> str:
        """Show the registry lines in the posted message `ts`; how: 'update' or 'console'."""
        ...

    def reply_to_alert(self, alert: Alert, ts: str, lines: Sequence[TrialLine]) -> None:
        """Post the registry lines in the thread of the posted message `ts`."""
        ...


class ConsolePoster:
    """Prints alerts to a stream (standard output by default) instead of posting them."""

    pace = 0.0
    refused: str | None = None

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

    def update_alert(self, alert: Alert, ts: str, lines: Sequence[TrialLine]) -> str:
        """Print the registry lines under the alert (a printed alert cannot change)."""
        for text in render_registry_console(alert, lines):
            print(text, file=self.stream, flush=True)
        return "console"

    def reply_to_alert(self, alert: Alert, ts: str, lines: Sequence[TrialLine]) -> None:
        """Print the registry lines under the alert."""
        self.update_alert(alert, ts, lines)


def make_slack_client(token: str, base_url: str) -> WebClient:
    """The Slack app's Web API client: honours Retry-After on 429, retries 5xx and resets."""
    handlers = [
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
        ConnectionErrorRetryHandler(max_retry_count=2),
    ]
    return WebClient(
        token=token, base_url=base_url, timeout=CLIENT_TIMEOUT, retry_handlers=handlers
    )


def make_delivery_client(token: str, base_url: str, timeout: int = CLIENT_TIMEOUT) -> WebClient:
    """The poster's client: retries only 5xx itself; never sleeps on a 429 or re-sends on a reset.

    A 429 becomes RateLimitedError (the channel waits, in the database, holding nothing) and a lost
    answer OutcomeUnknownError (reconciled before any re-post), so neither can double a message.
    """
    handlers: list[RetryHandler] = [ServerErrorRetryHandler(max_retry_count=2)]
    return WebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=handlers)


class SlackPoster:
    """Posts alerts with chat.postMessage: Block Kit, a plain-text fallback, unfurling off.

    Build it on make_delivery_client. Posts are paced one per second per channel by the
    delivery job (across processes, in the database): `pace` says how far apart.
    """

    def __init__(self, client: WebClient, *, per_channel_interval: float = 1.0) -> None:
        self.client = client
        self.pace = per_channel_interval
        self.refused: str | None = None

    def post_alert(self, alert: Alert) -> str:
        """Post the alert and return its ts; raise a DeliveryError when it did not land."""
        response = self._call(
            self.client.chat_postMessage,
            "post",
            channel=alert.channel,
            text=render_fallback(alert),
            blocks=render_blocks(alert),
            thread_ts=alert.thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            metadata={"event_type": METADATA_TYPE, "event_payload": {"accession": alert.accession}},
        )
        return str(response.get("ts", ""))

    def find_posted(self, alert: Alert, since: datetime) -> str | None:
        """Look for our message (by its metadata) in the channel's history since `since`."""
        response = self._call(
            self.client.conversations_history,
            "read",
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

    def update_alert(self, alert: Alert, ts: str, lines: Sequence[TrialLine]) -> str:
        """chat.update of the message with a ClinicalTrials.gov section; returns 'update'.

        Raises CannotUpdateError when Slack will not take the edit (reply in the thread instead).
        """
        self._call(
            self.client.chat_update,
            "update",
            channel=alert.channel,
            ts=ts,
            text=render_updated_fallback(alert, lines),
            blocks=render_updated_blocks(alert, lines),
        )
        return "update"

    def reply_to_alert(self, alert: Alert, ts: str, lines: Sequence[TrialLine]) -> None:
        """The registry lines as a reply in the message's thread (MessageGoneError: no thread)."""
        self._call(
            self.client.chat_postMessage,
            "reply",
            channel=alert.channel,
            thread_ts=ts,
            text=render_registry_reply(lines),
            blocks=[render_registry_block(lines)],
            unfurl_links=False,
            unfurl_media=False,
        )

    def _call(self, method: object, call: Call, **kwargs: object) -> SlackResponse:
        """Call a Web API method, turning every failure into one of our DeliveryErrors."""
        if self.refused:
            raise CredentialsError(self.refused, permanent=True)
        error: DeliveryError
        try:
            return method(**kwargs)  # type: ignore[operator, no-any-return]
        except SlackApiError as exc:
            error = self._api_error(exc.response, call)
        except URLError as exc:  # raised before the request was fully sent
            error = DeliveryError(f"cannot reach Slack: {exc.reason}", code=UNREACHABLE)
        except (SlackClientError, OSError, HTTPException) as exc:  # sent, answer lost
            error = OutcomeUnknownError(f"{type(exc).__name__}: {exc}", code=NO_ANSWER)
        error.method = METHODS[call]
        raise error

    def _api_error(self, response: SlackResponse, call: Call) -> DeliveryError:
        """The error for a refusal. A refused token stops the poster only when posting or reading
        for delivery (a missing scope only when posting); an update or reply leaves that to it."""
        fallback = "server_error" if response.status_code >= 500 else "unknown_error"
        code = str(response.get("error") or fallback)
        if response.status_code == 429:
            return RateLimitedError(code, _retry_after(response))
        if call in ("update", "reply") and code in GONE:
            return MessageGoneError(code)
        if call == "update" and code in TOO_BIG:
            return CannotUpdateError(code)
        if code in CREDENTIAL_ERRORS and (
            call == "post" or (call == "read" and code != "missing_scope")
        ):
            self.refused = code
            return CredentialsError(code, permanent=True)
        return DeliveryError(code, permanent=code in PERMANENT_ERRORS | CREDENTIAL_ERRORS)


def _retry_after(response: SlackResponse) -> float:
    headers = {k.lower(): v for k, v in (response.headers or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        seconds = float(value) if value is not None else DEFAULT_RETRY_AFTER
    except ValueError:
        seconds = DEFAULT_RETRY_AFTER
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)
