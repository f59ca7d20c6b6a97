"""Pruning: settled outbox rows, document metadata and settled registry lookups older than the
retention period."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlmodel import Session, col

from bot.storage.models import (
    DeliveryRow,
    DocumentRow,
    FilingRow,
    RegistryLookupRow,
    RegistryUpdateRow,
)

RETAIN = timedelta(days=400)


def prune(engine: Engine, now: datetime, retain: timedelta = RETAIN) -> int:
    """Delete settled deliveries, document rows and registry lookups/updates older than `retain`.

    Filings and events are kept: they are the seen-accession cursor and the pipeline's memory.
    """
    cutoff = now - retain
    old_filings = select(col(FilingRow.accession)).where(col(FilingRow.seen_at) < cutoff)
    settled = delete(DeliveryRow).where(
        col(DeliveryRow.state).in_(["sent", "failed"]), col(DeliveryRow.created_at) < cutoff
    )
    documents = delete(DocumentRow).where(col(DocumentRow.accession).in_(old_filings))
    lookups = delete(RegistryLookupRow).where(
        col(RegistryLookupRow.state).in_(["done", "failed"]),
        col(RegistryLookupRow.created_at) < cutoff,
    )
    updates = delete(RegistryUpdateRow).where(col(RegistryUpdateRow.created_at) < cutoff)
    statements = (settled, documents, lookups, updates)
    with Session(engine) as session:
        gone = sum(_rowcount(session.execute(statement)) for statement in statements)
        session.commit()
    return gone


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
