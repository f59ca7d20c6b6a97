"""The HTTP endpoint at its edges: oversized, malformed, slow, idle and concurrent requests, sent
over raw sockets to the real server (the one `phasewatch run` starts) with the real Bolt app."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import resource
import select
import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from sqlmodel import Session

from bot.domain.alerts import Alert
from bot.slack.render import render_blocks, render_fallback
from bot.slack.slash import MAX_COMMAND_CHARS, split_words
from bot.storage.watches import list_watches, muted_channels
from bot.web.server import HttpServer, Limits, Request, Response
from bot.web.wire import RequestError, body_length, parse_head
from tests.alert_events import stored_alert_event
from tests.bot.slack.test_slack_http import SECRET, Served, serve
from tests.bot.test_service import ACME, STARTED, watch_all
from tests.edgar_server import FakeEdgar
from tests.helpers import drug_filing, serve_feeds, serve_filing
from tests.service_process import start_service, wait_for
from tests.slack_server import FakeSlack

PARTIAL = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n"


@pytest.fixture
def served(db_url: str, slack: FakeSlack) -> Iterator[Served]:
    """The real routes and Bolt app behind the real server, default limits."""
    yield from serve(db_url, slack)


def port_of(served: Served) -> int:
    """The served port."""
    return int(served.url.rsplit(":", 1)[1])


def exchange(port: int, data: bytes, *, half_close: bool = False, timeout: float = 15) -> bytes:
    """Send `data` on a fresh connection (optionally closing our side), read until EOF."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        return read_all(sock)


def read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes."""
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def send_while_reading(port: int, head: bytes, body: bytes) -> bytes:
    """Send `head`, then `body` from another thread while reading the answer, as a client
    uploading a large body does; the server may answer (and close) before the body is sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(head)

        def send_body() -> None:
            with contextlib.suppress(OSError):
                sock.sendall(body)

        threading.Thread(target=send_body, daemon=True).start()
        return read_all(sock)


def status_of(answer: bytes) -> int:
    """The status code of a raw HTTP answer."""
    assert answer.startswith(b"HTTP/1.1 "), answer[:100]
    return int(answer.split(b" ", 2)[1])


