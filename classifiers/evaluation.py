"""Score `classify()` against labeled documents, next to a keyword baseline. Pure: no I/O.

Definitions (document level, as in the contract):
- phase_change: a document is positive when it has an event whose status is not `planned`
  (predicted: `classify()` returned one; gold: the label's `phase_change` flag).
- mtd: a document is positive when it has an `mtd` event (gold: the label's `mtd` flag).
- phase accuracy: over documents labeled phase_change true, the share where some predicted
  non-planned event carries a phase that some gold non-planned event carries (a gold phase of
  null is matched by a predicted null). A document with no predicted event counts as wrong.
- dose accuracy: over gold mtd events with a dose, the share matched by a predicted mtd event
  of the same document with the same value and unit (kind not compared; units normalised so
  that "µg/kg" == "mcg/kg" == "ug/kg").
- keyword baseline: phase_change when "Phase 1..4" / "phase I..IV" occurs anywhere; mtd when
  "MTD" or "maximum tolerated dose" occurs anywhere.

The bot reads `CORPUS_DIR/labels.jsonl` and `ID.txt`; `parse_labeled_docs()` turns those
strings into `LabeledDoc`s, `evaluate()` scores them, `render_report()` prints the table.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from classifiers.classify import classify
from classifiers.eval_types import EvalReport, LabeledDoc, Miss, Ratio, Score
from classifiers.events import Event, MtdOutcome, PhaseChange
from classifiers.report import render_report

__all__ = [
    "EvalReport",
    "LabeledDoc",
    "Miss",
    "Ratio",
    "Score",
    "evaluate",
    "parse_labeled_docs",
    "render_report",
]

_KEYWORD_PHASE = re.compile(r"\bphase[\s-]*(?:[1-4]|iv|i{1,3})(?:[ab])?\b", re.IGNORECASE)
_KEYWORD_MTD = re.compile(r"\bMTD\b|maxim(?:um|ally)[\s-]+tolerated[\s-]+dose", re.IGNORECASE)
_UNIT_ALIASES = (("µ", "u"), ("μ", "u"), ("mcg", "ug"), ("²", "2"), (" ", ""))


def parse_labeled_docs(labels_jsonl: str, texts: Mapping[str, str]) -> list[LabeledDoc]:
    """LabeledDocs from labels.jsonl content and {id: text}; ids without text are skipped."""
    docs: list[LabeledDoc] = []
    for line in labels_jsonl.splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        doc_id = str(label["id"])
        if doc_id in texts:
            docs.append(LabeledDoc(id=doc_id, text=texts[doc_id], label=label))
    return docs


def _firm(events: Sequence[Event]) -> list[PhaseChange]:
    """Phase changes whose status is not planned."""
    return [e for e in events if isinstance(e, PhaseChange) and e.status != "planned"]


def _gold_events(label: Mapping[str, Any], kind: str) -> list[dict[str, Any]]:
    """The label's events of one type."""
    return [e for e in label.get("events") or [] if e.get("type") == kind]


def _unit(unit: str) -> str:
    """'µg/kg' -> 'ug/kg', 'mg/m²' -> 'mg/m2'."""
    low = unit.lower()
    for old, new in _UNIT_ALIASES:
        low = low.replace(old, new)
    return low


def _phase_ok(doc: LabeledDoc, firm: list[PhaseChange]) -> bool:
    """Whether a predicted firm event carries a gold firm phase."""
    gold = {e.get("phase") for e in _gold_events(doc.label, "phase_change")}
    gold_firm = {
        e.get("phase")
        for e in _gold_events(doc.label, "phase_change")
        if e.get("status") != "planned"
    }
    return any(e.phase in (gold_firm or gold) for e in firm)


def _dose_matches(gold: Mapping[str, Any], predicted: list[MtdOutcome]) -> bool:
    """Whether some predicted outcome has the gold dose's value and unit."""
    value, unit = float(gold["value"]), _unit(str(gold["unit"]))
    return any(
        e.dose is not None
        and _unit(e.dose.unit) == unit
        and math.isclose(e.dose.value, value, rel_tol=1e-6)
        for e in predicted
    )


def _describe(events: Sequence[Mapping[str, Any]]) -> str:
    """A short text for gold events: "started 2; mtd 168 mg/m2"."""
    parts = []
    for e in events:
        if e.get("type") == "mtd":
            dose = e.get("dose") or {}
            parts.append(f"{e.get('kind')} {dose.get('value', '-')} {dose.get('unit', '')}".strip())
        else:
            parts.append(f"{e.get('status')} phase {e.get('phase')}")
    return "; ".join(parts) or "no events"


