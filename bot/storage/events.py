"""Stored events: a classifier event becomes an `EventRow`, and a row is read back as its kind's
detail or as an alert line. The kind modules (`bot.domain.kinds`) map their details to and from
the row's columns as plain values; this module is the only one that reads them off a row.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.alerts import AlertEvent
from bot.domain.kinds import EventDetail, detail_of_event, detail_of_fields, event_key
from bot.storage.models import EventRow
from classifiers import Event
from watchers import Document

NEVER_ALERTED = ("stale", "aside")  # an old recap, and a drug-less event outside the lead


def event_row(cik: int, doc: Document, event: Event, now: datetime) -> EventRow:
    """The database row for one classified event."""
    return EventRow(
        accession=doc.filing.accession,
        cik=cik,
        key=event_key(event),
        type=event.type,
        drug=event.drug,
        evidence=event.evidence,
        start=event.start,
        end=event.end,
        confidence=event.confidence,
        document_url=doc.url,
        document_type=doc.type,
        created_at=now,
        **detail_of_event(event).to_fields(),
    )


def detail_of(row: EventRow) -> EventDetail:
    """The kind's detail of a stored event."""
    return detail_of_fields(row.type, row.model_dump())


def is_alertable(row: EventRow) -> bool:
    """News worth a message: not a plan, and not a recap older than what is already known."""
    return detail_of(row).alertable() and row.change not in NEVER_ALERTED


def alert_event(row: EventRow, known_mtd: str | None = None) -> AlertEvent:
    """The alert line for a stored event."""
    return AlertEvent(
        key=row.key,
        drug=row.drug,
        evidence=row.evidence,
        detail=detail_of(row),
        document_url=row.document_url,
        change=row.change,
        prev_phase=row.prev_phase,
        prev_status=row.prev_status,
        prev_indication=row.prev_indication,
        known_mtd=known_mtd,
    )
