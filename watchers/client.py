"""EdgarClient: the one way the watchers talk to EDGAR over HTTP (httpx, sync).

Every request carries the declared User-Agent, accepts gzip, passes the client's RateLimiter
and has a total deadline: the body is streamed, inflated by us and counted against a cap
(watchers.body), so a trickling server or a gzip bomb costs bounded time and memory.
429/5xx, network errors and truncated gzip are retried (Retry-After, else exponential backoff
with jitter); SEC's "Request Rate Threshold Exceeded" page (403, or 200) pauses all traffic.
Feeds can use conditional GET (ETag / Last-Modified remembered per URL). The client keeps a
short record of recent outcomes (`health()`), so the bot can tell an EDGAR-wide outage from
one bad filing. No httpx exception leaves this module.
"""

from __future__ import annotations

import logging
import random
import re
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

import httpcore
import httpx

from watchers.body import DeadlineError, TruncatedBodyError, read_body
from watchers.cache import EdgarResponse, ValidatorCache
from watchers.clock import Clock, SystemClock
from watchers.deadline import DeadlineBackend
from watchers.errors import (
    EdgarBodyTooLarge,
    EdgarHTTPError,
    EdgarPaused,
    EdgarRateLimited,
    EdgarStopped,
    EdgarUnavailable,
)
from watchers.health import EdgarHealth, HealthLog
from watchers.ratelimit import RateLimiter

logger = logging.getLogger(__name__)

MAX_RPS_LIMIT = 10.0  # SEC's fair-access ceiling
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_BODY_BYTES = 32 * 1024 * 1024  # feeds, index pages, JSON: far above any real one
ERROR_BODY_BYTES = 64 * 1024  # what we read of a non-200 answer
_THRESHOLD_MARKER = b"Request Rate Threshold Exceeded"
_THRESHOLD_TITLE = re.compile(rb"<title>[^<]{0,200}Request Rate Threshold Exceeded", re.I)
_SEC_ORIGINS = ("https://www.sec.gov", "http://www.sec.gov")
_DATA_ORIGINS = ("https://data.sec.gov", "http://data.sec.gov")


