"""A pinned clock for tests: wall time, monotonic time and sleep that only move when told."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta


class PinnedClock:
    """now/monotonic/sleep (watchers.Clock) that stand still; `sleep` and `advance` move them."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._mono = 1000.0
        self._lock = threading.Lock()
        self.slept: list[float] = []

    def now(self) -> datetime:
        """The pinned wall time."""
        with self._lock:
            return self._now

    def monotonic(self) -> float:
        """The pinned monotonic reading."""
        with self._lock:
            return self._mono

    def sleep(self, seconds: float) -> None:
        """Record the sleep and move time on by it, without waiting."""
        self.slept.append(seconds)
        self.advance(timedelta(seconds=max(0.0, seconds)))

    def advance(self, by: timedelta) -> None:
        """Move both clocks forward."""
        with self._lock:
            self._now += by
            self._mono += by.total_seconds()
