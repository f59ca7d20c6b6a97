"""The phase_change kind: a trial phase started, completed, stopped, or merely planned.

Its key is 'phase_change:STATUS:PHASE:DRUG' (the memory adds '@INDICATION'); the memory judges
it on the drug's tracks (`track_claim`); a plan is never alerted on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_args

from bot.domain.doses import DoseClaim
from bot.domain.kinds.base import Fields, Kind, LineParts, TrackClaim
from classifiers import PhaseChange
from classifiers.events import PhaseStatus

if TYPE_CHECKING:
    from bot.domain.alerts import AlertEvent

NAME = "phase_change"
STATUSES: tuple[PhaseStatus, ...] = get_args(PhaseStatus)
LEADS = {"new": "first seen: ", "new_indication": "new indication: ", "new_trial": "new trial: "}
STOP_REASONS = (
    ("partial clinical hold", "partial clinical hold"),
    ("clinical hold", "clinical hold"),
    ("terminat", "terminated"),
    ("discontinu", "discontinued"),
    ("suspend", "suspended"),
    ("futility", "futility"),
)


@dataclass(frozen=True, slots=True)
class PhaseDetail:
    """'Phase 2 started in NSCLC': a status, the phase (when stated) and the indication."""

    status: PhaseStatus
    phase: str | None = None
    indication: str | None = None
    type: str = field(default=NAME, init=False, repr=False)

    def key_parts(self) -> tuple[str, str | None]:
        """('started', '2')."""
        return (self.status, self.phase)

    def to_fields(self) -> dict[str, Any]:
        """The stored columns: status, phase, indication."""
        return {"status": self.status, "phase": self.phase, "indication": self.indication}

    def alertable(self) -> bool:
        """A plan is not news on its own."""
        return self.status != "planned"

    def track_claim(self) -> TrackClaim:
        """The drug's trial in this indication now stands at this phase and status."""
        return TrackClaim(self.phase, self.status, self.indication)

    def dose_claim(self) -> DoseClaim | None:
        """A phase change says nothing of doses."""
        return None

    def render(self, event: AlertEvent) -> LineParts:
        """'(NSCLC; MTD 40 mg/m²)' and 'Phase 1 → Phase 2 started'; a move to another
        indication names it after the news instead: 'new indication: Phase 2 started in AD'."""
        elsewhere = event.change in ("new_indication", "new_trial") or bool(event.prev_indication)
        notes = tuple(n for n in (None if elsewhere else self.indication, event.known_mtd) if n)
        where = f" in {self.indication}" if elsewhere and self.indication else ""
        return LineParts(notes, f"{render_transition(self, event)}{where}")

    def history(self) -> dict[str, Any]:
        """{"type": "phase_change", "phase": "2", "status": "started"}."""
        return {"type": NAME, "phase": self.phase, "status": self.status}


def render_transition(detail: PhaseDetail, event: AlertEvent) -> str:
    """'first seen: Phase 1 started', 'Phase 1 → Phase 2 started', 'Phase 1 started → completed',
    'Phase 1 (advanced solid tumors) → Phase 2 started', 'new indication: Phase 2 started'."""
    phase = f"Phase {detail.phase}" if detail.phase else "Trial"
    why = stop_reason(event.evidence) if detail.status == "stopped" else None
    reason = f" ({why})" if why else ""
    if event.change in LEADS:
        return f"{LEADS[event.change or '']}{phase} {detail.status}{reason}"
    if event.change == "advance" and event.prev_status:
        if event.prev_phase and event.prev_phase != detail.phase:
            plan = " planned" if event.prev_status == "planned" else ""
            where = f" ({event.prev_indication})" if event.prev_indication else ""
            return f"Phase {event.prev_phase}{plan}{where} → {phase} {detail.status}{reason}"
        if event.prev_status != detail.status:
            return f"{phase} {event.prev_status} → {detail.status}{reason}"
    return f"{phase} {detail.status}{reason}"


def stop_reason(evidence: str) -> str | None:
    """Why a trial stopped, when the evidence says: 'clinical hold', 'discontinued' …"""
    text = evidence.lower()
    return next((label for needle, label in STOP_REASONS if needle in text), None)


def parse_status(value: object) -> PhaseStatus:
    """A stored status, checked: 'started' → 'started'; anything unknown is a ValueError."""
    for status in STATUSES:
        if value == status:
            return status
    raise ValueError(f"not a phase status: {value!r}")


def from_event(event: PhaseChange) -> PhaseDetail:
    """The classifier's phase change as a detail."""
    return PhaseDetail(event.status, event.phase, event.indication)


def from_fields(fields: Fields) -> PhaseDetail:
    """The detail of a stored phase change."""
    return PhaseDetail(parse_status(fields["status"]), fields["phase"], fields["indication"])


def render_history(item: Mapping[str, Any]) -> str:
    """'Phase 2 started'."""
    return f"Phase {item['phase'] or '?'} {item['status']}"


KIND: Kind[PhaseChange] = Kind(NAME, NAME, PhaseChange, from_event, from_fields, render_history)
