"""`phasewatch run`: scheduled jobs, the Slack app over HTTP or Socket Mode, health and metrics.

Jobs: poll (the leader replica only: feeds and pending filings), deliver (every replica: the
outbox), prune (daily), registry (the leader: ClinicalTrials.gov lookups every
PHASEWATCH_CTGOV_LOOKUP_SECONDS, the registry pass every PHASEWATCH_CTGOV_WATCH_HOURS).
HTTP on PHASEWATCH_HTTP_PORT: `POST /slack/events` into the Bolt app, `GET /healthz`,
`GET /metrics`, served by bot.web.server within its limits. With SLACK_APP_TOKEN the Bolt app
also takes Slack's events over a Socket Mode websocket (bot.slack.transport). SIGTERM/SIGINT:
work stops between filings and posts, leaving the rest pending; the process exits in seconds.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from bot.runtime import build_runtime
from bot.shutdown import install_stop_signals
from bot.slack.app import build_app
from bot.slack.slash import SlashContext
from bot.slack.transport import SlackApp, SocketModeError, SocketModeLink
from bot.storage.leader import Leadership
from bot.storage.models import now_utc
from bot.storage.prune import prune
from bot.storage.state import load_state
from bot.storage.store import StoreError
from bot.storage.watches import lookup_stored
from bot.usecases.context import Runtime
from bot.usecases.deliver import make_slack_client
from bot.usecases.metrics import CONTENT_TYPE
from bot.usecases.poll import deliver, poll_feeds
from bot.usecases.registry_cycle import run_registry_cycle
from bot.usecases.settings import ConfigError, Settings
from bot.web.server import Handler, HttpServer, Limits, Request, Response

log = logging.getLogger(__name__)
DELIVER_SECONDS = 2.0


class Health:
    """Healthy while the last successful poll (by any replica) is within three intervals and
    Slack accepts this process's bot token."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.started = rt.clock()

    def last_ok(self) -> datetime | None:
        """When a poll last read the feeds successfully, as recorded in the database."""
        row = load_state(self.rt.engine, "last_poll_ok")
        return row.updated_at if row else None

    def check(self) -> tuple[int, str]:
        """(200, 'ok') or (503, why)."""
        if self.rt.poster.refused:
            return 503, (
                f"Slack refused the bot token ({self.rt.poster.refused}): delivery stopped, "
                "alerts kept pending; fix SLACK_BOT_TOKEN and restart"
            )
        limit = timedelta(seconds=3 * self.rt.settings.poll_seconds)
        try:
            last = self.last_ok()
        except Exception as exc:  # the database itself is down: that is the reason
            return 503, f"database unavailable: {type(exc).__name__}"
        since = last or self.started
        if self.rt.clock() - since <= limit:
            return 200, "ok"
        what = "no successful poll" if last is None else "last successful poll"
        return 503, f"{what} since {since.isoformat()} (limit {limit.total_seconds():.0f}s)"


def make_routes(rt: Runtime, app: SlackApp | None, health: Health) -> Handler:
    """The HTTP routes: POST /slack/events into Bolt, GET /healthz, GET /metrics."""
    routes: dict[tuple[str, str], Handler] = {
        ("GET", "/healthz"): lambda _: _health(health),
        ("GET", "/metrics"): lambda _: _metrics(rt, health),
    }
    if app is not None:
        routes["POST", "/slack/events"] = lambda request: _slack(app, request)
    paths = {path for _, path in routes}

    def route(request: Request) -> Response:
        if (found := routes.get((request.method, request.path))) is not None:
            return found(request)
        if request.path in paths:
            return Response(405, b"method not allowed\n")
        return Response(404, b"not found\n")

    return route


def _health(health: Health) -> Response:
    status, text = health.check()
    return Response(status, text.encode())


def _metrics(rt: Runtime, health: Health) -> Response:
    last = health.last_ok()
    if last is not None:
        rt.metrics.poll_lag.set((rt.clock() - last).total_seconds())
        rt.metrics.last_poll.set(last.timestamp())
    return Response(200, rt.metrics.render(), CONTENT_TYPE)


def _slack(app: SlackApp, request: Request) -> Response:
    reply = app.dispatch_http(request.body, request.headers)
    if reply.status == 401:
        log.warning("refused a Slack request from %s: bad or stale signature", request.client)
    return Response(reply.status, reply.body, reply.content_type)


def start_http(
    port: int,
    handler: Handler,
    host: str = "0.0.0.0",  # noqa: S104 (a service listens on all interfaces)
    limits: Limits | None = None,
    on_refusal: Callable[[int], None] = lambda status: None,
) -> HttpServer:
    """The bounded HTTP server on `port` (0: any free one); a taken port is one ConfigError.
    `on_refusal` hears the status of each request refused before the handler (0: dropped)."""
    try:
        server = HttpServer((host, port), handler, limits, on_refusal)
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise ConfigError(f"PHASEWATCH_HTTP_PORT={port}: cannot listen: {reason}") from None
    return server.start()


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
    except StoreError as exc:  # a database bound exceeded: one line, not a traceback
        log.error("poll failed: %s; the work stays pending for the next poll", exc)
    except Exception:
        log.exception("poll failed; the work stays pending for the next poll")


def run_deliver(rt: Runtime) -> None:
    """The delivery job: every replica drains the outbox (claims keep posts single)."""
    try:
        report = deliver(rt)
        if report.posted or report.delivery_failures:
            log.info("delivery: %d posted, %d failed", report.posted, report.delivery_failures)
    except StoreError as exc:
        log.error("delivery failed: %s; alerts stay in the outbox", exc)
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


def build_slack_app(rt: Runtime) -> SlackApp | None:
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
    return SlackApp(build_app(ctx=ctx, client=client, signing_secret=secret))


def run_service(settings: Settings) -> int:
    """Run until SIGTERM/SIGINT; return the exit status."""
    rt = build_runtime(settings)
    try:
        app = build_slack_app(rt)
        routes = make_routes(rt, app, Health(rt))
        server = start_http(settings.http_port, routes, on_refusal=rt.metrics.observe_http_refusal)
    except BaseException:
        rt.close()
        raise
    try:
        socket_mode = start_socket_mode(app, settings)
    except BaseException:
        server.stop()
        rt.close()
        raise
    if socket_mode is not None:
        link = socket_mode
        rt.metrics.socket_mode_connected.set_function(lambda: float(link.is_connected()))
    wait_for_stop = install_stop_signals(rt.stop)
    leadership = Leadership(rt.engine)
    scheduler = start_scheduler(rt, leadership)
    log.info(
        "phasewatch running: http on :%d, polling every %gs",
        server.port,
        settings.poll_seconds,
    )
    wait_for_stop()
    log.info("shutting down: finishing the filing or post in hand")
    scheduler.shutdown(wait=True)
    if socket_mode is not None:
        socket_mode.close()
    server.stop()
    leadership.release()
    rt.close()
    log.info("stopped")
    return 0


def start_socket_mode(app: SlackApp | None, settings: Settings) -> SocketModeLink | None:
    """Socket Mode when SLACK_APP_TOKEN is set (and the app is configured), else None."""
    if app is None or not settings.slack_app_token:
        return None
    try:
        return app.connect_socket_mode(settings.slack_app_token)
    except SocketModeError as exc:
        raise ConfigError(str(exc)) from None
