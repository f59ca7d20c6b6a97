"""A stand-in for SEC EDGAR: a real HTTP server on 127.0.0.1, port 0, in a background thread.

Serves bytes you register per path (and optionally per query), answers scripted sequences
(429 with Retry-After, then 200), honours If-None-Match / If-Modified-Since for routes that
carry an ETag / Last-Modified header, records every request, and answers 404 to the rest.
Faults: `delay` (a slow answer), `trickle` (one byte every N seconds after the headers), and
the body builders below: `gzipped` (whole or truncated), `gzip_bomb`, `threshold_page`.
Modelled on bolt-python's tests/mock_web_api_server.

    with FakeEdgar() as edgar:
        edgar.add("/files/company_tickers.json", body, headers={"Content-Type": "application/json"})
        edgar.add("/cgi-bin/browse-edgar", feed, query={"action": "getcurrent", "type": "8-K"})
        edgar.script("/x", [(429, {"Retry-After": "1"}, b""), (200, {}, b"ok")])
        ... edgar.url ... edgar.requests ...
"""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
import time
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Response = tuple[int, Mapping[str, str], bytes]


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake server received."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-cased names
    time: float  # time.monotonic() when it arrived

    def header(self, name: str) -> str | None:
        """The value of a header, case-insensitively."""
        return self.headers.get(name.lower())


@dataclass
class _Route:
    path: str
    query: dict[str, str]
    responses: list[Response]
    delay: float = 0.0  # seconds to wait before answering (to exercise client timeouts)
    trickle: float = 0.0  # > 0: send the body one byte per `trickle` seconds
    trickle_head: bool = False  # trickle the status line and headers too
    served: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def matches(self, path: str, query: Mapping[str, str]) -> bool:
        return path == self.path and all(query.get(k) == v for k, v in self.query.items())

    def next_response(self) -> Response:
        """The next scripted response; the last one repeats once the script is used up."""
        with self.lock:
            index = min(self.served, len(self.responses) - 1)
            self.served += 1
            return self.responses[index]


def _split(path: str, query: Mapping[str, str] | None) -> tuple[str, dict[str, str]]:
    """Accept "/p?a=b" as well as path + query dict."""
    parts = urlsplit(path)
    merged = dict(parse_qsl(parts.query, keep_blank_values=True))
    merged.update(query or {})
    return parts.path, merged


def _not_modified(route_headers: Mapping[str, str], request: RecordedRequest) -> bool:
    """True when the request's validators match the route's ETag / Last-Modified."""
    lowered = {k.lower(): v for k, v in route_headers.items()}
    etag, inm = lowered.get("etag"), request.header("if-none-match")
    if etag and inm:
        return etag in [tag.strip() for tag in inm.split(",")] or inm.strip() == "*"
    last_modified, ims = lowered.get("last-modified"), request.header("if-modified-since")
    if last_modified and ims:
        try:
            return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


