"""`phasewatch run`: scheduled jobs, the Slack app over HTTP or Socket Mode, health and metrics.

Jobs: poll (the leader replica only: feeds and pending filings), deliver (every replica: the
outbox), prune (daily), registry (the leader: ClinicalTrials.gov lookups every
PHASEWATCH_CTGOV_LOOKUP_SECONDS, the registry pass every PHASEWATCH_CTGOV_WATCH_HOURS).
HTTP on PHASEWATCH_HTTP_PORT: `POST /slack/events` into the Bolt app, `GET /healthz`,
`GET /metrics`. SIGTERM/SIGINT: work stops between filings and posts, leaving
the rest pending, and the process exits within seconds.
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
from bot.leader import Leadership
from bot.metrics import CONTENT_TYPE
from bot.models import now_utc
from bot.pipeline import deliver, poll_feeds
from bot.prune import prune
from bot.registry_cycle import run_registry_cycle
from bot.runtime import Runtime, build_runtime
from bot.settings import ConfigError, Settings
from bot.slack_app import build_app
from bot.slash import SlashContext
from bot.state import load_state
from bot.watchlist import lookup_stored

log = logging.getLogger(__name__)
DELIVER_SECONDS = 2.0


class Health:
    """Healthy while the last successful poll (by any replica) is within three intervals."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.started = now_utc()

    def last_ok(self) -> datetime | None:
        """When a poll last read the feeds successfully, as recorded in the database."""
        row = load_state(self.rt.engine, "last_poll_ok")
        return row.updated_at if row else None

    def check(self) -> tuple[int, str]:
        """(200, 'ok') or (503, why)."""
        limit = timedelta(seconds=3 * self.rt.settings.poll_seconds)
        try:
            last = self.last_ok()
        except Exception as exc:  # the database itself is down: that is the reason
            return 503, f"database unavailable: {type(exc).__name__}"
        since = last or self.started
        if now_utc() - since <= limit:
            return 200, "ok"
        what = "no successful poll" if last is None else "last successful poll"
        return 503, f"{what} since {since.isoformat()} (limit {limit.total_seconds():.0f}s)"


def make_handler(rt: Runtime, app: App | None, health: Health) -> type[BaseHTTPRequestHandler]:
    """The HTTP handler: /slack/events into Bolt, /healthz, /metrics."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/healthz":
                status, text = health.check()
                self._send(status, text.encode(), "text/plain")
            elif path == "/metrics":
                last = health.last_ok()
                if last is not None:
                    rt.metrics.poll_lag.set((now_utc() - last).total_seconds())
                    rt.metrics.last_poll.set(last.timestamp())
                self._send(200, rt.metrics.render(), CONTENT_TYPE)
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


def run_poll(rt: Runtime, leadership: Leadership) -> None:
    """The poll job: only the leader polls; failures are logged, never raised."""
    try:
        leading = leadership.is_leader()
        rt.metrics.leader.set(1 if leading else 0)
        if not leading:
            return
        report = poll_feeds(rt)
        log.info(
            "poll: %d new, %d processed, %d events, %d errors",
            report.new_filings,
            report.processed,
            report.events,
            len(report.errors),
        )
    except Exception:
        log.exception("poll failed; the work stays pending for the next poll")


def run_deliver(rt: Runtime) -> None:
    """The delivery job: every replica drains the outbox (claims keep posts single)."""
    try:
        report = deliver(rt)
        if report.posted or report.delivery_failures:
            log.info("delivery: %d posted, %d failed", report.posted, report.delivery_failures)
    except Exception:
        log.exception("delivery failed; alerts stay in the outbox")


def run_registry(rt: Runtime, leadership: Leadership) -> None:
    """The registry job (the poll leader only): lookups, alert updates, the daily pass."""
    try:
        if rt.ctgov is not None and leadership.is_leader():
            run_registry_cycle(rt)
    except Exception:
        log.exception("registry cycle failed; lookups stay queued")


def run_prune(rt: Runtime) -> None:
    """The daily pruning job."""
    try:
        log.info("pruned %d old rows", prune(rt.engine, rt.clock()))
    except Exception:
        log.exception("pruning failed")


def start_scheduler(rt: Runtime, leadership: Leadership) -> BackgroundScheduler:
    """Poll now and every PHASEWATCH_POLL_SECONDS (jittered), deliver every 2 s, prune daily."""
    seconds = rt.settings.poll_seconds
    scheduler = BackgroundScheduler(
        timezone="UTC",
        job_defaults={
            "max_instances": 1,
            "coalesce": True,
            "misfire_grace_time": int(max(seconds, 1)),
        },
    )
    scheduler.add_job(
        run_poll,
        "interval",
        args=(rt, leadership),
        seconds=seconds,
        id="poll",
        next_run_time=now_utc(),
        jitter=max(1, int(seconds / 10)),
    )
    scheduler.add_job(
        run_deliver,
        "interval",
        args=(rt,),
        seconds=DELIVER_SECONDS,
        id="deliver",
        next_run_time=now_utc(),
    )
    scheduler.add_job(run_prune, "interval", args=(rt,), hours=24, id="prune")
    scheduler.add_job(
        run_registry,
        "interval",
        args=(rt, leadership),
        seconds=rt.settings.ctgov_lookup_seconds,
        id="registry",
        next_run_time=now_utc() + timedelta(seconds=5),
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
    address = ("0.0.0.0", settings.http_port)  # noqa: S104 (a service listens on all interfaces)
    server = ThreadingHTTPServer(address, make_handler(rt, app, Health(rt)))
    server.daemon_threads = True
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: rt.stop.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    leadership = Leadership(rt.engine)
    scheduler = start_scheduler(rt, leadership)
    socket_mode = _start_socket_mode(app, settings)
    log.info(
        "phasewatch running: http on :%d, polling every %gs",
        server.server_address[1],
        settings.poll_seconds,
    )
    rt.stop.wait()
    log.info("shutting down: finishing the filing or post in hand")
    scheduler.shutdown(wait=True)
    if socket_mode is not None:
        socket_mode.close()
    server.shutdown()
    leadership.release()
    rt.close()
    log.info("stopped")
    return 0


def _start_socket_mode(app: App | None, settings: Settings) -> Any:
    if app is None or not settings.slack_app_token:
        return None
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app, settings.slack_app_token)
    handler.connect()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
    return handler
