"""The service's HTTP endpoint: bounded in size, time, connections and threads.

One asyncio loop (in its own thread) accepts connections and reads each request whole, within a
deadline; only a complete request reaches a worker thread, so idle or slow clients cost a socket
and never a thread. Every answer closes the connection.

Limits (`Limits`):
- a body over `max_body` is answered 413 unread (256 KiB: a command is a few KiB, but a button
  click carries the whole alert message); bodies being read or handled hold at most
  `max_buffered` bytes together, beyond that 503;
- a header block over `max_header` 431; a malformed request line, header or `Content-Length` 400;
- a request not whole within `request_seconds` (a total deadline, however it trickles) 408;
- at most `workers` requests are handled at once; up to `queued` more wait `queue_seconds` for a
  worker, beyond that 503;
- at most `max_connections` sockets are open; when full, the connection that has been reading
  longest is dropped for the new one, so a flood of half-sent requests cannot keep `/healthz` out.

Parsing and rendering the bytes (pure) is bot.web.wire; its `RequestError` is answered here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.web.wire import Request, RequestError, Response, body_length, parse_head, render_response

log = logging.getLogger(__name__)
__all__ = ["Handler", "HttpServer", "Limits", "Request", "Response"]


Handler = Callable[[Request], Response]


def _default_connections() -> int:
    """Half the process's file limit (at most 1,024): the rest stays for Slack, EDGAR, the DB."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return max(16, min(1024, soft // 2))


@dataclass(frozen=True)
class Limits:
    """The endpoint's bounds (see the module docstring)."""

    max_body: int = 256 * 1024
    max_buffered: int = 16 * 1024 * 1024
    max_header: int = 16 * 1024
    request_seconds: float = 10.0
    workers: int = 8
    queued: int = 64
    queue_seconds: float = 5.0
    max_connections: int = field(default_factory=_default_connections)
    backlog: int = 1024
    linger_seconds: float = 1.0


class ClientGoneError(Exception):
    """The client closed the connection before sending anything."""


def _plain(status: int, text: str, *headers: tuple[str, str]) -> Response:
    return Response(status, text.encode() + b"\n", headers=headers)


