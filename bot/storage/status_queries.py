"""What the status report reads from storage, as one plain record: state counts, the last poll,
failed channels, rate-limited channels, filings given up, the registry pass, EDGAR's health."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from bot.storage.models import DeliveryRow, FilingRow, RegistryLookupRow, StateRow
from bot.storage.pace import held_back
from bot.storage.state import REFUSED_KEY, load_state
from bot.storage.store import failed_filings


@dataclass(frozen=True)
class StatusFacts:
    """The stored facts behind `/phasewatch status`; "" where a state value is absent."""

    last_poll_at: datetime | None
    last_poll: str  # the last poll's JSON summary
    filings: dict[str, int]  # state -> count
    deliveries: dict[str, int]
    registry_lookups: dict[str, int]
    failed_channels: tuple[tuple[str, str], ...]  # (channel, last error), oldest first
    slack_refused: str
    held_back: dict[str, tuple[datetime, str]]  # channel -> (until, reason)
    registry_pass_at: datetime | None
    edgar_health: str  # the last poll's EDGAR client health, JSON
    failed_filings: tuple[tuple[str, str], ...]  # (accession, last error), latest first


def load_status_facts(engine: Engine, now: datetime) -> StatusFacts:
    """Read the state table, the filing, delivery and lookup counts, and what failed."""
    with Session(engine) as session:
        filings = _counts(session, FilingRow.state)
        deliveries = _counts(session, DeliveryRow.state)
        lookups = _counts(session, RegistryLookupRow.state)
        failed = session.exec(
            select(DeliveryRow.channel, DeliveryRow.last_error)
            .where(DeliveryRow.state == "failed")
            .order_by(col(DeliveryRow.id))
        ).all()
    last = load_state(engine, "last_poll")
    return StatusFacts(
        last_poll_at=last.updated_at if last else None,
        last_poll=_value(last),
        filings=filings,
        deliveries=deliveries,
        registry_lookups=lookups,
        failed_channels=tuple((channel, error or "") for channel, error in failed),
        slack_refused=_value(load_state(engine, REFUSED_KEY)),
        held_back=held_back(engine, now),
        registry_pass_at=registry.updated_at
        if (registry := load_state(engine, "registry_pass"))
        else None,
        edgar_health=_value(load_state(engine, "edgar_health")),
        failed_filings=tuple((f.accession, f.last_error or "") for f in failed_filings(engine)),
    )


def _value(row: StateRow | None) -> str:
    return row.value if row is not None and row.value else ""


def _counts(session: Session, column: object) -> dict[str, int]:
    rows = session.exec(select(column, func.count()).group_by(column)).all()  # type: ignore[call-overload]
    return dict(Counter({str(state): int(n) for state, n in rows}))
