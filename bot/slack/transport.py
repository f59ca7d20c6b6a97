"""How Slack reaches the Bolt app: signed HTTP requests, or a Socket Mode websocket.

Socket Mode (SLACK_APP_TOKEN) uses slack_sdk's builtin client: `apps.connections.open` with the
app-level token gives a `wss://` URL; each envelope that arrives over it is dispatched into the
same Bolt app and acknowledged by its envelope_id (a slash command's reply rides in the ack).
The client reconnects by itself: on a `disconnect` message it opens a new URL first, then drops
the old connection; when the server closes the socket, its monitor opens a new one on its next
ping (every PING_SECONDS); a socket silent for four pings is dropped and replaced. A TCP
connection reset under the websocket (no close frame) fails five pings in a row (slack_sdk logs
each at ERROR) before it is replaced: about 30 s at PING_SECONDS, while commands go unanswered.

Exceptions:

    SocketModeError    Slack refused the app-level token (or apps.connections.open failed)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.request import BoltRequest
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)
PING_SECONDS = 5.0  # slack_sdk's own default (Bolt's handler says 10): a lost socket is back sooner


class SocketModeError(Exception):
    """Socket Mode could not start: the app-level token was refused."""


@dataclass(frozen=True)
class HttpReply:
    """Bolt's answer to one HTTP request, in plain types."""

    status: int
    body: bytes
    content_type: str


class SlackApp:
    """The Bolt app behind its two doors: `dispatch_http` and `connect_socket_mode`."""

    def __init__(self, bolt: App) -> None:
        self.bolt = bolt

    def dispatch_http(self, body: bytes, headers: Mapping[str, str]) -> HttpReply:
        """Run one `POST /slack/events` request (signature checked) through the app."""
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return HttpReply(400, b"body is not UTF-8\n", "text/plain; charset=utf-8")
        plain: dict[str, str | Sequence[str]] = dict(headers)
        resp = self.bolt.dispatch(BoltRequest(body=text, headers=plain))
        ctype = resp.first_headers().get("content-type", "application/json")
        return HttpReply(resp.status, resp.body.encode(), ctype)

    def connect_socket_mode(
        self, app_token: str, *, ping_seconds: float = PING_SECONDS
    ) -> SocketModeLink:
        """Open the Socket Mode connection with `app_token` (xapp-…); it reconnects by itself."""
        handler = SocketModeHandler(self.bolt, app_token, ping_interval=ping_seconds)
        try:
            handler.connect()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
        except SlackApiError as exc:
            handler.close()  # type: ignore[no-untyped-call]  # idem
            code = exc.response.get("error") if exc.response is not None else None
            raise SocketModeError(
                f"Slack refused SLACK_APP_TOKEN on apps.connections.open: {code or exc}"
            ) from None
        log.info("socket mode: connected (session %s)", handler.client.session_id())
        return SocketModeLink(handler)


class SocketModeLink:
    """A live Socket Mode connection; `close()` ends it for good (no reconnect)."""

    def __init__(self, handler: SocketModeHandler) -> None:
        self._handler = handler

    def is_connected(self) -> bool:
        """True while a websocket to Slack is open."""
        return self._handler.client.is_connected()

    def close(self) -> None:
        """Close the websocket and stop the client's threads."""
        self._handler.close()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
        # A reconnect running in the client's monitor can finish just after close() closed the
        # old session (it installs the new one last). Its threads are joined now: close that too.
        self._handler.client.disconnect()
