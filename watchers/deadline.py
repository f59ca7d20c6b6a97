"""A total deadline under httpx: every socket wait (connect, TLS, status line, headers, body) is
capped by what is left of the current request's deadline.

httpx only has per-operation timeouts, so a server sending one header byte every few seconds
would never time out. DeadlineBackend is an httpcore network backend whose streams clamp each
read/write timeout to the deadline set (per thread) by `EdgarClient` around one request, and
waits at most STEP seconds at a time so that a stop (SIGTERM) is noticed promptly.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import httpcore

STEP = 1.0  # seconds: the longest single socket wait, so `stopping` is checked this often
SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync backend with a per-thread deadline on every socket wait."""

    def __init__(self, stopping: Callable[[], bool] = lambda: False) -> None:
        self._inner = httpcore.SyncBackend()
        self._local = threading.local()
        self._stopping = stopping

    @contextlib.contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """Bound every socket wait of this thread's request to `seconds` from now."""
        self._local.ends = time.monotonic() + seconds
        try:
            yield
        finally:
            self._local.ends = None

    def expired(self) -> bool:
        """True once this thread's current deadline has passed."""
        ends: float | None = getattr(self._local, "ends", None)
        return ends is not None and time.monotonic() >= ends

    def clamp(self, timeout: float | None) -> float | None:
        """The timeout capped by the time left; ReadTimeout when none is left."""
        ends: float | None = getattr(self._local, "ends", None)
        if ends is None:
            return timeout
        left = ends - time.monotonic()
        if left <= 0 or self._stopping():
            raise httpcore.ReadTimeout("request deadline passed or stopping")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        """A TCP connection whose reads and writes keep to the deadline."""
        stream = self._inner.connect_tcp(
            host, port, self.clamp(timeout), local_address, socket_options
        )
        return _DeadlineStream(stream, self)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        """A Unix-socket connection whose reads and writes keep to the deadline."""
        stream = self._inner.connect_unix_socket(path, self.clamp(timeout), socket_options)
        return _DeadlineStream(stream, self)

    def sleep(self, seconds: float) -> None:
        """httpcore's own (retry) sleep."""
        self._inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: DeadlineBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Read, waiting at most STEP at a time (a timed-out recv consumed nothing: retry it)."""
        began = time.monotonic()
        while True:
            wait = self._backend.clamp(timeout)
            if wait is not None and timeout is not None:
                wait = min(wait, timeout - (time.monotonic() - began))
                if wait <= 0:
                    raise httpcore.ReadTimeout("read timed out")
            try:
                return self._inner.read(max_bytes, STEP if wait is None else min(STEP, wait))
            except httpcore.ReadTimeout:
                if wait is not None and wait <= STEP:
                    raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, self._backend.clamp(timeout))
        return _DeadlineStream(tls, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)
