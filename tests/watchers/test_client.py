"""EdgarClient over real HTTP against FakeEdgar: headers, rate, retries, pauses, caching."""

from __future__ import annotations

import gzip
import threading
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from tests.edgar_fixtures import own
from tests.edgar_server import FakeEdgar, max_in_window
from watchers import (
    EdgarClient,
    EdgarHTTPError,
    EdgarRateLimited,
    EdgarUnavailable,
    WatcherError,
)

UA = "Phasewatch Tests tests@example.com"


@pytest.fixture
def client(edgar: FakeEdgar) -> Iterator[EdgarClient]:
    """A fast client: 10 requests/s, short backoff and pause."""
    with EdgarClient(
        user_agent=UA, base_url=edgar.url, data_url=edgar.url, max_rps=10, backoff=0.02,
        max_attempts=3, rate_limit_pause=0.4, timeout=2.0,
    ) as made:  # fmt: skip
        yield made


def test_user_agent_and_gzip_on_every_request(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.script("/a", [(503, {}, b""), (200, {}, b"ok")])
    edgar.add("/b", b"ok")
    client.get(client.url("/a"))
    client.get(client.url("/b"))
    with pytest.raises(EdgarHTTPError):
        client.get(client.url("/missing"))
    assert len(edgar.requests) == 4
    for request in edgar.requests:
        assert request.header("User-Agent") == UA
        assert "gzip" in (request.header("Accept-Encoding") or "")


def test_gzip_bodies_are_decoded(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add("/z", gzip.compress(b"<feed/>" * 100), headers={"Content-Encoding": "gzip"})
    assert client.get(client.url("/z")).content == b"<feed/>" * 100


def test_request_rate_never_exceeds_max_rps(edgar: FakeEdgar, client: EdgarClient) -> None:
    """22 requests from two threads: no 1-second window at EDGAR sees more than 10."""
    edgar.add("/r", b"ok")

    def burst() -> None:
        for _ in range(11):
            client.get(client.url("/r"))

    threads = [threading.Thread(target=burst) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(edgar.requests) == 22
    assert max_in_window(edgar.requests) <= 10


def test_429_with_retry_after_waits_before_retrying(edgar: FakeEdgar, client: EdgarClient) -> None:
    """A 429 with Retry-After: 2 delays the next request by at least two seconds."""
    edgar.script("/slow", [(429, {"Retry-After": "2"}, b"Too Many Requests"), (200, {}, b"ok")])
    assert client.get(client.url("/slow")).content == b"ok"
    first, second = edgar.requests
    assert second.time - first.time >= 2.0


def test_503_is_retried_then_succeeds(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.script("/flaky", [(503, {}, b"busy"), (503, {}, b"busy"), (200, {}, b"ok")])
    assert client.get(client.url("/flaky")).content == b"ok"
    assert len(edgar.requests) == 3


def test_persistent_503_is_unavailable_after_bounded_attempts(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    edgar.add("/down", b"<html>File Unavailable</html>", status=503)
    with pytest.raises(EdgarUnavailable) as caught:
        client.get(client.url("/down"))
    assert caught.value.status == 503
    assert len(edgar.requests) == client.max_attempts


def test_persistent_429_is_rate_limited(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add("/busy", b"", status=429)
    with pytest.raises(EdgarRateLimited):
        client.get(client.url("/busy"))
    assert len(edgar.requests) == 3


def test_retry_after_beyond_the_limit_is_not_slept(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add("/later", b"", status=429, headers={"Retry-After": "3600"})
    start = time.monotonic()
    with pytest.raises(EdgarRateLimited) as caught:
        client.get(client.url("/later"))
    assert caught.value.retry_after == 3600
    assert time.monotonic() - start < 1


def test_request_rate_threshold_page_pauses_all_traffic(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    """SEC's 403 "Request Rate Threshold Exceeded" page stops every request for the pause."""
    edgar.script(
        "/feed", [(403, {}, own("rate-threshold-403.html").read_bytes()), (200, {}, b"ok")]
    )
    edgar.add("/other", b"ok")
    with pytest.raises(EdgarRateLimited, match="Threshold"):
        client.get(client.url("/feed"))
    with pytest.raises(EdgarRateLimited, match="paused"):
        client.get(client.url("/other"))
    assert len(edgar.requests) == 1  # the paused request never left the process
    time.sleep(0.45)
    assert client.get(client.url("/other")).content == b"ok"


def test_plain_403_and_404_are_http_errors(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add("/forbidden", b"<html>Forbidden</html>", status=403)
    with pytest.raises(EdgarHTTPError) as caught:
        client.get(client.url("/forbidden"))
    assert (caught.value.status, caught.value.url) == (403, f"{edgar.url}/forbidden")
    with pytest.raises(EdgarHTTPError) as missing:
        client.get(client.url("/nothing"))
    assert missing.value.status == 404
    assert client.limiter.paused_for() == 0


def test_capped_get_streams_and_never_holds_the_whole_body(
    edgar: FakeEdgar, client: EdgarClient
) -> None:
    """A 20 MB body with a 1 MB cap: 1 MB kept, truncated=True, memory stays near the cap."""
    edgar.add("/huge.htm", b"x" * 20_000_000)
    tracemalloc.start()
    try:
        response = client.get(client.url("/huge.htm"), max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (len(response.content), response.truncated) == (1_000_000, True)
    assert peak < 5_000_000


def test_body_under_the_cap_is_whole(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add("/small.htm", b"y" * 1000)
    response = client.get(client.url("/small.htm"), max_bytes=1000)
    assert (len(response.content), response.truncated) == (1000, False)


def test_etag_conditional_get_reuses_the_cached_body(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add("/feed", b"<feed>v1</feed>", headers={"ETag": '"abc"'})
    first = client.get(client.url("/feed"), conditional=True)
    second = client.get(client.url("/feed"), conditional=True)
    assert (first.status, first.not_modified) == (200, False)
    assert (second.status, second.not_modified, second.content) == (304, True, b"<feed>v1</feed>")
    assert edgar.requests[1].header("If-None-Match") == '"abc"'


def test_last_modified_conditional_get(edgar: FakeEdgar, client: EdgarClient) -> None:
    lm = "Mon, 12 Jan 2026 13:31:02 GMT"
    edgar.add("/feed", b"<feed/>", headers={"Last-Modified": lm})
    client.get(client.url("/feed"), conditional=True)
    again = client.get(client.url("/feed"), conditional=True)
    assert again.not_modified
    assert edgar.requests[1].header("If-Modified-Since") == lm


def test_unconditional_get_sends_no_validators(edgar: FakeEdgar, client: EdgarClient) -> None:
    edgar.add("/doc", b"x", headers={"ETag": '"1"'})
    client.get(client.url("/doc"))
    client.get(client.url("/doc"))
    assert [r.header("If-None-Match") for r in edgar.requests] == [None, None]


def test_a_slow_answer_times_out_as_unavailable(edgar: FakeEdgar) -> None:
    edgar.add("/slow", b"late", delay=0.5)
    client = EdgarClient(
        user_agent=UA, base_url=edgar.url, timeout=0.1, backoff=0.01, max_attempts=2
    )
    start = time.monotonic()
    with client, pytest.raises(EdgarUnavailable):
        client.get(client.url("/slow"))
    assert len(edgar.requests) == 2
    assert time.monotonic() - start < 1.0


def test_retry_after_as_an_http_date(edgar: FakeEdgar, client: EdgarClient) -> None:
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
    edgar.script("/d", [(503, {"Retry-After": soon}, b""), (200, {}, b"ok")])
    assert client.get(client.url("/d")).content == b"ok"
    first, second = edgar.requests
    assert second.time - first.time >= 0.9  # whole seconds in the date: at least ~1 s


def test_unreachable_edgar_is_unavailable() -> None:
    with FakeEdgar() as gone:
        url = gone.url
    client = EdgarClient(user_agent=UA, base_url=url, backoff=0.01, max_attempts=2)
    with client, pytest.raises(EdgarUnavailable):
        client.get(client.url("/x"))


def test_sec_links_are_rebased_onto_the_configured_bases(client: EdgarClient) -> None:
    base = client.base_url
    assert (
        client.resolve("https://www.sec.gov/Archives/edgar/data/1/a.htm")
        == f"{base}/Archives/edgar/data/1/a.htm"
    )
    assert client.resolve("http://www.sec.gov/Archives/x") == f"{base}/Archives/x"
    assert (
        client.resolve("https://data.sec.gov/submissions/CIK1.json")
        == f"{base}/submissions/CIK1.json"
    )
    assert client.resolve("/Archives/y") == f"{base}/Archives/y"
    assert client.resolve("https://example.org/z") == "https://example.org/z"


@pytest.mark.parametrize("rps", [0, -1, 10.5, 50])
def test_max_rps_outside_0_to_10_is_refused(rps: float) -> None:
    with pytest.raises(ValueError, match="max_rps"):
        EdgarClient(user_agent=UA, max_rps=rps)


def test_a_user_agent_is_required() -> None:
    with pytest.raises(ValueError, match="User-Agent"):
        EdgarClient(user_agent=" ")


def test_every_error_is_a_watcher_error() -> None:
    for error in (EdgarHTTPError, EdgarRateLimited, EdgarUnavailable):
        assert issubclass(error, WatcherError)