class HttpServer:
    """A bounded HTTP/1.1 server; bind at construction (OSError when the port is taken)."""

    def __init__(
        self,
        address: tuple[str, int],
        handler: Handler,
        limits: Limits | None = None,
        on_refusal: Callable[[int], None] = lambda status: None,
    ) -> None:
        self.handler = handler
        self.limits = limits or Limits()
        self.on_refusal = on_refusal  # told the status of every request refused before the handler
        self._sock = socket.create_server(address, backlog=self.limits.backlog)
        self.port: int = self._sock.getsockname()[1]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="http", daemon=True)
        self._ready = threading.Event()
        self._reading: dict[asyncio.Task[None], None] = {}  # oldest first
        self._open: set[asyncio.Task[None]] = set()
        self._dropping: set[asyncio.Task[None]] = set()
        self._waiting = 0
        self._buffered = 0  # bytes of the bodies being read or handled
        self._stop: asyncio.Event | None = None
        self._workers: asyncio.Semaphore | None = None

    def start(self) -> HttpServer:
        """Serve in a background thread; return once accepting."""
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop accepting, drop open connections, and close the socket."""
        if self._stop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(timeout)
        self._sock.close()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._serve())
        finally:
            self._loop.close()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        self._workers = asyncio.Semaphore(self.limits.workers)
        self._sock.setblocking(False)
        acceptor = asyncio.create_task(self._accept_forever())
        self._ready.set()
        await self._stop.wait()
        acceptor.cancel()
        for task in list(self._open):
            task.cancel()
        await asyncio.gather(acceptor, *self._open, return_exceptions=True)

    async def _accept_forever(self) -> None:
        """Accept one connection at a time, room made first, so open sockets stay under the cap."""
        loop = asyncio.get_running_loop()
        while True:
            if self._make_room():
                await asyncio.sleep(0)  # let the dropped connections close their sockets
                await asyncio.sleep(0)
            try:
                conn, _ = await loop.sock_accept(self._sock)
            except OSError as exc:  # out of file descriptors: wait for some to close
                log.warning("http: cannot accept a connection: %s", exc.strerror)
                await asyncio.sleep(0.5)
                continue
            task = asyncio.create_task(self._on_connection(conn))
            self._open.add(task)
            self._reading[task] = None

    async def _on_connection(self, conn: socket.socket) -> None:
        task = asyncio.current_task()
        assert task is not None
        writer: asyncio.StreamWriter | None = None
        try:
            reader, writer = await asyncio.open_connection(sock=conn, limit=self.limits.max_header)
            await self._converse(task, reader, writer)
        except (OSError, asyncio.CancelledError, TimeoutError):
            pass
        finally:
            self._reading.pop(task, None)
            self._open.discard(task)
            self._dropping.discard(task)
            if writer is not None:
                writer.transport.abort()
            else:
                conn.close()

    def _make_room(self) -> bool:
        """At the connection cap, drop the connections that have been reading longest."""
        dropped = False
        while len(self._open) - len(self._dropping) >= self.limits.max_connections:
            if not self._reading:
                break
            oldest = next(iter(self._reading))
            self._reading.pop(oldest)
            self._dropping.add(oldest)
            oldest.cancel()
            self.on_refusal(0)
            dropped = True
        return dropped

    async def _converse(
        self, task: asyncio.Task[None], reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        held = [0]  # body bytes this connection counts against max_buffered
        try:
            await self._converse_within(task, reader, writer, held)
        finally:
            self._buffered -= held[0]

    async def _converse_within(
        self,
        task: asyncio.Task[None],
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        held: list[int],
    ) -> None:
        peer = writer.get_extra_info("peername")
        client = str(peer[0]) if isinstance(peer, tuple) else ""
        try:
            async with asyncio.timeout(self.limits.request_seconds):
                request = await self._read_request(reader, writer, client, held)
        except ClientGoneError:
            return
        except TimeoutError:
            await self._refuse(writer, reader, _plain(408, "request not received in time"))
            return
        except RequestError as exc:
            log.info("http: %s from %s: %s", exc.status, client, exc.reason)
            await self._refuse(writer, reader, _plain(exc.status, exc.reason))
            return
        self._reading.pop(task, None)  # whole: no longer a candidate for eviction
        await self._write(writer, await self._dispatch(request))

    async def _read_request(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        client: str,
        held: list[int],
    ) -> Request:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.LimitOverrunError:
            raise RequestError(431, "request header too large") from None
        except asyncio.IncompleteReadError as exc:
            if not exc.partial.strip():
                raise ClientGoneError from None
            raise RequestError(400, "incomplete request header") from None
        method, path, headers = parse_head(head)
        length = body_length(headers, self.limits.max_body)
        if self._buffered + length > self.limits.max_buffered:
            raise RequestError(503, "too many request bodies in flight; retry")
        self._buffered += length
        held[0] = length
        if length and headers.get("expect", "").lower() == "100-continue":
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        try:
            body = await reader.readexactly(length)
        except asyncio.IncompleteReadError as exc:
            raise RequestError(
                400, f"body of {len(exc.partial)} bytes, {length} declared"
            ) from None
        return Request(method, path, headers, body, client)

    async def _dispatch(self, request: Request) -> Response:
        """Run the handler in a worker thread; 503 when every worker is busy for too long."""
        assert self._workers is not None
        if self._waiting >= self.limits.queued:
            return self._busy()
        self._waiting += 1
        try:
            async with asyncio.timeout(self.limits.queue_seconds):
                await self._workers.acquire()
        except TimeoutError:
            return self._busy()
        finally:
            self._waiting -= 1
        answer: asyncio.Future[Response] = self._loop.create_future()
        threading.Thread(
            target=self._work, args=(request, answer), name="http-worker", daemon=True
        ).start()
        return await answer

    def _busy(self) -> Response:
        self.on_refusal(503)
        return _plain(503, "busy", ("Retry-After", "1"))

    def _work(self, request: Request, answer: asyncio.Future[Response]) -> None:
        try:
            response = self.handler(request)
        except Exception:
            log.exception("http: %s %s failed", request.method, request.path)
            response = _plain(500, "internal error")
        with contextlib.suppress(RuntimeError):  # the loop closed during shutdown
            self._loop.call_soon_threadsafe(self._settle, answer, response)

    def _settle(self, answer: asyncio.Future[Response], response: Response) -> None:
        assert self._workers is not None
        self._workers.release()
        if not answer.done():
            answer.set_result(response)

    async def _write(self, writer: asyncio.StreamWriter, response: Response) -> None:
        writer.write(render_response(response))
        async with asyncio.timeout(self.limits.request_seconds):
            await writer.drain()

    async def _refuse(
        self, writer: asyncio.StreamWriter, reader: asyncio.StreamReader, response: Response
    ) -> None:
        """Answer a request we did not read whole, then read and discard what the client still
        sends (bounded in time) so that it sees the answer rather than a reset."""
        self.on_refusal(response.status)
        await self._write(writer, response)
        if writer.can_write_eof():
            writer.write_eof()
        with contextlib.suppress(TimeoutError, ConnectionError):
            async with asyncio.timeout(self.limits.linger_seconds):
                while await reader.read(65536):
                    pass