class _QuietServer(ThreadingHTTPServer):
    """A threading HTTP server that stays silent when a client hangs up mid-request.

    A killed client (SIGKILL mid-poll) resets its connections; socketserver would print a
    traceback for each. Those two errors are expected; every other error is still printed.
    """

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore ConnectionResetError and BrokenPipeError; report anything else as usual."""
        if isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError):
            return
        super().handle_error(request, client_address)


class FakeEdgar:
    """EDGAR over real HTTP on 127.0.0.1; use as a context manager or via the `edgar` fixture."""

    def __init__(self) -> None:
        self._routes: list[_Route] = []
        self._routes_lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._requests_lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. "http://127.0.0.1:54321" (no trailing slash)."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the requests received so far, oldest first."""
        with self._requests_lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """The recorded requests for one path."""
        return [r for r in self.requests if r.path == path]

    def clear_requests(self) -> None:
        """Forget the recorded requests (routes stay)."""
        with self._requests_lock:
            self._requests.clear()

    def add(
        self,
        path: str,
        body: bytes,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        query: Mapping[str, str] | None = None,
        delay: float = 0.0,
        trickle: float = 0.0,
        trickle_head: bool = False,
    ) -> None:
        """Answer GETs of path (whose query contains all of `query`) with body, after `delay` s.

        With `trickle`, the body goes out one byte every `trickle` s (with `trickle_head`, the
        status line and headers too; else they go at once).
        """
        response = (status, dict(headers or {}), body)
        self.script(
            path, [response], query=query, delay=delay, trickle=trickle, trickle_head=trickle_head
        )

    def script(
        self,
        path: str,
        responses: Sequence[Response],
        query: Mapping[str, str] | None = None,
        *,
        delay: float = 0.0,
        trickle: float = 0.0,
        trickle_head: bool = False,
    ) -> None:
        """Answer successive GETs of path with responses in turn; the last one repeats."""
        if not responses:
            raise ValueError("script needs at least one response")
        route_path, route_query = _split(path, query)
        scripted: list[Response] = [(s, dict(h), b) for s, h, b in responses]
        route = _Route(route_path, route_query, scripted, delay, trickle, trickle_head)
        with self._routes_lock:
            self._routes = [
                r for r in self._routes if (r.path, r.query) != (route_path, route_query)
            ]
            self._routes.append(route)

    def _find(self, path: str, query: Mapping[str, str]) -> _Route | None:
        with self._routes_lock:
            candidates = [r for r in self._routes if r.matches(path, query)]
        return max(candidates, key=lambda r: len(r.query), default=None)

    def _record(self, request: RecordedRequest) -> None:
        with self._requests_lock:
            self._requests.append(request)

    def respond(self, request: RecordedRequest) -> Response:
        """What the server answers to a request."""
        return self.respond_paced(request)[0]

    def respond_paced(self, request: RecordedRequest) -> tuple[Response, float, bool]:
        """The answer, its trickle (seconds per byte, 0: at once) and whether the head trickles
        too; used by the handler."""
        self._record(request)
        route = self._find(request.path, request.query)
        if route is None:
            missing = b"<html><body>Not Found</body></html>"
            return (404, {"Content-Type": "text/html"}, missing), 0, False
        status, headers, body = route.next_response()
        if route.delay:
            time.sleep(route.delay)
        if status == 200 and _not_modified(headers, request):
            return (304, headers, b""), 0, False
        return (status, headers, body), route.trickle, route.trickle_head

    def start(self) -> FakeEdgar:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> FakeEdgar:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _make_handler(edgar: FakeEdgar) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stall
        protocol_version = "HTTP/1.1"

        def _handle(self, *, send_body: bool) -> None:
            parts = urlsplit(self.path)
            request = RecordedRequest(
                method=self.command,
                path=parts.path,
                query=dict(parse_qsl(parts.query, keep_blank_values=True)),
                headers={k.lower(): v for k, v in self.headers.items()},
                time=time.monotonic(),
            )
            (status, headers, body), trickle, trickle_head = edgar.respond_paced(request)
            if trickle_head:
                head = f"HTTP/1.1 {status} OK\r\nContent-Length: {len(body)}\r\n\r\n"
                self._trickle(head.encode() + (body if send_body else b""), trickle)
                return
            self.send_response(status)
            for name, value in headers.items():
                if name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", "0" if status == 304 else str(len(body)))
            self.end_headers()
            if send_body and status != 304:
                if trickle:
                    self._trickle(body, trickle)
                    return
                for chunk in _chunks(body):
                    self.wfile.write(chunk)

        def _trickle(self, data: bytes, every: float) -> None:
            for chunk in _chunks(data, 1):
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(every)

        def do_GET(self) -> None:
            # the client may stop reading early (a truncated download)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._handle(send_body=True)

        def do_HEAD(self) -> None:
            self._handle(send_body=False)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output quiet

    return Handler


def _chunks(body: bytes, size: int = 1 << 16) -> Iterator[bytes]:
    view = memoryview(body)
    for start in range(0, len(view), size):
        yield view[start : start + size].tobytes()


def gzipped(body: bytes, *, cut: int = 0) -> tuple[dict[str, str], bytes]:
    """(headers, body) of `body` sent gzip-encoded; `cut` drops that many bytes off the end."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    packed = compressor.compress(body) + compressor.flush()
    return {"Content-Encoding": "gzip"}, packed[: len(packed) - cut] if cut else packed


@functools.cache
def gzip_bomb(inflated: int = 1 << 30) -> tuple[dict[str, str], bytes]:
    """(headers, body): about 1 MiB of gzip that inflates to `inflated` bytes of zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block, parts, left = bytes(1 << 20), [], inflated
    while left > 0:
        parts.append(compressor.compress(block[: min(left, len(block))]))
        left -= len(block)
    parts.append(compressor.flush())
    return {"Content-Encoding": "gzip"}, b"".join(parts)


def max_in_window(requests: Sequence[RecordedRequest], window: float = 1.0) -> int:
    """The most requests EDGAR saw in any sliding window [t, t + window)."""
    return max_window_count([r.time for r in requests], window)


def max_window_count(moments: Sequence[float], window: float = 1.0) -> int:
    """The most of `moments` in any sliding window [t, t + window)."""
    times = sorted(moments)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while times[lo] <= t - window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best
