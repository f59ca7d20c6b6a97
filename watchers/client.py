"""EdgarClient: the one way the watchers talk to EDGAR over HTTP (httpx, sync).

Every request carries the declared User-Agent, accepts gzip, has a timeout and passes the
client's RateLimiter. 429/5xx are retried (Retry-After, else exponential backoff with jitter);
SEC's 403 "Request Rate Threshold Exceeded" page pauses all traffic. Feeds can use conditional
GET (ETag / Last-Modified remembered per URL). No httpx exception leaves this module.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

import httpx

from watchers.errors import EdgarHTTPError, EdgarRateLimited, EdgarUnavailable
from watchers.ratelimit import RateLimiter

logger = logging.getLogger(__name__)

MAX_RPS_LIMIT = 10.0  # SEC's fair-access ceiling
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_THRESHOLD_MARKER = b"Request Rate Threshold Exceeded"
_SEC_ORIGINS = ("https://www.sec.gov", "http://www.sec.gov")
_DATA_ORIGINS = ("https://data.sec.gov", "http://data.sec.gov")


@dataclass(frozen=True, slots=True)
class EdgarResponse:
    """A finished GET: body already read (and capped when asked)."""

    url: str
    status: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    not_modified: bool = False  # 304: content is the cached body
    truncated: bool = False  # body longer than max_bytes; content holds the first max_bytes


@dataclass(frozen=True, slots=True)
class _Validators:
    etag: str | None
    last_modified: str | None
    response: EdgarResponse


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
        transport: httpx.BaseTransport | None = None,
        max_attempts: int = 4,
        backoff: float = 1.0,
        max_retry_after: float = 120.0,
        rate_limit_pause: float = 600.0,
        cache_size: int = 256,
        on_response: Callable[[int], None] | None = None,
    ) -> None:
        if not user_agent.strip():
            raise ValueError("a User-Agent is required by SEC: 'Org Name contact@example.com'")
        if not 0 < max_rps <= MAX_RPS_LIMIT:
            raise ValueError(f"max_rps must be in (0, {MAX_RPS_LIMIT:g}], got {max_rps}")
        self.user_agent = user_agent
        self.base_url = base_url.rstrip("/")
        self.data_url = data_url.rstrip("/")
        self.max_attempts = max(1, max_attempts)
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.rate_limit_pause = rate_limit_pause
        self.on_response = on_response  # told each attempt's HTTP status (0: no response)
        self.limiter = RateLimiter(max_rps)
        self._cache: OrderedDict[str, _Validators] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self._random = random.Random()  # noqa: S311 (jitter, not cryptography)
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

    def get(
        self, url: str, *, conditional: bool = False, max_bytes: int | None = None
    ) -> EdgarResponse:
        """GET url with retries; EdgarHTTPError, EdgarRateLimited or EdgarUnavailable on failure."""
        target = self.resolve(url)
        for attempt in range(1, self.max_attempts + 1):
            response = self._attempt(target, conditional=conditional, max_bytes=max_bytes)
            if response is not None and response.status not in RETRY_STATUSES:
                return self._finish(target, response, conditional=conditional)
            self._wait_before_retry(target, response, attempt)
        raise AssertionError("unreachable: the last attempt raises")  # pragma: no cover

    def _attempt(
        self, url: str, *, conditional: bool, max_bytes: int | None
    ) -> EdgarResponse | None:
        """One request through the limiter; None on a network error or timeout."""
        paused = self.limiter.paused_for()
        if paused > 0:
            raise EdgarRateLimited(url, paused, f"EDGAR traffic paused for {paused:.0f}s more")
        self.limiter.acquire()
        try:
            response = self._send(
                url, self._conditional_headers(url) if conditional else {}, max_bytes
            )
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            logger.warning("EDGAR request failed: %s %s", url, exc)
            self._observe(0)
            return None
        self._observe(response.status)
        return response

    def _observe(self, status: int) -> None:
        if self.on_response is not None:
            self.on_response(status)

    def _send(self, url: str, headers: dict[str, str], max_bytes: int | None) -> EdgarResponse:
        with self._http.stream("GET", url, headers=headers) as raw:
            if raw.status_code != 200 or max_bytes is None:
                content, truncated = raw.read(), False
            else:
                content, truncated = _read_capped(raw, max_bytes)
            if truncated:
                logger.warning("EDGAR body over %d bytes cut at the cap: %s", max_bytes, url)
            return EdgarResponse(
                url=str(raw.url),
                status=raw.status_code,
                content=content,
                headers={k.lower(): v for k, v in raw.headers.items()},
                truncated=truncated,
            )

    def _wait_before_retry(self, url: str, response: EdgarResponse | None, attempt: int) -> None:
        """Sleep before the next attempt, or raise when out of attempts or told to wait too long."""
        status = response.status if response is not None else None
        hinted = _retry_after(response.headers.get("retry-after")) if response is not None else None
        delay = hinted if hinted is not None else self._backoff(attempt)
        if attempt >= self.max_attempts or delay > self.max_retry_after:
            if status == 429:
                raise EdgarRateLimited(url, delay)
            raise EdgarUnavailable(url, f"EDGAR unavailable at {url} (status {status})", status)
        logger.warning(
            "EDGAR %s answered %s; retry %d/%d in %.2fs",
            url,
            status or "no response",
            attempt,
            self.max_attempts - 1,
            delay,
        )
        time.sleep(delay)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: base·2^(n-1) plus up to one base of noise."""
        return self.backoff * 2.0 ** (attempt - 1) + self._random.uniform(0, self.backoff)

    def _finish(self, url: str, response: EdgarResponse, *, conditional: bool) -> EdgarResponse:
        """Turn a non-retryable answer into a response or one of our errors; keep the cache."""
        if response.status == 403 and _THRESHOLD_MARKER in response.content:
            self.limiter.pause(self.rate_limit_pause)
            logger.error(
                "SEC rate threshold exceeded at %s; pausing for %.0fs", url, self.rate_limit_pause
            )
            raise EdgarRateLimited(
                url, self.rate_limit_pause, "SEC: Request Rate Threshold Exceeded"
            )
        if response.status == 304 and conditional:
            cached = self._cached(url)
            if cached is not None:
                return replace(cached, not_modified=True, status=304)
        if response.status >= 300:
            raise EdgarHTTPError(response.status, url)
        if conditional:
            self._remember(url, response)
        return response

    def _conditional_headers(self, url: str) -> dict[str, str]:
        with self._cache_lock:
            entry = self._cache.get(url)
        headers = {}
        if entry is not None and entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry is not None and entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        return headers

    def _cached(self, url: str) -> EdgarResponse | None:
        with self._cache_lock:
            entry = self._cache.get(url)
            return entry.response if entry is not None else None

    def _remember(self, url: str, response: EdgarResponse) -> None:
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if not etag and not modified:
            return
        with self._cache_lock:
            self._cache[url] = _Validators(etag, modified, response)
            self._cache.move_to_end(url)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

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


def _read_capped(raw: httpx.Response, max_bytes: int) -> tuple[bytes, bool]:
    """Read at most max_bytes of a streamed body; True when more was left unread."""
    buffer = bytearray()
    for chunk in raw.iter_bytes():
        buffer += chunk
        if len(buffer) > max_bytes:
            return bytes(buffer[:max_bytes]), True
    return bytes(buffer), False


def _retry_after(value: str | None) -> float | None:
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
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
