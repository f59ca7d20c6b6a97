"""The one clock the watchers read: wall time, monotonic time and an interruptible sleep.

EdgarClient and its RateLimiter take a Clock; the bot builds one per process and passes it in,
so tests can pin it. SystemClock is the real default; its sleep ends early when `stop` is set.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Now (aware UTC), a monotonic reading in seconds, and sleep."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait `seconds` (may return early when the process is stopping)."""
        ...


class SystemClock:
    """The real clock; `sleep` returns as soon as `stop` is set, so shutdown never waits on it."""

    def __init__(self, stop: threading.Event | None = None) -> None:
        self.stop = stop or threading.Event()

    def now(self) -> datetime:
        """datetime.now(UTC)."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """time.monotonic()."""
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        """Wait up to `seconds`, or until `stop` is set."""
        if seconds > 0:
            self.stop.wait(seconds)
