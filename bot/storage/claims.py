"""Claims on outbox rows: every state change is a compare-and-set, right on SQLite and PostgreSQL.

    pending ──claim──▶ posting ──▶ sent
       ▲                  │ ├────▶ failed      (permanent Slack error, or too many attempts)
       │                  │ └────▶ unknown     (timed out: Slack may have the message)
       └── release ───────┴── reconcile (posting past its lease, unknown past its settle time)

A claim is one `UPDATE … WHERE state='pending' AND claim_token IS NULL` whose row count must
match: of two processes claiming the same rows, exactly one wins. Every later change of a claimed
row names its claim token, so a process that lost its claim (lease expired, reconciled by
another) cannot overwrite the outcome. A claim carries a lease, written by its holder: other
processes never reconcile a row whose holder's lease still runs.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, or_, update
from sqlmodel import Session, col, select

from bot.domain.alerts import Alert
from bot.storage.models import DeliveryRow
from bot.storage.outbox import build_alert, first_ts

MAX_DELIVERY_ATTEMPTS = 8
DELIVERY_RETRY_BASE = timedelta(seconds=5)
LEGACY_LEASE = timedelta(minutes=2)  # rows claimed before leases were recorded


@dataclass(frozen=True)
class Unsettled:
    """An alert whose post may or may not have landed, and the claim it was left under."""

    alert: Alert
    claimed_at: datetime
    token: str | None


def new_token() -> str:
    """A fresh claim token."""
    return uuid.uuid4().hex


def _of(alert: Alert) -> list[ColumnElement[bool]]:
    keys = [e.key for e in alert.events]
    return [
        col(DeliveryRow.channel) == alert.channel,
        col(DeliveryRow.accession) == alert.accession,
        col(DeliveryRow.event_key).in_(keys),
        col(DeliveryRow.repeat_of).is_(None)
        if alert.repeat_of is None
        else col(DeliveryRow.repeat_of) == alert.repeat_of,
    ]


def _held(alert: Alert, token: str) -> list[ColumnElement[bool]]:
    return [*_of(alert), col(DeliveryRow.claim_token) == token]


def _set(engine: Engine, where: list[ColumnElement[bool]], expect: int, **values: Any) -> bool:
    """UPDATE the matching rows; commit only when exactly `expect` rows changed (else none)."""
    with engine.connect() as connection:
        result = connection.execute(update(DeliveryRow).where(*where).values(**values))
        if result.rowcount != expect:
            connection.rollback()
            return False
        connection.commit()
        return True


def claim_alert(engine: Engine, alert: Alert, now: datetime, lease: timedelta) -> str | None:
    """Mark an alert's rows `posting` under a new token; None if another process got there first."""
    token = new_token()
    where = [
        *_of(alert),
        col(DeliveryRow.state) == "pending",
        col(DeliveryRow.claim_token).is_(None),
    ]
    claimed = _set(
        engine,
        where,
        len(alert.events),
        state="posting",
        claim_token=token,
        claimed_at=now,
        lease_until=now + lease,
    )
    return token if claimed else None


def take_over(engine: Engine, item: Unsettled, now: datetime, lease: timedelta) -> str | None:
    """Claim an unsettled alert for reconciling; None when someone else already did."""
    token = new_token()
    holder = (
        col(DeliveryRow.claim_token).is_(None)
        if item.token is None
        else col(DeliveryRow.claim_token) == item.token
    )
    where = [*_of(item.alert), holder, col(DeliveryRow.state).in_(["posting", "unknown"])]
    taken = _set(engine, where, len(item.alert.events), claim_token=token, lease_until=now + lease)
    return token if taken else None


def unsettled_alerts(engine: Engine, now: datetime) -> list[Unsettled]:
    """Alerts left `posting` past their lease (a dead holder), or `unknown` past settling."""
    lapsed = or_(
        col(DeliveryRow.lease_until) < now,
        and_(
            col(DeliveryRow.lease_until).is_(None),
            col(DeliveryRow.claimed_at) < now - LEGACY_LEASE,
        ),
    )
    settled = col(DeliveryRow.next_attempt_at).is_(None) | (col(DeliveryRow.next_attempt_at) <= now)
    query = select(DeliveryRow).where(
        or_(
            and_(col(DeliveryRow.state) == "posting", lapsed),
            and_(col(DeliveryRow.state) == "unknown", settled, lapsed),
        )
    )
    with Session(engine) as session:
        groups: dict[tuple[str, str, str | None, str | None], list[DeliveryRow]]
        groups = defaultdict(list)
        for row in session.exec(query):
            groups[(row.channel, row.accession, row.repeat_of, row.claim_token)].append(row)
        found = []
        for (channel, accession, repeat_of, token), rows in groups.items():
            keys = [r.event_key for r in rows]
            thread = first_ts(session, channel, repeat_of, keys) if repeat_of else None
            alert = build_alert(session, channel, accession, keys)
            alert = replace(alert, repeat_of=repeat_of, thread_ts=thread)
            claimed = min(r.claimed_at or now for r in rows)
            found.append(Unsettled(alert, claimed, token))
        return found


def release_alert(
    engine: Engine, alert: Alert, token: str, *, error: str | None = None, charge: bool = False
) -> bool:
    """Put claimed rows back to pending, due now (the post never reached Slack).

    `charge` counts the lost post as an attempt (a reconciled post Slack never got).
    """
    values: dict[str, Any] = {"state": "pending", "claim_token": None, "next_attempt_at": None}
    if error is not None:
        values["last_error"] = error[:500]
    if charge:
        values["attempts"] = col(DeliveryRow.attempts) + 1
    return _set(engine, _held(alert, token), len(alert.events), **values)


def hold_back(engine: Engine, alert: Alert, token: str, until: datetime, error: str) -> bool:
    """Back to pending, not before `until` (Slack's Retry-After); no attempt is charged."""
    return _set(
        engine,
        _held(alert, token),
        len(alert.events),
        state="pending",
        claim_token=None,
        next_attempt_at=until,
        last_error=error[:500],
    )


def mark_unknown(engine: Engine, alert: Alert, token: str, settle: datetime, error: str) -> bool:
    """No answer, so Slack may have it: reconcile it from `settle` on, before any re-post."""
    return _set(
        engine,
        _held(alert, token),
        len(alert.events),
        state="unknown",
        next_attempt_at=settle,
        lease_until=settle,
        last_error=f"outcome unknown: {error}"[:500],
    )


def mark_sent(engine: Engine, alert: Alert, token: str, ts: str, now: datetime) -> bool:
    """Record the posted message's ts on every row of the alert."""
    return _set(
        engine,
        _held(alert, token),
        len(alert.events),
        state="sent",
        ts=ts,
        sent_at=now,
        last_error=None,
        thread_ts=alert.thread_ts,
        claim_token=None,
    )


def mark_unsent(
    engine: Engine, alert: Alert, token: str, error: str, *, permanent: bool, now: datetime
) -> str:
    """Record a failed post: back to pending with backoff, or failed for good. Returns the state."""
    with Session(engine) as session:
        rows = list(session.exec(select(DeliveryRow).where(*_held(alert, token))))
        state = "pending"
        for row in rows:
            row.attempts += 1
            gave_up = permanent or row.attempts >= MAX_DELIVERY_ATTEMPTS
            row.state = state = "failed" if gave_up else "pending"
            row.claim_token, row.last_error = None, error[:500]
            row.next_attempt_at = now + DELIVERY_RETRY_BASE * (2 ** max(row.attempts - 1, 0))
            session.add(row)
        session.commit()
        return state
