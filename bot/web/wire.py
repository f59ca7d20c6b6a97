"""HTTP/1.1 on the wire, pure: parse a request head, check its body length, render an answer.

Errors: `RequestError` carries the status to answer (400, 411, 413, 431) and a one-line reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus

_CONTENT_LENGTH = re.compile(r"[0-9]{1,12}")
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
MAX_HEADERS = 100
_PHRASES = {status.value: status.phrase for status in HTTPStatus}


@dataclass(frozen=True)
class Request:
    """A whole HTTP request: method, path (without the query), lower-cased headers, body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client: str = ""


@dataclass(frozen=True)
class Response:
    """What a handler answers."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


class RequestError(Exception):
    """A request we answer with `status` and a one-line reason, then close."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def parse_head(head: bytes) -> tuple[str, str, dict[str, str]]:
    """b'GET /healthz?x=1 HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n' → ('GET', '/healthz', {'host': 'a'}).

    Raises RequestError (400, 431) for a malformed request line or header field.
    """
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not _TOKEN.fullmatch(parts[0]) or not parts[2].startswith("HTTP/1."):
        raise RequestError(400, "malformed request line")
    headers: dict[str, str] = {}
    fields = [line for line in lines[1:] if line]
    if len(fields) > MAX_HEADERS:
        raise RequestError(431, f"more than {MAX_HEADERS} header fields")
    for line in fields:
        name, sep, value = line.partition(":")
        if not sep or not _TOKEN.fullmatch(name):
            raise RequestError(400, "malformed header field")
        key, value = name.lower(), value.strip()
        if key == "content-length" and headers.get(key, value) != value:
            raise RequestError(400, "conflicting Content-Length headers")
        if key in headers and key != "content-length":
            value = f"{headers[key]}, {value}"
        headers[key] = value
    return parts[0], parts[1].split("?", 1)[0], headers


def body_length(headers: dict[str, str], max_body: int) -> int:
    """The declared body length: 0 when absent; 400 when not a number, 413 when over the cap."""
    if "transfer-encoding" in headers:
        raise RequestError(411, "Transfer-Encoding is not accepted; send Content-Length")
    raw = headers.get("content-length")
    if raw is None:
        return 0
    if not _CONTENT_LENGTH.fullmatch(raw):
        raise RequestError(400, f"bad Content-Length {raw[:40]!r}")
    length = int(raw)
    if length > max_body:
        raise RequestError(413, f"body of {length} bytes is over the {max_body}-byte limit")
    return length


def render_response(response: Response) -> bytes:
    """The bytes of an HTTP/1.1 answer that closes the connection."""
    phrase = _PHRASES.get(response.status, "")
    lines = [
        f"HTTP/1.1 {response.status} {phrase}",
        f"Content-Type: {response.content_type}",
        f"Content-Length: {len(response.body)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in response.headers),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + response.body
