"""What a use case runs with: the knobs it reads, the database, EDGAR, the poster, one clock.

The composition root (bot.runtime) builds one `Runtime` per process from the settings and passes
it down; the use cases never import the root. What they read of the settings and count in the
metrics is declared here as two small protocols, which bot.settings.Settings and bot.metrics.Metrics
satisfy as they are.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from prometheus_client import Counter, Gauge, Histogram

from bot.slack.posters import DeliveryError, Poster
from bot.storage import Engine
from bot.storage.models import now_utc
from watchers import EdgarClient, RegistryClient


class UseCaseSettings(Protocol):
    """The settings the use cases read (bot.settings.Settings has them all)."""

    @property
    def forms(self) -> tuple[str, ...]: ...
    @property
    def poll_seconds(self) -> float: ...
    @property
    def company_poll_seconds(self) -> float: ...
    @property
    def inflight_seconds(self) -> float: ...
    @property
    def max_document_bytes(self) -> int: ...
    @property
    def registry_enabled(self) -> bool: ...
    @property
    def ctgov_ttl_hours(self) -> float: ...
    @property
    def ctgov_watch_hours(self) -> float: ...


class UseCaseMetrics(Protocol):
    """The metrics the use cases count (bot.metrics.Metrics has them all)."""

    filings_seen: Counter
    filings_processed: Counter
    filings_skipped: Counter
    filing_failures: Counter
    filings_given_up: Counter
    events: Counter
    alerts_posted: Counter
    alerts_failed: Counter
    edgar_failing: Gauge
    classify_seconds: Histogram

    def observe_slack_error(self, error: DeliveryError) -> None:
        """Count one failed Slack call (bot.metrics bounds its labels)."""
        ...


@dataclass
class Runtime:
    """Everything a poll or a command needs; one per process."""

    settings: UseCaseSettings
    engine: Engine
    edgar: EdgarClient
    poster: Poster
    metrics: UseCaseMetrics
    clock: Callable[[], datetime] = field(default=now_utc)
    stop: threading.Event = field(default_factory=threading.Event)  # set: finish up, start nothing
    # Waits inside a job (a channel free in a moment) go through the clock's sleep, which ends
    # on `stop`; None: wait on `stop` itself. A pinned test clock moves time on instead.
    sleep: Callable[[float], object] | None = None
    ctgov: RegistryClient | None = None  # None: PHASEWATCH_CTGOV_URL is empty, lookups are off
