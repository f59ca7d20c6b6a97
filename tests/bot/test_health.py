"""/healthz reads the runtime's clock, so its rule is tested without waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.service import Health
from bot.storage.state import save_state
from tests.edgar_server import FakeEdgar
from tests.helpers import make_runtime
from tests.slack_server import FakeSlack

T0 = datetime(2031, 5, 6, 12, 0, tzinfo=UTC)  # any instant: nothing here reads the real time


def test_health_follows_the_runtime_clock(edgar: FakeEdgar, slack: FakeSlack, db_url: str) -> None:
    """Three poll intervals without a successful poll turn /healthz to 503, on the pinned clock;
    a poll recorded at the pinned now makes it 200 again."""
    now = [T0]
    rt = make_runtime(edgar, slack, db_url, PHASEWATCH_POLL_SECONDS="60")
    rt.clock = lambda: now[0]
    health = Health(rt)
    assert health.check() == (200, "ok")  # just started
    now[0] = T0 + timedelta(minutes=3, seconds=1)
    status, why = health.check()
    assert status == 503
    assert f"no successful poll since {T0.isoformat()}" in why
    save_state(rt.engine, "last_poll_ok", "", now[0])
    assert health.check() == (200, "ok")
    rt.close()
