"""Doses: the one place a dose is written for people, and how a dose news moves a drug's MTD.

A dose is stored as a value and a normalised unit (`classifiers.events.UNITS`: 'mg/m2', 'ug/kg'
…); people read 'mg/m²' and 'µg/kg'. Alerts, the known MTD beside a drug, the pipeline table and
its history all write doses through `render_amount` and `render_dose`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.drugs import Change
from classifiers.events import MtdKind

UNIT_DISPLAY = {"mg/m2": "mg/m²", "g/m2": "g/m²", "ug/kg": "µg/kg", "ug": "µg"}


@dataclass(frozen=True, slots=True)
class DoseClaim:
    """What a dose event says of its drug: an MTD or RP2D, its dose (when stated) and schedule."""

    kind: MtdKind
    value: float | None
    unit: str | None
    schedule: str | None = None
    not_reached: bool = False


def render_unit(unit: str | None) -> str:
    """'mg/m2' → 'mg/m²'; 'mg/kg' stays; None → ''."""
    return UNIT_DISPLAY.get(unit or "", unit or "")


def render_amount(value: float | int, unit: str | None) -> str:
    """168.0, 'mg/m2' → '168 mg/m²'; 0.5, 'mg/kg' → '0.5 mg/kg'."""
    return f"{value:g} {render_unit(unit)}".strip()


def render_dose(dose: DoseClaim, *, schedule: bool = True) -> str:
    """'MTD 168 mg/m² (every three weeks)', 'MTD not reached', 'RP2D determined'."""
    if dose.not_reached:
        body = f"{dose.kind} not reached"
    elif dose.value is None:
        body = f"{dose.kind} determined"
    else:
        body = f"{dose.kind} {render_amount(dose.value, dose.unit)}"
    return f"{body} ({dose.schedule})" if schedule and dose.schedule else body


def judge_dose(
    *, told: bool, known: MtdKind | None, since: date | None, filed: date | None
) -> Change:
    """What a dose news means for a drug whose known dose is `known` (since `since`): a repeat
    when this drug's same news was told before, stale when filed before the known one."""
    if told:
        return "repeat"
    if since and filed and filed < since:
        return "stale"
    return "advance" if known else "new"


def replaces(new: MtdKind, known: MtdKind | None) -> bool:
    """Whether a dose news replaces the drug's known dose: an MTD always, an RP2D unless an MTD
    is known."""
    return new == "MTD" or known != "MTD"
