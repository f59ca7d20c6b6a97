"""A stand-in for the Slack Web API on 127.0.0.1 (port 0), after bolt-python's mock server.

It answers auth.test, chat.postMessage, chat.update, chat.postEphemeral, views.publish,
conversations.info and users.info; records every call (method, headers, decoded body, time);
and can be scripted to answer a method with errors first (a 429 with Retry-After, a 500, or
`{"ok": false, "error": "channel_not_found"}`).
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


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


class FakeSlack:
    """The Slack Web API stand-in; use as a context manager, `.api_url` is the client base."""

    def __init__(self) -> None:
        self.calls: list[SlackCall] = []
        self.lock = threading.Lock()
        self.scripts: dict[str, deque[Scripted]] = defaultdict(deque)
        self.messages: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.user_channels: dict[str, list[str]] = {}
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
        self.server.shutdown()
        self.server.server_close()

    def script(self, method: str, *answers: Scripted) -> None:
        """Answer the next calls of `method` with these, in order, then normally."""
        with self.lock:
            self.scripts[method].extend(answers)

    def calls_to(self, method: str) -> list[SlackCall]:
        """The recorded calls of one method."""
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def answer(self, method: str, body: dict[str, Any], headers: dict[str, str]) -> Scripted:
        """Record a call and choose its answer."""
        with self.lock:
            self.calls.append(SlackCall(method, headers, body, time.monotonic()))
            if self.scripts[method]:
                return self.scripts[method].popleft()
            self._ts += 1
            ts = f"{self._ts}.000100"
            if method == "chat.postMessage":
                self.messages[str(body.get("channel"))].append(body | {"ts": ts})
            if method == "users.conversations":
                ids = self.user_channels.get(str(body.get("user")), [])
                return Scripted(body={"ok": True, "channels": [{"id": c} for c in ids]})
            if method == "conversations.history":
                found = list(reversed(self.messages[str(body.get("channel"))]))
                return Scripted(body={"ok": True, "messages": found, "has_more": False})
        return Scripted(body=self._default(method, body, ts))

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