class EdgarClient:
    """A polite, rate-limited HTTP client for EDGAR; create one per process and pass it down."""

    def __init__(
        self,
        *,
        user_agent: str,
        base_url: str = "https://www.sec.gov",
        data_url: str = "https://data.sec.gov",
        max_rps: float = 5.0,
        timeout: float = 15.0,
        deadline: float = 60.0,
        max_body_bytes: int = MAX_BODY_BYTES,
        transport: httpx.BaseTransport | None = None,
        max_attempts: int = 4,
        backoff: float = 1.0,
        max_retry_after: float = 120.0,
        rate_limit_pause: float = 600.0,
        cache_size: int = 256,
        on_response: Callable[[int], None] | None = None,
        clock: Clock | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        if not user_agent.strip():
            raise ValueError("a User-Agent is required by SEC: 'Org Name contact@example.com'")
        if not 0 < max_rps <= MAX_RPS_LIMIT:
            raise ValueError(f"max_rps must be in (0, {MAX_RPS_LIMIT:g}], got {max_rps}")
        self.user_agent = user_agent
        self.base_url = base_url.rstrip("/")
        self.data_url = data_url.rstrip("/")
        self.timeout = timeout
        self.deadline = deadline  # seconds for one attempt, headers to last byte
        self.max_body_bytes = max_body_bytes
        self.max_attempts = max(1, max_attempts)
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.rate_limit_pause = rate_limit_pause
        self.on_response = on_response  # told each attempt's HTTP status (0: no response)
        self.stop = stop or (clock.stop if isinstance(clock, SystemClock) else threading.Event())
        self.clock: Clock = clock or SystemClock(self.stop)
        self.limiter = RateLimiter(max_rps, clock=self.clock.monotonic, sleep=self.clock.sleep)
        self._cache = ValidatorCache(cache_size)
        self._health = HealthLog(self.clock.now)
        self._random = random.Random()  # noqa: S311 (jitter, not cryptography)
        self._backend = DeadlineBackend(self.stop.is_set) if transport is None else None
        if self._backend is not None:
            transport = _deadline_transport(self._backend)
        self._http = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=True,
        )

    def url(self, path: str) -> str:
        """An absolute www.sec.gov-side URL for path ("/cgi-bin/browse-edgar")."""
        return f"{self.base_url}/{path.lstrip('/')}"

    def data(self, path: str) -> str:
        """An absolute data.sec.gov-side URL for path ("/submissions/CIK0000320193.json")."""
        return f"{self.data_url}/{path.lstrip('/')}"

    def resolve(self, url: str) -> str:
        """Point SEC's own absolute links (from feeds and index pages) at the configured bases."""
        if url.startswith("/"):
            return self.url(url)
        for origins, base in ((_SEC_ORIGINS, self.base_url), (_DATA_ORIGINS, self.data_url)):
            for origin in origins:
                if url.startswith(origin + "/") and base != origin:
                    return base + url[len(origin) :]
        return url

    def health(self) -> EdgarHealth:
        """Recent outcomes: attempts, failures, and the last whole /Archives/ document."""
        return self._health.snapshot()

    def get(
        self,
        url: str,
        *,
        conditional: bool = False,
        max_bytes: int | None = None,
    ) -> EdgarResponse:
        """GET url with retries; EdgarHTTPError, EdgarRateLimited or EdgarUnavailable on failure.

        With max_bytes (documents) a longer body is cut there (`truncated`); without, it may
        be at most max_body_bytes, else EdgarBodyTooLarge.
        """
        target = self.resolve(url)
        for attempt in range(1, self.max_attempts + 1):
            response, problem = self._attempt(target, conditional=conditional, max_bytes=max_bytes)
            if response is not None and response.status not in RETRY_STATUSES:
                return self._finish(target, response, conditional=conditional)
            self._wait_before_retry(target, response, problem, attempt)
        raise AssertionError("unreachable: the last attempt raises")  # pragma: no cover

    def _attempt(
        self, url: str, *, conditional: bool, max_bytes: int | None
    ) -> tuple[EdgarResponse | None, str]:
        """One request through the limiter; (None, why) on a network error or a bad body."""
        self._check_running(url)
        self.limiter.acquire()
        self._check_running(url)
        headers = self._cache.headers_for(url) if conditional else {}
        try:
            response = self._send(url, headers, max_bytes)
        except DeadlineError:
            self._observe(url, 0, ok=False)
            message = f"no complete answer from {url} within {self.deadline:g}s"
            logger.warning("EDGAR %s", message)
            raise EdgarUnavailable(url, f"EDGAR deadline: {message}") from None
        except EdgarBodyTooLarge:
            self._observe(url, 200, ok=True, whole=False)  # EDGAR answered: not an outage
            raise
        except TruncatedBodyError as exc:
            logger.warning("EDGAR body from %s is damaged: %s", url, exc)
            self._observe(url, 200, ok=False)
            return None, str(exc)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            logger.warning("EDGAR request failed: %s %s", url, exc)
            self._observe(url, 0, ok=False)
            return None, f"{type(exc).__name__}: {exc}"
        ok = response.status < 500 and response.status != 429 and not _is_threshold(response)
        self._observe(url, response.status, ok=ok)
        return response, f"status {response.status}"

    def _check_running(self, url: str) -> None:
        if self.stop.is_set():
            raise EdgarStopped(f"stopping: {url} not requested")
        paused = self.limiter.paused_for()
        if paused > 0:
            raise EdgarPaused(url, paused, f"EDGAR traffic paused for {paused:.0f}s more")

    def _observe(self, url: str, status: int, *, ok: bool, whole: bool = True) -> None:
        self._health.record(url, status, ok=ok, whole=whole)
        if self.on_response is not None:
            self.on_response(status)

    def _send(self, url: str, headers: dict[str, str], max_bytes: int | None) -> EdgarResponse:
        """Stream one answer; every wait is bounded by what is left of the deadline."""
        ends = self.clock.monotonic() + self.deadline
        left = max(0.1, min(self.timeout, self.deadline))
        bounded: AbstractContextManager[None] = (
            self._backend.deadline(self.deadline) if self._backend else nullcontext()
        )
        with bounded:
            try:
                return self._stream(url, headers, max_bytes, timeout=left, ends=ends)
            except httpx.TimeoutException:
                if self.stop.is_set():
                    raise EdgarStopped(f"stopping: {url} abandoned") from None
                if self._backend is not None and self._backend.expired():
                    raise DeadlineError(url) from None
                raise

    def _stream(
        self,
        url: str,
        headers: dict[str, str],
        max_bytes: int | None,
        *,
        timeout: float,
        ends: float,
    ) -> EdgarResponse:
        with self._http.stream("GET", url, headers=headers, timeout=timeout) as raw:
            limit, truncate = max_bytes or self.max_body_bytes, max_bytes is not None
            if raw.status_code != 200:
                limit, truncate = min(limit, ERROR_BODY_BYTES), True
            content, truncated = read_body(
                raw.iter_raw(),
                encoding=raw.headers.get("content-encoding", ""),
                limit=limit,
                truncate=truncate,
                url=url,
                expired=lambda: self.clock.monotonic() > ends,
                stopping=self.stop.is_set,
            )
            if truncated and raw.status_code == 200:
                logger.warning("EDGAR body over %d bytes cut at the cap: %s", limit, url)
            return EdgarResponse(
                url=str(raw.url),
                status=raw.status_code,
                content=content,
                headers={k.lower(): v for k, v in raw.headers.items()},
                truncated=truncated and raw.status_code == 200,
            )

    def _wait_before_retry(
        self, url: str, response: EdgarResponse | None, problem: str, attempt: int
    ) -> None:
        """Sleep before the next attempt, or raise when out of attempts or told to wait too long."""
        status = response.status if response is not None else None
        hinted = self._retry_after(response.headers.get("retry-after")) if response else None
        delay = hinted if hinted is not None else self._backoff(attempt)
        if attempt >= self.max_attempts or delay > self.max_retry_after:
            if status == 429:
                raise EdgarRateLimited(url, delay)
            raise EdgarUnavailable(url, f"EDGAR unavailable at {url} ({problem})", status)
        logger.warning(
            "EDGAR %s answered %s; retry %d/%d in %.2fs",
            url,
            problem,
            attempt,
            self.max_attempts - 1,
            delay,
        )
        self.clock.sleep(delay)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: base·2^(n-1) plus up to one base of noise."""
        return self.backoff * 2.0 ** (attempt - 1) + self._random.uniform(0, self.backoff)

    def _retry_after(self, value: str | None) -> float | None:
        """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
        return _retry_after(value, self.clock.now())

    def _finish(self, url: str, response: EdgarResponse, *, conditional: bool) -> EdgarResponse:
        """Turn a non-retryable answer into a response or one of our errors; keep the cache."""
        if _is_threshold(response):
            self.limiter.pause(self.rate_limit_pause)
            logger.error(
                "SEC rate threshold exceeded at %s (HTTP %d); pausing for %.0fs",
                url,
                response.status,
                self.rate_limit_pause,
            )
            raise EdgarRateLimited(
                url, self.rate_limit_pause, "SEC: Request Rate Threshold Exceeded"
            )
        if response.status == 304 and conditional:
            cached = self._cache.response_for(url)
            if cached is not None:
                return replace(cached, not_modified=True, status=304)
        if response.status >= 300:
            raise EdgarHTTPError(response.status, url)
        if conditional:
            self._cache.remember(url, response)
        return response

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _is_threshold(response: EdgarResponse) -> bool:
    """SEC's "Request Rate Threshold Exceeded" page, as a 403 or disguised as a 200 document."""
    if response.status == 403:
        return _THRESHOLD_MARKER in response.content
    return response.status == 200 and bool(_THRESHOLD_TITLE.search(response.content[:4096]))


def _retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _deadline_transport(backend: DeadlineBackend) -> httpx.HTTPTransport:
    """httpx's default transport, its connection pool built on `backend`.

    httpx does not take a network backend, so the pool it builds is replaced by an equivalent
    one (same SSL context and limits); env proxies are mounted by httpx.Client separately.
    """
    transport = httpx.HTTPTransport()
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=backend,
    )
    return transport
