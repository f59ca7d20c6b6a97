"""The fake EDGAR server itself: routing, scripts, conditional GET, request log."""

from __future__ import annotations

import httpx

from tests.edgar_server import FakeEdgar  # the `edgar` fixture comes from conftest.py


def test_unknown_path_is_404(edgar: FakeEdgar) -> None:
    assert httpx.get(f"{edgar.url}/nope").status_code == 404


def test_most_specific_query_match_wins(edgar: FakeEdgar) -> None:
    edgar.add("/cgi-bin/browse-edgar", b"any", query={"action": "getcurrent"})
    edgar.add("/cgi-bin/browse-edgar", b"8k", query={"action": "getcurrent", "type": "8-K"})
    base = f"{edgar.url}/cgi-bin/browse-edgar"
    assert httpx.get(base, params={"action": "getcurrent", "type": "8-K"}).content == b"8k"
    assert httpx.get(base, params={"action": "getcurrent", "type": "6-K"}).content == b"any"
    assert httpx.get(base, params={"action": "getcompany"}).status_code == 404


def test_query_in_path_string(edgar: FakeEdgar) -> None:
    edgar.add("/x?a=1", b"one")
    assert httpx.get(f"{edgar.url}/x?a=1&b=2").content == b"one"
    assert httpx.get(f"{edgar.url}/x?a=2").status_code == 404


def test_script_answers_in_turn_then_repeats_last(edgar: FakeEdgar) -> None:
    edgar.script("/s", [(429, {"Retry-After": "1"}, b"slow"), (200, {}, b"ok")])
    first = httpx.get(f"{edgar.url}/s")
    assert (first.status_code, first.headers["retry-after"]) == (429, "1")
    assert httpx.get(f"{edgar.url}/s").content == b"ok"
    assert httpx.get(f"{edgar.url}/s").content == b"ok"


def test_etag_and_last_modified_give_304(edgar: FakeEdgar) -> None:
    lm = "Mon, 12 Jan 2026 16:28:51 GMT"
    edgar.add("/e", b"body", headers={"ETag": '"v1"'})
    edgar.add("/m", b"body", headers={"Last-Modified": lm})
    assert httpx.get(f"{edgar.url}/e", headers={"If-None-Match": '"v1"'}).status_code == 304
    assert httpx.get(f"{edgar.url}/e", headers={"If-None-Match": '"v0"'}).content == b"body"
    assert httpx.get(f"{edgar.url}/m", headers={"If-Modified-Since": lm}).status_code == 304
    older = "Sun, 11 Jan 2026 16:28:51 GMT"
    assert httpx.get(f"{edgar.url}/m", headers={"If-Modified-Since": older}).status_code == 200


def test_requests_are_recorded_with_headers_and_time(edgar: FakeEdgar) -> None:
    edgar.add("/r", b"")
    httpx.get(f"{edgar.url}/r?q=1", headers={"User-Agent": "Org a@b.c"})
    (request,) = edgar.requests
    assert (request.method, request.path, request.query) == ("GET", "/r", {"q": "1"})
    assert request.header("User-Agent") == "Org a@b.c"
    assert request.time > 0


def test_large_body_is_served_whole(edgar: FakeEdgar) -> None:
    edgar.add("/big", b"x" * 3_000_000)
    assert len(httpx.get(f"{edgar.url}/big").content) == 3_000_000
