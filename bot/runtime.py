"""The runtime: settings, database, EDGAR client and poster, built once and passed down.

The type is bot.usecases.context.Runtime, the one the use cases receive; this root module builds it.

One clock (watchers.SystemClock: now, monotonic, a sleep that ends on `stop`) is built here and
shared by the runtime and the EDGAR client, so tests can pin it and shutdown never waits on a sleep.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from bot.storage.store import create_db
from bot.usecases.context import Runtime
from bot.usecases.deliver import ConsolePoster, Poster, SlackPoster, make_delivery_client
from bot.usecases.metrics import Metrics
from bot.usecases.settings import Settings
from watchers import Clock, EdgarClient, RegistryClient, SystemClock


def make_edgar_client(
    settings: Settings,
    on_response: Callable[[int], None] | None = None,
    *,
    clock: Clock | None = None,
    stop: threading.Event | None = None,
) -> EdgarClient:
    """The process's one EDGAR client (raises ConfigError without a proper User-Agent)."""
    return EdgarClient(
        user_agent=settings.user_agent(),
        base_url=settings.edgar_url,
        data_url=settings.edgar_data_url,
        max_rps=settings.max_rps,
        on_response=on_response,
        clock=clock,
        stop=stop,
    )


def make_registry_client(
    settings: Settings, on_response: Callable[[int], None] | None = None
) -> RegistryClient | None:
    """The process's one ClinicalTrials.gov client, or None when the feature is off."""
    if not settings.registry_enabled:
        return None
    agent = (settings.sec_user_agent or "").strip() or "phasewatch"
    return RegistryClient(
        base_url=settings.ctgov_url,
        user_agent=agent,
        max_rps=settings.ctgov_max_rps,
        on_response=on_response,
    )


def make_poster(settings: Settings) -> Poster:
    """Slack when SLACK_BOT_TOKEN is set, else the console."""
    if settings.slack_bot_token:
        return SlackPoster(make_delivery_client(settings.slack_bot_token, settings.slack_api_url))
    return ConsolePoster()


def build_runtime(settings: Settings, *, poster: Poster | None = None) -> Runtime:
    """Wire settings into a runtime; the database is created on first use."""
    metrics = Metrics()
    stop = threading.Event()
    clock = SystemClock(stop)
    edgar = make_edgar_client(settings, on_response=metrics.observe_edgar, clock=clock, stop=stop)
    engine = create_db(settings.database_url)
    poster = poster or make_poster(settings)
    rt = Runtime(settings, engine, edgar, poster, metrics, clock=clock.now, stop=stop)
    rt.sleep = clock.sleep
    rt.ctgov = make_registry_client(settings, on_response=metrics.observe_registry)
    return rt
