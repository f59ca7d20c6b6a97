"""RateLimiter on a fake clock: the spacing holds when the machine wakes a sleeper late."""

from __future__ import annotations

import itertools
import random

import pytest

from tests.edgar_server import max_window_count
from watchers.ratelimit import RateLimiter


class LateClock:
    """A monotonic clock whose sleeps overrun by `late` seconds on the chosen calls."""

    def __init__(self, late: float, on: frozenset[int]) -> None:
        self.now = 100.0
        self.late = late
        self.on = on
        self.sleeps = 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        self.now += seconds + (self.late if self.sleeps in self.on else 0.0)


def released(limiter: RateLimiter, clock: LateClock, count: int) -> list[float]:
    """The moments `count` back-to-back callers were let go."""
    times = []
    for _ in range(count):
        limiter.acquire()
        times.append(clock.now)
    return times


@pytest.mark.parametrize(
    "late_on", [frozenset(), frozenset({1}), frozenset({3, 4}), frozenset(range(1, 40, 5))]
)
def test_a_late_wake_pushes_later_requests_back(late_on: frozenset[int]) -> None:
    clock = LateClock(late=0.3, on=late_on)
    limiter = RateLimiter(10, clock=clock.monotonic, sleep=clock.sleep)
    times = released(limiter, clock, 40)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= limiter.interval - 1e-9
    assert max_window_count(times) <= 10


def test_callers_that_come_late_are_not_held_back() -> None:
    clock = LateClock(late=0.0, on=frozenset())
    limiter = RateLimiter(10, clock=clock.monotonic, sleep=clock.sleep)
    limiter.acquire()
    clock.now += 5.0
    limiter.acquire()
    assert clock.sleeps == 0


def test_the_request_after_a_late_wake_waits_its_full_interval() -> None:
    """Slots fixed when granted would let it follow the late one at once."""
    clock = LateClock(late=0.3, on=frozenset({2}))
    limiter = RateLimiter(10, clock=clock.monotonic, sleep=clock.sleep)
    times = released(limiter, clock, 5)
    assert (
        times[3] - times[2] >= limiter.interval - 1e-9
    )  # the request after the late one waits its turn


@pytest.mark.parametrize("seed", range(20))
def test_a_caller_that_waits_for_answers_never_shows_edgar_eleven_in_a_second(seed: int) -> None:
    """Each request reaches EDGAR after a random delay in transit (some long, most none), and
    the caller asks again as soon as the answer is back: EDGAR's own clock never counts 11."""
    rng = random.Random(seed)  # noqa: S311 (delays, not cryptography)
    clock = LateClock(late=0.0, on=frozenset())
    limiter = RateLimiter(10, clock=clock.monotonic, sleep=clock.sleep)
    seen = []
    for _ in range(300):
        limiter.acquire()
        transit = rng.choice([0.0] * 8 + [rng.uniform(0.0, 0.4)])
        seen.append(clock.now + transit)  # when EDGAR sees it
        clock.now = seen[-1] + 0.001  # its answer is back
    assert max_window_count(seen) <= 10


def test_one_long_transit_then_prompt_answers() -> None:
    """The worst case of the proof in RateLimiter's docstring: one request seen 0.2 s late."""
    clock = LateClock(late=0.0, on=frozenset())
    limiter = RateLimiter(10, clock=clock.monotonic, sleep=clock.sleep)
    seen = []
    for n in range(12):
        limiter.acquire()
        seen.append(clock.now + (0.2 if n == 0 else 0.0))
        clock.now = seen[-1] + 0.001
    assert max_window_count(seen) <= 10
