"""The figures `evaluate()` returns: document scores, ratios, misses, and the report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class LabeledDoc:
    """One corpus document: its id, its plain text and its labels.jsonl line."""

    id: str
    text: str
    label: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Score:
    """Confusion counts of a document-level yes/no task."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted positive."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing is positive."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: bool, gold: bool) -> Score:
        """A copy with one more document counted."""
        return Score(
            tp=self.tp + (predicted and gold),
            fp=self.fp + (predicted and not gold),
            fn=self.fn + (gold and not predicted),
            tn=self.tn + (not predicted and not gold),
        )

    def to_dict(self) -> dict[str, float | int]:
        """Counts plus precision, recall and F1 rounded to 4 places."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class Ratio:
    """correct out of total; `value` is 1.0 when total is 0."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """correct / total."""
        return self.correct / self.total if self.total else 1.0

    def to_dict(self) -> dict[str, float | int]:
        """{"correct", "total", "value"}."""
        return {"correct": self.correct, "total": self.total, "value": round(self.value, 4)}


@dataclass(frozen=True, slots=True)
class Miss:
    """One error: a false positive/negative, a wrong phase or an unmatched dose."""

    doc_id: str
    task: str  # "phase_change", "mtd", "phase", "dose"
    kind: str  # "false_positive", "false_negative", "wrong_phase", "wrong_dose"
    detail: str
    evidence: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """JSON-able form."""
        return {
            "doc_id": self.doc_id,
            "task": self.task,
            "kind": self.kind,
            "detail": self.detail,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Every figure `evaluate()` computes, for phasewatch and the keyword baseline."""

    documents: int
    phase_change: Score
    mtd: Score
    phase_accuracy: Ratio
    dose_accuracy: Ratio
    baseline_phase_change: Score
    baseline_mtd: Score
    misses: tuple[Miss, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form of the whole report."""
        return {
            "documents": self.documents,
            "phasewatch": {
                "phase_change": self.phase_change.to_dict(),
                "mtd": self.mtd.to_dict(),
                "phase_accuracy": self.phase_accuracy.to_dict(),
                "dose_accuracy": self.dose_accuracy.to_dict(),
            },
            "keyword_baseline": {
                "phase_change": self.baseline_phase_change.to_dict(),
                "mtd": self.baseline_mtd.to_dict(),
            },
            "misses": [m.to_dict() for m in self.misses],
        }