def signed_head(body: bytes, secret: str = SECRET) -> bytes:
    """Request line and headers of a signed POST /slack/events carrying `body`."""
    ts = str(int(time.time()))
    mac = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256)
    signature = f"v0={mac.hexdigest()}"  # Slack's scheme, over the raw bytes (UTF-8 or not)
    return (
        "POST /slack/events HTTP/1.1\r\nHost: x\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"X-Slack-Request-Timestamp: {ts}\r\nX-Slack-Signature: {signature}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()


def command_body(text: str, channel: str = "C1") -> bytes:
    """A /phasewatch form body as Slack sends it."""
    fields = {"command": "/phasewatch", "text": text, "channel_id": channel, "user_id": "U1"}
    return urlencode(fields | {"team_id": "T1", "trigger_id": "1.2.3"}).encode()


def test_signed_10_mb_command_is_answered_413_promptly(served: Served) -> None:
    """A signed 10 MB command is refused unread with 413 within seconds, the client still
    sending; nothing is stored."""
    body = command_body("watch " + "A" * 10_000_000)
    began = time.monotonic()
    answer = send_while_reading(port_of(served), signed_head(body), body)
    took = time.monotonic() - began
    assert status_of(answer) == 413
    assert b"over the 262144-byte limit" in answer
    assert took < 5
    assert list_watches(served.engine) == []


def test_signed_command_of_one_long_token_is_answered_promptly(served: Served) -> None:
    """A signed 60,000-character one-token command (under the body cap) gets a one-line refusal
    at once: no shell-style splitting that is quadratic in the token's length."""
    body = command_body("watch " + "A" * 60_000)
    began = time.monotonic()
    answer = exchange(port_of(served), signed_head(body) + body)
    assert status_of(answer) == 200
    assert f"at most {MAX_COMMAND_CHARS}".encode() in answer
    assert time.monotonic() - began < 5
    assert list_watches(served.engine) == []


def test_tokenizer_keeps_a_two_megabyte_token_whole_in_one_pass() -> None:
    """split_words is linear: a 2 MB token with an unclosed quote comes back as one word."""
    assert split_words('watch "' + "A" * 2_000_000) == ["watch", "A" * 2_000_000]
    assert split_words("watch IMGN --forms “8-K, 6-K”") == ["watch", "IMGN", "--forms", "8-K, 6-K"]


def test_invalid_utf8_body_is_answered_400(served: Served) -> None:
    """Bytes that are not UTF-8 get 400 and a reason, not a dropped connection."""
    body = b"command=%2Fphasewatch&text=\xff\xfe"
    answer = exchange(port_of(served), signed_head(body) + body)
    assert status_of(answer) == 400
    assert b"not UTF-8" in answer


@pytest.mark.parametrize(
    "value", ["abc", "-1", "1e3", " ", "²"], ids=["abc", "minus1", "1e3", "blank", "superscript"]
)
def test_content_length_that_is_not_a_number_is_answered_400(served: Served, value: str) -> None:
    """`Content-Length: abc` or `-1` is answered 400 at once, no thread left waiting."""
    head = f"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: {value}\r\n\r\n"
    answer = exchange(port_of(served), head.encode("utf-8"))
    assert status_of(answer) == 400
    assert b"bad Content-Length" in answer
    metrics = exchange(port_of(served), b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
    assert b'phasewatch_http_refused_total{status="400"} 1.0' in metrics


def test_short_body_then_close_is_answered_400(served: Served) -> None:
    """A body shorter than declared, the client's side closed: 400 naming both lengths."""
    answer = exchange(port_of(served), PARTIAL + b"\r\nabc", half_close=True)
    assert status_of(answer) == 400
    assert b"body of 3 bytes, 10 declared" in answer


def test_short_body_left_open_is_answered_408_at_the_deadline(
    db_url: str, slack: FakeSlack
) -> None:
    """A body shorter than declared, the connection left open: 408 once the request deadline
    passes (1 s here), and no thread was ever held for it."""
    for served in serve(db_url, slack, limits=Limits(request_seconds=1.0)):
        threads = threading.active_count()
        began = time.monotonic()
        with socket.create_connection(("127.0.0.1", port_of(served)), timeout=15) as sock:
            sock.sendall(PARTIAL + b"\r\nabc")
            time.sleep(0.3)
            assert threading.active_count() == threads
            answer = read_all(sock)
        assert status_of(answer) == 408
        assert 0.9 < time.monotonic() - began < 5


def test_slow_client_trickling_its_headers_is_cut_at_the_total_deadline(
    db_url: str, slack: FakeSlack
) -> None:
    """One header byte every 0.2 s never resets the clock: 408 at the deadline (1 s here)."""
    for served in serve(db_url, slack, limits=Limits(request_seconds=1.0)):
        began = time.monotonic()
        with socket.create_connection(("127.0.0.1", port_of(served)), timeout=15) as sock:
            for byte in PARTIAL * 10:
                if select.select([sock], [], [], 0.2)[0] or time.monotonic() - began > 3:
                    break  # the server has answered (or never will): stop trickling
                sock.send(bytes([byte]))
            answer = read_all(sock)
        assert status_of(answer) == 408
        assert time.monotonic() - began < 4


@pytest.mark.parametrize(
    ("data", "status"),
    [
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET /healthz\r\n\r\n", 400),
        (b"GET /healthz HTTP/1.1\r\nno colon here\r\n\r\n", 400),
        (b"GET /healthz HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        (b"GET /healthz HTTP/1.1\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n", 431),
        (b"POST /slack/events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 411),
        (b"DELETE /healthz HTTP/1.1\r\n\r\n", 405),
        (b"GET /nothing HTTP/1.1\r\n\r\n", 404),
    ],
    ids=[
        "garbage",
        "no-version",
        "header-no-colon",
        "two-lengths",
        "header-20kb",
        "chunked",
        "wrong-method",
        "unknown-path",
    ],
)
def test_malformed_requests_are_answered_with_a_status(
    served: Served, data: bytes, status: int
) -> None:
    """Malformed request lines and headers get 4xx answers, never a silent close."""
    assert status_of(exchange(port_of(served), data)) == status


def test_fifty_concurrent_requests_are_all_answered(served: Served) -> None:
    """50 clients connecting at the same instant (half /healthz, half signed `help`) are all
    answered 200: the accept queue holds them and workers take them in turn."""
    port = port_of(served)
    body = command_body("help")
    requests = [b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", signed_head(body) + body] * 25
    start = threading.Barrier(len(requests))
    answers: list[int | str] = []

    def client(data: bytes) -> None:
        start.wait()
        try:
            answers.append(status_of(exchange(port, data)))
        except OSError as exc:
            answers.append(repr(exc))

    threads = [threading.Thread(target=client, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert answers == [200] * 50


def idle_count() -> int:
    """1,200 half-sent connections (the issue's number), or fewer if this process's file
    limit cannot hold both ends of them in one process."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return min(1200, (soft - 300) // 2)


def test_1200_idle_half_sent_connections_hold_no_threads_and_healthz_answers(
    served: Served,
) -> None:
    """1,200 connections that sent half a request: the server holds no thread for them (not
    1,210) and /healthz still answers 200 at once, the oldest half-sent ones dropped for it."""
    port = port_of(served)
    threads = threading.active_count()
    idle = []
    try:
        for _ in range(idle_count()):
            sock = socket.create_connection(("127.0.0.1", port), timeout=15)
            sock.sendall(PARTIAL)
            idle.append(sock)
        time.sleep(0.5)
        assert threading.active_count() <= threads + 1
        began = time.monotonic()
        answer = exchange(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert status_of(answer) == 200
        assert answer.endswith(b"ok")
        assert time.monotonic() - began < 5
    finally:
        for sock in idle:
            sock.close()


def test_at_the_connection_cap_the_oldest_half_sent_request_is_dropped() -> None:
    """With room for 10 connections, 30 half-sent ones leave the 10 newest open; a whole
    request still gets through."""
    server = HttpServer(
        ("127.0.0.1", 0), lambda _: Response(200, b"ok"), Limits(max_connections=10)
    ).start()
    idle = []
    try:
        for _ in range(30):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            sock.sendall(PARTIAL)
            idle.append(sock)
            time.sleep(0.01)
        assert status_of(exchange(server.port, b"GET / HTTP/1.1\r\n\r\n")) == 200
        dropped = 0
        for sock in idle:
            sock.settimeout(0.2)
            try:
                dropped += sock.recv(1) == b""
            except TimeoutError:
                pass
            except ConnectionError:
                dropped += 1
        assert dropped >= 20
    finally:
        for sock in idle:
            sock.close()
        server.stop()


def test_busy_workers_answer_503_and_threads_stay_bounded() -> None:
    """Two workers, room for one more request in line: the fourth request is answered 503 at
    once, the third after waiting its turn in vain; never more than two handler threads."""
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(10)
        return Response(200, b"done")

    limits = Limits(workers=2, queued=1, queue_seconds=0.5)
    refused: list[int] = []
    server = HttpServer(("127.0.0.1", 0), slow, limits, refused.append).start()
    results: list[int] = []

    def client() -> None:
        results.append(status_of(exchange(server.port, b"GET / HTTP/1.1\r\n\r\n")))

    threads = [threading.Thread(target=client) for _ in range(2)]
    try:
        for t in threads:
            t.start()
        wait_for(lambda: _workers() == 2, timeout=5, what="two busy workers")
        third = threading.Thread(target=client)
        third.start()
        time.sleep(0.1)
        assert status_of(exchange(server.port, b"GET / HTTP/1.1\r\n\r\n")) == 503
        third.join(5)
        assert results == [503]
        assert _workers() == 2
        release.set()
        for t in threads:
            t.join(5)
        assert sorted(results) == [200, 200, 503]
        assert refused == [503, 503]
    finally:
        release.set()
        server.stop()


def _workers() -> int:
    return sum(t.name == "http-worker" for t in threading.enumerate())


def test_sigterm_exits_promptly_while_a_10_mb_command_arrives(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """`phasewatch run` receiving a signed 10 MB command answers 413 and still stops on
    SIGTERM within seconds, exit status 0."""
    serve_feeds(edgar, [], [ACME])
    service = start_service(edgar, slack, db_url)
    body = command_body("watch " + "A" * 10_000_000)
    answer = send_while_reading(service.port, signed_head(body, secret="secret"), body)
    assert status_of(answer) == 413
    assert service.stop() < 10
    assert service.process.returncode == 0


def test_at_the_file_limit_idle_connections_stop_neither_posting_nor_healthz(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """`phasewatch run` with a file limit of 256 and 600 half-sent connections open against it:
    /healthz answers 200 and a new filing's alert is still posted to Slack."""
    filing = drug_filing(ACME[0], ACME[2], 1)
    serve_feeds(edgar, [], [ACME])
    watch_all(db_url)
    service = start_service(edgar, slack, db_url, nofile=256)
    idle = []
    try:
        for _ in range(600):
            sock = socket.create_connection(("127.0.0.1", service.port), timeout=15)
            sock.sendall(PARTIAL)
            idle.append(sock)
        assert service.get("/healthz") == (200, "ok")
        serve_feeds(edgar, [filing], [ACME])
        serve_filing(edgar, filing, STARTED)
        wait_for(lambda: slack.calls_to("chat.postMessage"), what="the alert", timeout=30)
        assert service.get("/healthz") == (200, "ok")
    finally:
        for sock in idle:
            sock.close()
        service.stop()
    assert not [line for line in service.lines if "Too many open files" in line]


def test_mute_click_on_the_largest_alert_fits_under_the_body_cap(served: Served) -> None:
    """A button click carries the whole alert message: for the largest alert we render (50
    blocks, ~76 KB form-encoded, over a 64 KiB cap) the click is still received and mutes."""
    evidence = 'The Phase 2 trial of AB-101 & "CD-3" <in> gout, a ‘word’ ' * 30
    event = stored_alert_event(
        key="k", type="phase_change", drug="AB-101", evidence=evidence, status="started", phase="2"
    )
    alert = Alert(
        channel="C1",
        accession="0001990101-26-000001",
        cik=1990101,
        company="Evil <!channel> Bio",
        tickers=("EVIL",),
        form="8-K",
        index_url="https://www.sec.gov/x-index.htm",
        filed=None,
        accepted=None,
        events=(event,) * 60,
    )
    message = {"type": "message", "text": render_fallback(alert), "blocks": render_blocks(alert)}
    payload = {
        "type": "block_actions",
        "user": {"id": "U1"},
        "team": {"id": "T1"},
        "channel": {"id": "C1"},
        "trigger_id": "1.2.3",
        "message": message,
        "container": {"type": "message", "channel_id": "C1", "message_ts": "1.000100"},
        "actions": [{"type": "button", "action_id": "mute_company", "value": "1990101"}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    assert 64 * 1024 < len(body) < Limits().max_body
    answer = exchange(port_of(served), signed_head(body) + body)
    assert status_of(answer) == 200
    wait_for(lambda: _muted(served) == {"C1"}, timeout=5, what="the mute")
    wait_for(lambda: served.slack.calls_to("chat.postMessage"), timeout=5, what="the notice")
    (said,) = served.slack.calls_to("chat.postMessage")
    assert said.body["channel"] == "C1"
    assert "muted Evil &lt;!channel&gt; Bio" in said.body["text"]


def _muted(served: Served) -> set[str]:
    with Session(served.engine) as session:
        return muted_channels(session, 1990101)


def test_bodies_in_flight_beyond_the_shared_budget_are_answered_503() -> None:
    """With 100 bytes of body budget, a second 80-byte body arriving while the first is still
    being sent is answered 503; once the first is done, the budget is free again."""
    server = HttpServer(
        ("127.0.0.1", 0), lambda r: Response(200, r.body), Limits(max_buffered=100)
    ).start()
    head = b"POST / HTTP/1.1\r\nContent-Length: 80\r\n\r\n"
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as first:
            first.sendall(head + b"x" * 40)
            time.sleep(0.2)
            assert status_of(exchange(server.port, head + b"y" * 80)) == 503
            first.sendall(b"x" * 40)
            assert read_all(first).endswith(b"x" * 80)
        assert status_of(exchange(server.port, head + b"y" * 80)) == 200
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", 0), ("0012", 12), ("262144", 262144), (None, 0)],
    ids=["zero", "leading-zeros", "at-the-cap", "absent"],
)
def test_body_length_accepts_plain_decimal_lengths(value: str | None, expected: int) -> None:
    """Content-Length is ASCII digits; absent means no body."""
    headers = {} if value is None else {"content-length": value}
    assert body_length(headers, 262144) == expected


@pytest.mark.parametrize(
    ("value", "status"),
    [("abc", 400), ("-1", 400), ("+5", 400), ("٣", 400), ("9" * 13, 400), ("262145", 413)],
    ids=["abc", "minus1", "plus", "arabic-digit", "13-digits", "over-the-cap"],
)
def test_body_length_refuses_what_is_not_a_plain_length(value: str, status: int) -> None:
    """Anything but 1-12 ASCII digits is 400; a length over the cap is 413."""
    with pytest.raises(RequestError) as caught:
        body_length({"content-length": value}, 262144)
    assert caught.value.status == status


def test_parse_head_keeps_the_path_without_its_query_and_lower_cases_names() -> None:
    """The request line's target loses its query; header names are case-insensitive."""
    head = b"GET /healthz?verbose=1 HTTP/1.1\r\nHost: a\r\nX-Slack-Signature: v0=1\r\n\r\n"
    assert parse_head(head) == ("GET", "/healthz", {"host": "a", "x-slack-signature": "v0=1"})
