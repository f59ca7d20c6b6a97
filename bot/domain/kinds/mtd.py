"""The mtd kind: a maximum tolerated dose or recommended Phase 2 dose determined, or not reached.

Its key is 'mtd:KIND:DOSE:DRUG' (DOSE '168mg/m2', 'nr' when not reached, '-' when not stated);
the memory judges it on the drug's known dose (`dose_claim`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_args

from bot.domain.doses import DoseClaim, render_amount, render_dose
from bot.domain.kinds.base import Fields, Kind, LineParts, TrackClaim
from classifiers import MtdOutcome
from classifiers.events import MtdKind

if TYPE_CHECKING:
    from bot.domain.alerts import AlertEvent

NAME = "mtd"
MTD_KINDS: tuple[MtdKind, ...] = get_args(MtdKind)


@dataclass(frozen=True, slots=True)
class MtdDetail:
    """'MTD 168 mg/m² (every three weeks)': the dose news, and the indication when named."""

    dose: DoseClaim
    indication: str | None = None
    type: str = field(default=NAME, init=False, repr=False)

    def key_parts(self) -> tuple[str, str | None]:
        """('MTD', '168mg/m2'), ('MTD', 'nr'), ('RP2D', None)."""
        dose = self.dose
        if dose.not_reached:
            return (dose.kind, "nr")
        amount = f"{dose.value:g}{dose.unit}" if dose.value is not None else None
        return (dose.kind, amount)

    def to_fields(self) -> dict[str, Any]:
        """The stored columns: kind, dose_value, dose_unit, not_reached, schedule, indication."""
        dose = self.dose
        return {
            "kind": dose.kind,
            "dose_value": dose.value,
            "dose_unit": dose.unit,
            "not_reached": dose.not_reached,
            "schedule": dose.schedule,
            "indication": self.indication,
        }

    def alertable(self) -> bool:
        """Every dose news is worth a message."""
        return True

    def track_claim(self) -> TrackClaim | None:
        """A dose says nothing of where a trial stands."""
        return None

    def dose_claim(self) -> DoseClaim:
        """The drug's dose, as this event tells it."""
        return self.dose

    def render(self, event: AlertEvent) -> LineParts:
        """'MTD 168 mg/m² (every three weeks)'."""
        return LineParts((), render_dose(self.dose))

    def history(self) -> dict[str, Any]:
        """{"type": "mtd", "kind": "MTD", "dose": {"value": 40, "unit": "mg/m2"}}."""
        dose = None
        if self.dose.value is not None:
            value = self.dose.value
            dose = {"value": int(value) if value.is_integer() else value, "unit": self.dose.unit}
        return {"type": NAME, "kind": self.dose.kind, "dose": dose}


def parse_kind(value: object) -> MtdKind:
    """A stored kind, checked: 'RP2D' → 'RP2D'; anything unknown is a ValueError."""
    for kind in MTD_KINDS:
        if value == kind:
            return kind
    raise ValueError(f"not an MTD kind: {value!r}")


def from_event(event: MtdOutcome) -> MtdDetail:
    """The classifier's MTD outcome as a detail."""
    value, unit = (event.dose.value, event.dose.unit) if event.dose else (None, None)
    dose = DoseClaim(event.kind, value, unit, event.schedule, event.not_reached)
    return MtdDetail(dose, event.indication)


def from_fields(fields: Fields) -> MtdDetail:
    """The detail of a stored MTD outcome."""
    dose = DoseClaim(
        parse_kind(fields["kind"]),
        fields["dose_value"],
        fields["dose_unit"],
        fields["schedule"],
        bool(fields["not_reached"]),
    )
    return MtdDetail(dose, fields["indication"])


def render_history(item: Mapping[str, Any]) -> str:
    """'MTD 40 mg/m²', 'RP2D determined'."""
    dose = item["dose"]
    return f"{item['kind']} " + (
        render_amount(dose["value"], dose["unit"]) if dose else "determined"
    )


KIND: Kind[MtdOutcome] = Kind(NAME, NAME, MtdOutcome, from_event, from_fields, render_history)
