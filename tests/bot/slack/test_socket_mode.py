"""Socket Mode end to end: slack_sdk's builtin client connects to a local stand-in for Slack's
websocket endpoint, `/phasewatch` envelopes are acknowledged with their reply, and the client
reconnects (a new `apps.connections.open`) when the server closes the socket or asks it to."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.runtime import build_runtime
from bot.service import build_slack_app, start_socket_mode
from bot.slack.transport import PING_SECONDS, SlackApp
from bot.storage.store import create_db, save_companies
from bot.storage.watches import list_watches
from bot.usecases.context import Runtime
from bot.usecases.settings import ConfigError, load_settings
from tests.child_env import stand_in_env
from tests.edgar_server import FakeEdgar
from tests.helpers import serve_feeds
from tests.service_process import Service, start_service, wait_for
from tests.slack_server import FakeSlack
from tests.socket_mode_server import FakeSocketMode
from watchers import Company

ACME = (1990101, "ACMB", "Acme Biologics, Inc.")
APP_TOKEN = "xapp-1-A0PHASEWATCH-1-test"
ACK_SECONDS = 3.0  # Slack shows the user an error when the ack takes longer
RECONNECT_SECONDS = PING_SECONDS + 10  # a closed socket is replaced at the client's next ping
DROP_PING_SECONDS = 1.0
DROP_RECONNECT_SECONDS = 6 * DROP_PING_SECONDS + 10  # five failed pings, then the next one


def save_acme(db_url: str) -> None:
    """Store Acme Biologics (ACMB), so `watch ACMB` resolves without EDGAR."""
    engine = create_db(db_url)
    save_companies(engine, [Company(cik=ACME[0], name=ACME[2], tickers=(ACME[1],))], now_fixed())
    engine.dispose()


def now_fixed() -> datetime:
    """A fixed instant: these tests do not depend on today's date."""
    return datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def connected_gauge(service: Service) -> bool:
    """True once the service's /metrics says its Socket Mode websocket is open."""
    return "phasewatch_socket_mode_connected 1.0" in service.get("/metrics")[1]


def answer(socket: FakeSocketMode, text: str, channel: str = "C1") -> dict[str, object]:
    """Send `/phasewatch TEXT` over the socket; the ack's payload, which must come within 3 s."""
    envelope_id = socket.send_slash_command(text, channel=channel)
    ack = socket.wait_ack(envelope_id, timeout=ACK_SECONDS + 2)
    assert ack.seconds < ACK_SECONDS, f"ack took {ack.seconds:.2f}s"
    assert ack.message["envelope_id"] == envelope_id
    payload = ack.message["payload"]
    assert isinstance(payload, dict)
    return payload


