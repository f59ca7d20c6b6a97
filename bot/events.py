"""From classifier events to stored events: a stable key per event, and one event per key a filing.

The same news usually stands in the 8-K body and again in its EX-99.1 press release; it must
become one stored event (and one line in one Slack message), not two.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.drugs import name_key
from bot.models import EventRow
from classifiers import Event, MtdOutcome, PhaseChange
from watchers import Document


def build_key(
    kind: str, what: str | None, level: str | None, dose: str | None, drug_key: str
) -> str:
    """The one event-key format: 'phase_change:started:2:huc242dm4', 'mtd:MTD:168mg/m2:…'.

    `kind` is phase_change or mtd; `what` the status or MTD/RP2D; `level` the phase; `dose`
    '168mg/m2', 'nr' (not reached) or None.
    """
    if kind == "phase_change":
        return f"phase_change:{what}:{level or '-'}:{drug_key}"
    return f"mtd:{what}:{dose or '-'}:{drug_key}"


def event_key(event: Event) -> str:
    """A key that is equal for the same news told twice in one filing."""
    drug = name_key(event.drug)
    if isinstance(event, PhaseChange):
        return build_key(event.type, event.status, event.phase, None, drug)
    dose = f"{event.dose.value:g}{event.dose.unit}" if event.dose else None
    return build_key(event.type, event.kind, None, "nr" if event.not_reached else dose, drug)


def merge_events(found: Iterable[tuple[Document, Event]]) -> list[tuple[Document, Event]]:
    """One (document, event) per key, keeping the most confident and most complete telling."""
    best: dict[str, tuple[Document, Event]] = {}
    for doc, event in found:
        key = event_key(event)
        if key not in best or _rank(event) > _rank(best[key][1]):
            best[key] = (doc, event)
    return list(best.values())


def _rank(event: Event) -> tuple[float, int]:
    filled = sum(v is not None for v in (event.drug, getattr(event, "indication", None)))
    return (event.confidence, filled)


def event_row(cik: int, doc: Document, event: Event, now: datetime) -> EventRow:
    """The database row for one classified event."""
    row = EventRow(
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
    )
    if isinstance(event, PhaseChange):
        row.status, row.phase, row.indication = event.status, event.phase, event.indication
    elif isinstance(event, MtdOutcome):
        row.kind, row.not_reached, row.schedule = event.kind, event.not_reached, event.schedule
        row.indication = event.indication
        if event.dose is not None:
            row.dose_value, row.dose_unit = event.dose.value, event.dose.unit
    return row


def is_alertable(row: EventRow) -> bool:
    """News worth a message: not a plan, and not a recap older than what is already known."""
    planned = row.type == "phase_change" and row.status == "planned"
    return not planned and row.change != "stale"
