"""Pure classifiers: plain text in, clinical-stage events out. No I/O, no imports of ours."""

from classifiers.classify import classify
from classifiers.events import Dose, Event, MtdOutcome, PhaseChange

__all__ = ["Dose", "Event", "MtdOutcome", "PhaseChange", "classify"]
