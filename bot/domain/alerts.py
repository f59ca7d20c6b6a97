"""Alerts: what one channel is owed about one filing, as frozen records (storage builds them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.drugs import Change
from bot.domain.kinds import EventDetail
from classifiers.events import PhaseStatus


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """One event line of an alert: the common part, and its kind's `detail`."""

    key: str
    drug: str | None
    evidence: str
    detail: EventDetail
    document_url: str = ""
    change: Change | None = None  # stale and aside events are never alerted
    prev_phase: str | None = None
    prev_status: PhaseStatus | None = None
    prev_indication: str | None = None  # set when the drug moved past its best phase elsewhere
    known_mtd: str | None = None  # "MTD 240 mg/m²", shown beside the drug when known

    @property
    def type(self) -> str:
        """The event type: 'phase_change', 'mtd'."""
        return self.detail.type


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
