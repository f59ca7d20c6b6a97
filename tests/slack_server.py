"""A stand-in for the Slack Web API on 127.0.0.1 (port 0), after bolt-python's mock server.

It answers auth.test, chat.postMessage, chat.update, chat.postEphemeral, views.publish,
conversations.info, conversations.history and users.info; records every call (method, headers,
decoded body, time) and when each message arrived, per channel; and can be scripted to answer a
method (or a method in one channel) with errors first: a 429 with Retry-After, a 500,
`{"ok": false, "error": "channel_not_found"}`, or a slow answer that still posts the message.
`refuse_token` answers every call made with a token `invalid_auth` (or another error).

`FakeSlack.socket_mode()` starts a stand-in for Slack's Socket Mode endpoint (FakeSocketMode, a
websocket server after bolt-python's mock Socket Mode servers); `apps.connections.open` then
answers a fresh `ws://127.0.0.1:PORT/link/?ticket=N` of it on every call.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from tests.socket_mode_server import FakeSocketMode


@dataclass
class SlackCall:
    """One recorded Web API call."""

    method: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


@dataclass
class Scripted:
    """A canned answer: HTTP status, headers and JSON body."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=lambda: {"ok": True})
    delay: float = 0.0  # seconds before the answer is sent
    normal: bool = False  # do what the method does (post the message), then answer late

    @classmethod
    def error(cls, code: str) -> Scripted:
        """Slack's usual refusal: HTTP 200 with ok false."""
        return cls(200, {}, {"ok": False, "error": code})

    @classmethod
    def rate_limited(cls, retry_after: float) -> Scripted:
        """HTTP 429 with Retry-After."""
        return cls(429, {"Retry-After": f"{retry_after:g}"}, {"ok": False, "error": "ratelimited"})

    @classmethod
    def server_error(cls) -> Scripted:
        """HTTP 500."""
        return cls(500, {}, {"ok": False, "error": "internal_error"})

    @classmethod
    def slow(cls, seconds: float) -> Scripted:
        """Take the call as usual (the message is posted) and answer only after `seconds`."""
        return cls(delay=seconds, normal=True)


class FakeSlack:
    """The Slack Web API stand-in; use as a context manager, `.api_url` is the client base."""

    def __init__(self) -> None:
        self.calls: list[SlackCall] = []
        self.lock = threading.Lock()
        self.scripts: dict[tuple[str, str | None], deque[Scripted]] = defaultdict(deque)
        self.messages: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.arrivals: dict[str, list[float]] = defaultdict(list)  # monotonic, per channel
        self.refused: dict[str, str] = {}  # token -> error code
        self.user_channels: dict[str, list[str]] = {}
        self.socket: FakeSocketMode | None = None
        self._ts = 1_700_000_000
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def api_url(self) -> str:
        """Base URL for slack_sdk's WebClient (ends with /api/)."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def __enter__(self) -> FakeSlack:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.socket is not None:
            self.socket.stop()
        self.server.shutdown()
        self.server.server_close()

    def socket_mode(self) -> FakeSocketMode:
        """Start the Socket Mode endpoint that `apps.connections.open` hands out (once)."""
        if self.socket is None:
            self.socket = FakeSocketMode(hooks_url=self.api_url.removesuffix("api/") + "hooks/")
            self.socket.start()
        return self.socket

    def script(self, method: str, *answers: Scripted, channel: str | None = None) -> None:
        """Answer the next calls of `method` (in `channel` only, if given) with these, in order."""
        with self.lock:
            self.scripts[(method, channel)].extend(answers)

    def refuse_token(self, token: str, code: str = "invalid_auth") -> None:
        """Answer every call made with `token` with `{"ok": false, "error": code}`."""
        with self.lock:
            self.refused[token] = code

    def post_times(self, channel: str) -> list[float]:
        """When each message posted to `channel` arrived (time.monotonic), in order."""
        with self.lock:
            return list(self.arrivals[channel])

    def min_gap(self, channel: str) -> float:
        """The shortest time between two messages arriving in `channel` (inf for fewer than 2)."""
        times = self.post_times(channel)
        return min((b - a for a, b in itertools.pairwise(times)), default=float("inf"))

    def calls_to(self, method: str) -> list[SlackCall]:
        """The recorded calls of one method."""
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def answer(self, method: str, body: dict[str, Any], headers: dict[str, str]) -> Scripted:
        """Record a call and choose its answer."""
        channel = str(body.get("channel"))
        token = headers.get("Authorization", headers.get("authorization", "")).removeprefix(
            "Bearer "
        )
        with self.lock:
            now = time.monotonic()
            self.calls.append(SlackCall(method, headers, body, now))
            if token in self.refused:
                return Scripted.error(self.refused[token])
            late = None
            for key in ((method, channel), (method, None)):
                if self.scripts[key]:
                    late = self.scripts[key].popleft()
                    if not late.normal:
                        return late
                    break
            self._ts += 1
            ts = f"{self._ts}.000100"
            if method == "chat.postMessage":
                self.messages[channel].append(body | {"ts": ts})
                self.arrivals[channel].append(now)
            if method == "users.conversations":
                ids = self.user_channels.get(str(body.get("user")), [])
                return Scripted(body={"ok": True, "channels": [{"id": c} for c in ids]})
            if method == "apps.connections.open":
                return Scripted(body=self._connections_open())
            if method == "conversations.history":
                found = list(reversed(self.messages[str(body.get("channel"))]))
                return Scripted(body={"ok": True, "messages": found, "has_more": False})
        answer = Scripted(body=self._default(method, body, ts))
        return answer if late is None else replace(answer, delay=late.delay)

    def _connections_open(self) -> dict[str, Any]:
        if self.socket is None:
            return {"ok": False, "error": "no Socket Mode stand-in: call FakeSlack.socket_mode()"}
        return {"ok": True, "url": self.socket.new_url()}

    @staticmethod
    def _default(method: str, body: dict[str, Any], ts: str) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "team": "t"}
        if method in ("chat.postMessage", "chat.update"):
            return {"ok": True, "channel": body.get("channel"), "ts": body.get("ts", ts)}
        if method == "users.info":
            return {"ok": True, "user": {"id": body.get("user"), "name": "analyst"}}
        return {"ok": True}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = _decode(raw, self.headers.get("Content-Type", ""))
                method = self.path.rsplit("/", 1)[-1]
                answer = fake.answer(method, body, dict(self.headers.items()))
                payload = json.dumps(answer.body).encode()
                if answer.delay:
                    time.sleep(answer.delay)
                with contextlib.suppress(OSError):  # the client gave up on a slow answer
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def _decode(raw: bytes, content_type: str) -> dict[str, Any]:
    if "json" in content_type:
        return dict(json.loads(raw or b"{}"))
    pairs = dict(parse_qsl(raw.decode()))
    for key in ("blocks", "view"):
        if key in pairs:
            pairs[key] = json.loads(pairs[key])
    return pairs
