"""Per-channel pacing shared by every process on the database (table `channel_pace`).

Slack takes one message per second per channel. A process takes a channel (compare-and-set on
`next_allowed_at`), posts, then gives it back with the time the next post may start: a second
after its own post ended, or Slack's Retry-After. So posts by any number of replicas or cron
runs are at least a second apart as Slack receives them, and a rate-limited channel waits alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, or_, select, update
from sqlmodel import col

from bot.storage.models import ChannelPaceRow
from bot.storage.store import insert_or_ignore

PACE = ChannelPaceRow.__table__  # type: ignore[attr-defined]
HOLD = timedelta(seconds=60)  # a process that dies mid-post frees its channel after this, at most


def take_channel(
    engine: Engine, channel: str, token: str, now: datetime, *, lease: timedelta = HOLD
) -> datetime | None:
    """Hold `channel` for one post; None when held, else the time it is free again.

    The hold lasts the holder's claim lease (PHASEWATCH_INFLIGHT_SECONDS), at most HOLD: a
    process killed mid-post blocks its channel no longer than its claim."""
    with engine.begin() as connection:
        _ensure_row(connection, channel)
        taken = connection.execute(
            update(PACE)
            .where(
                PACE.c.channel == channel,
                or_(PACE.c.next_allowed_at.is_(None), PACE.c.next_allowed_at <= now),
            )
            .values(next_allowed_at=now + min(lease, HOLD), holder=token, reason=None)
        )
        if taken.rowcount == 1:
            return None
        free: datetime | None = connection.execute(
            select(PACE.c.next_allowed_at).where(PACE.c.channel == channel)
        ).scalar()
        return free or now


def give_channel(
    engine: Engine, channel: str, token: str, free_at: datetime, reason: str | None = None
) -> None:
    """Give a held channel back; the next post may start at `free_at`."""
    with engine.begin() as connection:
        connection.execute(
            update(PACE)
            .where(PACE.c.channel == channel, PACE.c.holder == token)
            .values(next_allowed_at=free_at, holder=None, reason=reason)
        )


def held_back(engine: Engine, now: datetime) -> dict[str, tuple[datetime, str]]:
    """Channels Slack rate-limited that are still waiting: channel -> (until, reason)."""
    query = select(ChannelPaceRow).where(
        col(ChannelPaceRow.reason).is_not(None), col(ChannelPaceRow.next_allowed_at) > now
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return {r.channel: (r.next_allowed_at, r.reason) for r in rows}


def _ensure_row(connection: Connection, channel: str) -> None:
    connection.execute(insert_or_ignore(connection, PACE, {"channel": channel}))
