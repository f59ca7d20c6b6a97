"""EdgarClient against a misbehaving EDGAR: trickles, bombs, truncated gzip, threshold pages.

Every answer is real HTTP from the local stand-in; time is bounded by the client's deadline and
memory by its body caps (counted in inflated bytes while streaming).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tests.clocks import PinnedClock
from tests.edgar_fixtures import own
from tests.edgar_server import FakeEdgar, gzip_bomb, gzipped
from watchers import (
    EdgarBodyTooLarge,
    EdgarClient,
    EdgarPaused,
    EdgarRateLimited,
    EdgarStopped,
    EdgarUnavailable,
    SystemClock,
)
from watchers.client import MAX_BODY_BYTES

UA = "Phasewatch Tests tests@example.com"
T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


@pytest.fixture
def client(edgar: FakeEdgar) -> Iterator[EdgarClient]:
    """A fast client with a one-second deadline per request."""
    with EdgarClient(
        user_agent=UA, base_url=edgar.url, data_url=edgar.url, max_rps=10, backoff=0.01,
        max_attempts=3, timeout=2.0, deadline=1.0,
    ) as made:  # fmt: skip
        yield made


def test_a_body_trickled_one_byte_at_a_time_ends_at_the_total_deadline(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    """Each byte arrives well within the read timeout, yet the request ends at its deadline."""
    edgar.add("/Archives/slow.htm", b"x" * 1000, trickle=0.2)
    began = time.monotonic()
    with pytest.raises(EdgarUnavailable, match="within 1s"):
        client.get(client.url("/Archives/slow.htm"))
    elapsed = time.monotonic() - began
    assert elapsed < 2.5
    assert len(edgar.requests) == 1  # a deadline is not retried inside the request
    assert client.health().failures == 1


def test_headers_trickled_one_byte_at_a_time_end_at_the_total_deadline(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    """A status line and headers sent byte by byte are bounded by the deadline, not per read."""
    edgar.add("/Archives/slow-head.htm", b"x" * 100, trickle=0.2, trickle_head=True)
    began = time.monotonic()
    with pytest.raises(EdgarUnavailable, match="within 1s"):
        client.get(client.url("/Archives/slow-head.htm"))
    assert time.monotonic() - began < 2.5
    assert len(edgar.requests) == 1


def test_shutdown_abandons_trickling_headers(edgar: FakeEdgar) -> None:
    """A stop set while the headers still trickle ends the request within about a second."""
    stop = threading.Event()
    edgar.add("/Archives/slow-head.htm", b"x" * 100, trickle=0.5, trickle_head=True)
    with EdgarClient(user_agent=UA, base_url=edgar.url, max_rps=10, stop=stop) as client:
        threading.Timer(0.3, stop.set).start()
        began = time.monotonic()
        with pytest.raises(EdgarStopped):
            client.get(client.url("/Archives/slow-head.htm"))
    assert time.monotonic() - began < 3


def test_a_gzip_bomb_feed_is_refused_at_the_cap_by_inflated_bytes(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    """1 GiB of inflated zeros: the feed read stops one cap in and raises EdgarBodyTooLarge."""
    headers, body = gzip_bomb()
    edgar.add("/cgi-bin/browse-edgar", body, headers=headers)
    client.max_body_bytes = 4 * 1024 * 1024
    with pytest.raises(EdgarBodyTooLarge, match="over 4194304 bytes"):
        client.get(client.url("/cgi-bin/browse-edgar"))


def test_a_gzip_bomb_document_is_cut_at_max_bytes(edgar: FakeEdgar, client: EdgarClient) -> None:
    """A document (max_bytes given) is kept up to the cap and marked truncated."""
    headers, body = gzip_bomb()
    edgar.add("/Archives/bomb.htm", body, headers=headers)
    response = client.get(client.url("/Archives/bomb.htm"), max_bytes=100_000)
    assert (len(response.content), response.truncated) == (100_000, True)


# Peak RSS from /proc/self/status (VmHWM, per address space, so it starts afresh at exec);
# getrusage's ru_maxrss survives exec and would report the test worker's own peak.
BOMB_POLL = """
import re, sys
from watchers import EdgarClient, WatcherError, fetch_current_filings
with EdgarClient(user_agent="t t@example.com", base_url=sys.argv[1], max_rps=10) as client:
    try:
        fetch_current_filings(client, ["8-K"])
    except WatcherError as exc:
        print(type(exc).__name__)
    try:
        client.get(sys.argv[1] + "/Archives/edgar/data/1/000000000126000001/x-index.htm")
    except WatcherError as exc:
        print(type(exc).__name__)
status = open("/proc/self/status").read()
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