def test_run_answers_slash_commands_over_socket_mode_and_reconnects_when_closed(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """`phasewatch run` with SLACK_APP_TOKEN (and no signing secret) connects over the websocket
    it got from apps.connections.open, answers `/phasewatch watch` in the ack; when the server
    closes the socket it opens a second URL and answers `/phasewatch list` from the same store."""
    serve_feeds(edgar, [], [ACME])
    save_acme(db_url)
    socket = slack.socket_mode()
    service = start_service(
        edgar, slack, db_url, SLACK_APP_TOKEN=APP_TOKEN, SLACK_SIGNING_SECRET=""
    )
    try:
        socket.wait_connections(1)
        opened = slack.calls_to("apps.connections.open")
        assert [c.headers.get("Authorization") for c in opened] == [f"Bearer {APP_TOKEN}"]

        wait_for(lambda: connected_gauge(service), what="the connected gauge", timeout=5)
        reply = answer(socket, "watch ACMB", channel="C0RESEARCH")
        assert reply["response_type"] == "in_channel"
        assert reply["text"] == "<@U1> set this channel to watch *ACMB*."

        socket.close_connection()
        socket.wait_closed(0)
        socket.wait_connections(2, timeout=RECONNECT_SECONDS)
        assert len(slack.calls_to("apps.connections.open")) == 2
        wait_for(lambda: connected_gauge(service), what="the connected gauge", timeout=5)
        assert ["ticket=1" in socket.paths[0], "ticket=2" in socket.paths[1]] == [True, True]

        reply = answer(socket, "list", channel="C0RESEARCH")
        assert reply["response_type"] == "ephemeral"
        assert reply["text"] == "This channel watches:\n• *ACMB*"
    finally:
        took = service.stop()
    assert service.process.returncode == 0, "\n".join(service.lines)
    assert took < 10
    assert socket.unexpected == []


@pytest.fixture
def runtime(db_url: str, slack: FakeSlack) -> Iterator[Runtime]:
    """The service's runtime in Socket Mode, against the Slack stand-in and a real SQLite file."""
    save_acme(db_url)
    settings = load_settings(
        PHASEWATCH_DATABASE_URL=db_url,
        PHASEWATCH_EDGAR_URL="http://127.0.0.1:9",
        PHASEWATCH_EDGAR_DATA_URL="http://127.0.0.1:9",
        SLACK_BOT_TOKEN="xoxb-t",
        SLACK_APP_TOKEN=APP_TOKEN,
        PHASEWATCH_SLACK_API_URL=slack.api_url,
    )
    rt = build_runtime(settings)
    yield rt
    rt.close()


def socket_app(rt: Runtime) -> SlackApp:
    """The Bolt app as `phasewatch run` builds it."""
    app = build_slack_app(rt)
    assert app is not None
    return app


@pytest.mark.parametrize("reason", ["refresh_requested", "warning"])
def test_a_disconnect_message_makes_the_client_move_to_a_new_connection(
    runtime: Runtime, slack: FakeSlack, reason: str
) -> None:
    """Slack's `disconnect` notice: the client opens a new URL, leaves the old socket, and the
    next command arrives and is answered on the new one."""
    socket = slack.socket_mode()
    link = start_socket_mode(socket_app(runtime), runtime.settings)
    assert link is not None
    try:
        socket.wait_connections(1)
        assert answer(socket, "watch ACMB")["text"] == "<@U1> set this channel to watch *ACMB*."

        socket.send_disconnect(reason)
        socket.wait_connections(2)
        socket.wait_closed(0)  # the client itself closed the old socket
        assert len(slack.calls_to("apps.connections.open")) == 2

        assert answer(socket, "list")["text"] == "This channel watches:\n• *ACMB*"
        assert [w.target for w in list_watches(runtime.engine, "C1")] == ["ACMB"]
    finally:
        link.close()
    socket.wait_closed(1)
    assert socket.unexpected == []


def test_a_dropped_tcp_connection_is_replaced_and_commands_flow_again(
    runtime: Runtime, slack: FakeSlack
) -> None:
    """The TCP connection under the websocket is reset with no close frame: slack_sdk's client
    drops it after five failed pings in a row and opens a new URL, and the next command is
    answered there. Pings every second here (every PING_SECONDS in service: about 30 s)."""
    socket = slack.socket_mode()
    link = socket_app(runtime).connect_socket_mode(APP_TOKEN, ping_seconds=DROP_PING_SECONDS)
    try:
        socket.wait_connections(1)
        assert answer(socket, "watch ACMB")["text"] == "<@U1> set this channel to watch *ACMB*."

        socket.drop_connection()
        socket.wait_closed(0)
        socket.wait_connections(2, timeout=DROP_RECONNECT_SECONDS)
        assert len(slack.calls_to("apps.connections.open")) == 2
        assert answer(socket, "list")["text"] == "This channel watches:\n• *ACMB*"
    finally:
        link.close()
    socket.wait_closed(1)
    assert not link.is_connected()
    assert socket.unexpected == []


def test_closing_the_link_during_a_reconnect_leaves_no_socket_open(
    runtime: Runtime, slack: FakeSlack
) -> None:
    """`close()` (SIGTERM's path) while the client's monitor is replacing a socket the server
    closed: the reconnect finishes during close(), and its new socket is closed too."""
    socket = slack.socket_mode()
    link = start_socket_mode(socket_app(runtime), runtime.settings)
    assert link is not None
    socket.wait_connections(1)
    assert link.is_connected()
    socket.delay_handshake(1.0)  # the reconnect is still in its handshake when close() runs
    socket.close_connection()
    socket.wait_handshakes(2, timeout=RECONNECT_SECONDS)
    link.close()
    socket.wait_connections(2)
    socket.wait_closed(0)
    socket.wait_closed(1)
    assert not link.is_connected()
    assert len(socket.connections) == 2


def test_a_refused_app_token_is_one_config_error(runtime: Runtime, slack: FakeSlack) -> None:
    """apps.connections.open answering invalid_auth stops the start with a clear message."""
    slack.socket_mode()
    slack.refuse_token(APP_TOKEN)
    with pytest.raises(ConfigError, match=r"Slack refused SLACK_APP_TOKEN .*: invalid_auth"):
        start_socket_mode(socket_app(runtime), runtime.settings)


def test_run_with_a_refused_app_token_exits_2_with_one_line(
    edgar: FakeEdgar, slack: FakeSlack, db_url: str
) -> None:
    """`phasewatch run` whose app token Slack refuses: one error line, exit status 2."""
    slack.socket_mode()
    slack.refuse_token(APP_TOKEN)
    env = stand_in_env(edgar, slack, db_url, PHASEWATCH_HTTP_PORT="0", SLACK_APP_TOKEN=APP_TOKEN)
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last == (
        "phasewatch: error: Slack refused SLACK_APP_TOKEN on apps.connections.open: invalid_auth"
    )
