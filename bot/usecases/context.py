"""What a use case runs with: the settings, the database, EDGAR, the poster, the metrics, one clock.

The composition root (bot.runtime) builds one `Runtime` per process from the settings and passes
it down; the use cases never import the root. Settings and Metrics live in this layer
(bot.usecases.settings, bot.usecases.metrics) so that the Runtime is typed with them as they are.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.slack.posters import Poster
from bot.storage import Engine
from bot.storage.models import now_utc
from bot.usecases.metrics import Metrics
from bot.usecases.settings import Settings
from watchers import EdgarClient, RegistryClient


@dataclass
class Runtime:
    """Everything a poll or a command needs; one per process."""

    settings: Settings
    engine: Engine
    edgar: EdgarClient
    poster: Poster
    metrics: Metrics
    clock: Callable[[], datetime] = field(default=now_utc)
    stop: threading.Event = field(default_factory=threading.Event)  # set: finish up, start nothing
    # Waits inside a job (a channel free in a moment) go through the clock's sleep, which ends
    # on `stop`; None: wait on `stop` itself. A pinned test clock moves time on instead.
    sleep: Callable[[float], object] | None = None
    ctgov: RegistryClient | None = None  # None: PHASEWATCH_CTGOV_URL is empty, lookups are off

    def close(self) -> None:
        """Release the HTTP clients and database connections."""
        self.edgar.close()
        if self.ctgov is not None:
            self.ctgov.close()
        self.engine.dispose()
