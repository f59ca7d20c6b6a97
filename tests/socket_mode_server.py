"""A stand-in for Slack's Socket Mode endpoint on 127.0.0.1 (port 0), after bolt-python's mock
Socket Mode servers.

Every websocket that connects is greeted with Slack's `hello`; the test then sends envelopes
(`send_slash_command`), and every message the client sends back is recorded as the ack of its
envelope_id, with the time it took. `close_connection` closes the current websocket (a close
frame, as Slack does when it retires a host); `drop_connection` resets its TCP connection with no
close frame at all (a proxy or NAT that lost it); `send_disconnect` sends Slack's `disconnect`
message (`refresh_requested`, `warning`, `link_disabled`), after which the client should open a
new connection by itself; `delay_handshake` holds the next connection's 101 answer a while.
Nothing here sleeps to synchronise: waits are on a condition, bounded.
"""

from __future__ import annotations

import itertools
import json
import socket
import struct
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request
from websockets.sync.server import Server, ServerConnection, serve

APP_ID = "A0PHASEWATCH"


@dataclass(frozen=True)
class Ack:
    """A message the client sent back for one envelope, and how long after the envelope."""

    message: dict[str, Any]
    seconds: float


class FakeSocketMode:
    """The Socket Mode websocket server; `new_url()` is what apps.connections.open answers."""

    def __init__(self, hooks_url: str) -> None:
        self.hooks_url = hooks_url  # where response_url points (the Slack stand-in)
        self.changed = threading.Condition()
        self.connections: list[ServerConnection] = []  # in the order they connected
        self.paths: list[str] = []  # the request path of each, ticket included
        self.closed: set[int] = set()  # indices of the connections that have ended
        self.handshakes = 0  # opening handshakes begun (a connection counts once it is done)
        self.handshake_delays: list[float] = []  # seconds to hold the next handshakes' 101
        self.sent: dict[str, float] = {}  # envelope_id -> time.monotonic() when sent
        self.acks: dict[str, Ack] = {}
        self.unexpected: list[str] = []  # messages that acked no envelope of ours
        self.tickets = itertools.count(1)
        self.server: Server = serve(
            self._session, "127.0.0.1", 0, process_request=self._handshake, close_timeout=2
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        """The port the websocket server listens on."""
        return int(self.server.socket.getsockname()[1])

    def start(self) -> None:
        """Serve in a background thread."""
        self.thread.start()

    def stop(self) -> None:
        """Close every connection (1001 going away) and the listening socket."""
        self.server.shutdown()
        self.thread.join(timeout=10)

    def new_url(self) -> str:
        """A fresh websocket URL, as apps.connections.open issues one per call."""
        return f"ws://127.0.0.1:{self.port}/link/?ticket={next(self.tickets)}&app_id={APP_ID}"

    def wait_connections(self, count: int, timeout: float = 10) -> ServerConnection:
        """Wait until `count` websockets have connected in all; return the latest."""
        with self.changed:
            if not self.changed.wait_for(lambda: len(self.connections) >= count, timeout):
                raise AssertionError(f"{len(self.connections)} connections, not {count}")
            return self.connections[-1]

    def delay_handshake(self, seconds: float) -> None:
        """Hold the next opening handshake's answer for `seconds` (a slow Slack edge)."""
        with self.changed:
            self.handshake_delays.append(seconds)

    def wait_handshakes(self, count: int, timeout: float = 10) -> None:
        """Wait until `count` opening handshakes have begun in all."""
        with self.changed:
            if not self.changed.wait_for(lambda: self.handshakes >= count, timeout):
                raise AssertionError(f"{self.handshakes} handshakes, not {count}")

    def wait_closed(self, index: int, timeout: float = 10) -> None:
        """Wait until the `index`-th connection (0 first) has ended."""
        with self.changed:
            if not self.changed.wait_for(lambda: index in self.closed, timeout):
                raise AssertionError(f"connection {index} still open after {timeout}s")

    def send_slash_command(
        self, text: str, channel: str = "C1", user: str = "U1", *, on: int | None = None
    ) -> str:
        """Send a `/phasewatch TEXT` envelope over the latest (or the `on`-th) connection;
        return its envelope_id."""
        envelope_id = str(uuid.uuid4())
        payload = {
            "token": "verification-token-unused",
            "team_id": "T1",
            "team_domain": "acme",
            "channel_id": channel,
            "channel_name": "research",
            "user_id": user,
            "user_name": "analyst",
            "command": "/phasewatch",
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": f"{self.hooks_url}commands/T1/{envelope_id}",
            "trigger_id": f"trigger-{envelope_id}",
        }
        envelope = {
            "envelope_id": envelope_id,
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": payload,
        }
        self._send(envelope, on, envelope_id)
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = 5) -> Ack:
        """The client's ack of `envelope_id`, waiting at most `timeout` seconds for it."""
        with self.changed:
            if not self.changed.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"no ack of {envelope_id} within {timeout}s")
            return self.acks[envelope_id]

    def send_disconnect(self, reason: str = "refresh_requested") -> None:
        """Slack's notice that this connection will close; the client should reconnect."""
        self._send({"type": "disconnect", "reason": reason, "debug_info": {"host": "fake"}})

    def close_connection(self, code: int = 1001) -> None:
        """Close the latest websocket with a close frame (the client should reconnect)."""
        with self.changed:
            latest = self.connections[-1]
        latest.close(code, "server is going away")

    def drop_connection(self) -> None:
        """Reset the latest websocket's TCP connection (RST, no close frame): the client learns
        of it only from a failed read or ping."""
        with self.changed:
            latest = self.connections[-1]
            self.closed.add(len(self.connections) - 1)
            self.changed.notify_all()
        raw = latest.socket
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        raw.close()  # linger 0: the peer gets a RST

    def _send(self, message: dict[str, Any], on: int | None = None, envelope: str = "") -> None:
        with self.changed:
            connection = self.connections[-1 if on is None else on]
            if envelope:
                self.sent[envelope] = time.monotonic()
        connection.send(json.dumps(message))

    def _handshake(self, connection: ServerConnection, request: Request) -> None:
        with self.changed:
            self.handshakes += 1
            delay = self.handshake_delays.pop(0) if self.handshake_delays else 0.0
            self.changed.notify_all()
        time.sleep(delay)  # scripted slowness of the server, not a wait for the client

    def _session(self, connection: ServerConnection) -> None:
        hello = {
            "type": "hello",
            "num_connections": 1,
            "debug_info": {"host": "fake", "approximate_connection_time": 18060},
            "connection_info": {"app_id": APP_ID},
        }
        with self.changed:
            index = len(self.connections)
            self.connections.append(connection)
            self.paths.append(connection.request.path if connection.request else "")
            self.changed.notify_all()
        try:
            connection.send(json.dumps(hello))
            for raw in connection:
                self._record(str(raw))
        except ConnectionClosed:
            pass  # the client went away, or we closed it: the test decides what that means
        with self.changed:
            self.closed.add(index)
            self.changed.notify_all()

    def _record(self, raw: str) -> None:
        message = json.loads(raw)
        now = time.monotonic()
        with self.changed:
            envelope_id = message.get("envelope_id")
            if envelope_id in self.sent:
                self.acks[envelope_id] = Ack(message, now - self.sent[envelope_id])
            else:
                self.unexpected.append(raw)
            self.changed.notify_all()
