"""`phasewatch run`: the scheduler triggers poll_once; Slack is answered over HTTP or Socket Mode.

HTTP mode serves `POST /slack/events` (signed Slack requests, dispatched into the Bolt app) and
`GET /healthz` on PHASEWATCH_HTTP_PORT. SIGTERM and SIGINT stop the scheduler and the server.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App
from slack_bolt.request import BoltRequest

from bot.delivery import make_slack_client
from bot.models import now_utc
from bot.pipeline import poll_once
from bot.runtime import Runtime, build_runtime
from bot.settings import ConfigError, Settings
from bot.slack_app import build_app
from bot.slash import SlashContext
from bot.watchlist import lookup_stored

log = logging.getLogger(__name__)


class Health:
    """When the last poll succeeded, for /healthz."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.last_ok: datetime | None = None
        self.started = now_utc()

    def check(self) -> tuple[int, str]:
        """(200, 'ok') while the last good poll is within three intervals, else 503 and why."""
        limit = timedelta(seconds=3 * self.interval)
        since = self.last_ok or self.started
        if now_utc() - since <= limit:
            return 200, "ok"
        what = "no successful poll yet" if self.last_ok is None else "last successful poll"
        return 503, f"{what} since {since.isoformat()}"


def run_poll(rt: Runtime, health: Health) -> None:
    """One scheduled poll; failures are logged, never raised into the scheduler."""
    try:
        report = poll_once(rt)
    except Exception:
        log.exception("poll failed")
        return
    if not any(e.startswith("feed:") for e in report.errors):
        health.last_ok = now_utc()
    log.info(
        "poll: %d new, %d processed, %d posted", report.new_filings, report.processed, report.posted
    )


def make_handler(app: App | None, health: Health) -> type[BaseHTTPRequestHandler]:
    """The HTTP handler: /slack/events into Bolt, /healthz."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?")[0] == "/healthz":
                status, text = health.check()
                self._send(status, text.encode(), "text/plain")
            else:
                self._send(404, b"not found", "text/plain")

        def do_POST(self) -> None:
            if self.path.split("?")[0] != "/slack/events" or app is None:
                self._send(404, b"not found", "text/plain")
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            headers: dict[str, str | Sequence[str]] = {
                k.lower(): v for k, v in self.headers.items()
            }
            resp = app.dispatch(BoltRequest(body=body, headers=headers))
            if resp.status == 401:
                log.warning(
                    "refused a Slack request from %s: bad or stale signature",
                    self.client_address[0],
                )
            ctype = resp.first_headers().get("content-type", "application/json")
            self._send(resp.status, resp.body.encode(), ctype)

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("http: " + format, *args)

    return Handler


def start_scheduler(rt: Runtime, health: Health) -> BackgroundScheduler:
    """Poll now and then every PHASEWATCH_POLL_SECONDS; one at a time, missed runs coalesced."""
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        run_poll,
        "interval",
        args=(rt, health),
        seconds=rt.settings.poll_seconds,
        id="poll",
        max_instances=1,
        coalesce=True,
        next_run_time=now_utc(),
        jitter=2,
    )
    scheduler.start()
    return scheduler


def build_slack_app(rt: Runtime) -> App | None:
    """The Bolt app when Slack credentials are configured, else None."""
    settings = rt.settings
    if not settings.slack_bot_token:
        return None
    if not settings.slack_signing_secret and not settings.slack_app_token:
        raise ConfigError("SLACK_SIGNING_SECRET is required for HTTP mode (or set SLACK_APP_TOKEN)")
    client = make_slack_client(settings.slack_bot_token, settings.slack_api_url)
    ctx = SlashContext(
        engine=rt.engine,
        lookup=lookup_stored(rt.engine),
        clock=rt.clock,
        admins=frozenset(settings.admin_user_ids),
    )
    secret = settings.slack_signing_secret or "unused-in-socket-mode"
    return build_app(ctx=ctx, client=client, signing_secret=secret)


def run_service(settings: Settings) -> int:
    """Run until SIGTERM/SIGINT; return the exit status."""
    rt = build_runtime(settings)
    app = build_slack_app(rt)
    health = Health(settings.poll_seconds)
    scheduler = start_scheduler(rt, health)
    server = ThreadingHTTPServer(("0.0.0.0", settings.http_port), make_handler(app, health))  # noqa: S104
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    socket_mode = _start_socket_mode(app, settings)
    log.info(
        "phasewatch running: http on :%d, polling every %ss",
        server.server_address[1],
        settings.poll_seconds,
    )
    stop.wait()
    log.info("shutting down")
    if socket_mode is not None:
        socket_mode.close()
    server.shutdown()
    scheduler.shutdown(wait=True)
    rt.close()
    return 0


def _start_socket_mode(app: App | None, settings: Settings) -> Any:
    if app is None or not settings.slack_app_token:
        return None
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app, settings.slack_app_token)
    handler.connect()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
    return handler
