"""Alerts: what one channel is owed about one filing, as a frozen record built from the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.storage.models import EventRow


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """One event line of an alert."""

    key: str
    type: str  # phase_change | mtd
    drug: str | None
    evidence: str
    status: str | None = None
    phase: str | None = None
    indication: str | None = None
    kind: str | None = None
    dose_value: float | None = None
    dose_unit: str | None = None
    not_reached: bool = False
    schedule: str | None = None
    document_url: str = ""
    change: str | None = None  # bot.domain.drugs.Change (stale and aside events are never alerted)
    prev_phase: str | None = None
    prev_status: str | None = None
    prev_indication: str | None = None  # set when the drug moved past its best phase elsewhere
    known_mtd: str | None = None  # "MTD 240 mg/m²", shown beside the drug when known

    @classmethod
    def from_row(cls, row: EventRow, known_mtd: str | None = None) -> AlertEvent:
        """The alert line for a stored event."""
        return cls(
            change=row.change,
            prev_phase=row.prev_phase,
            prev_status=row.prev_status,
            prev_indication=row.prev_indication,
            known_mtd=known_mtd,
            key=row.key,
            type=row.type,
            drug=row.drug,
            evidence=row.evidence,
            status=row.status,
            phase=row.phase,
            indication=row.indication,
            kind=row.kind,
            dose_value=row.dose_value,
            dose_unit=row.dose_unit,
            not_reached=row.not_reached,
            schedule=row.schedule,
            document_url=row.document_url,
        )


@dataclass(frozen=True, slots=True)
class Alert:
    """The news of one filing owed to one channel."""

    channel: str
    accession: str
    cik: int
    company: str
    tickers: tuple[str, ...]
    form: str
    index_url: str
    filed: date | None
    accepted: datetime | None
    events: tuple[AlertEvent, ...]
    repeat_of: str | None = None  # the accession that first told this channel the same news
    thread_ts: str | None = None  # reply in that message's thread