def test_a_gzip_bomb_on_the_feed_and_an_index_page_keeps_a_poll_under_200_mb_rss(
    edgar: FakeEdgar,
) -> None:
    """A real process polling two 1 GiB bombs with the default caps: peak RSS stays small."""
    headers, body = gzip_bomb()
    edgar.add("/cgi-bin/browse-edgar", body, headers=headers)
    edgar.add("/Archives/edgar/data/1/000000000126000001/x-index.htm", body, headers=headers)
    run = subprocess.run(
        [sys.executable, "-c", BOMB_POLL, edgar.url],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    first, second, rss_mb = run.stdout.split()
    assert (first, second) == ("EdgarBodyTooLarge", "EdgarBodyTooLarge")
    print(f"peak RSS of a poll against two 1 GiB gzip bombs: {rss_mb} MB")
    assert int(rss_mb) < 200, f"{rss_mb} MB (cap {MAX_BODY_BYTES >> 20} MiB)"


def test_truncated_gzip_is_an_error_retried_like_a_503(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    """A gzip stream without its end is never a short document: retried, then served whole."""
    headers, whole = gzipped(b"<html><p>Phase 2 started.</p></html>")
    _, cut = gzipped(b"<html><p>Phase 2 started.</p></html>", cut=12)
    edgar.script("/Archives/ex99.htm", [(200, headers, cut), (200, headers, whole)])
    response = client.get(client.url("/Archives/ex99.htm"), max_bytes=1000)
    assert response.content == b"<html><p>Phase 2 started.</p></html>"
    assert len(edgar.requests) == 2


def test_truncated_gzip_every_time_raises_unavailable(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    """Out of retries, the truncated body is EdgarUnavailable with the reason, not content."""
    headers, cut = gzipped(b"<html>" + b"p" * 5000 + b"</html>", cut=30)
    edgar.add("/Archives/ex99.htm", cut, headers=headers)
    with pytest.raises(EdgarUnavailable, match="truncated gzip"):
        client.get(client.url("/Archives/ex99.htm"), max_bytes=100_000)
    assert len(edgar.requests) == 3


def test_the_threshold_page_served_as_200_pauses_all_traffic(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    """EDGAR's "Request Rate Threshold Exceeded" page with HTTP 200 is not a document."""
    edgar.add("/Archives/ex99.htm", own("rate-threshold-403.html").read_bytes())
    edgar.add("/Archives/other.htm", b"<html>fine</html>")
    with pytest.raises(EdgarRateLimited, match="Threshold"):
        client.get(client.url("/Archives/ex99.htm"), max_bytes=100_000)
    with pytest.raises(EdgarPaused) as paused:
        client.get(client.url("/Archives/other.htm"))
    assert paused.value.charged is False  # nothing was sent
    assert [r.path for r in edgar.requests] == ["/Archives/ex99.htm"]


def test_retry_backoff_sleeps_on_the_clock_passed_in(edgar: FakeEdgar) -> None:
    """The client's sleeps, Retry-After dates and pause all read the clock it was given."""
    clock = PinnedClock(T0)
    edgar.script("/x", [(503, {"Retry-After": "30"}, b""), (200, {}, b"ok")])
    began = time.monotonic()
    with EdgarClient(user_agent=UA, base_url=edgar.url, max_rps=10, clock=clock) as pinned:
        assert pinned.get(pinned.url("/x")).content == b"ok"
    assert 30.0 in clock.slept
    assert time.monotonic() - began < 5  # the 30 s wait happened on the pinned clock only


def test_shutdown_never_waits_on_a_retry_sleep(edgar: FakeEdgar) -> None:
    """A 429 with Retry-After: 100 sleeps on the stop event; setting it ends the wait at once."""
    stop = threading.Event()
    edgar.add("/x", b"", status=429, headers={"Retry-After": "100"})
    with EdgarClient(
        user_agent=UA, base_url=edgar.url, max_rps=10, clock=SystemClock(stop)
    ) as client:
        threading.Timer(0.3, stop.set).start()
        began = time.monotonic()
        with pytest.raises(EdgarStopped):
            client.get(client.url("/x"))
    assert time.monotonic() - began < 3


def test_shutdown_abandons_a_trickling_body(edgar: FakeEdgar) -> None:
    """SIGTERM's stop event ends a request that is still receiving bytes."""
    stop = threading.Event()
    edgar.add("/Archives/slow.htm", b"x" * 1000, trickle=0.1)
    with EdgarClient(user_agent=UA, base_url=edgar.url, max_rps=10, stop=stop) as client:
        threading.Timer(0.3, stop.set).start()
        began = time.monotonic()
        with pytest.raises(EdgarStopped):
            client.get(client.url("/Archives/slow.htm"))
    assert time.monotonic() - began < 2


def test_health_tells_an_outage_from_one_bad_url(edgar: FakeEdgar, client: EdgarClient) -> None:
    """Most recent requests failing is `failing`; one 404 among successes is not."""
    edgar.add("/Archives/ok.htm", b"ok")
    for _ in range(4):
        client.get(client.url("/Archives/ok.htm"))
    assert client.health().failing is False
    assert client.health().last_archive_ok is not None
    edgar.add("/Archives/down.htm", b"", status=503)
    for _ in range(2):
        with pytest.raises(EdgarUnavailable):
            client.get(client.url("/Archives/down.htm"))
    assert client.health().failing is True  # 6 failures of 10
