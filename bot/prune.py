"""Pruning: settled outbox rows and document metadata older than the retention period."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlmodel import Session, col

from bot.models import DeliveryRow, DocumentRow, FilingRow

RETAIN = timedelta(days=400)


def prune(engine: Engine, now: datetime, retain: timedelta = RETAIN) -> int:
    """Delete sent/failed deliveries and document rows older than `retain`; return how many.

    Filings and events are kept: they are the seen-accession cursor and the pipeline's memory.
    """
    cutoff = now - retain
    old_filings = select(col(FilingRow.accession)).where(col(FilingRow.seen_at) < cutoff)
    settled = delete(DeliveryRow).where(
        col(DeliveryRow.state).in_(["sent", "failed"]), col(DeliveryRow.created_at) < cutoff
    )
    documents = delete(DocumentRow).where(col(DocumentRow.accession).in_(old_filings))
    with Session(engine) as session:
        gone = sum(_rowcount(session.execute(statement)) for statement in (settled, documents))
        session.commit()
    return gone


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
