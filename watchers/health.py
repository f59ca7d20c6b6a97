"""Recent outcomes of EDGAR requests, so the bot can tell an EDGAR-wide outage from one filing."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

WINDOW = 20  # requests remembered


@dataclass(frozen=True, slots=True)
class EdgarHealth:
    """Recent outcomes of one client's requests: is EDGAR failing for everyone?"""

    recent: int  # attempts in the window (the last 20)
    failures: int  # of those, no usable answer (network error, deadline, 5xx, 429, bad body)
    last_archive_ok: datetime | None  # when an /Archives/ document last came back whole

    @property
    def failing(self) -> bool:
        """True when most recent requests failed: an outage, not one filing's problem."""
        return self.recent >= 4 and 2 * self.failures >= self.recent


class HealthLog:
    """A thread-safe record of the last WINDOW outcomes and of the last whole Archives body."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._outcomes: deque[bool] = deque(maxlen=WINDOW)
        self._last_archive_ok: datetime | None = None

    def record(self, url: str, status: int, *, ok: bool, whole: bool = True) -> None:
        """One attempt: `ok` when EDGAR answered usefully, `whole` when the body was complete."""
        with self._lock:
            self._outcomes.append(ok)
            if ok and whole and status == 200 and "/Archives/" in url:
                self._last_archive_ok = self._now()

    def snapshot(self) -> EdgarHealth:
        """The counts and the last whole Archives body, now."""
        with self._lock:
            outcomes = list(self._outcomes)
            return EdgarHealth(len(outcomes), outcomes.count(False), self._last_archive_ok)
