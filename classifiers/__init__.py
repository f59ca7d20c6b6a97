"""Pure classifiers: plain text in, clinical-stage events out. No I/O, no imports of ours.

classify(text) -> list[PhaseChange | MtdOutcome]
evaluate(docs) -> EvalReport; render_report(report, verbose) -> str
"""

from classifiers.classify import classify
from classifiers.evaluation import (
    EvalReport,
    LabeledDoc,
    evaluate,
    parse_labeled_docs,
    render_report,
)
from classifiers.events import Dose, Event, MtdOutcome, PhaseChange

__all__ = [
    "Dose",
    "EvalReport",
    "Event",
    "LabeledDoc",
    "MtdOutcome",
    "PhaseChange",
    "classify",
    "evaluate",
    "parse_labeled_docs",
    "render_report",
]
