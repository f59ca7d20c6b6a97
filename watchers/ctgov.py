"""RegistryClient: the one way phasewatch talks to the ClinicalTrials.gov API v2 (httpx, sync).

Polite by default: at most 1 request per second (robots.txt asks `Crawl-delay: 1`; the API
publishes no limit), 429 and 5xx retried with exponential backoff and jitter (Retry-After
honoured when sent, though the API documents none), a total deadline per request across its
retries and a slow body, a cap on body size. 400/404 come back as text/plain and become
RegistryBadRequest / StudyNotFound with the registry's own words. No httpx exception leaves.

    with RegistryClient(base_url="https://clinicaltrials.gov/api/v2") as registry:
        study = registry.fetch_study("NCT04280705")
        found = registry.search({"query.intr": "imatinib"}, page_size=50, max_pages=2)
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType

import httpx

from watchers.ctgov_parse import NCT_ID, ParseError, parse_page, parse_study_body
from watchers.ctgov_types import (
    RegistryBadRequest,
    RegistryError,
    RegistryRateLimited,
    RegistryUnavailable,
    SearchResult,
    Study,
    StudyNotFound,
    StudyPage,
)
from watchers.ratelimit import RateLimiter

logger = logging.getLogger(__name__)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
DEFAULT_URL = "https://clinicaltrials.gov/api/v2"


class _NoAnswerError(Exception):
    """One attempt that got no answer (network error, timeout, body past the deadline)."""


class RegistryClient:
    """A rate-limited, deadline-bound client for the registry; one per process, passed down."""

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_URL,
        user_agent: str = "phasewatch",
        max_rps: float = 1.0,
        timeout: float = 10.0,
        deadline: float = 30.0,
        max_attempts: int = 4,
        backoff: float = 1.0,
        max_retry_after: float = 60.0,
        max_bytes: int = 2_000_000,
        transport: httpx.BaseTransport | None = None,
        on_response: Callable[[int], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.on_response = on_response  # told each attempt's HTTP status (0: no answer)
        self.deadline = deadline
        self.max_attempts = max(1, max_attempts)
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.max_bytes = max_bytes
        self.limiter = RateLimiter(max_rps)
        self.requests = 0  # every attempt sent, for benchmarks and status
        self._random = random.Random()  # noqa: S311 (jitter, not cryptography)
        self._http = httpx.Client(
            headers={"User-Agent": user_agent, "Accept": "application/json"},
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=True,  # an alias NCT id answers 301 to the current record
        )

    def fetch_study(self, nct_id: str) -> Study:
        """GET /studies/{nctId}: the full record; StudyNotFound, RegistryBadRequest …"""
        nct = nct_id.strip().upper()
        url = f"{self.base_url}/studies/{nct}"
        body = self._get(url, {})
        try:
            return parse_study_body(body)
        except ParseError as exc:
            raise RegistryUnavailable(url, f"unreadable study record at {url}: {exc}") from None

    def fetch_page(self, params: Mapping[str, str]) -> StudyPage:
        """GET /studies with `params`: one page."""
        url = f"{self.base_url}/studies"
        body = self._get(url, dict(params))
        try:
            return parse_page(body)
        except ParseError as exc:
            raise RegistryUnavailable(url, f"unreadable search page at {url}: {exc}") from None

    def search(
        self, params: Mapping[str, str], *, page_size: int = 100, max_pages: int = 5
    ) -> SearchResult:
        """Every page of a /studies search, following nextPageToken (same parameters each time)."""
        first = dict(params) | {"format": "json", "pageSize": str(page_size)}
        studies: list[Study] = []
        tokens: list[str] = []
        total: int | None = None
        for number in range(1, max_pages + 1):
            query = first
            if tokens:  # later pages repeat the first's parameters, without countTotal
                query = {k: v for k, v in first.items() if k != "countTotal"}
                query["pageToken"] = tokens[-1]
            page = self.fetch_page(query)
            studies.extend(page.studies)
            total = page.total if number == 1 else total
            if not page.next_page_token or page.next_page_token in tokens:
                return SearchResult(tuple(studies), number, total, True, tuple(tokens))
            tokens.append(page.next_page_token)
        return SearchResult(tuple(studies), max_pages, total, False, tuple(tokens))

    def fetch_statuses(self, nct_ids: list[str], *, chunk: int = 200) -> SearchResult:
        """Status and lastUpdatePostDate of many studies: filter.ids, a fields subset, 200 a GET."""
        ids = [n for n in dict.fromkeys(i.strip().upper() for i in nct_ids) if NCT_ID.match(n)]
        studies: list[Study] = []
        pages = 0
        for start in range(0, len(ids), chunk):
            params = {
                "filter.ids": ",".join(ids[start : start + chunk]),
                "fields": "NCTId,OverallStatus,LastUpdatePostDate,Phase",
            }
            found = self.search(params, page_size=chunk, max_pages=2)
            studies.extend(found.studies)
            pages += found.pages
        return SearchResult(tuple(studies), pages, len(studies))

    def _get(self, url: str, params: dict[str, str]) -> bytes:
        """GET with retries inside the total deadline; the body, or one of our errors."""
        ends = time.monotonic() + self.deadline
        for attempt in range(1, self.max_attempts + 1):
            status, headers, body = self._attempt(url, params, ends)
            if status == 200:
                return body
            if status not in RETRY_STATUSES and status != 0:
                raise _refusal(url, status, body)
            hinted = retry_after_seconds(headers.get("retry-after"))
            delay = hinted if hinted is not None else self._backoff(attempt)
            left = ends - time.monotonic()
            if attempt >= self.max_attempts or delay > min(left, self.max_retry_after):
                what = "no answer" if status == 0 else f"status {status}"
                if status == 429:
                    raise RegistryRateLimited(url, f"registry rate-limited us at {url}", delay)
                raise RegistryUnavailable(url, f"registry unavailable at {url} ({what})")
            logger.warning(
                "registry %s: %s; retry %d in %.2fs", url, status or "no answer", attempt, delay
            )
            time.sleep(delay)
        raise AssertionError("unreachable: the last attempt raises")  # pragma: no cover

    def _attempt(
        self, url: str, params: dict[str, str], ends: float
    ) -> tuple[int, dict[str, str], bytes]:
        """One request through the limiter: (status, headers, body); status 0 for no answer."""
        self.limiter.acquire()
        self.requests += 1
        try:
            with self._http.stream("GET", url, params=params) as raw:
                body = self._read(raw, ends)
                answer = raw.status_code, {k.lower(): v for k, v in raw.headers.items()}, body
        except (httpx.HTTPError, httpx.InvalidURL, _NoAnswerError) as exc:
            logger.warning("registry request failed: %s %s", url, exc or type(exc).__name__)
            answer = 0, {}, b""
        if self.on_response is not None:
            self.on_response(answer[0])
        return answer

    def _read(self, raw: httpx.Response, ends: float) -> bytes:
        buffer = bytearray()
        for chunk in raw.iter_bytes():
            buffer += chunk
            if len(buffer) > self.max_bytes:
                raise RegistryUnavailable(
                    str(raw.url), f"registry body over {self.max_bytes} bytes"
                )
            if time.monotonic() > ends:
                raise _NoAnswerError(f"body still arriving after the {self.deadline:g}s deadline")
        return bytes(buffer)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: base·2^(n-1) plus up to one base of noise."""
        return self.backoff * 2.0 ** (attempt - 1) + self._random.uniform(0, self.backoff)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _refusal(url: str, status: int, body: bytes) -> RegistryError:
    """A 4xx answer as our error, carrying the registry's plain-text reason."""
    reason = " ".join(body[:300].decode("utf-8", "replace").split()) or f"HTTP {status}"
    if status == 404:
        return StudyNotFound(url, f"registry: {reason}")
    if status == 400:
        return RegistryBadRequest(url, f"registry refused the request: {reason}")
    return RegistryUnavailable(url, f"registry answered HTTP {status} at {url}: {reason}")


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
