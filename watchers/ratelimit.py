"""A thread-safe token bucket: EDGAR never sees more than `rate` requests per second from us."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Token bucket holding one token, refilled every 1/rate seconds, plus a pause switch.

    A one-token bucket spaces requests evenly: any one-second window sees at most `rate` of them.
    The next slot counts from the moment a caller is actually let go, not from the slot it was
    given: a sleep that overruns (a busy machine wakes the thread late) pushes every later request
    back instead of letting the next one follow close behind.

    `margin` stretches the interval by 12%, so that nine intervals exceed one second. For a
    caller that waits for each answer before it asks again (the poll does), that bounds what
    EDGAR sees whatever the delays on the way: request k+1 leaves after k's answer came back, so
    after EDGAR saw k, and k+10 leaves at least nine intervals after k+1, more than a second
    after EDGAR saw k. (10% left a 10 ms gap a request delayed in transit could fall into: CI saw
    11 requests in one second on a loaded machine; 2% let 11 through under thread contention.)
    One instance per EdgarClient; the bot shares one client per process.
    """

    def __init__(
        self,
        rate: float,
        *,
        margin: float = 0.12,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        self.rate = rate
        self.interval = (1.0 / rate) * (1.0 + margin)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot = float("-inf")
        self._paused_until = float("-inf")

    def acquire(self) -> None:
        """Block until this caller may send one request."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.interval
        if slot > now:
            self._sleep(slot - now)
            with self._lock:
                self._next_slot = max(self._next_slot, self._clock() + self.interval)

    def pause(self, seconds: float) -> None:
        """Stop all traffic for `seconds` (SEC's "Request Rate Threshold Exceeded")."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)

    def paused_for(self) -> float:
        """Seconds left in the current pause; 0.0 when not paused."""
        with self._lock:
            return max(0.0, self._paused_until - self._clock())
