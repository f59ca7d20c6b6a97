"""`phasewatch run` over HTTP: signed slash commands reach the real Bolt app; forgeries don't."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.delivery import make_slack_client
from bot.service import Health, make_handler
from bot.slack_app import build_app
from bot.store import create_db, save_companies
from bot.watchlist import list_watches, lookup_stored
from tests.slack_server import FakeSlack
from watchers import Company

SECRET = "test-signing-secret"


@pytest.fixture
def served(db_url: str, slack: FakeSlack) -> Iterator[tuple[str, object]]:
    """`run`'s HTTP handler on 127.0.0.1 (port 0) with the Bolt app and a real SQLite file."""
    engine = create_db(db_url)
    save_companies(
        engine, [Company(cik=855654, name="ImmunoGen, Inc.", tickers=("IMGN",))], datetime.now(UTC)
    )
    app = build_app(
        engine=engine,
        client=make_slack_client("xoxb-t", slack.api_url),
        signing_secret=SECRET,
        lookup=lookup_stored(engine),
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(app, Health(60)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", engine
    server.shutdown()
    server.server_close()


def slash(text: str, channel: str = "C1") -> bytes:
    """A form-encoded /phasewatch payload as Slack sends it."""
    return urlencode(
        {
            "command": "/phasewatch",
            "text": text,
            "channel_id": channel,
            "user_id": "U1",
            "team_id": "T1",
            "response_url": "http://127.0.0.1:9/unused",
            "trigger_id": "1.2.3",
        }
    ).encode()


def post(
    url: str, body: bytes, *, timestamp: int | None = None, secret: str = SECRET
) -> tuple[int, str]:
    """POST to /slack/events signed with `secret` at `timestamp`."""
    ts = str(timestamp if timestamp is not None else int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body.decode())
    request = urllib.request.Request(
        f"{url}/slack/events",
        data=body,
        method="POST",
        headers={
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_signed_watch_command_changes_the_channel_watchlist(served: tuple[str, object]) -> None:
    """`/phasewatch watch IMGN` in C1 adds the watch and answers in the channel."""
    url, engine = served
    status, body = post(url, slash("watch IMGN"))
    assert status == 200
    assert '"response_type": "in_channel"' in body or '"response_type":"in_channel"' in body
    assert "IMGN" in body
    assert [(w.channel, w.target, w.cik) for w in list_watches(engine)] == [("C1", "IMGN", 855654)]  # type: ignore[arg-type]


def test_unknown_ticker_gets_help_not_a_watch(served: tuple[str, object]) -> None:
    """A ticker EDGAR does not know is refused with the closest match, ephemerally."""
    url, engine = served
    status, body = post(url, slash("watch IMGM"))
    assert status == 200
    assert "unknown ticker IMGM" in body
    assert "IMGN" in body
    assert list_watches(engine) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("secret", "age"), [("forged-secret", 0), (SECRET, 6 * 60)], ids=["forged", "replayed"]
)
def test_forged_or_stale_requests_are_refused(
    served: tuple[str, object], secret: str, age: int
) -> None:
    """A bad signature, or a timestamp older than five minutes, gets 401 and changes nothing."""
    url, engine = served
    status, _ = post(url, slash("watch IMGN"), timestamp=int(time.time()) - age, secret=secret)
    assert status == 401
    assert list_watches(engine) == []  # type: ignore[arg-type]


def test_healthz_before_any_poll_is_ok_within_three_intervals(served: tuple[str, object]) -> None:
    """A fresh service is healthy until three poll intervals pass without a good poll."""
    url, _ = served
    with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
        assert (response.status, response.read()) == (200, b"ok")
