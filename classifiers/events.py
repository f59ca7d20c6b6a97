"""Events the classifiers return, in the shape of the contract's `classify --json`.

`PhaseChange` and `MtdOutcome` are frozen; `to_dict()` gives the contract's JSON object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

PhaseStatus = Literal["started", "completed", "stopped", "planned"]
MtdKind = Literal["MTD", "RP2D"]
UNITS = ("mg/m2", "mg/kg", "mg", "ug/kg", "ug", "g/m2")


@dataclass(frozen=True, slots=True)
class Dose:
    """A dose value with a normalised unit (one of UNITS)."""

    value: float
    unit: str

    def to_dict(self) -> dict[str, Any]:
        """{"value": 168, "unit": "mg/m2"}; integral values are written as ints."""
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": value, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class PhaseChange:
    """A trial phase that started, completed, stopped, or is merely planned."""

    status: PhaseStatus
    phase: str | None  # "1", "1b", "2", "1/2", "2/3"; None when not stated
    drug: str | None
    indication: str | None
    evidence: str
    start: int  # offsets of `evidence` in the text given to classify()
    end: int
    confidence: float
    type: Literal["phase_change"] = "phase_change"

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this event."""
        return {
            "type": self.type,
            "status": self.status,
            "phase": self.phase,
            "drug": self.drug,
            "indication": self.indication,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class MtdOutcome:
    """A maximum tolerated dose or recommended Phase 2 dose that was determined (or not reached)."""

    kind: MtdKind
    dose: Dose | None  # None when not stated or not reached
    not_reached: bool
    schedule: str | None  # "every three weeks", "Q3W", "BID"
    drug: str | None
    evidence: str
    start: int
    end: int
    confidence: float
    indication: str | None = None
    type: Literal["mtd"] = "mtd"

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this event (the contract's mtd has no indication)."""
        return {
            "type": self.type,
            "kind": self.kind,
            "dose": self.dose.to_dict() if self.dose else None,
            "not_reached": self.not_reached,
            "schedule": self.schedule,
            "drug": self.drug,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }


Event = PhaseChange | MtdOutcome