def _detection_misses(
    doc: LabeledDoc, events: Sequence[Event], firm: list[PhaseChange]
) -> list[Miss]:
    """False positives and negatives of the two document-level tasks."""
    misses: list[Miss] = []
    gold_pc, gold_mtd = bool(doc.label.get("phase_change")), bool(doc.label.get("mtd"))
    mtds = [e for e in events if isinstance(e, MtdOutcome)]
    gold_text = _describe(doc.label.get("events") or [])
    if firm and not gold_pc:
        detail = f"predicted {firm[0].status} phase {firm[0].phase}; gold: {gold_text}"
        misses.append(Miss(doc.id, "phase_change", "false_positive", detail, firm[0].evidence))
    if gold_pc and not firm:
        misses.append(Miss(doc.id, "phase_change", "false_negative", f"gold: {gold_text}"))
    if mtds and not gold_mtd:
        dose = mtds[0].dose
        detail = (
            f"predicted {mtds[0].kind} {dose.value if dose else '-'} {dose.unit if dose else ''}"
        )
        misses.append(Miss(doc.id, "mtd", "false_positive", detail.strip(), mtds[0].evidence))
    if gold_mtd and not mtds:
        misses.append(Miss(doc.id, "mtd", "false_negative", f"gold: {gold_text}"))
    return misses


def _accuracy_misses(
    doc: LabeledDoc, events: Sequence[Event], firm: list[PhaseChange]
) -> tuple[Ratio, Ratio, list[Miss]]:
    """Phase and dose accuracy of one document, with the misses behind them."""
    misses: list[Miss] = []
    phase = Ratio()
    if doc.label.get("phase_change"):
        ok = _phase_ok(doc, firm)
        phase = Ratio(int(ok), 1)
        if firm and not ok:
            gold = _describe(_gold_events(doc.label, "phase_change"))
            detail = f"predicted phase {firm[0].phase}; gold: {gold}"
            misses.append(Miss(doc.id, "phase", "wrong_phase", detail, firm[0].evidence))
    mtds = [e for e in events if isinstance(e, MtdOutcome)]
    gold_doses = [e["dose"] for e in _gold_events(doc.label, "mtd") if e.get("dose")]
    correct = 0
    for gold in gold_doses:
        if _dose_matches(gold, mtds):
            correct += 1
        else:
            found = ", ".join(f"{e.dose.value} {e.dose.unit}" for e in mtds if e.dose) or "none"
            detail = f"gold dose {gold['value']} {gold['unit']}; predicted: {found}"
            evidence = mtds[0].evidence if mtds else None
            misses.append(Miss(doc.id, "dose", "wrong_dose", detail, evidence))
    return phase, Ratio(correct, len(gold_doses)), misses


def _add(a: Ratio, b: Ratio) -> Ratio:
    """Sum of two ratios."""
    return Ratio(a.correct + b.correct, a.total + b.total)


def evaluate(docs: Sequence[LabeledDoc]) -> EvalReport:
    """Run classify() on each document and score it against its labels (see module doc)."""
    pc, mtd, base_pc, base_mtd = Score(), Score(), Score(), Score()
    phase_acc, dose_acc = Ratio(), Ratio()
    misses: list[Miss] = []
    for doc in docs:
        events = classify(doc.text)
        firm = _firm(events)
        gold_pc, gold_mtd = bool(doc.label.get("phase_change")), bool(doc.label.get("mtd"))
        pc = pc.add(bool(firm), gold_pc)
        mtd = mtd.add(any(isinstance(e, MtdOutcome) for e in events), gold_mtd)
        base_pc = base_pc.add(_KEYWORD_PHASE.search(doc.text) is not None, gold_pc)
        base_mtd = base_mtd.add(_KEYWORD_MTD.search(doc.text) is not None, gold_mtd)
        phase, dose, accuracy_misses = _accuracy_misses(doc, events, firm)
        phase_acc, dose_acc = _add(phase_acc, phase), _add(dose_acc, dose)
        misses.extend(_detection_misses(doc, events, firm))
        misses.extend(accuracy_misses)
    return EvalReport(
        documents=len(docs),
        phase_change=pc,
        mtd=mtd,
        phase_accuracy=phase_acc,
        dose_accuracy=dose_acc,
        baseline_phase_change=base_pc,
        baseline_mtd=base_mtd,
        misses=tuple(misses),
    )
